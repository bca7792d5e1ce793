import { formatNumber, type Lang, t } from '../../i18n/messages.js'
import { type Html, html } from '../html.js'

/** One bar: its label, its value and, optionally, how the value is printed ("1 971 565 kr"). */
export interface Bar {
  readonly label: string
  readonly value: number
  readonly display?: string
}

/** A chart with its table alternative and download. */
export interface ChartModel {
  readonly lang: Lang
  /** unique on the page: used for ids */
  readonly id: string
  readonly title: string
  readonly bars: readonly Bar[]
  /** column headings of the table alternative */
  readonly labelHeading: string
  readonly valueHeading: string
  /** the address of the chart's data as CSV, or null */
  readonly download: string | null
}

const ROW = 30
const LABEL_W = 170
const BAR_W = 210
const VALUE_W = 150

/**
 * A horizontal bar chart as server-rendered SVG: every bar carries its value as text (colour is
 * never the only carrier), the SVG is an image with a title and description for screen readers, and
 * the same numbers follow as a table, with a CSV download.
 */
export function barChart(m: ChartModel): Html {
  const max = Math.max(1, ...m.bars.map((b) => b.value))
  const height = Math.max(ROW, m.bars.length * ROW) + 8
  const width = LABEL_W + BAR_W + VALUE_W
  const descId = `${m.id}-desc`
  const titleId = `${m.id}-title`
  const desc = m.bars.map((b) => `${b.label}: ${b.display ?? formatNumber(m.lang, b.value)}`).join('; ')
  const rows = m.bars.map((b, i) => {
    const y = 4 + i * ROW
    const w = Math.max(2, Math.round((b.value / max) * BAR_W))
    const label = b.label.length > 20 ? `${b.label.slice(0, 19)}…` : b.label
    return html`<g>
  <text x="${LABEL_W - 8}" y="${y + 19}" text-anchor="end" class="chart-label">${label}</text>
  <rect x="${LABEL_W}" y="${y + 4}" width="${w}" height="${ROW - 10}" class="chart-bar"></rect>
  <text x="${LABEL_W + w + 6}" y="${y + 19}" class="chart-value">${b.display ?? formatNumber(m.lang, b.value)}</text>
</g>`
  })
  return html`<figure class="chart" id="${m.id}">
<figcaption><h3 id="${titleId}">${m.title}</h3></figcaption>
${
  m.bars.length === 0
    ? html`<p>${t(m.lang, 'none')}</p>`
    : html`<svg role="img" aria-labelledby="${titleId}" aria-describedby="${descId}" viewBox="0 0 ${width} ${height}" width="100%" preserveAspectRatio="xMinYMin meet">
<desc id="${descId}">${desc}</desc>
${rows}
</svg>`
}
<details class="chart-table">
<summary>${t(m.lang, 'showTable')}</summary>
<table>
<caption>${m.title}</caption>
<thead><tr><th scope="col">${m.labelHeading}</th><th scope="col" class="num">${m.valueHeading}</th></tr></thead>
<tbody>
${m.bars.map((b) => html`<tr><th scope="row">${b.label}</th><td class="num">${b.display ?? formatNumber(m.lang, b.value)}</td></tr>`)}
</tbody>
</table>
</details>
${m.download ? html`<p><a class="download" href="${m.download}" download>${t(m.lang, 'downloadChart')}<span class="visually-hidden">: ${m.title}</span></a></p>` : ''}
</figure>`
}
