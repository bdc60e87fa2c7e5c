/**
 * Runs `work` while sampling this process every 10 ms. Returns its result, the time it took (ms), the
 * peak growth of resident memory (MB, worker threads included) and the longest the event loop stood
 * still (ms) — the in-process stand-in for "other users keep being served".
 */
export async function measured<T>(work: () => Promise<T>) {
  const rss = process.memoryUsage().rss
  let peak = rss
  let last = performance.now()
  let stall = 0
  const sampler = setInterval(() => {
    const now = performance.now()
    stall = Math.max(stall, now - last)
    last = now
    peak = Math.max(peak, process.memoryUsage().rss)
  }, 10)
  const started = performance.now()
  try {
    const result = await work()
    return { result, ms: performance.now() - started, rssGrowthMb: (peak - rss) / 2 ** 20, stallMs: Math.max(stall, performance.now() - last) }
  } finally {
    clearInterval(sampler)
  }
}
