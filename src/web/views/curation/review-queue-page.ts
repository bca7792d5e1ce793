import type { MatchCandidate, MergeRecord } from '../../../curation/curation.js'
import { type Html, html } from '../html.js'
import { layout } from '../layout.js'

/** What the review queue page shows. */
export interface ReviewQueueModel {
  readonly open: readonly MatchCandidate[]
  readonly decided: readonly MatchCandidate[]
  readonly merges: readonly MergeRecord[]
  readonly csrfToken: string
  /** `?tenant=…` to keep on form actions, or '' */
  readonly tenantQuery: string
}

const STATUS: Readonly<Record<string, string>> = {
  open: 'väntar',
  accepted: 'sammanslagna',
  rejected: 'olika projekt',
  auto: 'sammanslagna vid import',
}

function record(entity: string, id: number, name: string | null): Html {
  if (!name) {
    return html`${id} (borttaget)`
  }
  return entity === 'project'
    ? html`<a href="/projects/${id}/history">${name}</a> (${id})`
    : html`${name} (${id})`
}

/** GET /granskning: likely duplicates waiting for a decision, and decisions already taken. */
export function reviewQueuePage(model: ReviewQueueModel): Html {
  const rows = model.open.map(
    (c) => html`<tr>
<td>${c.entity === 'project' ? 'projekt' : 'organisation'}</td>
<td>${record(c.entity, c.leftId, c.leftName)}</td>
<td>${record(c.entity, c.rightId, c.rightName)}</td>
<td>${c.score.toFixed(2)}</td>
<td><ul>${c.reasons.map((r) => html`<li>${r}</li>`)}</ul></td>
<td>
<form method="post" action="/granskning/${c.id}${model.tenantQuery}">
<input type="hidden" name="_csrf" value="${model.csrfToken}">
<button name="decision" value="accept">Samma projekt – slå ihop</button>
<button name="decision" value="reject">Olika projekt</button>
</form>
</td>
</tr>`,
  )
  const decided = model.decided.map(
    (c) => html`<tr>
<td>${c.decidedAt ?? c.createdAt}</td>
<td>${record(c.entity, c.leftId, c.leftName)}${c.rightId === c.leftId ? null : html` / ${record(c.entity, c.rightId, c.rightName)}`}</td>
<td>${STATUS[c.status] ?? c.status}</td>
<td>${c.note ?? c.reasons.join('; ')}</td>
<td>${c.decidedBy ?? ''}</td>
</tr>`,
  )
  const merges = model.merges.map(
    (m) => html`<tr>
<td>${m.mergedAt}</td>
<td>${m.mergedName} (${m.mergedId}) → ${m.keptId}</td>
<td>${m.mergedBy}</td>
<td>${m.splitAt ? html`delad ${m.splitAt}` : html`<form method="post" action="/granskning/sammanslagningar/${m.id}/dela${model.tenantQuery}"><input type="hidden" name="_csrf" value="${model.csrfToken}"><button>Dela upp igen</button></form>`}</td>
</tr>`,
  )
  return layout({
    title: 'Granskning av dubbletter',
    main: html`<h1>Granskning av dubbletter</h1>
<p>Projekt eller organisationer som troligen är samma, rapporterade två gånger eller under två namn. Sammanslagning behåller alla deltaganden, utbetalningar, kontakter och källhänvisningar och kan delas upp igen.</p>
<table>
<caption>Väntar på beslut (${model.open.length})</caption>
<thead><tr><th scope="col">Typ</th><th scope="col">Behålls</th><th scope="col">Slås ihop</th><th scope="col">Poäng</th><th scope="col">Skäl</th><th scope="col">Beslut</th></tr></thead>
<tbody>${rows}</tbody>
</table>
${model.open.length === 0 ? html`<p>Inga dubbletter väntar på granskning.</p>` : null}
<h2>Sammanslagningar</h2>
<form method="post" action="/granskning/sammanslagningar${model.tenantQuery}">
<input type="hidden" name="_csrf" value="${model.csrfToken}">
<label for="keptId">Projekt som behålls (id)</label>
<input id="keptId" name="keptId" inputmode="numeric" pattern="[0-9]+" required>
<label for="mergedId">Projekt som slås ihop med det (id)</label>
<input id="mergedId" name="mergedId" inputmode="numeric" pattern="[0-9]+" required>
<label for="merge-note">Anteckning</label>
<input id="merge-note" name="note">
<button>Slå ihop</button>
</form>
<table>
<thead><tr><th scope="col">När</th><th scope="col">Vad</th><th scope="col">Vem</th><th scope="col">Ångra</th></tr></thead>
<tbody>${merges}</tbody>
</table>
<h2>Tidigare beslut</h2>
<table>
<thead><tr><th scope="col">När</th><th scope="col">Projekt</th><th scope="col">Beslut</th><th scope="col">Anteckning</th><th scope="col">Vem</th></tr></thead>
<tbody>${decided}</tbody>
</table>`,
  })
}
