// What the boarding page keeps on the phone for use with no signal (decision 022), seen from outside the page:
// the header's sign-out button counts the ticks still waiting and forgets everything kept. No imports, so the
// header (on every page) does not pull the boarding page's code, or its validation library, into every page.

/** The prefix of the localStorage keys (one queue per batch) and cache names the boarding page keeps. */
export const OFFLINE_BOARDING_PREFIX = 'boarding:'

/** The window event that tells a loaded boarding queue to drop what it holds in memory. */
export const FORGET_EVENT = 'boarding:forget'

/** How many ticks wait on this phone, over every batch (localStorage `boarding:*`); 0 where storage cannot be read. */
export function waitingBoardingTicks(): number {
  let waiting = 0
  try {
    for (let i = 0; i < localStorage.length; i++) {
      const key = localStorage.key(i)
      if (!key?.startsWith(OFFLINE_BOARDING_PREFIX)) continue
      const raw = JSON.parse(localStorage.getItem(key) ?? 'null') as { queue?: unknown } | null
      waiting += Array.isArray(raw?.queue) ? raw.queue.length : 0
    }
  } catch {
    // Unreadable storage holds nothing to lose.
  }
  return waiting
}

/**
 * Forgets every offline boarding copy on this phone: the queued ticks and conflicts (localStorage
 * `boarding:*`), the kept pages (caches `boarding:*`) and their service workers. Called on sign-out (decision
 * 022), so the next person on a shared phone neither reads the list's names and phone numbers nor sends the
 * ticks under their own name; the sign-out answer's Clear-Site-Data header does the same where the browser
 * honours it (HTTPS or localhost). Resolves when done; never rejects.
 */
export async function forgetOfflineBoarding(): Promise<void> {
  try {
    const keys = Array.from({ length: localStorage.length }, (_, i) => localStorage.key(i)).filter((k) => k?.startsWith(OFFLINE_BOARDING_PREFIX))
    for (const key of keys) localStorage.removeItem(key!)
  } catch {
    // Storage disabled: nothing was kept.
  }
  // The boarding page's queue (if its code is loaded) drops what it holds in memory too.
  window.dispatchEvent(new Event(FORGET_EVENT))
  try {
    if ('caches' in window) for (const name of await caches.keys()) if (name.startsWith(OFFLINE_BOARDING_PREFIX)) await caches.delete(name)
    if ('serviceWorker' in navigator)
      for (const reg of await navigator.serviceWorker.getRegistrations()) if (new URL(reg.scope).pathname.endsWith('/boarding')) await reg.unregister()
  } catch {
    // Not allowed here (an insecure context): the browser keeps nothing to forget.
  }
}
