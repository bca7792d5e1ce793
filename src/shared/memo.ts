/**
 * `fn` remembered for up to `limit` distinct arguments, then forgotten all at once: readers, the
 * matcher and the indexer see the same strings again and again, and a full clear costs less
 * bookkeeping than evicting the least recently used.
 */
export function memoize<A, R>(fn: (arg: A) => R, limit: number): (arg: A) => R {
  const seen = new Map<A, R>()
  return (arg) => {
    let result = seen.get(arg)
    if (result === undefined) {
      result = fn(arg)
      if (seen.size >= limit) {
        seen.clear()
      }
      seen.set(arg, result)
    }
    return result
  }
}
