import formbody from '@fastify/formbody'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { fieldHistory } from '../../curation/history.service.js'
import { listIssueQueue, resolveIssue } from '../../curation/issue-queue.service.js'
import { listMerges, mergeProjects, splitMerge } from '../../curation/merge.service.js'
import { acceptCandidate, listCandidates, rejectCandidate } from '../../curation/review.service.js'
import type { DataIssueKind, DataIssueStatus } from '../../registry/data-issue.js'
import { listDocuments } from '../../registry/document.service.js'
import { listUnits } from '../../registry/organisation.service.js'
import { isAppError } from '../../shared/errors.js'
import { requestScope } from '../plugins/auth.js'
import { dataIssuesPage, KIND_LABELS } from '../views/curation/data-issues-page.js'
import { reviewQueuePage } from '../views/curation/review-queue-page.js'
import {
  decideCandidateSchema,
  historySchema,
  issueFormSchema,
  issuesPageSchema,
  listCandidatesSchema,
  listIssuesSchema,
  listMergesSchema,
  mergeFormSchema,
  mergeSchema,
  resolveIssueSchema,
  reviewFormSchema,
  reviewPageSchema,
  splitFormSchema,
  splitSchema,
} from './curation.schema.js'

// Merging, splitting and resolving change what the whole portfolio reports: coordinators decide.
const COORDINATOR = { role: 'coordinator' } as const

function tenantQuery(request: FastifyRequest): string {
  const tenant = (request.query as { tenant?: number } | undefined)?.tenant
  return tenant === undefined ? '' : `?tenant=${tenant}`
}

function sendPage(reply: FastifyReply, page: { toString(): string }): FastifyReply {
  return reply.type('text/html; charset=utf-8').send(page.toString())
}

/**
 * Curation: the review queue of likely duplicates, merge and split, the data-issue work queue and
 * field history, as a JSON API under /api/curation and as Swedish pages (/granskning, /dataproblem).
 */
