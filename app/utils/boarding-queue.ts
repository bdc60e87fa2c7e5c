import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react'
import type { BoardingMark } from '~/rules/batch'
import { MAX_CHECKINS_PER_SYNC, type SeatMark } from '~/rules/boarding'
import { FORGET_EVENT, OFFLINE_BOARDING_PREFIX } from './offline-boarding'

// The escort's phone on departure day (issue 12 §6, decision 022), in the browser only: each tick shows at
// once and goes into a queue kept in localStorage (one per batch), which is sent to the sync action when
// there is a signal — at once, on the 'online' event and every few seconds — in parts of
// MAX_CHECKINS_PER_SYNC. Every check-in carries its own id and the mark the phone showed before it, so a
// sync sent twice counts once and someone else's mark made meanwhile comes back as a conflict for the escort
// to settle. A small service worker (public/boarding-sw.js) keeps the page itself for a reload with no signal.

/** A tick waiting to be sent. */
export type Pending = { seatId: number; mark: BoardingMark | null; checkinId: string; base: BoardingMark | null; at: string }

/** A tick the system refused because someone else marked the seat meanwhile. */
export type Conflict = { seatId: number; phone: BoardingMark | null; system: SeatMark }

/** Where the queue stands, for the header: all sent, waiting (no signal), sending, or refused with a message. */
export type SyncState = { kind: 'synced' | 'waiting' | 'sending' } | { kind: 'refused' | 'signed_out'; message: string }

type Stored = { queue: Pending[]; conflicts: Conflict[] }

type SyncAnswer = {
  ok: true
  answers: { checkinId: string; seatId: number; mark: BoardingMark | null; result: string; current: SeatMark }[]
  marks: Record<string, SeatMark>
}

const RETRY_MS = 5_000
const SEND_TIMEOUT_MS = 15_000

const EMPTY: Stored = { queue: [], conflicts: [] }

/** The phone's queue as a store the page subscribes to: one snapshot per batch, read from localStorage once. */
const snapshots = new Map<number, Stored>()
const listeners = new Set<() => void>()

function storageKey(batchId: number) {
  return `${OFFLINE_BOARDING_PREFIX}${batchId}`
}

// Signing out forgets the stored queues (./offline-boarding); the snapshots held in memory go with them.
if (typeof window !== 'undefined')
  window.addEventListener(FORGET_EVENT, () => {
    snapshots.clear()
    for (const listener of listeners) listener()
  })

function readStored(batchId: number): Stored {
  const kept = snapshots.get(batchId)
  if (kept) return kept
  let stored = EMPTY
  try {
    const raw = JSON.parse(localStorage.getItem(storageKey(batchId)) ?? 'null') as Partial<Stored> | null
    if (raw) stored = { queue: Array.isArray(raw.queue) ? raw.queue : [], conflicts: Array.isArray(raw.conflicts) ? raw.conflicts : [] }
  } catch {
    // Unreadable: start empty.
  }
  snapshots.set(batchId, stored)
  return stored
}

function writeStored(batchId: number, stored: Stored) {
  snapshots.set(batchId, stored)
  try {
    if (stored.queue.length === 0 && stored.conflicts.length === 0) localStorage.removeItem(storageKey(batchId))
    else localStorage.setItem(storageKey(batchId), JSON.stringify(stored))
  } catch {
    // Storage full or disabled: the ticks still go out while the page stays open.
  }
  for (const listener of listeners) listener()
}

