import formbody from '@fastify/formbody'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { Compile } from 'typebox/compile'
import { documentFromBytes } from '../../import/extract/read-document.js'
import { importDocument } from '../../import/import-document.js'
import { parseDocument, readDocumentExtras } from '../../import/parse/parse-document.js'
import type { SourceDocument } from '../../import/source-document.js'
import { ProjectRecord } from '../../registry/project-record.js'
import { keepPrintedSummary } from '../../report/report.service.js'
import { isAppError, ValidationError } from '../../shared/errors.js'
import { requestScope } from '../plugins/auth.js'
import { type ReviewPageModel, reviewPage, uploadPage } from '../views/import/import-pages.js'
import {
  correctRecord,
  type FieldError,
  fieldName,
  initialValues,
  type PendingImport,
  pendingOf,
  postedValues,
  readPending,
} from '../views/import/review-form.js'
import { acceptSchema, importPageSchema, uploadSchema } from './import.schema.js'

/** Options of {@link importRoutes}. */
export interface ImportRoutesOptions {
  /** the largest document accepted, from Config.import.maxFileBytes */
  readonly maxFileBytes: number
}

// Importing changes the whole portfolio: coordinators decide what is stored.
const COORDINATOR = { role: 'coordinator' } as const

/** The uploaded file of a request, taken aside by the multipart hook (never put in the body). */
type Upload =
  | { readonly name: string; readonly bytes: Buffer }
  | { readonly name: string; readonly tooLarge: true }
const uploads = new WeakMap<FastifyRequest, Upload>()

const recordCheck = Compile(ProjectRecord)

function tenantQuery(request: FastifyRequest): string {
  const tenant = (request.query as { tenant?: number } | undefined)?.tenant
  return tenant === undefined ? '' : `?tenant=${tenant}`
}

function sendPage(reply: FastifyReply, page: { toString(): string }): FastifyReply {
  return reply.type('text/html; charset=utf-8').send(page.toString())
}

// The extractors explain a refusal in English for the CLI; the page says it in Swedish.
const SWEDISH_REASONS: readonly (readonly [RegExp, string])[] = [
  [/^empty file$/, 'filen är tom'],
  [/holds no text/, 'dokumentet innehåller ingen text'],
  [/^binary content/, 'filen är inte ett textdokument (binärt innehåll)'],
  [/^unknown text encoding$/, 'textens teckenkodning känns inte igen; spara filen som UTF-8'],
  [/encrypted with a password/, 'PDF-filen är lösenordsskyddad; spara en kopia utan lösenord'],
  [/^not a readable PDF|truncated/, 'PDF-filen är skadad eller ofullständig'],
  [
    /^the PDF needs more than|^reading the PDF took longer|^the PDF reader stopped/,
    'PDF-filen är för stor eller för sammansatt för att läsas',
  ],
  [
    /old-style Office file/,
    'ett äldre Office-format (.doc/.xls) eller ett lösenordsskyddat dokument; spara som .docx utan lösenord',
  ],
  [/zip archive|not a Word document/, 'filen är inte ett Word-dokument (.docx)'],
  [/^not a readable Word document/, 'Word-dokumentet är skadat och kan inte läsas'],
]

function swedishReason(reason: string): string {
  const hit = SWEDISH_REASONS.find(([pattern]) => pattern.test(reason))
  return hit ? hit[1] : `dokumentet kunde inte läsas (${reason})`
}

