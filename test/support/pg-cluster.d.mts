/** The newest PostgreSQL server binaries on this machine, or undefined. */
export function findPgBin(): string | undefined

/** A running throwaway cluster; `stop` is synchronous (usable in exit handlers) and removes its files. */
export interface PgCluster {
  readonly url: string
  readonly dir: string
  stop(): void
}

/**
 * Starts a fresh PostgreSQL cluster on a free port in a temp dir: fsync and friends off (tests)
 * unless `durable` (a benchmark), with any further server `settings`.
 */
export function startCluster(options?: {
  readonly settings?: Readonly<Record<string, string>>
  readonly durable?: boolean
}): Promise<PgCluster>

/** Stops and removes clusters whose owning process is gone. */
export function sweepStaleClusters(): void

/** Starts a streaming replica (hot standby, read only) of a cluster from startCluster. */
export function startReplica(primary: { readonly url: string }): Promise<PgCluster>
