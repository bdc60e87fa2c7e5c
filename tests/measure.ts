/**
 * How many times slower than its own CPU time this process runs right now (≥ 1): spins until `cpuMs` of CPU
 * are used and returns wall time ÷ CPU time. About 1 on an idle machine; with other processes competing for
 * the two cores (the rest of the suite, a build) it grows. Wall-clock bounds in tests are multiplied by it,
 * so that they keep measuring the code's own delays on a loaded machine — this machine's ceiling measured in
 * the same run — instead of the neighbours'.
 */
export function slowdown(cpuMs = 40): number {
  const cpu = process.cpuUsage()
  const started = performance.now()
  let sink = 0
  for (;;) {
    for (let i = 1; i < 20_000; i++) sink += Math.sqrt(i)
    const used = process.cpuUsage(cpu)
    if ((used.user + used.system) / 1000 >= cpuMs) break
  }
  return sink > 0 ? Math.max(1, (performance.now() - started) / cpuMs) : 1
}

/**
 * Runs `work` while sampling this process every 10 ms. Returns its result, the time it took (ms), the
 * peak growth of resident memory (MB, worker threads included), the longest the event loop stood
 * still (ms) — the in-process stand-in for "other users keep being served" — and the machine's slowdown
 * (see `slowdown`, the larger of before and after) to scale wall-clock bounds by.
 */
export async function measured<T>(work: () => Promise<T>) {
  const before = slowdown()
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
    const ms = performance.now() - started
    const stallMs = Math.max(stall, performance.now() - last)
    return { result, ms, rssGrowthMb: (peak - rss) / 2 ** 20, stallMs, slowdown: Math.max(before, slowdown()) }
  } finally {
    clearInterval(sampler)
  }
}
