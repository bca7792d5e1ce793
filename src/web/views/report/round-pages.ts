import type { Unit } from '../../../registry/organisation.js'
import type { ReportModel } from '../../../report/model/report-model.js'
import { reportSections } from '../../../report/render/html.js'
import { DEFAULT_QUESTIONS, type RoundFinding, STATUS_LABEL } from '../../../report/round/round.js'
import type { Round, RoundUnit, UnitForm } from '../../../report/round/round.service.js'
import { type Html, html } from '../html.js'
import { layout } from '../layout.js'

/** What every round page needs to build its forms and links. */
export interface PageContext {
  readonly csrfToken: string
  /** `?tenant=…` to keep on links and form actions, or '' */
  readonly tenantQuery: string
  /** whether the viewer may open rounds, return and approve */
  readonly isCoordinator: boolean
}

function csrf(ctx: PageContext): Html {
  return html`<input type="hidden" name="_csrf" value="${ctx.csrfToken}">`
}

/** GET /rapport: the tenant's rounds and (for coordinators) the form to open a new one. */
export function roundsPage(
  ctx: PageContext,
  rounds: readonly Round[],
  units: readonly Unit[],
  message?: string,
): Html {
  const next = new Date().getFullYear() - 1
  return layout({
    title: 'Årlig internationell redovisning',
    main: html`<h1>Årlig internationell redovisning</h1>
${message ? html`<p class="notice" role="alert">${message}</p>` : ''}
<h2>Redovisningsomgångar</h2>
${
  rounds.length === 0
    ? html`<p>Ingen omgång är öppnad ännu.</p>`
    : html`<ul>${rounds.map(
        (r) =>
          html`<li><a href="/rapport/${r.year}${ctx.tenantQuery}">Redovisning ${r.year}</a>${r.deadline ? ` – sista dag ${r.deadline}` : ''}</li>`,
      )}</ul>`
}
${
  ctx.isCoordinator
    ? html`<h2>Öppna en omgång</h2>
<form method="post" action="/rapport/omgang${ctx.tenantQuery}">
${csrf(ctx)}
<p><label for="year">År</label><br><input id="year" name="year" inputmode="numeric" pattern="[0-9]{4}" required value="${next}"></p>
<p><label for="deadline">Sista dag (ÅÅÅÅ-MM-DD)</label><br><input id="deadline" name="deadline" type="date"></p>
<p><label for="question1">Fråga 1 i del 1</label><br><textarea id="question1" name="question1" rows="3" cols="80">${DEFAULT_QUESTIONS[0] ?? ''}</textarea></p>
<p><label for="question2">Fråga 2 i del 1</label><br><textarea id="question2" name="question2" rows="3" cols="80">${DEFAULT_QUESTIONS[1] ?? ''}</textarea></p>
<fieldset><legend>Deltagande nämnder</legend>
${units.map(
  (u) =>
    html`<p><input type="checkbox" id="unit-${u.id}" name="unitIds" value="${u.id}" checked> <label for="unit-${u.id}">${u.name}</label></p>`,
)}
</fieldset>
<p><button type="submit">Öppna omgången</button></p>
</form>`
    : ''
}`,
  })
}

/** GET /rapport/:year: every unit's status, decisions for coordinators, and the report. */
export function roundPage(
  ctx: PageContext,
  round: Round,
  units: readonly RoundUnit[],
  reminders: ReadonlyMap<number, readonly string[]> = new Map(),
): Html {
  const remind = (u: RoundUnit) => {
    const to = reminders.get(u.unitId) ?? []
    if (to.length === 0) {
      return html`Inga redaktörer att påminna`
    }
    const subject = encodeURIComponent(`Påminnelse: internationell redovisning ${round.year}`)
    const body = encodeURIComponent(
      `Hej!\n\n${u.unit}s redovisning för ${round.year} är ${STATUS_LABEL[u.status].toLowerCase()}.${round.deadline ? ` Sista dag är ${round.deadline}.` : ''}\n`,
    )
    return html`<a href="mailto:${to.join(',')}?subject=${subject}&body=${body}">Påminn ${u.unit} (e-post)</a>`
  }
  const done = units.filter((u) => u.status === 'approved').length
  return layout({
    title: `Redovisning ${round.year}`,
    main: html`<h1>Redovisning ${round.year}</h1>
<p>${done} av ${units.length} nämnder godkända.${round.deadline ? ` Sista dag: ${round.deadline}.` : ''}</p>
<p><a href="/rapport/${round.year}/redovisning${ctx.tenantQuery}">Visa redovisningen och ladda ner</a></p>
<table>
<caption>Nämndernas status</caption>
<thead><tr><th scope="col">Nämnd</th><th scope="col">Status</th><th scope="col">Senast ändrad</th><th scope="col">Kommentar</th>${ctx.isCoordinator ? html`<th scope="col">Beslut</th>` : ''}</tr></thead>
<tbody>
${units.map(
  (u) => html`<tr>
<th scope="row"><a href="/rapport/${round.year}/enhet/${u.unitId}${ctx.tenantQuery}">${u.unit}</a></th>
<td data-status="${u.status}">${STATUS_LABEL[u.status]}</td>
<td>${u.updatedAt.slice(0, 16).replace('T', ' ')} (${u.updatedBy})</td>
<td>${u.comment ?? ''}</td>
${
  ctx.isCoordinator
    ? html`<td>${
        u.status === 'submitted'
          ? html`<form method="post" action="/rapport/${round.year}/enhet/${u.unitId}/beslut${ctx.tenantQuery}">
${csrf(ctx)}
<label for="comment-${u.unitId}">Kommentar vid återsändning</label><br>
<textarea id="comment-${u.unitId}" name="comment" rows="2" cols="30"></textarea><br>
<button name="decision" value="return">Skicka tillbaka ${u.unit}</button>
<button name="decision" value="approve">Godkänn ${u.unit}</button>
</form>`
          : u.status === 'approved'
            ? 'Godkänd'
            : remind(u)
      }</td>`
    : ''
}
</tr>`,
)}
</tbody>
</table>`,
  })
}

