import type { ProjectPageData } from '../../../catalogue/pages.service.js'
import type { Provenance } from '../../../registry/document.js'
import {
  countryName,
  formatMoney,
  formatNumber,
  type Lang,
  type MessageKey,
  t,
  tMaybe,
} from '../../i18n/messages.js'
import { type Html, type HtmlValue, html } from '../html.js'
import { barChart } from './chart.js'
import { catalogueLayout, href } from './layout.js'

/** What the project page shows. */
export interface ProjectPageModel {
  readonly lang: Lang
  readonly here: string
  readonly data: ProjectPageData
  /** data issues are for editors (the accounts work decides who is one) */
  readonly showIssues: boolean
}

type Money = { amount: number; currency: string } | null

function money(lang: Lang, m: Money): string | null {
  return m ? formatMoney(lang, m.amount, m.currency) : null
}

function provenanceText(lang: Lang, p: Provenance): string {
  const where =
    p.page !== null
      ? t(lang, 'provenancePage', { page: p.page, doc: p.documentName })
      : t(lang, 'provenanceLine', { line: p.lineStart ?? 1, doc: p.documentName })
  return p.rawText ? `${where}: “${p.rawText}”` : where
}

/** Provenance on demand: a native disclosure, so it works without JavaScript and by keyboard. */
function provenanceOf(
  lang: Lang,
  field: string,
  label: string,
  byField: ReadonlyMap<string | null, readonly Provenance[]>,
): Html {
  const own = byField.get(field) ?? []
  if (own.length === 0) {
    return html``
  }
  return html`<details class="provenance"><summary>${t(lang, 'provenance')}<span class="visually-hidden"> (${label})</span></summary>
<ul>${own.map((p) => html`<li>${provenanceText(lang, p)}</li>`)}</ul></details>`
}

/** The project page: every field with its provenance, participants, partners by country, events. */
export function projectPage(m: ProjectPageModel): Html {
  const { lang } = m
  const r = m.data.record
  // Grouped once: each of the page's fields looks up its own provenance.
  const prov = new Map<string | null, Provenance[]>()
  for (const p of m.data.provenance) {
    const list = prov.get(p.field)
    if (list) {
      list.push(p)
    } else {
      prov.set(p.field, [p])
    }
  }
  const field = (key: string, value: HtmlValue) => {
    const label = t(lang, `field_${key}` as MessageKey)
    const empty =
      value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)
    return html`<div class="fact"><dt>${label}</dt><dd>${empty ? html`<span class="muted">${t(lang, 'none')}</span>` : value}${provenanceOf(lang, key, label, prov)}</dd></div>`
  }
  const status = r.status ? tMaybe(lang, `status_${r.status}`, r.status) : null
  const role = r.role ? tMaybe(lang, `role_${r.role}`, r.role) : null
  const start = prov.get(null)?.[0]
  const byCountry = new Map<string, string[]>()
  for (const p of r.participations) {
    const key = p.country ?? ''
    const names = byCountry.get(key)
    if (names) {
      names.push(p.organisation)
    } else {
      byCountry.set(key, [p.organisation])
    }
  }
  const countries = [...byCountry.entries()].sort(
    (a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]),
  )
  const main = html`<p class="breadcrumb"><a href="${href(lang, '/katalog')}">${t(lang, 'backToSearch')}</a></p>
<h1>${r.name}${r.acronym && r.acronym !== r.name ? html` <span class="acronym">(${r.acronym})</span>` : ''}</h1>
${r.summary ? html`<p class="lead">${r.summary}</p>` : ''}
<section aria-labelledby="facts-heading">
<h2 id="facts-heading">${t(lang, 'factsHeading')}</h2>
<dl class="facts">
${field('acronym', r.acronym)}
${field('organisation', r.organisation)}
${field('unit', r.unit)}
${field('theme', r.theme)}
${field('role', role)}
${field('status', status)}
${field('start', r.start)}
${field('end', r.end)}
${field('programme', r.programme)}
${field('programmeRaw', r.programmeRaw)}
${field('totalBudget', money(lang, r.totalBudget))}
${field('euContribution', money(lang, r.euContribution))}
${field('paidInYear', r.paidInYear ? `${r.paidInYear.year}: ${formatMoney(lang, r.paidInYear.amount, r.paidInYear.currency)}` : null)}
${field('leadPartner', r.leadPartner)}
${field('website', r.website ? html`<a href="${/^https?:\/\//i.test(r.website) ? r.website : `https://${r.website}`}">${r.website}</a>` : null)}
${field('goals', r.goals.length ? html`<ul>${r.goals.map((g) => html`<li>${g}</li>`)}</ul>` : null)}
${field('areas', r.areas.join(', '))}
${field('source', start ? provenanceText(lang, start) : t(lang, 'provenanceNone'))}
</dl>
</section>
<section aria-labelledby="participants-heading">
<h2 id="participants-heading">${t(lang, 'participationsHeading')}</h2>
<div class="table-scroll" tabindex="0" role="region" aria-labelledby="participants-heading">
<table>
<thead><tr><th scope="col">${t(lang, 'colOrganisation')}</th><th scope="col">${t(lang, 'colCountry')}</th><th scope="col">${t(lang, 'colRole')}</th><th scope="col" class="num">${t(lang, 'colBudget')}</th><th scope="col" class="num">${t(lang, 'colEu')}</th><th scope="col">${t(lang, 'colPayments')}</th></tr></thead>
<tbody>
${r.participations.map(
  (
    p,
  ) => html`<tr><th scope="row"><a href="${href(lang, `/katalog/organisation/${p.organisationId}`)}">${p.organisation}</a></th>
