import { type Html, html, unsafeRaw } from '../../web/views/html.js'
import type { ReportModel } from '../model/report-model.js'
import {
  formatCount,
  formatMoney,
  keyFigures,
  periodText,
  reportTitle,
  roleText,
  STATUS_TEXT,
  summarySentence,
} from './format.js'

// Print CSS: A4 pages, tables that keep their header on each page, one part 2 form per block that
// is not split across pages when it fits, and no colour needed to read anything.
const CSS = `
@page { size: A4; margin: 20mm 18mm; }
body { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10.5pt; line-height: 1.45; color: #111; max-width: 60rem; margin: 0 auto; padding: 1rem; }
h1 { font-size: 20pt; margin: 0 0 .5rem; }
h2 { font-size: 15pt; margin: 1.6rem 0 .5rem; border-bottom: 1px solid #444; break-after: avoid; }
h3 { font-size: 12pt; margin: 1.1rem 0 .3rem; break-after: avoid; }
h4 { font-size: 10.5pt; margin: .8rem 0 .2rem; break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; }
caption { text-align: left; font-weight: bold; padding-bottom: .2rem; }
th, td { border: 1px solid #888; padding: .2rem .4rem; vertical-align: top; text-align: left; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
.num { text-align: right; white-space: nowrap; }
.form { break-inside: avoid; }
.chart svg { width: 100%; max-width: 40rem; height: auto; }
.chart-bar { fill: #1f4e79; }
.chart text { font-size: 11px; fill: #111; }
.muted { color: #444; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media print { body { max-width: none; padding: 0; } .no-print { display: none; } }
`

const ROW = 24
const LABEL_W = 230
const BAR_W = 260
const VALUE_W = 130

/** A horizontal bar chart as SVG with a title and description; the table beside it carries the same numbers. */
function barChart(
  id: string,
  title: string,
  bars: readonly { label: string; value: number; text: string }[],
): Html {
  const max = Math.max(1, ...bars.map((b) => b.value))
  const height = Math.max(ROW, bars.length * ROW) + 6
  const desc = bars.map((b) => `${b.label}: ${b.text}`).join('; ')
  return html`<figure class="chart">
<svg role="img" aria-labelledby="${id}-t" aria-describedby="${id}-d" viewBox="0 0 ${LABEL_W + BAR_W + VALUE_W} ${height}">
<title id="${id}-t">${title}</title><desc id="${id}-d">${desc}</desc>
${bars.map((b, i) => {
  const y = 3 + i * ROW
  const w = Math.max(1, Math.round((b.value / max) * BAR_W))
  const label = b.label.length > 34 ? `${b.label.slice(0, 33)}…` : b.label
  return html`<text x="${LABEL_W - 6}" y="${y + 16}" text-anchor="end">${label}</text><rect class="chart-bar" x="${LABEL_W}" y="${y + 4}" width="${w}" height="${ROW - 8}"></rect><text x="${LABEL_W + w + 5}" y="${y + 16}">${b.text}</text>`
})}
</svg>
</figure>`
}

function paragraphs(text: string | null): Html {
  if (!text) {
    return html`<p class="muted">Inget svar.</p>`
  }
  return html`${text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => html`<p>${p}</p>`)}`
}

