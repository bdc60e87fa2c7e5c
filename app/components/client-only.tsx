import { useSyncExternalStore, type ReactNode } from 'react'

const subscribe = () => () => {}

/** True in the browser once React has hydrated; false on the server and during hydration. */
export function useHydrated() {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  )
}

/**
 * Renders its children only in the browser, after hydration; the fallback everywhere else. For things
 * that touch `window` when they load (Leaflet). `children` is a function so nothing inside it is even
 * created on the server.
 */
export function ClientOnly({ children, fallback = null }: { children: () => ReactNode; fallback?: ReactNode }) {
  return useHydrated() ? <>{children()}</> : <>{fallback}</>
}
