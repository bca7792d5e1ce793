import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { type Invocation, runCli } from './cli.js'
import { parseId } from './commands/projects.js'
import { parsePort } from './commands/serve.js'
import type { CliIO } from './io.js'

function collector(): CliIO & { stdout: () => string; stderr: () => string } {
  let out = ''
  let err = ''
  return {
    out: (t) => {
      out += t
    },
    err: (t) => {
      err += t
    },
    cwd: '/tmp',
    env: {},
    isTTY: false,
    stdout: () => out,
    stderr: () => err,
  }
}

async function parse(
  argv: string[],
): Promise<{ code: number; invocation?: Invocation; stdout: string; stderr: string }> {
  const io = collector()
  let invocation: Invocation | undefined
  const code = await runCli(argv, io, async (inv) => {
    invocation = inv
    return 0
  })
  return { code, invocation, stdout: io.stdout(), stderr: io.stderr() }
}

describe('runCli: argv to command', () => {
  const cases: ReadonlyArray<[string[], Invocation]> = [
    [['migrate'], { command: 'migrate' }],
    [['serve'], { command: 'serve', options: {} }],
    [
      ['serve', '--demo', '--port', '8080', '--host', '0.0.0.0'],
      { command: 'serve', options: { demo: true, port: '8080', host: '0.0.0.0' } },
    ],
    [['serve', '--workers', 'auto'], { command: 'serve', options: { workers: 'auto' } }],
    [['projects'], { command: 'projects', id: undefined, options: { format: 'table' } }],
    [['projects', '--format', 'json'], { command: 'projects', id: undefined, options: { format: 'json' } }],
    [['projects', '12'], { command: 'projects', id: '12', options: { format: 'table' } }],
    [
      ['projects', '12', '--format', 'json', '--tenant', '3'],
      { command: 'projects', id: '12', options: { format: 'json', tenant: '3' } },
    ],
    [['organisations'], { command: 'organisations', options: { format: 'table' } }],
    [
      ['user', 'add', 'anna@kommun.se', '--tenant', '1', '--role', 'editor'],
      { command: 'user', options: { action: 'add', email: 'anna@kommun.se', tenant: '1', role: 'editor' } },
    ],
    [['user', 'list'], { command: 'user', options: { action: 'list', format: 'table' } }],
    [
      ['user', 'role', 'anna@kommun.se', '--tenant', '2', '--role', 'none'],
      { command: 'user', options: { action: 'role', email: 'anna@kommun.se', tenant: '2', role: 'none' } },
    ],
    [
      ['user', 'disable', 'anna@kommun.se'],
      { command: 'user', options: { action: 'disable', email: 'anna@kommun.se' } },
    ],
    [
      ['user', 'reset-password', 'anna@kommun.se'],
      { command: 'user', options: { action: 'reset-password', email: 'anna@kommun.se' } },
    ],
    [['audit'], { command: 'audit', options: { format: 'table' } }],
    [
      ['personal-data', 'erase', '--tenant', '1', '--email', 'a@b.se'],
      { command: 'personal-data', options: { action: 'erase', tenant: '1', email: 'a@b.se' } },
    ],
    [
      [
        'audit',
        '--entity',
        'project',
        '--entity-id',
        '4',
        '--actor',
        'cli',
        '--action',
        'update',
        '--since',
        '2026-01-01',
      ],
      {
        command: 'audit',
        options: {
          format: 'table',
          entity: 'project',
          entityId: '4',
          actor: 'cli',
          action: 'update',
          since: '2026-01-01',
        },
      },
    ],
    [['organisations', '--format', 'json'], { command: 'organisations', options: { format: 'json' } }],
    [['export'], { command: 'export', options: { format: 'json' } }],
    [
      ['export', '--format', 'jsonl', '--out', 'data/open.jsonl'],
      { command: 'export', options: { format: 'jsonl', out: 'data/open.jsonl' } },
    ],
    [
      ['extract', 'a.pdf', 'b.html'],
      { command: 'extract', files: ['a.pdf', 'b.html'], options: { format: 'json' } },
    ],
    [
      ['import', 'docs', '--organisation', 'Malmö stad'],
      { command: 'import', files: ['docs'], options: { organisation: 'Malmö stad' } },
    ],
    [['backup', 'copy.sqlite'], { command: 'backup', file: 'copy.sqlite' }],
    [['restore', 'copy.sqlite'], { command: 'restore', file: 'copy.sqlite' }],
  ]
  for (const [argv, want] of cases) {
    it(argv.join(' '), async () => {
      const { code, invocation } = await parse(argv)
      assert.equal(code, 0)
      assert.deepEqual(invocation, want)
    })
  }
})

describe('runCli: help and usage errors', () => {
  const cases: ReadonlyArray<[string[], number, RegExp]> = [
    [['--help'], 0, /Usage: projektatlas/],
    [['projects', '--help'], 0, /--format <format>/],
    [['serve', '--help'], 0, /--demo/],
    [['export', '--help'], 0, /--out <file>/],
    [[], 2, /Usage: projektatlas/],
    [['bogus'], 2, /unknown command 'bogus'/],
    [['projets'], 2, /Did you mean projects\?/],
    [['projects', '--format', 'xml'], 2, /Allowed choices are table, json/],
    [['export', '--format', 'csv'], 2, /Allowed choices are json, jsonl/],
    [['projects', '1', '2'], 2, /too many arguments/],
    [['serve', '--port'], 2, /argument missing/],
    [['extract'], 2, /missing required argument 'files'/],
    [['organisations', '--colour'], 2, /unknown option '--colour'/],
  ]
  for (const [argv, want, text] of cases) {
    it(`${argv.join(' ') || '(nothing)'} → ${want}`, async () => {
      const { code, invocation, stdout, stderr } = await parse(argv)
      assert.equal(code, want)
      assert.equal(invocation, undefined, 'no command runs')
      assert.match(stdout + stderr, text)
    })
  }

  it('passes the command exit code through', async () => {
    const code = await runCli(['migrate'], collector(), async () => 7)
    assert.equal(code, 7)
  })
})

describe('command-line values', () => {
  it('parses ports and refuses anything else', () => {
    assert.equal(parsePort('0'), 0)
    assert.equal(parsePort('65535'), 65535)
    for (const bad of ['', '-1', '65536', '80a', '1e3', ' 80']) {
      assert.throws(() => parsePort(bad), { code: 'VALIDATION', field: 'port' }, bad)
    }
  })

  it('parses ids and refuses anything else', () => {
    assert.equal(parseId('1', 'id'), 1)
    for (const bad of ['0', '-3', '1.5', 'abc', '99999999999999999999', '']) {
      assert.throws(() => parseId(bad, 'id'), { code: 'VALIDATION', field: 'id' }, bad)
    }
  })
})
