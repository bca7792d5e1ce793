/** Percentiles of a sample, in ms. */
export interface Stats {
  readonly p50: number
  readonly p95: number
  readonly p99: number
}

/** p50, p95 and p99 of a sample (nearest rank). */
export function stats(samples: readonly number[]): Stats {
  const s = [...samples].sort((a, b) => a - b)
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) }
}

/** The median of a sample (the mean of the middle two when it has an even size). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2
}

/** Runs `f` `warmups` times unmeasured, then `runs` times; returns each measured run's ms. */
export async function sample(
  runs: number,
  f: (i: number) => Promise<unknown> | unknown,
  warmups = 3,
): Promise<number[]> {
  for (let i = 0; i < warmups; i++) {
    await f(i)
  }
  const ms: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    await f(i)
    ms.push(performance.now() - t0)
  }
  return ms
}

/** Median and fastest of `runs` timed runs after 3 warm-up runs. */
export async function medianOf(
  runs: number,
  f: () => Promise<unknown> | unknown,
): Promise<{ median: number; min: number }> {
  const ms = await sample(runs, f)
  return { median: median(ms), min: Math.min(...ms) }
}