/** GET /rapport/:year/enhet/:unitId: a unit's form, pre-filled; findings of a refused submit on top. */
export function unitFormPage(ctx: PageContext, form: UnitForm, findings: readonly RoundFinding[] = []): Html {
  const { round, unit } = form
  const editable = unit.status !== 'submitted' && unit.status !== 'approved'
  const errors = findings.filter((f) => f.severity === 'error')
  const notices = findings.filter((f) => f.severity === 'notice')
  const dis = editable ? '' : html` disabled`
  return layout({
    title: `${unit.unit} – redovisning ${round.year}`,
    main: html`<h1>${unit.unit}: redovisning ${round.year}</h1>
<p>Status: <strong data-status="${unit.status}">${STATUS_LABEL[unit.status]}</strong>${round.deadline ? `. Sista dag: ${round.deadline}` : ''}.</p>
${unit.comment && unit.status === 'returned' ? html`<p class="notice" role="status">Kommentar från samordnaren: ${unit.comment}</p>` : ''}
${
  errors.length > 0
    ? html`<div class="notice" role="alert"><h2>Redovisningen kunde inte skickas in</h2><ul>${errors.map((f) => html`<li>${f.message}</li>`)}</ul></div>`
    : ''
}
${notices.length > 0 ? html`<div class="notice" role="status"><ul>${notices.map((f) => html`<li>${f.message}</li>`)}</ul></div>` : ''}
<form method="post" action="/rapport/${round.year}/enhet/${unit.unitId}${ctx.tenantQuery}">
${csrf(ctx)}
<h2>Del 1</h2>
${round.questions.map(
  (q, i) =>
    html`<p><label for="narrative-${i}">${q}</label><br><textarea id="narrative-${i}" name="narrative_${i}" rows="5" cols="80"${dis}>${form.narratives[i] ?? ''}</textarea></p>`,
)}
<h2>Del 2: projekten</h2>
${form.entries.length === 0 ? html`<p>Nämnden har inga projekt under året i registret.</p>` : ''}
${form.entries.map(
  (e) => html`<fieldset>
<legend>${e.projectName}</legend>
<dl>
<dt>Roll</dt><dd>${e.role === 'lead' ? 'Projektägare' : e.role === 'partner' ? 'Partner' : 'Uppgift saknas'}</dd>
<dt>Program</dt><dd>${e.programme ?? 'Uppgift saknas'}</dd>
<dt>Projektperiod</dt><dd>${e.start ?? '?'} – ${e.end ?? '?'}</dd>
<dt>Projektets totala budget</dt><dd>${e.totalBudget ?? 'Uppgift saknas'}</dd>
<dt>Nämndens budget</dt><dd>${e.ownBudget ?? 'Uppgift saknas'}</dd>
${e.otherUnits.length > 0 ? html`<dt>Rapporteras även av</dt><dd>${e.otherUnits.join(', ')}</dd>` : ''}
</dl>
<p><label for="paid-${e.participationId}">Utbetalt ${round.year} (kr)</label><br><input id="paid-${e.participationId}" name="paid_${e.participationId}" value="${e.answer.paidText}" inputmode="decimal"${dis}></p>
<fieldset><legend>Mål som projektet bidrar till</legend>
${form.goals.map(
  (g) =>
    html`<p><input type="checkbox" id="goal-${e.participationId}-${g.id}" name="goals_${e.participationId}" value="${g.id}"${e.answer.goalIds.includes(g.id) ? html` checked` : ''}${dis}> <label for="goal-${e.participationId}-${g.id}">${g.text}</label></p>`,
)}
</fieldset>
<p><label for="description-${e.participationId}">Beskrivning</label><br><textarea id="description-${e.participationId}" name="description_${e.participationId}" rows="4" cols="80"${dis}>${e.answer.description}</textarea></p>
</fieldset>`,
)}
${
  editable
    ? html`<p><button name="action" value="save">Spara utkast</button> <button name="action" value="submit">Skicka in</button></p>`
    : html`<p>Redovisningen är ${STATUS_LABEL[unit.status].toLowerCase()} och kan inte ändras.</p>`
}
</form>
<p><a href="/rapport/${round.year}${ctx.tenantQuery}">Till omgångens översikt</a></p>`,
  })
}

/** GET /rapport/:year/redovisning: the report with its reconciliation and the downloads. */
export function reportPage(ctx: PageContext, model: ReportModel): Html {
  const link = (format: string, label: string) =>
    html`<li><a href="/rapport/${model.year}/redovisning/${format}${ctx.tenantQuery}" download>${label}</a></li>`
  return layout({
    title: `Internationell redovisning ${model.year}`,
    main: html`<h1>Internationell redovisning ${model.year} – ${model.organisation}</h1>
<h2>Ladda ner</h2>
<ul>
${link('docx', 'Word (DOCX) för vidare redigering')}
${link('pdf', 'PDF (tillgänglig, taggad)')}
${link('html', 'HTML för utskrift')}
${link('json', 'JSON med alla siffror')}
</ul>
${reportSections(model)}`,
  })
}
