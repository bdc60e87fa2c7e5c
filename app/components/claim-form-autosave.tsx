import { useLocation } from '@remix-run/react'
import { useEffect, useRef, useState, type FormEvent } from 'react'

// A claim draft saved as it goes (issue 13 §3): with JavaScript, a section of the editor posts itself — the
// same form, without its files, marked `autosave` so the action answers with data instead of a redirect — a
// moment after the worker changes a field, with no page reload and a small status beside the button. A weak
// network loses nothing: a send that fails is retried (every 5 s, and at once when the phone is back online)
// with the latest values, and the fields keep what was typed. The new-ticket form is not saved as it goes: saved
// before it is complete it would make a ticket; its button adds it. Without JavaScript none of this runs and
// the section buttons save.

/** How long after the last change a section is sent, in ms. */
const SETTLE_MS = 800
/** How long after a failed send it is tried again, in ms. */
const RETRY_MS = 5_000

export type AutosaveState = 'idle' | 'saving' | 'saved' | 'refused' | 'offline'

const WORDS: Record<AutosaveState, string> = {
  idle: '',
  saving: '正在保存…',
  saved: '已保存',
  refused: '未保存：请按提示修改后点保存',
  offline: '网络不好，未保存；恢复后会自动保存，填写的内容不会丢',
}

/** The body of an autosave: the form's fields without its files, marked `autosave`. */
function bodyOf(form: HTMLFormElement): FormData {
  const body = new FormData(form)
  body.delete('files')
  body.set('autosave', '1')
  return body
}

/**
 * Saves the form it is attached to as the worker types: spread `handlers` on the form and show `status`.
 * `formKey` is the section's `?form=` key (ticket-12, proof). Returns the handlers, the state and its words.
 */
export function useAutosave(formKey: string) {
  const { pathname } = useLocation()
  const [state, setState] = useState<AutosaveState>('idle')
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const latest = useRef<HTMLFormElement | null>(null)
  const sending = useRef(false)

  // The listener is bound once and calls the current send through a ref.
  const sendRef = useRef<() => Promise<void>>(async () => {})
  useEffect(() => {
    const again = () => {
      if (latest.current) void sendRef.current()
    }
    window.addEventListener('online', again)
    return () => {
      window.removeEventListener('online', again)
      if (timer.current) clearTimeout(timer.current)
    }
  }, [])

  sendRef.current = send
  async function send() {
    const form = latest.current
    if (!form || sending.current) return
    sending.current = true
    latest.current = null
    setState('saving')
    try {
      const response = await fetch(`${pathname}?form=${formKey}`, { method: 'POST', body: bodyOf(form), credentials: 'same-origin' })
      setState(response.ok ? 'saved' : 'refused')
    } catch {
      // Kept for the retry unless newer values came meanwhile.
      latest.current ??= form
      setState('offline')
      timer.current = setTimeout(() => {
        timer.current = null
        void send()
      }, RETRY_MS)
    } finally {
      sending.current = false
      if (latest.current && timer.current == null) void send()
    }
  }

  function onChange(event: FormEvent<HTMLFormElement>) {
    if ((event.target as HTMLInputElement).type === 'file') return
    latest.current = event.currentTarget
    if (timer.current) clearTimeout(timer.current)
    timer.current = setTimeout(() => {
      timer.current = null
      void send()
    }, SETTLE_MS)
  }

  return { handlers: { onChange }, state, words: WORDS[state] }
}
