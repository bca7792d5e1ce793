import type { ProjectRecord } from '../../../registry/project-record.js'
import { type Html, html, unsafeRaw } from '../html.js'
import { layout } from '../layout.js'
import {
  EDITABLE,
  type EditableField,
  FIELD_LABELS,
  type FieldError,
  fieldId,
  fieldName,
  lineOwners,
  type PendingImport,
} from './review-form.js'

/** The upload form page, with an optional error (a refused document) or the last import's summary. */
export interface UploadPageModel {
  readonly csrfToken: string
  /** `?tenant=…` to keep on form actions, or '' */
  readonly tenantQuery: string
  readonly error?: string
  readonly summary?: string
}

// Fixed layout rules written here: the two columns and the highlighted source lines.
const STYLE = unsafeRaw(`
.import-review { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1rem; }
.import-source { max-height: 80vh; overflow: auto; border: 1px solid #ccc; font-size: .85rem; }
.import-source pre { margin: 0; white-space: pre-wrap; }
.import-source a { color: #555; display: inline-block; min-width: 3.5em; }
.import-record { border: 1px solid #ccc; padding: .5rem 1rem; margin-bottom: 1rem; }
.import-record label { display: block; margin-top: .4rem; }
.error-summary { border: 3px solid #b00020; padding: .5rem 1rem; }
`)

/** GET /import: upload a document to read its projects. */
export function uploadPage(model: UploadPageModel): Html {
  return layout({
    title: 'Importera dokument',
    main: html`<h1>Importera dokument</h1>
${model.summary ? html`<div class="notice" role="status"><p>${model.summary}</p><p><a href="/">Till projektlistan</a> · <a href="/dataproblem${model.tenantQuery}">Dataproblem att granska</a> · <a href="/granskning${model.tenantQuery}">Möjliga dubbletter</a></p></div>` : null}
${model.error ? html`<div class="error-summary" role="alert"><h2>Dokumentet kunde inte läsas</h2><p>${model.error}</p></div>` : null}
<p>Ladda upp en årsrapport, en webbsida, en PDF eller ett Word-dokument. Projekten i dokumentet visas bredvid texten de kommer från, så att du kan rätta dem innan de sparas. Inget sparas förrän du godkänner.</p>
<form method="post" action="/import${model.tenantQuery}" enctype="multipart/form-data">
<input type="hidden" name="_csrf" value="${model.csrfToken}">
<label for="document">Dokument (text, HTML, PDF eller Word .docx)</label>
<input id="document" name="document" type="file" required accept=".txt,.text,.html,.htm,.xhtml,.pdf,.docx">
<button>Läs dokumentet</button>
</form>`,
  })
}

/** The review page: records to correct beside the numbered source lines. */
export interface ReviewPageModel {
  readonly csrfToken: string
  readonly tenantQuery: string
  readonly pending: PendingImport
  /** the hidden field's value: `pending` serialised and signed, so a changed copy is refused */
  readonly pendingField: string
  /** the form values per record (as extracted, or as the coordinator last posted them) */
  readonly values: readonly Readonly<Record<EditableField, string>>[]
  readonly included: readonly boolean[]
  readonly errors: readonly FieldError[]
}

const ROLE_OPTIONS = [
  ['', 'Okänd'],
  ['lead', 'Projektägare (lead)'],
  ['partner', 'Partner'],
] as const

function input(i: number, f: EditableField, value: string, errors: readonly FieldError[]): Html {
  const id = fieldId(i, f)
  const error = errors.find((e) => e.id === id)
  const invalid = error ? html` aria-invalid="true" aria-describedby="${id}-error"` : null
  const message = error ? html`<span id="${id}-error">${error.message}</span>` : null
  if (f === 'role') {
    return html`<label for="${id}">${FIELD_LABELS[f]}</label>${message}
<select id="${id}" name="${fieldName(i, f)}"${invalid}>${ROLE_OPTIONS.map(
      ([v, label]) => html`<option value="${v}"${v === value ? html` selected` : null}>${label}</option>`,
    )}</select>`
  }
  return html`<label for="${id}">${FIELD_LABELS[f]}</label>${message}
<input id="${id}" name="${fieldName(i, f)}" value="${value}"${f === 'name' ? html` required` : null}${invalid}>`
}

