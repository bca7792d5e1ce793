import { FACETS, type FacetKey } from '../../../catalogue/facets.js'
import type { CatalogueResult, SearchSort } from '../../../catalogue/search.js'
import type { ProjectRecordWithParticipations } from '../../../registry/project-record.service.js'
import { countryName, formatNumber, type Lang, t, tMaybe } from '../../i18n/messages.js'
import { type Html, html } from '../html.js'
import { catalogueLayout, href } from './layout.js'

/** What the catalogue page shows. */
export interface CataloguePageModel {
  readonly lang: Lang
  readonly here: string
  readonly q: string
  readonly sort: SearchSort
  readonly filters: Partial<Record<FacetKey, readonly string[]>>
  readonly result: CatalogueResult
  readonly items: readonly ProjectRecordWithParticipations[]
}

/** Facet values shown per facet: the commonest first. */
const FACET_VALUES_SHOWN = 12
const SUMMARY_CHARS = 260
const SORTS: readonly SearchSort[] = ['relevance', 'name', 'start', 'end', 'updated']
const SORT_KEY = {
  relevance: 'sortRelevance',
  name: 'sortName',
  start: 'sortStart',
  end: 'sortEnd',
  updated: 'sortUpdated',
} as const

/** The label of a facet value in the page's language (statuses and roles are translated). */
export function facetValueLabel(lang: Lang, facet: FacetKey, value: string): string {
  if (facet === 'status' || facet === 'role') {
    return tMaybe(lang, `${facet}_${value}`, value)
  }
  if (facet === 'country') {
    return countryName(lang, value)
  }
  return value
}

/** The query parameters of a search, for links that keep it (paging, exports). */
export function searchParams(
  m: Pick<CataloguePageModel, 'q' | 'sort' | 'filters'>,
): Array<readonly [string, string]> {
  const out: Array<readonly [string, string]> = []
  if (m.q) {
    out.push(['q', m.q])
  }
  for (const facet of Object.keys(m.filters) as FacetKey[]) {
    for (const v of m.filters[facet] ?? []) {
      out.push([facet, v])
    }
  }
  return out
}

function period(r: ProjectRecordWithParticipations): string {
  if (!r.start && !r.end) {
    return ''
  }
  return `${r.start ?? '…'}–${r.end ?? '…'}`
}

function summary(text: string | null): string {
  if (!text) {
    return ''
  }
  return text.length > SUMMARY_CHARS ? `${text.slice(0, SUMMARY_CHARS).replace(/\s+\S*$/, '')} …` : text
}

function facetFieldset(m: CataloguePageModel, facet: FacetKey, open: boolean): Html {
  const { lang } = m
  const chosen = new Set(m.filters[facet] ?? [])
  const counts = m.result.facets[facet] ?? []
  // Chosen values stay visible even when they have no matches left.
  const shown = [
    ...counts.filter((c) => chosen.has(c.value)),
    ...counts.filter((c) => !chosen.has(c.value)).slice(0, FACET_VALUES_SHOWN),
  ]
  for (const v of chosen) {
    if (!shown.some((c) => c.value === v)) {
      shown.unshift({ value: v, count: 0 })
    }
  }
  if (shown.length === 0) {
    return html``
  }
  // A disclosure per facet keeps the list short on a phone; facets in use and the first ones stay open.
  return html`<details class="facet-group"${open || chosen.size > 0 ? html` open` : ''}>
<summary>${t(lang, `facet_${facet}` as const)}${chosen.size > 0 ? ` (${chosen.size})` : ''}</summary>
<fieldset class="facet">
<legend class="visually-hidden">${t(lang, `facet_${facet}` as const)}</legend>
<ul>
${shown.map((c, i) => {
  const id = `f-${facet}-${i}`
  return html`<li><input type="checkbox" id="${id}" name="${facet}" value="${c.value}"${chosen.has(c.value) ? html` checked` : ''}>
<label for="${id}">${facetValueLabel(lang, facet, c.value)} <span class="count">(${formatNumber(lang, c.count)})</span></label></li>`
})}
</ul>
</fieldset>
</details>`
}

function resultItem(lang: Lang, r: ProjectRecordWithParticipations): Html {
  const meta = [
    r.organisation,
    r.programme ?? r.programmeRaw,
    period(r),
    r.status ? tMaybe(lang, `status_${r.status}`, r.status) : null,
  ].filter((x): x is string => Boolean(x))
  return html`<li class="result">
<h3><a href="${href(lang, `/katalog/projekt/${r.id}`)}">${r.name}${r.acronym && r.acronym !== r.name ? html` <span class="acronym">(${r.acronym})</span>` : ''}</a></h3>
<p class="meta">${meta.join(' · ')}</p>
${r.summary ? html`<p class="summary">${summary(r.summary)}</p>` : ''}
</li>`
}

