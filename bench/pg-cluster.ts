import { type PgCluster, startCluster } from '../test/support/pg-cluster.mjs'

// A throwaway PostgreSQL cluster for the scale benchmark. Unlike the test suite's cluster (fsync
// off, no full-page writes), this one keeps PostgreSQL's durability on, since it is measured:
// fsync, full_page_writes and synchronous_commit stay at their defaults. It is sized for a
// benchmark on a 24 GB machine instead: see BENCH_SETTINGS.

/**
 * Settings of the benchmark cluster, printed in docs/benchmarks.md. Durability settings are left
 * at their defaults (fsync on, full_page_writes on, synchronous_commit on).
 */
export const BENCH_SETTINGS: Readonly<Record<string, string>> = {
  shared_buffers: '1GB',
  effective_cache_size: '8GB',
  work_mem: '32MB',
  maintenance_work_mem: '512MB',
  // A bulk load writes gigabytes of WAL: without room for it, checkpoints every few seconds.
  max_wal_size: '16GB',
  checkpoint_timeout: '30min',
  max_connections: '100',
}

/** A running benchmark cluster; `stop` is synchronous (usable in exit handlers) and removes its files. */
export type BenchCluster = PgCluster

/** Starts a fresh benchmark cluster on a free port in a temp dir (PostgreSQL must be installed). */
export function startBenchCluster(): Promise<BenchCluster> {
  return startCluster({ durable: true, settings: BENCH_SETTINGS })
}
