import { useFormAction, useNavigation } from '@remix-run/react'

/**
 * Whether a form of this page is being submitted (epic stack's useIsPending). Takes the form's action
 * (defaults to the current route's, as a `<Form>` without `action` posts) and, optionally, the intent
 * of the button to watch. Returns true from the click until the answer arrives; always false without
 * JavaScript, where the browser shows its own progress.
 */
export function useIsPending({ formAction, intent }: { formAction?: string; intent?: string } = {}) {
  const ownAction = useFormAction()
  const navigation = useNavigation()
  if (navigation.state === 'idle' || navigation.formMethod == null) return false
  if (stripIndex(navigation.formAction ?? '') !== stripIndex(formAction ?? ownAction)) return false
  return intent == null || navigation.formData?.get('intent') === intent
}

function stripIndex(action: string) {
  return action.replace(/\?index$/, '')
}