function pagination(m: CataloguePageModel): Html {
  const { lang, result } = m
  if (result.pages <= 1) {
    return html``
  }
  const params = [...searchParams(m), ['sort', m.sort] as const]
  const link = (page: number) => href(lang, '/katalog', [...params, ['page', page]])
  return html`<nav class="pagination" aria-label="${t(lang, 'pagination')}">
<p>${t(lang, 'pageOf', { page: result.page, pages: result.pages })}</p>
<ul>
${result.page > 1 ? html`<li><a href="${link(result.page - 1)}" rel="prev">${t(lang, 'previous')}</a></li>` : ''}
${result.page < result.pages ? html`<li><a href="${link(result.page + 1)}" rel="next">${t(lang, 'next')}</a></li>` : ''}
</ul>
</nav>`
}

/** The catalogue: search box, facets, sorting, results, paging and downloads; all state in the URL. */
export function cataloguePage(m: CataloguePageModel): Html {
  const { lang, result } = m
  const exportParams = searchParams(m)
  const count = result.totalExact
    ? t(lang, 'resultsCount', { n: formatNumber(lang, result.total) })
    : t(lang, 'resultsCountMore', { n: formatNumber(lang, result.total) })
  const main = html`<h1>${t(lang, 'catalogueTitle')}</h1>
<form class="catalogue" method="get" action="/katalog" role="search">
${lang === 'en' ? html`<input type="hidden" name="lang" value="en">` : ''}
<div class="search-row">
  <label for="q">${t(lang, 'searchLabel')}</label>
  <p class="hint" id="q-hint">${t(lang, 'catalogueIntro')}</p>
  <div class="search-box">
    <input type="search" id="q" name="q" value="${m.q}" maxlength="500" aria-describedby="q-hint" autocomplete="off">
    <button type="submit">${t(lang, 'searchButton')}</button>
  </div>
</div>
<div class="catalogue-grid">
<aside class="facets" aria-labelledby="filters-heading">
  <h2 id="filters-heading">${t(lang, 'filtersHeading')}</h2>
  ${FACETS.filter((f) => (m.result.facets[f] ?? []).length > 0 || (m.filters[f] ?? []).length > 0).map(
    (f, i) => facetFieldset(m, f, i < 3),
  )}
  <button type="submit" class="secondary">${t(lang, 'filterButton')}</button>
  ${exportParams.length > 0 ? html`<p><a href="${href(lang, '/katalog')}">${t(lang, 'clearFilters')}</a></p>` : ''}
</aside>
<section class="results" aria-labelledby="results-heading">
  <div class="results-head">
    <h2 id="results-heading">${t(lang, 'resultsHeading')}: <span class="count-text">${count}</span></h2>
    <div class="sort">
      <label for="sort">${t(lang, 'sortLabel')}</label>
      <select id="sort" name="sort">
        ${SORTS.filter((s) => s !== 'relevance' || m.q).map(
          (s) =>
            html`<option value="${s}"${s === m.sort ? html` selected` : ''}>${t(lang, SORT_KEY[s])}</option>`,
        )}
      </select>
      <button type="submit" class="secondary">${t(lang, 'sortLabel').split(' ')[0]}</button>
    </div>
  </div>
  ${
    m.items.length === 0
      ? html`<p class="empty">${t(lang, 'noResults')}</p>`
      : html`<ol class="result-list">${m.items.map((r) => resultItem(lang, r))}</ol>`
  }
  ${pagination(m)}
  <div class="downloads">
    <h2>${t(lang, 'download')}</h2>
    <ul>
      <li><a href="${href(lang, '/katalog/export.csv', exportParams)}" download>${t(lang, 'downloadCsv')}</a></li>
      <li><a href="${href(lang, '/katalog/export.xlsx', exportParams)}" download>${t(lang, 'downloadXlsx')}</a></li>
      <li><a href="${href(lang, '/katalog/export.json', exportParams)}" download>${t(lang, 'downloadJson')}</a></li>
    </ul>
  </div>
</section>
</div>
</form>`
  return catalogueLayout({ lang, title: t(lang, 'catalogueTitle'), here: m.here, section: 'catalogue', main })
}