function subscribe(listener: () => void) {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** A check-in id: a UUID where the browser makes one (a secure context), else 32 random hex digits. */
function newCheckinId() {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('')
}

/** The page's own files (scripts, styles, the page) for the service worker to keep, so a reload with no signal still shows the list. */
function pageFiles() {
  const urls = new Set<string>([location.pathname + location.search])
  for (const el of document.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"], link[rel="stylesheet"], link[rel="icon"]')) urls.add(el.href)
  for (const el of document.querySelectorAll<HTMLScriptElement>('script[src]')) urls.add(el.src)
  const manifest = (window as { __remixManifest?: { url?: string } }).__remixManifest?.url
  if (manifest) urls.add(manifest)
  return [...urls]
}

/**
 * The registration's worker once it is active (null if it becomes redundant). Not `serviceWorker.ready`: that
 * waits for a worker whose scope holds the URL the document was first loaded at, which is another page's when
 * the escort came here by a link inside the app.
 */
function activeWorker(reg: ServiceWorkerRegistration): Promise<ServiceWorker | null> {
  if (reg.active) return Promise.resolve(reg.active)
  const worker = reg.installing ?? reg.waiting
  if (!worker) return Promise.resolve(null)
  return new Promise((resolve) => {
    worker.addEventListener('statechange', () => {
      if (worker.state === 'activated') resolve(worker)
      else if (worker.state === 'redundant') resolve(null)
    })
  })
}

/** Asks this batch's boarding worker, if registered, to keep a fresh copy of the page. */
function refreshOfflineCopy(batchId: number) {
  if (!('serviceWorker' in navigator)) return
  void navigator.serviceWorker
    .getRegistration(`/west/batches/${batchId}/boarding`)
    .then((reg) => reg?.active?.postMessage({ type: 'keep', urls: [location.pathname + location.search] }))
    .catch(() => undefined)
}

/** Registers the boarding service worker for this batch's page only (its scope is the page's path) and hands it the files to keep; or, while the list takes no marks (before the day, after departure), removes it and its copy. */
function useOfflineCopy(batchId: number, frozen: boolean, dropCopy: boolean) {
  useEffect(() => {
    if (!('serviceWorker' in navigator)) return
    const scope = `/west/batches/${batchId}/boarding`
    if (frozen) {
      // Before the departure day and after departure the list is read-only: nothing to keep offline, and the
      // copy holds phone numbers.
      if (dropCopy)
        void navigator.serviceWorker
          .getRegistration(scope)
          .then((reg) => reg?.unregister())
          .then(() => caches.delete(`boarding:${scope}`))
          .catch(() => undefined)
      return
    }
    navigator.serviceWorker
      .register('/boarding-sw.js', { scope })
      .then(activeWorker)
      .then((worker) => worker?.postMessage({ type: 'keep', urls: pageFiles() }))
      .catch(() => undefined)
  }, [batchId, frozen, dropCopy])
}

/**
 * The boarding queue of batch `batchId`. Takes the marks the page was rendered with (by seat id) and whether
 * the list is frozen; returns each seat's shown mark (the last tick waiting, else the system's), the queue,
 * the conflicts, the sync state, `tick` (mark or clear a seat), `keepSystem` (drop a conflict) and `discard`
 * (give up the ticks the system refused).
 */
export function useBoardingQueue(batchId: number, initialMarks: Record<number, SeatMark>, frozen: boolean) {
  const [marks, setMarks] = useState(initialMarks)
  const stored = useSyncExternalStore(
    subscribe,
    () => readStored(batchId),
    () => EMPTY,
  )
  const [phase, setPhase] = useState<SyncState | null>(null)
  const sending = useRef(false)

  const sync = useCallback(async () => {
    if (sending.current || frozen || readStored(batchId).queue.length === 0) return
    sending.current = true
    setPhase({ kind: 'sending' })
    try {
      let queue = readStored(batchId).queue
      while (queue.length > 0) {
        const part = queue.slice(0, MAX_CHECKINS_PER_SYNC)
        const response = await fetch(`/west/batches/${batchId}/boarding/sync`, {
          method: 'POST',
          body: new URLSearchParams({ checkins: JSON.stringify(part) }),
          redirect: 'manual',
          signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
        })
        if (response.type === 'opaqueredirect' || response.status === 401 || response.status === 403) {
          return setPhase({ kind: 'signed_out', message: '登录已失效：请重新登录后回到本页，未发送的登记仍保存在手机上' })
        }
        const body = (await response.json().catch(() => null)) as SyncAnswer | { ok: false; error: string } | null
        if (!body || response.status >= 500) return setPhase(null)
        if (!body.ok) return setPhase({ kind: 'refused', message: body.error })
        const sent = new Set(part.map((p) => p.checkinId))
        const now = readStored(batchId)
        const conflicts = new Map(now.conflicts.map((c) => [c.seatId, c]))
        for (const a of body.answers) {
          if (a.result === 'conflict') conflicts.set(a.seatId, { seatId: a.seatId, phone: a.mark, system: a.current })
          else if (a.result === 'applied' || a.result === 'unchanged') conflicts.delete(a.seatId)
        }
        queue = now.queue.filter((p) => !sent.has(p.checkinId))
        writeStored(batchId, { queue, conflicts: [...conflicts.values()] })
        setMarks(Object.fromEntries(Object.entries(body.marks).map(([k, v]) => [Number(k), v])))
      }
      setPhase(null)
      // The kept copy of the page now shows the marks as sent, for a reload with no signal.
      refreshOfflineCopy(batchId)
    } catch {
      setPhase(null)
    } finally {
      sending.current = false
    }
  }, [batchId, frozen])

  useEffect(() => {
    const first = window.setTimeout(() => void sync(), 0)
    const retry = window.setInterval(() => void sync(), RETRY_MS)
    const online = () => void sync()
    window.addEventListener('online', online)
    return () => {
      window.clearTimeout(first)
      window.clearInterval(retry)
      window.removeEventListener('online', online)
    }
  }, [sync])

  useOfflineCopy(batchId, frozen, frozen && stored.queue.length === 0)

  const state: SyncState = phase ?? { kind: stored.queue.length > 0 ? 'waiting' : 'synced' }

  const shownMark = (seatId: number): BoardingMark | null => {
    const last = stored.queue.findLast((p) => p.seatId === seatId)
    return last ? last.mark : (marks[seatId]?.mark ?? null)
  }

  const tick = (seatId: number, mark: BoardingMark | null) => {
    const base = shownMark(seatId)
    if (base === mark) return
    const now = readStored(batchId)
    const item: Pending = { seatId, mark, base, checkinId: newCheckinId(), at: new Date().toISOString() }
    writeStored(batchId, { queue: [...now.queue, item], conflicts: now.conflicts.filter((c) => c.seatId !== seatId) })
    void sync()
  }

  const keepSystem = (seatId: number) => {
    const now = readStored(batchId)
    writeStored(batchId, { ...now, conflicts: now.conflicts.filter((c) => c.seatId !== seatId) })
  }

  const discard = () => {
    writeStored(batchId, { queue: [], conflicts: readStored(batchId).conflicts })
    setPhase(null)
  }

  return { marks, queue: stored.queue, conflicts: stored.conflicts, state, shownMark, tick, keepSystem, discard }
}
