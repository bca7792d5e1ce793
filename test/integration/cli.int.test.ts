import assert from 'node:assert/strict'
import { type ChildProcess, execFile, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { Value } from 'typebox/value'
import { openDatabase } from '../../src/db/open-database.js'
import { DEMO_PROJECTS } from '../../src/demo/demo-portfolio.js'
import { loadDemoPortfolio } from '../../src/demo/load-demo.js'
import { ProjectRecordWithParticipations } from '../../src/registry/project-record.service.js'

const ROOT = resolve(import.meta.dirname, '../..')
const PUBLISHED_DEMO_PROJECTS = DEMO_PROJECTS.filter((p) => p.published ?? true).length
const BIN = join(ROOT, 'bin/projektatlas')

interface Run {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** The environment a user would have: no DATABASE_URL, the test's own SQLite file. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env }
  delete env.DATABASE_URL
  delete env.PORT
  delete env.HOST
  return { ...env, ...extra }
}

function cli(args: string[], env: Record<string, string>, cwd = ROOT): Promise<Run> {
  return new Promise((done) => {
    execFile(BIN, args, { cwd, env: cleanEnv(env), timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0
      done({ code, stdout, stderr })
    })
  })
}

describe('the projektatlas executable against a temporary SQLite file', () => {
  let dir: string
  let env: Record<string, string>
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'projektatlas-cli-'))
    env = { PROJEKTATLAS_DB: join(dir, 'registry.sqlite'), LOG_LEVEL: 'warn' }
  })
  after(() => {
    rmSync(dir, { recursive: true, force: true })
  })

  it('prints help for the program and every command', async () => {
    const top = await cli(['--help'], env)
    assert.equal(top.code, 0)
    for (const command of ['migrate', 'serve', 'projects', 'organisations', 'export', 'backup', 'restore']) {
      assert.match(top.stdout, new RegExp(`\\b${command}\\b`))
    }
    const sub = await cli(['projects', '--help'], env)
    assert.equal(sub.code, 0)
    assert.match(sub.stdout, /--format <format>/)
  })

  it('migrates an empty database, then finds nothing to do', async () => {
    const first = await cli(['migrate'], env)
    assert.equal(first.code, 0, first.stderr)
    assert.match(first.stdout, /applied/)
    assert.ok(existsSync(env.PROJEKTATLAS_DB as string))
    const again = await cli(['migrate'], env)
    assert.equal(again.code, 0)
    assert.match(again.stdout, /up to date/)
  })

  it('lists an empty registry without failing', async () => {
    const projects = await cli(['projects'], env)
    assert.equal(projects.code, 0, projects.stderr)
    assert.match(projects.stdout, /^ID\s+Namn/)
    const json = await cli(['projects', '--format', 'json'], env)
    assert.deepEqual(JSON.parse(json.stdout), [])
    const exported = await cli(['export', '--format', 'jsonl'], env)
    assert.equal(exported.code, 0)
    assert.equal(exported.stdout, '')
  })

  it('lists, shows and exports a portfolio', async () => {
    const db = await openDatabase({ dialect: 'sqlite', file: env.PROJEKTATLAS_DB as string })
    try {
      assert.equal((await loadDemoPortfolio(db)).status, 'loaded')
    } finally {
      await db.destroy()
    }

    // The reads are independent: run them together, the executable's start-up dominates their time.
    const out = join(dir, 'open', 'projects.json')
    const [table, json, orgs, orgTable, jsonl, file] = await Promise.all([
      cli(['projects'], env),
      cli(['projects', '--format', 'json'], env),
      cli(['organisations', '--format', 'json'], env),
      cli(['organisations'], env),
      cli(['export', '--format', 'jsonl'], env),
      cli(['export', '--out', out], env),
    ])
    assert.equal(table.code, 0, table.stderr)
    assert.equal(table.stdout.trim().split('\n').length, 2 + DEMO_PROJECTS.length)
    assert.match(table.stdout, /\[Demo\] Blå kust/)

    assert.equal(json.code, 0, json.stderr)
    const records = JSON.parse(json.stdout) as unknown[]
    assert.equal(records.length, DEMO_PROJECTS.length)
    for (const record of records) {
      assert.ok(
        Value.Check(ProjectRecordWithParticipations, record),
        JSON.stringify([...Value.Errors(ProjectRecordWithParticipations, record)][0]),
      )
    }
    const blue = records.find(
      (r) => (r as { acronym: string }).acronym === 'BLUECOAST',
    ) as ProjectRecordWithParticipations
    assert.deepEqual(blue.totalBudget, { amount: 2_600_000, currency: 'EUR' })
    assert.equal(blue.participations.length, 4)
    assert.deepEqual(
      blue.participations[0]?.budget,
      { amount: 640_000, currency: 'EUR' },
      'own share, not the total',
    )
    assert.equal(blue.role, 'lead')
    assert.equal(blue.partners.length, 3)

    assert.equal(orgs.code, 0, orgs.stderr)
    assert.ok((JSON.parse(orgs.stdout) as { name: string }[]).every((o) => o.name.startsWith('[Demo] ')))
    assert.match(orgTable.stdout, /\[Demo\] Exempelstads kommun.*ja/)

    // Open data: the published projects only; the draft stays with the registry.
    const draftNames = new Set(DEMO_PROJECTS.filter((p) => p.published === false).map((p) => p.project.name))
    const published = records.filter((r) => !draftNames.has((r as { name: string }).name))
    assert.equal(published.length, PUBLISHED_DEMO_PROJECTS)
    assert.equal(jsonl.code, 0, jsonl.stderr)
    const lines = jsonl.stdout.trim().split('\n')
    assert.deepEqual(
      lines.map((l) => JSON.parse(l)),
      published,
    )

    assert.equal(file.code, 0, file.stderr)
    assert.equal(file.stdout, '')
    assert.match(file.stderr, new RegExp(`wrote ${PUBLISHED_DEMO_PROJECTS} projects`))
    assert.deepEqual(JSON.parse(readFileSync(out, 'utf8')), published)

    const [one, shown] = await Promise.all([
      cli(['projects', String(blue.id), '--format', 'json'], env),
      cli(['projects', String(blue.id)], env),
    ])
    assert.equal(one.code, 0, one.stderr)
    assert.deepEqual(JSON.parse(one.stdout), blue)
    assert.equal(shown.code, 0, shown.stderr)
    assert.match(shown.stdout, /Interreg South Baltic/)
    assert.match(shown.stdout, /Deltagare/)
  })

  const failures: ReadonlyArray<[string, string[], Record<string, string>, number, RegExp]> = [
    ['unknown project', ['projects', '999999'], {}, 3, /^projektatlas: No project with id 999999\n$/],
    [
      'id that is not a number',
      ['projects', 'abc'],
      {},
      2,
      /^projektatlas: id must be a positive whole number/,
    ],
    [
      'unknown tenant',
      ['projects', '--tenant', '424242'],
      {},
      3,
      /^projektatlas: No organisation with id 424242/,
    ],
    ['unknown command', ['bogus'], {}, 2, /unknown command 'bogus'/],
    ['bad format', ['export', '--format', 'csv'], {}, 2, /Allowed choices are json, jsonl/],
    ['bad port', ['serve', '--port', 'eighty'], {}, 2, /^projektatlas: --port must be a number/],
    ['bad LOG_LEVEL', ['projects'], { LOG_LEVEL: 'loud' }, 6, /^projektatlas: Bad configuration: LOG_LEVEL/],
    [
      'bad DATABASE_URL',
      ['projects'],
      { DATABASE_URL: 'mysql://x' },
      6,
      /^projektatlas: Bad configuration: DATABASE_URL/,
    ],
    [
      'a file that is not a database',
      ['projects'],
      { PROJEKTATLAS_DB: join(ROOT, 'package.json') },
      2,
      /^projektatlas: .*(not a readable SQLite database|cannot be opened)/,
    ],
  ]
  // Independent runs: start them together, the executable's start-up dominates their time.
  let failureRuns: Promise<Run[]> | undefined
  for (const [i, [name, , , code, stderr]] of failures.entries()) {
    it(`fails with one clear line and exit ${code}: ${name}`, async () => {
      failureRuns ??= Promise.all(failures.map(([, args, extra]) => cli(args, { ...env, ...extra })))
      const run = (await failureRuns)[i] as Run
      assert.equal(run.code, code, run.stderr)
      assert.match(run.stderr, stderr)
      assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace')
    })
  }
})

