import type { DataIssue } from '../../../registry/data-issue.js'
import type { StoredDocument } from '../../../registry/document.js'
import type { Unit } from '../../../registry/organisation.js'
import { type Html, html } from '../html.js'
import { layout } from '../layout.js'

/** What the data-issue queue page shows. */
export interface DataIssuesModel {
  readonly issues: readonly DataIssue[]
  readonly filter: {
    readonly status: string
    readonly kind: string
    readonly unit: string
    readonly document: string
  }
  readonly units: readonly Unit[]
  readonly documents: readonly StoredDocument[]
  readonly csrfToken: string
  readonly tenantQuery: string
  /** a message from the last action, e.g. a correction that was refused */
  readonly message?: string
}

/** Kinds of problems, in Swedish. */
export const KIND_LABELS: Readonly<Record<string, string>> = {
  source: 'i källan',
  date: 'datum',
  amount: 'belopp',
  budget: 'budget',
  programme: 'program',
  duplicate: 'dubblett',
  missing: 'saknas',
  other: 'övrigt',
}

function option(value: string, label: string, selected: string): Html {
  return html`<option value="${value}"${value === selected ? html` selected` : null}>${label}</option>`
}

function issueRow(i: DataIssue, model: DataIssuesModel): Html {
  const target =
    i.entity === 'project'
      ? html`<a href="/projects/${i.entityId}/history">projekt ${i.entityId}</a>`
      : html`${i.entity} ${i.entityId}`
  const resolve =
    i.status === 'open'
      ? html`<form method="post" action="/dataproblem/${i.id}${model.tenantQuery}">
<input type="hidden" name="_csrf" value="${model.csrfToken}">
<button name="resolution" value="source-right">Källan har rätt</button>
<details><summary>Rätta</summary>
<label for="field-${i.id}">Fält</label>
<input id="field-${i.id}" name="field" value="${i.field ?? ''}">
<label for="value-${i.id}">Nytt värde</label>
<input id="value-${i.id}" name="value">
<label for="note-${i.id}">Anteckning</label>
<input id="note-${i.id}" name="note">
<button name="resolution" value="correction">Spara rättelse</button>
</details>
</form>`
      : html`${i.resolution ?? ''} <small>(${i.resolvedAt ?? ''})</small>`
  return html`<tr>
<td>${i.id}</td>
<td>${KIND_LABELS[i.kind] ?? i.kind}</td>
<td>${target}</td>
<td>${i.field ?? ''}</td>
<td>${i.message}</td>
<td>${resolve}</td>
</tr>`
}

/** GET /dataproblem: the coordinators' work queue of data issues, filtered; resolved ones stay listed. */
export function dataIssuesPage(model: DataIssuesModel): Html {
  const f = model.filter
  return layout({
    title: 'Dataproblem',
    main: html`<h1>Dataproblem</h1>
${model.message ? html`<p class="notice" role="status">${model.message}</p>` : null}
<form method="get" action="/dataproblem">
${model.tenantQuery ? html`<input type="hidden" name="tenant" value="${model.tenantQuery.replace('?tenant=', '')}">` : null}
<label for="status">Status</label>
<select id="status" name="status">${option('open', 'öppna', f.status)}${option('resolved', 'lösta', f.status)}</select>
<label for="kind">Typ</label>
<select id="kind" name="kind">${option('', 'alla', f.kind)}${Object.entries(KIND_LABELS).map(([k, v]) => option(k, v, f.kind))}</select>
<label for="unit">Förvaltning/nämnd</label>
<select id="unit" name="unit">${option('', 'alla', f.unit)}${model.units.map((u) => option(String(u.id), u.name, f.unit))}</select>
<label for="document">Dokument</label>
<select id="document" name="document">${option('', 'alla', f.document)}${model.documents.map((d) => option(String(d.id), d.name, f.document))}</select>
<button>Visa</button>
</form>
<table>
<caption>${model.issues.length} problem</caption>
<thead><tr><th scope="col">Nr</th><th scope="col">Typ</th><th scope="col">Post</th><th scope="col">Fält</th><th scope="col">Problem</th><th scope="col">Lösning</th></tr></thead>
<tbody>${model.issues.map((i) => issueRow(i, model))}</tbody>
</table>`,
  })
}
