/**
 * Scorecard: runs extract over every gold pair in ../shared (gold/MANIFEST.tsv seeds and the
 * committee forms as DOCX and as PDF), scores each with ../shared/tools/score-records.mjs and
 * writes docs/accuracy.md. `--write-baseline` also stores the figures as the floor the accuracy
 * test holds them to (test/fixtures/accuracy-baseline.json).
 * Usage: npm run accuracy [-- --write-baseline]
 */
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import { basename, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { extractRecords } from '../src/import/extract-records.js'

const run = promisify(execFile)

/** The repository root and the shared folder CI lays out beside it. */
export const REPO = fileURLToPath(new URL('..', import.meta.url))
export const SHARED = resolve(REPO, '../shared')
export const BASELINE = join(REPO, 'test/fixtures/accuracy-baseline.json')

/** One gold file paired with the document extract should read into it. */
export interface GoldPair {
  /** a stable label: the document's file name */
  readonly label: string
  readonly gold: string
  readonly document: string
}

/** One pair's figures. */
export interface FileScore {
  readonly label: string
  readonly goldRecords: number
  readonly predRecords: number
  readonly matched: number
  /** records matched, as a percentage of the gold records */
  readonly matchedPct: number
  readonly fieldsF1: number
  readonly fieldsP: number
  readonly fieldsR: number
  /** set when extract refused the document */
  readonly error?: string
}

/** The gold pairs: MANIFEST.tsv's seeds, then each form in every format it is given in. */
export async function goldPairs(shared = SHARED): Promise<GoldPair[]> {
  const pairs: GoldPair[] = []
  const manifest = await readFile(join(shared, 'gold/MANIFEST.tsv'), 'utf8')
  for (const line of manifest.split('\n')) {
    const [gold, seed] = line.split('\t').map((s) => s.trim())
    if (!gold || !seed || line.startsWith('#')) {
      continue
    }
    pairs.push({
      label: `${gold.replace(/\.json$/, '')} (${seed})`,
      gold: join(shared, 'gold', gold),
      document: join(shared, 'seeds', seed),
    })
  }
  const forms = join(shared, 'forms')
  for (const f of (await readdir(forms)).filter((f) => f.endsWith('.gold.json')).sort()) {
    const stem = f.slice(0, -'.gold.json'.length)
    for (const ext of ['docx', 'pdf']) {
      const document = join(forms, `${stem}.${ext}`)
      if (existsSync(document)) {
        pairs.push({ label: `${stem}.${ext}`, gold: join(forms, f), document })
      }
    }
  }
  return pairs
}

/** Extracts one pair's document and scores it with the shared scoring tool. */
export async function scorePair(pair: GoldPair, tmp: string, shared = SHARED): Promise<FileScore> {
  const [outcome] = await extractRecords([pair.document], {
    config: { import: { maxFileBytes: 50 * 1024 * 1024 } },
  })
  const records = outcome?.status === 'ok' ? outcome.records : []
  const pred = join(tmp, `${basename(pair.document)}.json`)
  await writeFile(pred, JSON.stringify(records))
  const { stdout } = await run(process.execPath, [
    join(shared, 'tools/score-records.mjs'),
    '--gold',
    pair.gold,
    '--pred',
    pred,
  ])
  const rec = /records: gold (\d+) pred (\d+) matched (\d+)/.exec(stdout)
  const score = /score: fields F1 ([\d.]+) \(P ([\d.]+) R ([\d.]+)\)/.exec(stdout)
  if (!rec || !score) {
    throw new Error(`score-records.mjs printed no summary for ${pair.label}:\n${stdout}`)
  }
  const goldRecords = Number(rec[1])
  const matched = Number(rec[3])
  return {
    label: pair.label,
    goldRecords,
    predRecords: Number(rec[2]),
    matched,
    matchedPct: goldRecords === 0 ? 100 : Math.round((matched / goldRecords) * 10000) / 100,
    fieldsF1: Number(score[1]),
    fieldsP: Number(score[2]),
    fieldsR: Number(score[3]),
    ...(outcome?.status === 'failed' ? { error: outcome.error } : {}),
  }
}

/** Scores every gold pair. */
export async function scoreAll(shared = SHARED): Promise<FileScore[]> {
  const tmp = await mkdtemp(join(os.tmpdir(), 'projektatlas-accuracy-'))
  try {
    const scores: FileScore[] = []
    for (const pair of await goldPairs(shared)) {
      scores.push(await scorePair(pair, tmp, shared))
    }
    return scores
  } finally {
    await rm(tmp, { recursive: true, force: true })
  }
}

/** The machine line the docs print beside figures. */
export function machine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU'
  return `${os.type()} ${os.release()} ${os.arch()}, ${cpu} (${os.cpus().length} cores), Node ${process.version}`
}

function markdown(scores: readonly FileScore[]): string {
  const rows = scores.map(
    (s) =>
      `| ${s.label} | ${s.goldRecords} | ${s.predRecords} | ${s.matched} | ${s.matchedPct.toFixed(1)} % | ${s.fieldsF1.toFixed(3)} | ${s.fieldsP.toFixed(3)} | ${s.fieldsR.toFixed(3)} |${s.error ? ` ${s.error}` : ''}`,
  )
  return [
    '# Extraction accuracy',
    '',
    'Written by `npm run accuracy` (scripts/accuracy.ts): `extract` over every hand-checked gold pair in',
    '../shared (gold/MANIFEST.tsv seeds, committee forms as DOCX and PDF), scored with',
    '../shared/tools/score-records.mjs. Targets (issue 7): records matched ≥ 98 % and fields F1 ≥ 0.95',
    'on every file. test/integration/accuracy.test.ts fails when a file drops below',
    'test/fixtures/accuracy-baseline.json. Seeds without gold records (002 Ljungby, 003 Interact',
    'publication) are not scored here; their readers are covered by unit tests only.',
    '',
    `Date: ${new Date().toISOString().slice(0, 10)}  `,
    `Machine: ${machine()}`,
    '',
    '| gold (document) | gold records | extracted | matched | matched % | fields F1 | fields P | fields R |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...rows,
    '',
  ].join('\n')
}

async function main(): Promise<void> {
  if (!existsSync(SHARED)) {
    console.error(`accuracy: no shared folder at ${SHARED}`)
    process.exitCode = 1
    return
  }
  const scores = await scoreAll()
  const path = join(REPO, 'docs/accuracy.md')
  // Sections other measurements append below the table ("## Organisation matching") are kept.
  const previous = existsSync(path) ? await readFile(path, 'utf8') : ''
  const kept = previous.indexOf('\n## ')
  await writeFile(path, markdown(scores) + (kept >= 0 ? `\n${previous.slice(kept + 1)}` : ''))
  for (const s of scores) {
    console.log(
      `${s.label.padEnd(50)} matched ${s.matchedPct.toFixed(1).padStart(5)} %  fields F1 ${s.fieldsF1.toFixed(3)}`,
    )
  }
  if (process.argv.includes('--write-baseline')) {
    const baseline = Object.fromEntries(
      scores.map((s) => [s.label, { matchedPct: s.matchedPct, fieldsF1: s.fieldsF1 }]),
    )
    await writeFile(BASELINE, `${JSON.stringify(baseline, null, 2)}\n`)
    console.log(`baseline written to ${BASELINE}`)
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main()
}
