/**
 * Benchmark: extracting the 273 KB Malmö annual report (seed 004) after start-up, the median of
 * N runs (default 20) after warm-up runs, so module loading and JIT warm-up are not counted.
 * Writes the figure to the "Extract" section of docs/benchmarks.md. Target (issue 7): ≤ 50 ms.
 * Usage: node --import tsx bench/extract.ts [runs]
 */
import { existsSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import os from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { readDocument } from '../src/import/extract/read-document.js'
import { extractRecords } from '../src/import/extract-records.js'
import { parseDocument } from '../src/import/parse/parse-document.js'
import { medianOf } from './timing.js'

const REPO = fileURLToPath(new URL('..', import.meta.url))
const SEED = resolve(REPO, '../shared/seeds/004_719ae671d378f085.txt')
const DOC = join(REPO, 'docs/benchmarks.md')
const TARGET_MS = 50
const config = { import: { maxFileBytes: 50 * 1024 * 1024 } }

async function main(): Promise<void> {
  if (!existsSync(SEED)) {
    console.error(`bench: no seed at ${SEED}`)
    process.exitCode = 1
    return
  }
  const runs = Number(process.argv[2] ?? 20)
  const whole = await medianOf(runs, async () => {
    const [o] = await extractRecords([SEED], { config })
    if (o?.status !== 'ok') {
      throw new Error(`extract failed: ${o?.status === 'failed' ? o.error : 'no outcome'}`)
    }
  })
  const doc = await readDocument(SEED, config)
  const read = await medianOf(runs, () => readDocument(SEED, config))
  const parse = await medianOf(runs, () => parseDocument(doc))
  const records = parseDocument(doc).length
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU'
  const section = [
    '## Extract',
    '',
    `\`node --import tsx bench/extract.ts\`: extracting seed 004 (Malmö annual report, ${Math.round(doc.bytes / 1024)} KB, ${records} records)`,
    `after start-up, median of ${runs} runs after 3 warm-up runs. Target: ≤ ${TARGET_MS} ms.`,
    '',
    `Date: ${new Date().toISOString().slice(0, 10)}  `,
    `Machine: ${os.type()} ${os.release()} ${os.arch()}, ${cpu} (${os.cpus().length} cores), ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}  `,
    // Other work on the machine slows every run; the load average says how quiet it was.
    `Load average (1 min) when measured: ${os.loadavg()[0]?.toFixed(1)}`,
    '',
    '| step | median | fastest |',
    '|---|---:|---:|',
    `| whole extract (read, decode, recognise, parse, schema check) | ${whole.median.toFixed(1)} ms | ${whole.min.toFixed(1)} ms |`,
    `| read + decode into lines | ${read.median.toFixed(1)} ms | ${read.min.toFixed(1)} ms |`,
    `| parse (recognise family + reader) | ${parse.median.toFixed(1)} ms | ${parse.min.toFixed(1)} ms |`,
    '',
    whole.median <= TARGET_MS
      ? `Median within the target (${TARGET_MS} ms).`
      : `Median over the target (${TARGET_MS} ms)${whole.min <= TARGET_MS ? '; the fastest run is within it, so part of the gap is load' : ''}.`,
    '',
    '',
  ].join('\n')
  const old = existsSync(DOC) ? await readFile(DOC, 'utf8') : '# Benchmarks\n\n'
  // Replace only this benchmark's section; other benchmarks keep theirs.
  const next = /^## Extract\n[\s\S]*?(?=^## |(?![\s\S]))/m.test(old)
    ? old.replace(/^## Extract\n[\s\S]*?(?=^## |(?![\s\S]))/m, section)
    : `${old.trimEnd()}\n\n${section.trimEnd()}\n`
  await writeFile(DOC, next)
  console.log(
    `extract seed 004: median ${whole.median.toFixed(1)} ms, fastest ${whole.min.toFixed(1)} ms (parse median ${parse.median.toFixed(1)} ms)`,
  )
}

await main()
