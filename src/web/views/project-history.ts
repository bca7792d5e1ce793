import type { AuditEvent } from '../../registry/audit.js'
import { type Html, html } from './html.js'
import { layout } from './layout.js'

/** What the project history page shows. */
export interface ProjectHistoryModel {
  readonly projectId: number
  readonly projectName: string
  readonly events: readonly AuditEvent[]
}

const ACTIONS: Readonly<Record<string, string>> = {
  create: 'skapad',
  update: 'ändrad',
  delete: 'borttagen',
  erase: 'personuppgifter raderade',
  import: 'importerad',
}

function show(value: unknown): string {
  if (value === undefined || value === null) {
    return '–'
  }
  return typeof value === 'string' ? value : JSON.stringify(value)
}

/** The fields that differ between two payloads, in a stable order. */
export function changedFields(
  before: unknown,
  after: unknown,
): { field: string; from: string; to: string }[] {
  const b = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>
  const a = (after && typeof after === 'object' ? after : {}) as Record<string, unknown>
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter(
    (k) => k !== 'updatedAt' && k !== 'createdAt',
  )
  return keys
    .filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]))
    .map((k) => ({ field: k, from: show(b[k]), to: show(a[k]) }))
}

/** GET /projects/:id/history: who changed what, when, from which value to which. */
export function projectHistoryPage(model: ProjectHistoryModel): Html {
  const rows = model.events.map(
    (e) => html`<tr>
<td><time datetime="${e.at}">${e.at.replace('T', ' ').slice(0, 19)}</time></td>
<td>${e.actor}</td>
<td>${e.entity} ${ACTIONS[e.action] ?? e.action}</td>
<td><ul>${changedFields(e.before, e.after).map((c) => html`<li><strong>${c.field}</strong>: ${c.from} → ${c.to}</li>`)}</ul></td>
</tr>`,
  )
  return layout({
    title: `Historik: ${model.projectName}`,
    main: html`<h1>Historik för ${model.projectName}</h1>
<table>
<caption>Alla ändringar, senaste först</caption>
<thead><tr><th scope="col">När</th><th scope="col">Vem</th><th scope="col">Vad</th><th scope="col">Ändringar</th></tr></thead>
<tbody>${rows}</tbody>
</table>
${model.events.length === 0 ? html`<p>Inga ändringar registrerade.</p>` : null}`,
  })
}