function megabytes(bytes: number): string {
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`
}

/**
 * Web import: a coordinator uploads a document (GET/POST /import), sees the extracted records
 * beside the numbered source lines, corrects them and accepts (POST /import/accept), which stores
 * them as the CLI import does, with provenance citing the lines. Nothing is stored before accepting,
 * and nothing is kept between requests on the server: the page carries the extracted lines.
 */
export const importRoutes: FastifyPluginAsyncTypebox<ImportRoutesOptions> = async (app, opts) => {
  // The accept form carries the document's lines: allow about the document's size again as text.
  const formLimit = opts.maxFileBytes * 4 + 1024 * 1024
  await app.register(formbody, { bodyLimit: formLimit })
  // Room for the form fields and multipart framing beside the largest file.
  const uploadLimit = opts.maxFileBytes + 1024 * 1024
  // multipart/form-data read by the platform's own parser (WHATWG FormData), in the body-parsing
  // stage so the CSRF check sees the `_csrf` field; the file's bytes are taken aside, never into the body.
  app.addContentTypeParser(
    'multipart/form-data',
    { parseAs: 'buffer', bodyLimit: uploadLimit },
    async (request: FastifyRequest, payload: Buffer) => {
      let form: FormData
      try {
        form = await new Response(payload, {
          headers: { 'content-type': String(request.headers['content-type']) },
        }).formData()
      } catch {
        throw new ValidationError('the multipart/form-data body could not be read')
      }
      const token = form.get('_csrf')
      const file = form.get('document')
      if (file instanceof File) {
        const name = file.name || 'dokument'
        uploads.set(
          request,
          file.size > opts.maxFileBytes
            ? { name, tooLarge: true }
            : { name, bytes: Buffer.from(await file.arrayBuffer()) },
        )
      }
      return {
        ...(typeof token === 'string' && { _csrf: token }),
        ...(file instanceof File && { document: file.name }),
      }
    },
  )

  app.get('/import', { schema: importPageSchema, config: COORDINATOR }, async (request, reply) => {
    const q = request.query
    const summary =
      q.unchanged === 1
        ? 'Dokumentet var redan importerat: inget ändrades.'
        : q.created !== undefined
          ? `Importen är klar: ${q.created} nya projekt, ${q.merged ?? 0} tillagda till befintliga projekt, ${q.issues ?? 0} dataproblem att granska.`
          : undefined
    return sendPage(
      reply,
      uploadPage({ csrfToken: request.csrfToken(reply), tenantQuery: tenantQuery(request), summary }),
    )
  })

  app.post(
    '/import',
    { schema: uploadSchema, config: COORDINATOR, bodyLimit: uploadLimit },
    async (request, reply) => {
      const refuse = (status: number, error: string) =>
        sendPage(
          reply.code(status),
          uploadPage({ csrfToken: request.csrfToken(reply), tenantQuery: tenantQuery(request), error }),
        )
      const upload = uploads.get(request)
      if (!upload) {
        return refuse(400, 'Välj en fil att ladda upp.')
      }
      if ('tooLarge' in upload) {
        return refuse(413, `${upload.name}: filen är större än gränsen ${megabytes(opts.maxFileBytes)}.`)
      }
      let document: SourceDocument
      try {
        document = await documentFromBytes(upload.bytes, upload.name)
      } catch (e) {
        if (isAppError(e) && 'reason' in e && typeof e.reason === 'string') {
          return refuse(422, `${upload.name}: ${swedishReason(e.reason)}.`)
        }
        throw e
      }
      let records: ProjectRecord[]
      try {
        records = parseDocument(document)
      } catch (e) {
        request.log.error({ err: e, file: upload.name }, 'reader failed on an uploaded document')
        return refuse(422, `${upload.name}: dokumentet kunde inte tolkas.`)
      }
      const bad = records.findIndex((r) => !recordCheck.Check(r))
      if (bad >= 0) {
        request.log.error({ file: upload.name, record: bad }, 'reader produced an invalid record')
        return refuse(422, `${upload.name}: projekt ${bad + 1} kunde inte tolkas.`)
      }
      return sendPage(
        reply,
        reviewPage({
          csrfToken: request.csrfToken(reply),
          tenantQuery: tenantQuery(request),
          ...signedPending(app, pendingOf(document, records)),
          values: records.map(initialValues),
          included: records.map(() => true),
          errors: [],
        }),
      )
    },
  )

  app.post(
    '/import/accept',
    { schema: acceptSchema, config: COORDINATOR, bodyLimit: formLimit },
    async (request, reply) => {
      const body = request.body as Readonly<Record<string, unknown>>
      const unsigned = app.unsignCookie(request.body.pending)
      const pending = unsigned.valid && unsigned.value !== null ? readPending(unsigned.value) : undefined
      if (!pending) {
        return sendPage(
          reply.code(400),
          uploadPage({
            csrfToken: request.csrfToken(reply),
            tenantQuery: tenantQuery(request),
            error: 'Importformuläret var ofullständigt eller ändrat. Ladda upp dokumentet igen.',
          }),
        )
      }
      const values = pending.records.map((_, i) => postedValues(body, i))
      const included = pending.records.map((_, i) => body[fieldName(i, 'include')] !== undefined)
      const errors: FieldError[] = []
      const records: ProjectRecord[] = []
      for (const [i, original] of pending.records.entries()) {
        if (!included[i]) {
          continue
        }
        const corrected = correctRecord(original, i, values[i] ?? initialValues(original))
        errors.push(...corrected.errors)
        records.push(corrected.record)
      }
      const again = (status: number, shown: readonly FieldError[]) => {
        const model: ReviewPageModel = {
          csrfToken: request.csrfToken(reply),
          tenantQuery: tenantQuery(request),
          ...signedPending(app, pending),
          values,
          included,
          errors: shown,
        }
        return sendPage(reply.code(status), reviewPage(model))
      }
      if (errors.length > 0) {
        return again(400, errors)
      }
      if (records.length === 0) {
        return again(400, [{ id: 'r0-include', message: 'Välj minst ett projekt att importera.' }])
      }
      const scope = requestScope(request)
      const outcome = await importDocument(app.db, scope, {
        document: pending.document,
        records,
        ...readDocumentExtras(pending.document),
      })
      if (outcome.status === 'rejected') {
        return again(
          400,
          outcome.issues.map((message) => ({ id: 'records-heading', message })),
        )
      }
      const q = tenantQuery(request)
      const join = q === '' ? '?' : `${q}&`
      if (outcome.status === 'unchanged') {
        return reply.redirect(`/import${join}unchanged=1`, 303)
      }
      // A published annual report's printed totals are kept for the yearly report, as the CLI does.
      await keepPrintedSummary(app.db, scope, outcome.document.id, pending.document)
      return reply.redirect(
        `/import${join}created=${outcome.created}&merged=${outcome.merged}&issues=${outcome.issues}`,
        303,
      )
    },
  )
}

// Signed with the server's cookie secret: the document's lines and hash travel through the browser,
// and provenance must cite what was really uploaded.
function signedPending(
  app: FastifyInstance,
  pending: PendingImport,
): Pick<ReviewPageModel, 'pending' | 'pendingField'> {
  return { pending, pendingField: app.signCookie(JSON.stringify(pending)) }
}
