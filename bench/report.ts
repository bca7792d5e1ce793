/**
 * Benchmark: generating the yearly report of a 70-project year (three units, shared projects, a
 * non-EU project every tenth, a printed summary of total, unit and programme figures to
 * reconcile): computing the model and rendering it, median of N runs (default 20) after warm-up.
 * Writes the "Report" section of docs/benchmarks.md. Targets (issue 6): HTML ≤ 200 ms, DOCX ≤ 1 s.
 * Usage: node --import tsx bench/report.ts [runs]
 */
import { existsSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import os from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { sampleInput } from '../src/report/model/fixture.js'
import type { PrintedFigureInput, ReportInput } from '../src/report/model/report-input.js'
import { buildReportModel } from '../src/report/model/report-model.js'
import { renderReport } from '../src/report/render/index.js'
import { medianOf } from './timing.js'

const REPO = fileURLToPath(new URL('..', import.meta.url))
const DOC = join(REPO, 'docs/benchmarks.md')
const TARGET = { html: 200, docx: 1000 } as const

/** A year of 70 projects with a printed summary whose figures are off by a few projects, as real ones are. */
function year(): ReportInput {
  const base = sampleInput(70)
  const model = buildReportModel(base)
  const fig = (
    p: Omit<PrintedFigureInput, 'line' | 'text' | 'year' | 'currency'> & { currency?: string },
  ) => ({
    year: 2025,
    currency: p.currency ?? null,
    line: 1,
    text: '',
    ...p,
  })
  const printed: PrintedFigureInput[] = [
    fig({
      kind: 'projects',
      subjectKind: 'total',
      subject: base.organisation,
      value: model.projects.count,
      approximate: false,
    }),
    fig({
      kind: 'paid',
      subjectKind: 'total',
      subject: base.organisation,
      value: 9_700_000,
      approximate: true,
      currency: 'SEK',
    }),
    ...model.units.flatMap((u) => [
      fig({
        kind: 'projects',
        subjectKind: 'unit',
        subject: u.unit,
        value: u.euProjects,
        approximate: false,
      }),
      fig({
        kind: 'paid',
        subjectKind: 'unit',
        subject: u.unit,
        value: Math.round(u.paid.amountMinor / 1e7) * 1e5 + 123_000,
        approximate: true,
        currency: 'SEK',
      }),
    ]),
    ...model.byProgrammeFamily.map((f) =>
      fig({
        kind: 'paid',
        subjectKind: 'programme',
        subject: f.family,
        value: Math.round(f.paid.amountMinor / 1e7) * 1e5,
        approximate: true,
        currency: 'SEK',
      }),
    ),
  ]
  return { ...base, printed }
}

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 20)
  const input = year()
  const model = medianOf(runs, async () => buildReportModel(input))
  const m = await model
  const html = await medianOf(runs, async () => renderReport(buildReportModel(input), 'html'))
  const docx = await medianOf(runs, async () => renderReport(buildReportModel(input), 'docx'))
  const built = buildReportModel(input)
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU'
  const verdict = (name: 'html' | 'docx', r: { median: number }) =>
    r.median <= TARGET[name] ? `within ${TARGET[name]} ms` : `over ${TARGET[name]} ms`
  const section = [
    '## Report',
    '',
    `\`node --import tsx bench/report.ts\`: the yearly report of a ${built.projects.count}-project year (${built.participations} forms, ` +
      `${built.units.length} units, ${built.reconciliation.length} printed figures reconciled), computing the model and rendering it;`,
    `median of ${runs} runs after 3 warm-up runs. Targets: HTML ≤ ${TARGET.html} ms, DOCX ≤ ${TARGET.docx} ms (model included in both).`,
    '',
    `Date: ${new Date().toISOString().slice(0, 10)}  `,
    `Machine: ${os.type()} ${os.release()} ${os.arch()}, ${cpu} (${os.cpus().length} cores), ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}  `,
    `Load average (1 min) when measured: ${os.loadavg()[0]?.toFixed(1)}`,
    '',
    '| step | median | fastest | target |',
    '|---|---:|---:|---|',
    `| model (figures + reconciliation) | ${m.median.toFixed(1)} ms | ${m.min.toFixed(1)} ms | |`,
    `| model + HTML | ${html.median.toFixed(1)} ms | ${html.min.toFixed(1)} ms | ${verdict('html', html)} |`,
    `| model + DOCX | ${docx.median.toFixed(1)} ms | ${docx.min.toFixed(1)} ms | ${verdict('docx', docx)} |`,
    '',
    'The PDF (headless Chromium printing the HTML) is not timed here: it is dominated by starting the browser.',
    '',
  ].join('\n')
  const old = existsSync(DOC) ? await readFile(DOC, 'utf8') : '# Benchmarks\n\n'
  // Replace only this benchmark's section; other benchmarks keep theirs.
  const re = /^## Report\n[\s\S]*?(?=^## |(?![\s\S]))/m
  const next = re.test(old) ? old.replace(re, section) : `${old.trimEnd()}\n\n${section}`
  await writeFile(DOC, next)
  console.log(
    `report (${built.projects.count} projects): model ${m.median.toFixed(1)} ms, HTML ${html.median.toFixed(1)} ms, DOCX ${docx.median.toFixed(1)} ms`,
  )
}

await main()