export const curationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(formbody, { bodyLimit: 64 * 1024 })

  app.get('/api/curation/candidates', { schema: listCandidatesSchema }, async (request) => ({
    items: await listCandidates(app.db, requestScope(request), { status: request.query.status ?? 'open' }),
  }))
  app.post(
    '/api/curation/candidates/:id/accept',
    { schema: decideCandidateSchema, config: COORDINATOR },
    (request) => acceptCandidate(app.db, requestScope(request), request.params.id),
  )
  app.post(
    '/api/curation/candidates/:id/reject',
    { schema: decideCandidateSchema, config: COORDINATOR },
    (request) => rejectCandidate(app.db, requestScope(request), request.params.id),
  )
  app.get('/api/curation/merges', { schema: listMergesSchema }, async (request) => ({
    items: await listMerges(app.db, requestScope(request), { projectId: request.query.projectId }),
  }))
  app.post('/api/curation/merges', { schema: mergeSchema, config: COORDINATOR }, async (request, reply) => {
    const { keptId, mergedId, note } = request.body
    return reply
      .code(201)
      .send(await mergeProjects(app.db, requestScope(request), keptId, mergedId, note ?? null))
  })
  app.post('/api/curation/merges/:id/split', { schema: splitSchema, config: COORDINATOR }, (request) =>
    splitMerge(app.db, requestScope(request), request.params.id),
  )
  app.get('/api/curation/data-issues', { schema: listIssuesSchema }, async (request) => {
    const q = request.query
    return {
      items: await listIssueQueue(app.db, requestScope(request), {
        status: q.status,
        kind: q.kind,
        unitId: q.unit,
        documentId: q.document,
        limit: q.limit,
        offset: q.offset,
      }),
    }
  })
  app.post(
    '/api/curation/data-issues/:id/resolve',
    { schema: resolveIssueSchema, config: COORDINATOR },
    (request) => resolveIssue(app.db, requestScope(request), request.params.id, request.body),
  )
  app.get('/api/curation/history/:entity/:id', { schema: historySchema }, async (request) => ({
    items: (await fieldHistory(app.db, requestScope(request), request.params.entity, request.params.id)).map(
      (h) => ({ ...h, documents: [...h.documents] }),
    ),
  }))

  app.get('/granskning', { schema: reviewPageSchema }, async (request, reply) => {
    const scope = requestScope(request)
    const all = await listCandidates(app.db, scope)
    return sendPage(
      reply,
      reviewQueuePage({
        open: all.filter((c) => c.status === 'open'),
        decided: all.filter((c) => c.status !== 'open').slice(0, 200),
        merges: await listMerges(app.db, scope),
        csrfToken: request.csrfToken(reply),
        tenantQuery: tenantQuery(request),
      }),
    )
  })
  app.post('/granskning/:id', { schema: reviewFormSchema, config: COORDINATOR }, async (request, reply) => {
    const scope = requestScope(request)
    if (request.body.decision === 'accept') {
      await acceptCandidate(app.db, scope, request.params.id)
    } else {
      await rejectCandidate(app.db, scope, request.params.id)
    }
    return reply.redirect(`/granskning${tenantQuery(request)}`, 303)
  })
  app.post(
    '/granskning/sammanslagningar',
    { schema: mergeFormSchema, config: COORDINATOR },
    async (request, reply) => {
      const b = request.body
      await mergeProjects(app.db, requestScope(request), Number(b.keptId), Number(b.mergedId), b.note || null)
      return reply.redirect(`/granskning${tenantQuery(request)}`, 303)
    },
  )
  app.post(
    '/granskning/sammanslagningar/:id/dela',
    { schema: splitFormSchema, config: COORDINATOR },
    async (request, reply) => {
      await splitMerge(app.db, requestScope(request), request.params.id)
      return reply.redirect(`/granskning${tenantQuery(request)}`, 303)
    },
  )

  const issuesPage = async (request: FastifyRequest, reply: FastifyReply, message?: string) => {
    const scope = requestScope(request)
    const q = (request.query ?? {}) as { status?: string; kind?: string; unit?: string; document?: string }
    const status: DataIssueStatus = q.status === 'resolved' ? 'resolved' : 'open'
    const kind = q.kind && q.kind in KIND_LABELS ? (q.kind as DataIssueKind) : undefined
    const asId = (v: string | undefined) => (v && /^[0-9]{1,9}$/.test(v) ? Number(v) : undefined)
    return sendPage(
      reply,
      dataIssuesPage({
        issues: await listIssueQueue(app.db, scope, {
          status,
          kind,
          unitId: asId(q.unit),
          documentId: asId(q.document),
        }),
        filter: { status, kind: kind ?? '', unit: q.unit ?? '', document: q.document ?? '' },
        units: await listUnits(app.db, scope),
        documents: await listDocuments(app.db, scope),
        csrfToken: request.csrfToken(reply),
        tenantQuery: tenantQuery(request),
        message,
      }),
    )
  }
  app.get('/dataproblem', { schema: issuesPageSchema }, (request, reply) => issuesPage(request, reply))
  app.post('/dataproblem/:id', { schema: issueFormSchema, config: COORDINATOR }, async (request, reply) => {
    const b = request.body
    try {
      await resolveIssue(
        app.db,
        requestScope(request),
        request.params.id,
        b.resolution === 'source-right'
          ? { kind: 'source-right', note: b.note || undefined }
          : { kind: 'correction', field: b.field ?? '', value: b.value ?? null, note: b.note || undefined },
      )
    } catch (e) {
      // A refused correction is shown on the page, not as an error page: the coordinator retries.
      if (isAppError(e) && e.code === 'VALIDATION') {
        reply.code(400)
        return issuesPage(request, reply, `Rättelsen sparades inte: ${e.message}`)
      }
      throw e
    }
    return reply.redirect(`/dataproblem${tenantQuery(request)}`, 303)
  })
}
