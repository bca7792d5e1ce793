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
 * Starts a fresh cluster.
 * @returns {Promise<{ url: string, dir: string, stop: () => void }>} `stop` is synchronous so it
 *   can run in an exit handler; it stops the server and removes the directory
 */
export async function startCluster() {
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
    run(asPostgres, join(bin, 'initdb'), [
      '-D',
      data,
      '-U',
      'postgres',
      '--auth=trust',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
    ])
    // Durability is pointless for a throwaway cluster; speed is not.
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`
    run(asPostgres, join(bin, 'pg_ctl'), [
      'start',
      '-D',
      data,
      '-w',
      '-s',
      '-l',
      join(dir, 'log'),
      '-o',
      options,
    ])
    started = true
  } catch (e) {
    stop()
    throw e
  }
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, dir, stop }
}

/**
 * Starts a streaming replica of a cluster from startCluster (pg_basebackup, hot standby, read
 * only), on a port of its own.
 * @param {{ url: string }} primary
 * @returns {Promise<{ url: string, dir: string, stop: () => void }>}
 */
export async function startReplica(primary) {
  const bin = findPgBin()
  if (!bin) {
    throw new Error('PostgreSQL is not installed: apt-get install postgresql')
  }
  const primaryPort = new URL(primary.url).port
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
    // -R writes standby.signal and the connection to the primary: the copy starts as a hot standby.
    run(asPostgres, join(bin, 'pg_basebackup'), [
      '-D',
      data,
      '-R',
      '-X',
      'stream',
      '-h',
      '127.0.0.1',
      '-p',
      primaryPort,
      '-U',
      'postgres',
      '--no-sync',
    ])
    // A hot standby needs at least the primary's max_connections.
    run(asPostgres, join(bin, 'pg_ctl'), [
      'start',
      '-D',
      data,
      '-w',
      '-s',
      '-l',
      join(dir, 'log'),
      '-o',
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c hot_standby=on -c max_connections=200`,
    ])
    started = true
  } catch (e) {
    stop()
    throw e
  }
  return { url: `postgres://postgres@127.0.0.1:${port}/postgres`, dir, stop }
}
