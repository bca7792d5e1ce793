// A throwaway PostgreSQL cluster for the test suite: initdb + pg_ctl on a free port in a temp dir,
// removed afterwards. Plain JavaScript so scripts/run-tests.mjs (run by node without tsx) and the
// TypeScript tests share it. PostgreSQL refuses to run as root, so as root (CI) the binaries run
// as the `postgres` user through runuser, in a temp dir that user owns.
import { spawnSync } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** The newest PostgreSQL server binaries on this machine, or undefined. */
export function findPgBin() {
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) {
    return undefined
  }
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a))
  return versions[0] === undefined ? undefined : join(root, versions[0], 'bin')
}

function freePort() {
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

function postgresUid() {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'))
  if (!line) {
    throw new Error('running as root but there is no postgres user to run PostgreSQL as')
  }
  const [, , uid, gid] = line.split(':')
  return { uid: Number(uid), gid: Number(gid) }
}

function run(asPostgres, command, args) {
  const [cmd, argv] = asPostgres ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args]
  const r = spawnSync(cmd, argv, { encoding: 'utf8' })
  if (r.status !== 0) {
    throw new Error(`${command} failed (${r.status}): ${r.stderr || r.stdout || r.error?.message}`)
  }
  return r.stdout
}

const PREFIX = 'projektatlas-pg-'

function alive(pid) {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return e.code === 'EPERM'
  }
}

/**
 * Stops and removes clusters left behind by runs that were killed before they could clean up
 * (a killed process cannot run its exit handler, and postgres outlives it).
 */
export function sweepStaleClusters() {
  const bin = findPgBin()
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(PREFIX)) {
      continue
    }
    const dir = join(tmpdir(), name)
    let owner = Number.NaN
    try {
      owner = Number(readFileSync(join(dir, 'owner.pid'), 'utf8'))
    } catch {
      // no owner file: a cluster still being created, or not ours to judge
      continue
    }
    if (alive(owner)) {
      continue
    }
    if (bin && existsSync(join(dir, 'data', 'postmaster.pid'))) {
      const asPostgres = process.getuid?.() === 0
      spawnSync(asPostgres ? 'runuser' : join(bin, 'pg_ctl'), [
        ...(asPostgres ? ['-u', 'postgres', '--', join(bin, 'pg_ctl')] : []),
        'stop',
        '-D',
        join(dir, 'data'),
        '-m',
        'immediate',
        '-s',
      ])
    }
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * A cluster directory and a port, the server started on them by `create(data, run)` and then
 * pg_ctl with `settings`; `stop` is synchronous (exit handlers) and removes the directory.
 */
async function launch(settings, create) {
  const bin = findPgBin()
  if (!bin) {
    throw new Error(
      'PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): apt-get install postgresql',
    )
  }
  sweepStaleClusters()
  const asPostgres = process.getuid?.() === 0
  const dir = mkdtempSync(join(tmpdir(), PREFIX))
  writeFileSync(join(dir, 'owner.pid'), String(process.pid))
  if (asPostgres) {
    const { uid, gid } = postgresUid()
    chownSync(dir, uid, gid)
  }
  const data = join(dir, 'data')
  const port = await freePort()
  let started = false
  const stop = () => {
    if (started) {
      started = false
      spawnSync(asPostgres ? 'runuser' : join(bin, 'pg_ctl'), [
        ...(asPostgres ? ['-u', 'postgres', '--', join(bin, 'pg_ctl')] : []),
        'stop',
        '-D',
        data,
        '-m',
        'immediate',
        '-s',
      ])
    }
    rmSync(dir, { recursive: true, force: true })
  }
  try {
    create(data, (tool, args) => run(asPostgres, join(bin, tool), args))
    const options = Object.entries(settings)
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
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 ${options}`,
    ])
    started = true
  } catch (e) {
    stop()
    throw e
  }
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, dir, stop }
}

// Durability is pointless for a throwaway test cluster; speed is not.
const FAST = { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off', max_connections: '200' }

/**
 * Starts a fresh cluster.
 * @param {{ settings?: Record<string, string>, durable?: boolean }} [options] server settings
 *   (`-c name=value`); `durable` keeps fsync, synchronous_commit and full_page_writes at their
 *   defaults (a benchmark), otherwise they are off (tests)
 * @returns {Promise<{ url: string, dir: string, stop: () => void }>} `stop` is synchronous so it
 *   can run in an exit handler; it stops the server and removes the directory
 */
export function startCluster(options = {}) {
  const settings = { ...(options.durable ? {} : FAST), ...options.settings }
  return launch(settings, (data, tool) =>
    tool('initdb', [
      '-D',
      data,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--locale=C',
      ...(options.durable ? [] : ['--no-sync']),
    ]),
  )
}

/**
 * Starts a streaming replica (hot standby, read only) of a cluster from startCluster, on a port of
 * its own.
 * @param {{ url: string }} primary
 * @returns {Promise<{ url: string, dir: string, stop: () => void }>}
 */
export function startReplica(primary) {
  // -R writes standby.signal and the connection to the primary: the copy starts as a hot standby,
  // which needs at least the primary's max_connections.
  return launch({ fsync: 'off', hot_standby: 'on', max_connections: FAST.max_connections }, (data, tool) =>
    tool('pg_basebackup', [
      '-D',
      data,
      '-R',
      '-X',
      'stream',
      '-h',
      '127.0.0.1',
      '-p',
      new URL(primary.url).port,
      '-U',
      'postgres',
      '--no-sync',
    ]),
  )
}
