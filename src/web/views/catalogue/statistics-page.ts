import type { StatisticsData } from '../../../catalogue/pages.service.js'
import { countryName, formatMoney, formatNumber, type Lang, t } from '../../i18n/messages.js'
import { type Html, html } from '../html.js'
import { barChart } from './chart.js'
import { catalogueLayout, href } from './layout.js'

/** The statistics charts, by id (also the `chart` parameter of their CSV download). */
export type StatisticsChart = 'family' | 'funding' | 'year' | 'country'
export const STATISTICS_CHARTS: readonly StatisticsChart[] = ['family', 'funding', 'year', 'country']

/** What the statistics page shows. */
export interface StatisticsPageModel {
  readonly lang: Lang
  readonly here: string
  readonly data: StatisticsData
}

/** A chart's rows as (label, value, unit) for its table, chart and CSV. */
export function statisticsRows(
  lang: Lang,
  data: StatisticsData,
  chart: StatisticsChart,
): Array<{ label: string; value: number; display: string }> {
  const n = (v: number) => formatNumber(lang, v)
  switch (chart) {
    case 'family':
      return data.byFamily.map((f) => ({ label: f.value, value: f.count, display: n(f.count) }))
    case 'funding':
      return data.fundingByFamily.map((f) => ({
        label: `${f.family ?? t(lang, 'unknown')} (${f.currency})`,
        value: f.amount,
        display: formatMoney(lang, f.amount, f.currency),
      }))
    case 'year':
      return data.byYear.map((f) => ({ label: f.value, value: f.count, display: n(f.count) }))
    default:
      return data.byCountry.map((f) => ({
        label: countryName(lang, f.value),
        value: f.count,
        display: n(f.count),
      }))
  }
}

const TITLES = {
  family: 'statsByFamily',
  funding: 'statsFundingByFamily',
  year: 'statsByYear',
  country: 'statsByCountry',
} as const

/** Statistics: projects and EU funding by programme family, by year, by partner country. */
export function statisticsPage(m: StatisticsPageModel): Html {
  const { lang } = m
  const main = html`<h1>${t(lang, 'statsTitle')}</h1>
<p class="lead">${t(lang, 'statsIntro')} ${t(lang, 'resultsCount', { n: formatNumber(lang, m.data.total) })}.</p>
<div class="charts">
${STATISTICS_CHARTS.map((c) =>
  barChart({
    lang,
    id: `chart-${c}`,
    title: t(lang, TITLES[c]),
    bars: statisticsRows(lang, m.data, c),
    labelHeading:
      c === 'year' ? t(lang, 'colYear') : c === 'country' ? t(lang, 'colCountry') : t(lang, 'facet_family'),
    valueHeading: c === 'funding' ? t(lang, 'colAmount') : t(lang, 'colProjects'),
    download: href(lang, '/katalog/statistik.csv', [['chart', c]]),
  }),
)}
</div>`
  return catalogueLayout({ lang, title: t(lang, 'statsTitle'), here: m.here, section: 'statistics', main })
}
