import { useFormAction, useNavigation } from '@remix-run/react'

/**
 * Whether a form of this page is being submitted (epic stack's useIsPending). Takes the form's action
 * (defaults to the current route's, as a `<Form>` without `action` posts), optionally the intent of the
 * button to watch, and optionally `match`: fields the submitted form data must carry, compared as
 * strings (e.g. `{ applicationId: 12 }`). `match` is what tells one row's form from the others when
 * every row of a list posts the same intent to the same action, so only that row's button shows pending.
 * Returns true from the click until the answer arrives; always false without JavaScript, where the
 * browser shows its own progress.
 */
export function useIsPending({ formAction, intent, match }: { formAction?: string; intent?: string; match?: Record<string, string | number> } = {}) {
  const ownAction = useFormAction()
  const navigation = useNavigation()
  if (navigation.state === 'idle' || navigation.formMethod == null) return false
  if (stripIndex(navigation.formAction ?? '') !== stripIndex(formAction ?? ownAction)) return false
  const sent = navigation.formData
  if (intent != null && sent?.get('intent') !== intent) return false
  return Object.entries(match ?? {}).every(([name, value]) => sent?.get(name) === String(value))
}

function stripIndex(action: string) {
  return action.replace(/\?index$/, '')
}