<td>${countryName(lang, p.country)}</td>
<td>${p.role ? tMaybe(lang, `role_${p.role}`, p.role) : ''}</td>
<td class="num">${money(lang, p.budget) ?? ''}</td>
<td class="num">${money(lang, p.euCofinancing) ?? ''}</td>
<td>${p.payments.length ? html`<ul class="plain">${p.payments.map((pay) => html`<li>${pay.year}: ${formatMoney(lang, pay.amount, pay.currency)}</li>`)}</ul>` : ''}</td></tr>`,
)}
</tbody>
</table>
</div>
</section>
<section aria-labelledby="partners-heading">
<h2 id="partners-heading">${t(lang, 'partnersHeading')}</h2>
<div class="two-col">
<ul class="countries">
${countries.map(
  ([
    code,
    names,
  ]) => html`<li><strong>${countryName(lang, code || null)}</strong> (${formatNumber(lang, names.length)})
<ul>${names.map((n) => html`<li>${n}</li>`)}</ul></li>`,
)}
</ul>
${barChart({
  lang,
  id: 'partner-countries',
  title: t(lang, 'partnersChart'),
  bars: countries.map(([code, names]) => ({ label: countryName(lang, code || null), value: names.length })),
  labelHeading: t(lang, 'colCountry'),
  valueHeading: t(lang, 'colValue'),
  download: href(lang, `/katalog/projekt/${r.id}/partners.csv`),
})}
</div>
</section>
${
  m.data.events.length > 0
    ? html`<section aria-labelledby="events-heading">
<h2 id="events-heading">${t(lang, 'eventsHeading')}</h2>
${m.data.events.map(
  (e) => html`<article class="event"><h3>${e.title}</h3>
<p class="meta">${[e.place, e.country ? countryName(lang, e.country) : null, e.start, e.end && e.end !== e.start ? e.end : null].filter(Boolean).join(' · ')}</p>
${
  e.participants.length
    ? html`<table><caption>${t(lang, 'eventParticipants')}</caption>
<thead><tr><th scope="col">${t(lang, 'colCountry')}</th><th scope="col" class="num">${t(lang, 'colValue')}</th></tr></thead>
<tbody>${e.participants.map((p) => html`<tr><th scope="row">${countryName(lang, p.country)}</th><td class="num">${formatNumber(lang, p.count)}</td></tr>`)}</tbody></table>`
    : ''
}
</article>`,
)}
</section>`
    : ''
}
${
  m.showIssues && m.data.issues.length > 0
    ? html`<section class="issues" aria-labelledby="issues-heading"><h2 id="issues-heading">${t(lang, 'issuesHeading')}</h2>
<ul>${m.data.issues.map((i) => html`<li>${i.field ? html`<strong>${i.field}</strong>: ` : ''}${i.message}</li>`)}</ul></section>`
    : ''
}`
  return catalogueLayout({ lang, title: r.name, here: m.here, section: 'catalogue', main })
}
