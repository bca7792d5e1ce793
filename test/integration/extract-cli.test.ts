import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { crc32, deflateRawSync } from 'node:zlib'
import { runCli } from '../../src/cli/cli.js'
import { extract } from '../../src/cli/commands/extract.js'
import type { CliIO } from '../../src/cli/io.js'

/** A CliIO that collects what a command writes. */
function collector(
  cwd: string,
  env: Record<string, string> = {},
): CliIO & { stdout: () => string; stderr: () => string } {
  let out = ''
  let err = ''
  return {
    out: (t) => {
      out += t
    },
    err: (t) => {
      err += t
    },
    cwd,
    env,
    isTTY: false,
    stdout: () => out,
    stderr: () => err,
  }
}

/** A one-page PDF (Helvetica); `encrypt` adds a standard security handler whose password is not empty. */
function makePdf(text: string, encrypt = false): Buffer {
  const content = `BT /F1 10 Tf 56 700 Td (${text}) Tj ET`
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]
  if (encrypt) {
    objs.push(`<< /Filter /Standard /V 1 /R 2 /O <${'11'.repeat(32)}> /U <${'22'.repeat(32)}> /P -4 >>`)
  }
  let out = '%PDF-1.4\n'
  const offsets: number[] = []
  objs.forEach((o, i) => {
    offsets.push(out.length)
    out += `${i + 1} 0 obj\n${o}\nendobj\n`
  })
  const xref = out.length
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`
  out += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')
  const enc = encrypt ? ` /Encrypt ${objs.length} 0 R /ID [<${'ab'.repeat(16)}> <${'ab'.repeat(16)}>]` : ''
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R${enc} >>\nstartxref\n${xref}\n%%EOF\n`
  return Buffer.from(out, 'latin1')
}

/** A zip archive (deflate) from name → content, as a DOCX is one. */
function makeZip(entries: Record<string, Buffer>): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const [name, data] of Object.entries(entries)) {
    const packed = deflateRawSync(data)
    const fileName = Buffer.from(name)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(8, 8)
    local.writeUInt32LE(crc32(data), 14)
    local.writeUInt32LE(packed.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(fileName.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(8, 10)
    central.writeUInt32LE(crc32(data), 16)
    central.writeUInt32LE(packed.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(fileName.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, fileName, packed)
    centrals.push(central, fileName)
    offset += local.length + fileName.length + packed.length
  }
  const cd = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(Object.keys(entries).length, 8)
  end.writeUInt16LE(Object.keys(entries).length, 10)
  end.writeUInt32LE(cd.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, cd, end])
}

const GOOD = 'Projektnamn: Alfa\nProjektperiod: 2020-01-01 – 2022-12-31\nProgram: Interreg ÖKS\n'

describe('projektatlas extract: bad input', () => {
  let dir = ''
  // Each bad file, with the reason its error line must give.
  const bad: Record<string, { content: () => Buffer; reason: RegExp }> = {
    'empty.txt': { content: () => Buffer.alloc(0), reason: /empty file/ },
    'garbage.txt': {
      content: () => Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)),
      reason: /binary content/,
    },
    'shift-jis.txt': {
      content: () =>
        Buffer.from([0x83, 0x76, 0x83, 0x8d, 0x83, 0x57, 0x83, 0x46, 0x83, 0x4e, 0x83, 0x67, 0x0a]),
      reason: /unknown text encoding/,
    },
    'too-large.txt': {
      content: () => Buffer.alloc(1024 * 1024 + 10, 'a'),
      reason: /larger than the limit of 1 MB/,
    },
    'truncated.pdf': { content: () => makePdf('Projektnamn Alfa').subarray(0, 300), reason: /truncated/ },
    'encrypted.pdf': { content: () => makePdf('Projektnamn Alfa', true), reason: /encrypted/ },
    'bomb.docx': {
      content: () =>
        makeZip({
          '[Content_Types].xml': Buffer.from('<?xml version="1.0"?><Types/>'),
          'word/document.xml': Buffer.alloc(20 * 1024 * 1024, ' '),
        }),
      reason: /zip bomb/,
    },
  }

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'projektatlas-extract-cli-'))
    await writeFile(join(dir, 'a-good.txt'), GOOD)
    await writeFile(join(dir, 'z-good.txt'), GOOD.replace('Alfa', 'Omega'))
    for (const [name, f] of Object.entries(bad)) {
      await writeFile(join(dir, name), f.content())
    }
  })
  after(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  for (const [name, f] of Object.entries(bad)) {
    it(`${name}: one error line naming the file and the reason, exit non-zero, other files still read`, async () => {
      const io = collector(dir, { PROJEKTATLAS_MAX_FILE_MB: '1' })
      const code = await extract(['a-good.txt', name, 'z-good.txt'], { format: 'jsonl' }, io)
      assert.notEqual(code, 0)
      const errLines = io.stderr().trimEnd().split('\n')
      assert.equal(errLines.length, 1, io.stderr())
      assert.match(errLines[0] ?? '', new RegExp(`^extract: ${name.replace('.', '\\.')}: `))
      assert.match(errLines[0] ?? '', f.reason)
      const names = io
        .stdout()
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as { name: string }).name)
      assert.deepEqual(names, ['Alfa', 'Omega'])
    })
  }

  it('reads a folder, prints a JSON array, and exits 0 when every file was read', async () => {
    const clean = await mkdtemp(join(tmpdir(), 'projektatlas-extract-ok-'))
    try {
      await writeFile(join(clean, 'a.txt'), GOOD)
      await writeFile(
        join(clean, 'b.html'),
        '<!doctype html><html><body><h1>Projekt</h1><p>Projektnamn: Beta</p></body></html>',
      )
      const io = collector(clean)
      const code = await extract(['.'], { format: 'json' }, io)
      assert.equal(io.stderr(), '')
      assert.equal(code, 0)
      const records = JSON.parse(io.stdout()) as {
        name: string
        programme: string
        source: { document: string; line: number }
      }[]
      assert.equal(records[0]?.name, 'Alfa')
      assert.equal(records[0]?.programme, 'Interreg Öresund-Kattegat-Skagerrak')
      assert.deepEqual(records[0]?.source, { document: 'a.txt', page: null, line: 1 })
    } finally {
      await rm(clean, { recursive: true, force: true })
    }
  })

  it('is reachable through the CLI with --format jsonl', async () => {
    const io = collector(dir)
    const code = await runCli(['extract', '--format', 'jsonl', 'a-good.txt', 'missing.txt'], io)
    assert.equal(code, 1)
    assert.match(io.stderr(), /^extract: missing\.txt: cannot be read \(no such file\)\n$/)
    assert.equal(JSON.parse(io.stdout().trim()).name, 'Alfa')
  })
})