/** Starts `serve` and resolves with the URL it prints. */
function startServe(
  args: string[],
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string; stderr: () => string }> {
  const child = spawn(BIN, ['serve', ...args], {
    cwd: ROOT,
    env: cleanEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stderr?.on('data', (d) => {
    stderr += d
  })
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`serve did not start: ${stderr}`)), 30_000)
    child.stdout?.on('data', (d) => {
      stdout += d
      const m = /running at (http:\/\/\S+)/.exec(stdout)
      if (m?.[1]) {
        clearTimeout(timer)
        done({ child, url: m[1], stderr: () => stderr })
      }
    })
    child.on('exit', (code) => {
      clearTimeout(timer)
      fail(new Error(`serve exited with ${code}: ${stderr}`))
    })
  })
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((done) => {
    if (child.exitCode !== null) {
      done(child.exitCode)
      return
    }
    child.once('exit', (code) => done(code))
  })
}

describe('projektatlas serve', () => {
  let dir: string
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'projektatlas-serve-'))
  })
  after(() => {
    rmSync(dir, { recursive: true, force: true })
  })

  it('serves the demo portfolio and shuts down cleanly on SIGTERM', async () => {
    const env = { PROJEKTATLAS_DB: join(dir, 'demo.sqlite'), LOG_LEVEL: 'info' }
    const { child, url, stderr } = await startServe(['--demo', '--port', '0'], env)
    try {
      const health = await fetch(`${url}/healthz`)
      assert.equal(health.status, 200)
      // The public catalogue shows the demo; the registry pages and API need an account.
      const page = await (await fetch(`${url}/katalog`)).text()
      assert.match(page, /\[Demo\] Blå kust/)
      const open = (await (await fetch(`${url}/katalog/export.json`)).json()) as unknown[]
      assert.equal(open.length, PUBLISHED_DEMO_PROJECTS, 'the published demo projects')
      assert.equal((await fetch(`${url}/api/projects`)).status, 401)
      // Logs are JSON lines on stderr, never on stdout.
      assert.ok(
        stderr()
          .split('\n')
          .some((l) => l.startsWith('{') && l.includes('"msg":"request completed"')),
      )
    } finally {
      const started = Date.now()
      child.kill('SIGTERM')
      assert.equal(await exited(child), 0)
      assert.ok(Date.now() - started < 5000, 'shutdown within 5 s')
    }
    assert.match(stderr(), /"msg":"server stopped"/)
  })

  it('does not load the demo into a registry that has data', async () => {
    const env = { PROJEKTATLAS_DB: join(dir, 'demo.sqlite'), LOG_LEVEL: 'info' }
    const { child, url, stderr } = await startServe(['--demo', '--port', '0'], env)
    try {
      const open = (await (await fetch(`${url}/katalog/export.json`)).json()) as unknown[]
      assert.equal(open.length, PUBLISHED_DEMO_PROJECTS, 'still one copy')
      assert.match(stderr(), /demo portfolio not loaded/)
    } finally {
      child.kill('SIGINT')
      assert.equal(await exited(child), 0)
    }
  })

  it('says so in one line when the port is taken', async () => {
    const blocker = createServer()
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()))
    const address = blocker.address()
    const port = typeof address === 'object' && address ? address.port : 0
    try {
      const run = await cli(['serve', '--port', String(port)], {
        PROJEKTATLAS_DB: join(dir, 'busy.sqlite'),
        LOG_LEVEL: 'silent',
      })
      assert.equal(run.code, 6)
      assert.match(run.stderr, /^projektatlas: Cannot listen on 127\.0\.0\.1:\d+ \(EADDRINUSE\)/m)
    } finally {
      blocker.close()
    }
  })
})