/** The report's body sections (no document frame): used alone in the web view and inside the document. */
export function reportSections(model: ReportModel): Html {
  const unitBars = model.units.map((u) => ({
    label: u.unit,
    value: u.paid.amountMinor,
    text: formatMoney(u.paid),
  }))
  const familyBars = model.byProgrammeFamily.map((f) => ({
    label: f.family,
    value: f.paid.amountMinor,
    text: formatMoney(f.paid),
  }))
  return html`<section aria-labelledby="sammanfattning">
<h2 id="sammanfattning">Sammanfattning</h2>
<p>${summarySentence(model)}</p>
<table>
<caption>Nyckeltal ${model.year}</caption>
<thead><tr><th scope="col">Uppgift</th><th scope="col" class="num">Värde</th></tr></thead>
<tbody>${keyFigures(model).map(([k, v]) => html`<tr><th scope="row">${k}</th><td class="num">${v}</td></tr>`)}</tbody>
</table>
</section>
<section aria-labelledby="per-namnd">
<h2 id="per-namnd">Projekt och utbetalningar per nämnd</h2>
<p>Varje nämnds siffror är summan av nämndens egna blanketter. Ett projekt som flera nämnder deltar i räknas hos var och en av dem, men bara en gång i totalen.</p>
<table>
<caption>Per nämnd ${model.year}</caption>
<thead><tr><th scope="col">Nämnd</th><th scope="col" class="num">Blanketter</th><th scope="col" class="num">Projekt</th><th scope="col" class="num">Varav EU-projekt</th><th scope="col" class="num">Utbetalt</th></tr></thead>
<tbody>${model.units.map(
    (u) =>
      html`<tr><th scope="row">${u.unit}</th><td class="num">${formatCount(u.participations)}</td><td class="num">${formatCount(u.projects)}</td><td class="num">${formatCount(u.euProjects)}</td><td class="num">${formatMoney(u.paid)}</td></tr>`,
  )}</tbody>
</table>
${barChart('chart-units', `Utbetalt per nämnd ${model.year}`, unitBars)}
</section>
<section aria-labelledby="per-program">
<h2 id="per-program">Utbetalningar per programfamilj</h2>
<table>
<caption>Per programfamilj ${model.year}</caption>
<thead><tr><th scope="col">Programfamilj</th><th scope="col">EU-finansiering</th><th scope="col" class="num">Projekt</th><th scope="col" class="num">Utbetalt</th></tr></thead>
<tbody>${model.byProgrammeFamily.map(
    (f) =>
      html`<tr><th scope="row">${f.family}</th><td>${f.isEu ? 'Ja' : 'Nej'}</td><td class="num">${formatCount(f.projects)}</td><td class="num">${formatMoney(f.paid)}</td></tr>`,
  )}</tbody>
</table>
${barChart('chart-families', `Utbetalt per programfamilj ${model.year}`, familyBars)}
</section>
<section aria-labelledby="per-mal">
<h2 id="per-mal">Projekt per mål</h2>
<table>
<caption>Projekt per mål ${model.year} (ett projekt kan bidra till flera mål)</caption>
<thead><tr><th scope="col">Mål</th><th scope="col" class="num">Projekt</th></tr></thead>
<tbody>${model.byGoal.map((g) => html`<tr><th scope="row">${g.goal}</th><td class="num">${formatCount(g.projects)}</td></tr>`)}</tbody>
</table>
</section>
${
  model.reconciliation.length === 0
    ? ''
    : html`<section aria-labelledby="avstamning">
<h2 id="avstamning">Avstämning mot den tryckta redovisningen</h2>
<p>Varje siffra i den importerade, tryckta redovisningen står bredvid siffran som räknats fram ur blanketterna, med skillnaden och de projekt som förklarar den.</p>
<table>
<caption>Tryckta och beräknade siffror</caption>
<thead><tr><th scope="col">Siffra</th><th scope="col" class="num">Tryckt</th><th scope="col" class="num">Beräknad</th><th scope="col" class="num">Skillnad</th><th scope="col">Status</th><th scope="col">Förklaring</th></tr></thead>
<tbody>${model.reconciliation.map(
        (r) =>
          html`<tr><th scope="row">${r.figure}</th><td class="num">${formatCount(r.printed)}</td><td class="num">${r.computed === null ? '–' : formatCount(r.computed)}</td><td class="num">${r.difference === null ? '–' : formatCount(r.difference)}</td><td>${STATUS_TEXT[r.status]}</td><td>${r.explanation}</td></tr>`,
      )}</tbody>
</table>
</section>`
}
<section aria-labelledby="del1">
<h2 id="del1">Del 1: Nämndernas internationella arbete</h2>
${model.narratives.length === 0 ? html`<p class="muted">Inga svar på del 1.</p>` : ''}
${model.narratives.map(
  (n) => html`<h3>${n.unit}</h3>
${n.answers.map((a) => html`<h4>${a.question}</h4>${paragraphs(a.answer)}`)}`,
)}
</section>
<section aria-labelledby="del2">
<h2 id="del2">Del 2: EU-finansierade och internationella projekt</h2>
${model.forms.map(
  (f) => html`<div class="form">
<h3>${f.project.name} <span class="muted">(${f.participation.unit})</span></h3>
<table>
<caption class="visually-hidden">Blankett: ${f.project.name}, ${f.participation.unit}</caption>
<tbody>
<tr><th scope="row">Nämnd</th><td>${f.participation.unit}</td></tr>
<tr><th scope="row">Roll</th><td>${roleText(f.participation.role)}</td></tr>
<tr><th scope="row">Program</th><td>${f.project.programme ?? 'Uppgift saknas'}${f.project.isEu ? '' : ' (ej EU-finansiering)'}</td></tr>
<tr><th scope="row">Projektperiod</th><td>${periodText(f.project.start, f.project.end)}</td></tr>
<tr><th scope="row">Projektets totala budget</th><td class="num">${formatMoney(f.project.totalBudget)}</td></tr>
<tr><th scope="row">Nämndens budget</th><td class="num">${formatMoney(f.participation.budget)}</td></tr>
<tr><th scope="row">Utbetalt ${model.year}</th><td class="num">${formatMoney(f.participation.paid)}</td></tr>
<tr><th scope="row">Mål</th><td>${f.goals.length === 0 ? 'Uppgift saknas' : f.goals.join('; ')}</td></tr>
${f.alsoReportedBy.length > 0 ? html`<tr><th scope="row">Rapporteras även av</th><td>${f.alsoReportedBy.join(', ')}</td></tr>` : ''}
</tbody>
</table>
${f.participation.description ? html`<h4>Beskrivning</h4>${paragraphs(f.participation.description)}` : f.project.summary ? html`<h4>Beskrivning</h4>${paragraphs(f.project.summary)}` : ''}
</div>`,
)}
</section>`
}

/** The report as a standalone HTML document in Swedish, with print CSS (the PDF is printed from it). */
export function renderHtml(model: ReportModel): string {
  const title = reportTitle(model)
  return `<!doctype html>\n${html`<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${unsafeRaw(CSS)}</style>
</head>
<body>
<main>
<h1>${title}</h1>
${reportSections(model)}
</main>
</body>
</html>`}\n`
}
