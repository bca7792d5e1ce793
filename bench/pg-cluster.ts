import { spawnSync } from 'node:child_process'
import { chownSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { findPgBin, sweepStaleClusters } from '../test/support/pg-cluster.mjs'

// A throwaway PostgreSQL cluster for the scale benchmark. Unlike the test suite's cluster
// (test/support/pg-cluster.mjs: fsync off, no full-page writes), this one keeps PostgreSQL's
// durability on, since it is measured: fsync, full_page_writes and synchronous_commit stay at their
// defaults. It is sized for a benchmark on a 24 GB machine instead: see BENCH_SETTINGS. It follows
// the test cluster's conventions (temp dir prefix, owner.pid) so either's sweep removes the other's
// leftovers, and runs as the `postgres` user through runuser when we are root.

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
export interface BenchCluster {
  /** URL of the cluster's `postgres` database, as the superuser */
  readonly url: string
  readonly dir: string
  stop(): void
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

function postgresIds(): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'))
  if (!line) {
    throw new Error('running as root but there is no postgres user to run PostgreSQL as')
  }
  const [, , uid, gid] = line.split(':')
  return { uid: Number(uid), gid: Number(gid) }
}

function run(asPostgres: boolean, command: string, args: string[]): void {
  const [cmd, argv] = asPostgres ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args]
  const r = spawnSync(cmd, argv, { encoding: 'utf8' })
  if (r.status !== 0) {
    throw new Error(`${command} failed (${r.status}): ${r.stderr || r.stdout || r.error?.message}`)
  }
}

/** Starts a fresh benchmark cluster on a free port in a temp dir (PostgreSQL must be installed). */
export async function startBenchCluster(): Promise<BenchCluster> {
  const bin = findPgBin()
  if (!bin) {
    throw new Error(
      'PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): apt-get install postgresql, or set BENCH_DATABASE_URL',
    )
  }
  sweepStaleClusters()
  const asPostgres = process.getuid?.() === 0
  const dir = mkdtempSync(join(tmpdir(), 'projektatlas-pg-'))
  writeFileSync(join(dir, 'owner.pid'), String(process.pid))
  if (asPostgres) {
    const { uid, gid } = postgresIds()
    chownSync(dir, uid, gid)
  }
  const data = join(dir, 'data')
  const port = await freePort()
  let started = false
  const stop = () => {
    if (started) {
      started = false
      const pgCtl = join(bin, 'pg_ctl')
      spawnSync(asPostgres ? 'runuser' : pgCtl, [
        ...(asPostgres ? ['-u', 'postgres', '--', pgCtl] : []),
        'stop',
        '-D',
        data,
        '-m',
        'fast',
        '-s',
      ])
    }
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    run(asPostgres, join(bin, 'initdb'), [
      '-D',
      data,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--locale=C',
    ])
    const settings = Object.entries(BENCH_SETTINGS)
      .map(([k, v]) => `-c ${k}=${v}`)
      .join(' ')
    run(asPostgres, join(bin, 'pg_ctl'), [
      'start',
      '-D',
      data,
      '-w',
      '-s',
      '-l',
      join(dir, 'log'),
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 ${settings}`,
    ])
    started = true
  } catch (e) {
    stop()
    throw e
  }
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, dir, stop }
}
