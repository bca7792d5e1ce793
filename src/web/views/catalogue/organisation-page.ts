import { periodYears } from '../../../catalogue/facets.js'
import type { OrganisationPageData } from '../../../catalogue/pages.service.js'
import { countryName, formatNumber, type Lang, t, tMaybe } from '../../i18n/messages.js'
import { type Html, html } from '../html.js'
import { barChart } from './chart.js'
import { catalogueLayout, href } from './layout.js'

/** What the organisation page shows. */
export interface OrganisationPageModel {
  readonly lang: Lang
  readonly here: string
  readonly data: OrganisationPageData
}

function tally(values: readonly string[]): Array<{ label: string; value: number }> {
  const m = new Map<string, number>()
  for (const v of values) {
    m.set(v, (m.get(v) ?? 0) + 1)
  }
  return [...m.entries()].map(([label, value]) => ({ label, value }))
}

/** An organisation: its projects and roles, totals by programme and by year, with charts. */
export function organisationPage(m: OrganisationPageModel): Html {
  const { lang } = m
  const { organisation: org, projects } = m.data
  const byProgramme = tally(projects.map((p) => p.record.programme ?? t(lang, 'unknown'))).sort(
    (a, b) => b.value - a.value || a.label.localeCompare(b.label),
  )
  const byYear = tally(projects.flatMap((p) => periodYears(p.record.start, p.record.end).map(String))).sort(
    (a, b) => a.label.localeCompare(b.label),
  )
  const roles = tally(
    projects.map((p) => (p.role ? tMaybe(lang, `role_${p.role}`, p.role) : t(lang, 'unknown'))),
  )
  const base = `/katalog/organisation/${org.id}`
  const main = html`<p class="breadcrumb"><a href="${href(lang, '/katalog')}">${t(lang, 'backToSearch')}</a></p>
<h1>${org.name}</h1>
<p class="meta">${[
    org.country ? countryName(lang, org.country) : null,
    t(lang, 'resultsCount', { n: formatNumber(lang, projects.length) }),
    `${t(lang, 'orgRoles')}: ${roles.map((r) => `${r.label} ${formatNumber(lang, r.value)}`).join(', ')}`,
  ]
    .filter(Boolean)
    .join(' · ')}</p>
<section aria-labelledby="org-projects">
<h2 id="org-projects">${t(lang, 'orgProjects')}</h2>
<div class="table-scroll" tabindex="0" role="region" aria-labelledby="org-projects">
<table>
<thead><tr><th scope="col">${t(lang, 'field_name')}</th><th scope="col">${t(lang, 'colRole')}</th><th scope="col">${t(lang, 'field_programme')}</th><th scope="col">${t(lang, 'field_period')}</th></tr></thead>
<tbody>
${projects.map(
  ({
    record: r,
    role,
  }) => html`<tr><th scope="row"><a href="${href(lang, `/katalog/projekt/${r.id}`)}">${r.name}</a></th>
<td>${role ? tMaybe(lang, `role_${role}`, role) : ''}</td><td>${r.programme ?? r.programmeRaw ?? ''}</td><td>${r.start ?? ''}${r.start || r.end ? '–' : ''}${r.end ?? ''}</td></tr>`,
)}
</tbody>
</table>
</div>
</section>
<div class="two-col">
${barChart({
  lang,
  id: 'org-programmes',
  title: t(lang, 'orgByProgramme'),
  bars: byProgramme,
  labelHeading: t(lang, 'field_programme'),
  valueHeading: t(lang, 'colProjects'),
  download: href(lang, `${base}/chart.csv`, [['chart', 'programme']]),
})}
${barChart({
  lang,
  id: 'org-years',
  title: t(lang, 'orgByYear'),
  bars: byYear,
  labelHeading: t(lang, 'colYear'),
  valueHeading: t(lang, 'colProjects'),
  download: href(lang, `${base}/chart.csv`, [['chart', 'year']]),
})}
</div>`
  return catalogueLayout({ lang, title: org.name, here: m.here, section: 'none', main })
}

/** The organisation page's chart data, for its CSV downloads. */
export function organisationChartRows(
  data: OrganisationPageData,
  chart: 'programme' | 'year',
): Array<readonly [string, number]> {
  const values =
    chart === 'programme'
      ? data.projects.map((p) => p.record.programme ?? '')
      : data.projects.flatMap((p) => periodYears(p.record.start, p.record.end).map(String))
  return tally(values)
    .sort((a, b) => a.label.localeCompare(b.label))
    .map((x) => [x.label, x.value] as const)
}
