import { type Html, html } from './html.js'
import { layout } from './layout.js'

/** One row of the home page's project list. */
export interface HomeProject {
  readonly id: number
  readonly name: string
  readonly acronym: string | null
  readonly programme: string | null
  /** ISO 8601 at the precision known */
  readonly start: string | null
  readonly end: string | null
  readonly status: 'planned' | 'ongoing' | 'completed' | null
  /** true for the generated demo portfolio's invented projects */
  readonly isDemo: boolean
}

/** What the home page shows: one page of projects and how many there are in all. */
export interface HomePageModel {
  readonly projects: readonly HomeProject[]
  readonly total: number
}

const STATUS_SV: Readonly<Record<NonNullable<HomeProject['status']>, string>> = {
  planned: 'Planerat',
  ongoing: 'Pågående',
  completed: 'Avslutat',
}

function period(p: HomeProject): string {
  if (!p.start && !p.end) {
    return ''
  }
  return `${p.start ?? '?'} – ${p.end ?? '?'}`
}

function row(p: HomeProject): Html {
  return html`<tr>
<td>${p.name}${p.acronym ? html` <span lang="en">(${p.acronym})</span>` : null}${p.isDemo ? html` <span class="demo">Demo</span>` : null}</td>
<td>${p.programme ?? ''}</td>
<td>${period(p)}</td>
<td>${p.status ? STATUS_SV[p.status] : ''}</td>
</tr>`
}

/** The minimal home page: the registry's projects as a table (the catalogue issue builds the real site). */
export function homePage(model: HomePageModel): Html {
  const anyDemo = model.projects.some((p) => p.isDemo)
  const list =
    model.projects.length === 0
      ? html`<p>Registret har inga projekt ännu. Importera dokument med <code>projektatlas import</code> eller lägg till projekt via API:t.</p>`
      : html`<table>
<caption>${model.total === model.projects.length ? `${model.total} projekt` : `Visar ${model.projects.length} av ${model.total} projekt`}</caption>
<thead><tr><th scope="col">Projekt</th><th scope="col">Program</th><th scope="col">Period</th><th scope="col">Status</th></tr></thead>
<tbody>
${model.projects.map(row)}
</tbody>
</table>`
  return layout({
    title: 'Projekt',
    main: html`<h1>Projekt</h1>
<nav aria-label="Arbetsytor"><ul>
<li><a href="/import">Importera dokument</a></li>
<li><a href="/granskning">Granska dubbletter</a></li>
<li><a href="/dataproblem">Dataproblem</a></li>
<li><a href="/rapport">Årlig redovisning</a></li>
<li><a href="/katalog">Den publika katalogen</a></li>
<li><a href="/logout">Logga ut</a></li>
</ul></nav>
<p>EU-finansierade och internationella projekt i registret. <span lang="en">EU-funded and international projects in the registry.</span></p>
${anyDemo ? html`<p class="notice"><strong>Demo:</strong> projekt märkta ”Demo” är påhittade exempel som visar hur registret fungerar, inte verkliga projekt.</p>` : null}
${list}`,
  })
}