function recordBlock(model: ReviewPageModel, r: ProjectRecord, i: number): Html {
  const values = model.values[i] ?? {}
  const currencies = [
    ['budget', r.totalBudget],
    ['EU-bidrag', r.euContribution],
    ['utbetalt', r.paidInYear],
  ].flatMap(([label, m]) => (m && typeof m === 'object' ? [`${label} ${m.currency}`] : []))
  return html`<fieldset class="import-record" id="r${i}">
<legend>Projekt ${i + 1}: ${r.name}</legend>
<p>Källa: <a href="#L${r.source.line}">rad ${r.source.line}</a>${r.source.page === null ? null : html`, sida ${r.source.page}`}</p>
<label for="${fieldId(i, 'include')}"><input type="checkbox" id="${fieldId(i, 'include')}" name="${fieldName(i, 'include')}" value="1"${model.included[i] ? html` checked` : null}> Ta med projektet i importen</label>
${EDITABLE.map((f) => input(i, f, (values as Record<string, string>)[f] ?? '', model.errors))}
${currencies.length > 0 ? html`<p>Valuta: ${currencies.join(', ')}</p>` : null}
${r.programmeRaw ? html`<p>Program enligt källan: ${r.programmeRaw}</p>` : null}
${r.partners.length > 0 ? html`<p>Partner:</p><ul>${r.partners.map((p) => html`<li>${p.name}${p.country ? ` (${p.country})` : ''}</li>`)}</ul>` : html`<p>Inga partner angivna.</p>`}
${r.issues.length > 0 ? html`<p>Att kontrollera:</p><ul>${r.issues.map((x) => html`<li>${x}</li>`)}</ul>` : null}
</fieldset>`
}

function sourceLines(model: ReviewPageModel): Html {
  const lines = model.pending.document.lines
  const owners = lineOwners(model.pending.records, lines.at(-1)?.line ?? 0)
  return html`<pre>${lines.map((l) => {
    const owner = owners.get(l.line)
    const text =
      owner === undefined ? html`${l.text}` : html`<mark title="Projekt ${owner + 1}">${l.text}</mark>`
    return html`<span id="L${l.line}"><a href="#L${l.line}">${l.line}</a>${text}</span>\n`
  })}</pre>`
}

/** POST /import and a refused POST /import/accept: the records beside the source text. */
export function reviewPage(model: ReviewPageModel): Html {
  const doc = model.pending.document
  const summary =
    model.errors.length > 0
      ? html`<div class="error-summary" role="alert" tabindex="-1"><h2>Rätta ${model.errors.length === 1 ? 'felet' : `de ${model.errors.length} felen`} innan importen</h2>
<ul>${model.errors.map((e) => html`<li><a href="#${e.id}">${e.message}</a></li>`)}</ul></div>`
      : null
  return layout({
    title: `Granska import av ${doc.name}`,
    main: html`<style>${STYLE}</style>
<h1>Granska import av ${doc.name}</h1>
${summary}
<p>${model.pending.records.length} projekt hittades i dokumentet (${doc.lines.length} rader). Rätta det som blev fel och godkänn; de markerade raderna i källtexten är varifrån varje projekt kommer.</p>
<form method="post" action="/import/accept${model.tenantQuery}">
<input type="hidden" name="_csrf" value="${model.csrfToken}">
<input type="hidden" name="pending" value="${model.pendingField}">
<div class="import-review">
<section aria-labelledby="records-heading"><h2 id="records-heading">Projekt</h2>
${model.pending.records.length === 0 ? html`<p>Inga projekt hittades i dokumentet.</p>` : null}
${model.pending.records.map((r, i) => recordBlock(model, r, i))}
</section>
<section aria-labelledby="source-heading" class="import-source"><h2 id="source-heading">Källtext</h2>
${sourceLines(model)}
</section>
</div>
<button>Godkänn och spara</button>
</form>
<p><a href="/import${model.tenantQuery}">Avbryt och ladda upp ett annat dokument</a></p>`,
  })
}
