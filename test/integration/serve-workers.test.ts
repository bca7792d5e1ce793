import assert from 'node:assert/strict'
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { createApiToken } from '../../src/accounts/session.service.js'
import { addUser } from '../../src/accounts/user.service.js'
import type { DbConfig } from '../../src/config/config.js'
import { openDatabase } from '../../src/db/open-database.js'
import { buildTenant } from '../support/factories.js'
import { findPgBin } from '../support/pg-cluster.mjs'
import { BIN, ROOT } from '../support/run-cli.js'
import { createTestDbConfig, DIALECTS } from './dialects.js'

// `projektatlas serve --workers 2` (docs/deployment.md): one supervisor, two worker processes on
// one port and one database. Every request may land on either worker, so whatever one writes the
// other must read, a sign-in form shown by one must be accepted by the other, and a worker that
// dies is replaced.

const PASSWORD = 'två arbetare, en databas'

/** One HTTP request on a connection of its own, so the cluster may hand it to any worker. */
function fresh(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; body: string; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? 'GET', headers: init.headers, agent: false }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (d: string) => {
        body += d
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }))
    })
    req.on('error', reject)
    req.end(init.body)
  })
}

function cookieOf(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const all = headers['set-cookie'] ?? []
  for (const c of Array.isArray(all) ? all : [all]) {
    const m = new RegExp(`^${name}=([^;]*)`).exec(c)
    if (m) {
      return `${name}=${m[1]}`
    }
  }
  return undefined
}

/** The supervisor process, its address, and its workers' log lines (JSON on stderr) so far. */
interface Supervisor {
  readonly child: ChildProcess
  readonly url: string
  readonly logs: Array<Record<string, unknown>>
}

function supervise(databaseUrl: string): Promise<Supervisor> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: 'info' }
  // Left unset on purpose: the supervisor must give its workers one cookie-signing secret.
  delete env.PROJEKTATLAS_SESSION_SECRET
  const child = spawn(BIN, ['serve', '--workers', '2', '--port', '0', '--host', '127.0.0.1'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const logs: Array<Record<string, unknown>> = []
  let rest = ''
  child.stderr?.on('data', (d: Buffer) => {
    rest += d.toString()
    const lines = rest.split('\n')
    rest = lines.pop() ?? ''
    for (const line of lines) {
      try {
        logs.push(JSON.parse(line) as Record<string, unknown>)
      } catch {
        // not a log line (a message for people)
      }
    }
  })
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString()
      const url = /running at (http:\/\/[^\s]+)/.exec(out)?.[1]
      if (url) {
        assert.match(out, /2 workers/)
        resolve({ child, url, logs })
      }
    })
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)))
  })
}

async function until(what: string, test: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms
  while (!test()) {
    if (Date.now() > end) {
      throw new Error(`timed out waiting for ${what}`)
    }
    await new Promise((r) => setTimeout(r, 50))
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

for (const dialect of DIALECTS) {
  const skip =
    dialect === 'postgres' && findPgBin() === undefined && !process.env.PROJEKTATLAS_TEST_PG_URL
      ? 'no PostgreSQL server binaries on this machine'
      : undefined
  describe(`${dialect}: serve --workers 2`, { skip, timeout: 90_000 }, () => {
    let server: Supervisor
    let dir = ''
    let secret = ''
    const email = 'arbetare@example.org'

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'projektatlas-workers-'))
      const config: DbConfig =
        dialect === 'sqlite'
          ? { dialect: 'sqlite', file: join(dir, 'registry.db') }
          : await createTestDbConfig('postgres')
      const db = await openDatabase(config)
      try {
        const { tenant } = await buildTenant(db)
        const user = await addUser(
          db,
          { tenantId: null, actor: 'test' },
          { email, password: PASSWORD, tenantId: tenant.id, role: 'editor' },
        )
        secret = (
          await createApiToken(db, { tenantId: tenant.id, actor: 'test' }, user.id, {
            tenantId: tenant.id,
            name: 'workers',
            scope: 'write',
          })
        ).secret
      } finally {
        await db.destroy()
      }
      server = await supervise(config.dialect === 'sqlite' ? `sqlite:${config.file}` : config.url)
    })

    after(async () => {
      if (server && server.child.exitCode === null) {
        server.child.kill('SIGKILL')
      }
      rmSync(dir, { recursive: true, force: true })
    })

    const workersThatAnswered = () =>
      new Set(server.logs.filter((l) => l.msg === 'request completed').map((l) => l.worker))

    it('both workers answer, and a write through one is read through the other', async () => {
      const auth = { authorization: `Bearer ${secret}` }
      const created = await fresh(`${server.url}/api/projects`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Tvåarbetarprojektet' }),
      })
      assert.equal(created.status, 201, created.body)
      const { id } = JSON.parse(created.body) as { id: number }
      // Connections are handed out in turn: a few reads on new connections reach both workers.
      for (let i = 0; i < 6; i++) {
        const read = await fresh(`${server.url}/api/projects/${id}`, { headers: auth })
        assert.equal(read.status, 200)
        assert.equal((JSON.parse(read.body) as { name: string }).name, 'Tvåarbetarprojektet')
      }
      await until('both workers to log', () => workersThatAnswered().size >= 2)
      assert.equal(workersThatAnswered().size, 2)
    })

    it('a sign-in form from one worker is accepted by the other (one cookie secret for all)', async () => {
      for (let i = 0; i < 4; i++) {
        const form = await fresh(`${server.url}/login`)
        const pre = cookieOf(form.headers, 'pa_csrf')
        const csrf = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1]
        assert.ok(pre && csrf, 'the login form carries a CSRF token')
        const login = await fresh(`${server.url}/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: pre },
          body: new URLSearchParams({ _csrf: csrf, email, password: PASSWORD, next: '/' }).toString(),
        })
        assert.equal(login.status, 303, `sign-in ${i + 1} answered ${login.status}: ${login.body}`)
      }
    })

    it('a worker that dies is replaced, and the server keeps answering', async () => {
      const pids = () => server.logs.filter((l) => l.msg === 'worker listening').map((l) => Number(l.pid))
      await until('two workers to listen', () => pids().length >= 2)
      const [victim] = pids()
      assert.ok(victim)
      process.kill(victim, 'SIGKILL')
      await until('a replacement worker', () => pids().length >= 3)
      assert.ok(server.logs.some((l) => l.msg === 'a worker died; starting another'))
      for (let i = 0; i < 4; i++) {
        assert.equal((await fresh(`${server.url}/healthz`)).status, 200)
      }
    })

    it('SIGTERM stops the workers and the supervisor gracefully', async () => {
      const pids = server.logs.filter((l) => l.msg === 'worker listening').map((l) => Number(l.pid))
      const exited = new Promise<number | null>((resolve) => server.child.once('exit', resolve))
      server.child.kill('SIGTERM')
      assert.equal(await exited, 0)
      for (const pid of pids) {
        assert.equal(alive(pid), false, `worker ${pid} is gone`)
      }
      assert.ok(server.logs.some((l) => l.msg === 'all workers stopped'))
    })
  })
}
