import formbody from '@fastify/formbody'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { roleIn } from '../../accounts/account.js'
import { roleAtLeast } from '../../accounts/role.js'
import { listUsers } from '../../accounts/user.service.js'
import { listUnits } from '../../registry/organisation.service.js'
import { renderReport } from '../../report/render/index.js'
import { buildReport } from '../../report/report.service.js'
import { DEFAULT_QUESTIONS, type EntryAnswer } from '../../report/round/round.js'
import {
  decideUnit,
  findRound,
  getUnitForm,
  listRounds,
  listRoundUnits,
  openRound,
  saveUnitForm,
} from '../../report/round/round.service.js'
import { requireRoundUnit } from '../../report/round/unit-access.js'
import { isAppError, NotFoundError } from '../../shared/errors.js'
import { requestScope } from '../plugins/auth.js'
import {
  type PageContext,
  reportPage,
  roundPage,
  roundsPage,
  unitFormPage,
} from '../views/report/round-pages.js'
import {
  decisionSchema,
  openRoundSchema,
  reportFileSchema,
  reportPageSchema,
  roundPageSchema,
  roundsPageSchema,
  unitFormPageSchema,
  unitFormSchema,
} from './report.schema.js'

// Opening a round and deciding on a unit's report are the city office's: coordinators.
const COORDINATOR = { role: 'coordinator' } as const

function tenantQuery(request: FastifyRequest): string {
  const tenant = (request.query as { tenant?: number } | undefined)?.tenant
  return tenant === undefined ? '' : `?tenant=${tenant}`
}

function context(request: FastifyRequest, reply: FastifyReply): PageContext {
  const scope = requestScope(request)
  const role = request.principal ? roleIn(request.principal, scope.tenantId) : null
  return {
    csrfToken: request.csrfToken(reply),
    tenantQuery: tenantQuery(request),
    isCoordinator: role !== null && roleAtLeast(role, 'coordinator'),
  }
}

function sendPage(reply: FastifyReply, page: { toString(): string }, code = 200): FastifyReply {
  return reply.code(code).type('text/html; charset=utf-8').send(page.toString())
}

function list(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value]
}

function one(value: string | string[] | undefined): string {
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '')
}

/**
 * The yearly reporting round and report, as Swedish pages: /rapport (rounds, open one),
 * /rapport/:year (progress, decisions), /rapport/:year/enhet/:unitId (a unit's form),
 * /rapport/:year/redovisning (the report with reconciliation) and its downloads.
 */
export const reportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(formbody, { bodyLimit: 512 * 1024 })
  // Every route with a :unitId is unit-level: a role narrowed to another unit gets the 404 a
  // missing record gets. After the access rule (its hook is global), before validation like it.
  app.addHook('preValidation', async (request) => {
    const raw = (request.params as { unitId?: unknown } | undefined)?.unitId
    if (raw === undefined || !request.principal || !request.tenantScope) {
      return
    }
    requireRoundUnit(request.principal, request.tenantScope.tenantId, Number(raw))
  })

  app.get('/rapport', { schema: roundsPageSchema }, async (request, reply) => {
    const scope = requestScope(request)
    return sendPage(
      reply,
      roundsPage(context(request, reply), await listRounds(app.db, scope), await listUnits(app.db, scope)),
    )
  })

  app.post('/rapport/omgang', { schema: openRoundSchema, config: COORDINATOR }, async (request, reply) => {
    const scope = requestScope(request)
    const b = request.body
    const year = Number(b.year)
    try {
      await openRound(app.db, scope, {
        year,
        questions: [b.question1 ?? DEFAULT_QUESTIONS[0] ?? '', b.question2 ?? DEFAULT_QUESTIONS[1] ?? ''],
        deadline: b.deadline || null,
        unitIds: list(b.unitIds).map(Number),
      })
    } catch (e) {
      if (isAppError(e) && (e.code === 'CONFLICT' || e.code === 'VALIDATION')) {
        return sendPage(
          reply,
          roundsPage(
            context(request, reply),
            await listRounds(app.db, scope),
            await listUnits(app.db, scope),
            e.message,
          ),
          e.code === 'CONFLICT' ? 409 : 400,
        )
      }
      throw e
    }
    return reply.redirect(`/rapport/${year}${tenantQuery(request)}`, 303)
  })

  app.get('/rapport/:year', { schema: roundPageSchema }, async (request, reply) => {
    const scope = requestScope(request)
    const round = await findRound(app.db, scope, request.params.year)
    if (!round) {
      throw new NotFoundError(`No reporting round for ${request.params.year}`)
    }
    const ctx = context(request, reply)
    const units = await listRoundUnits(app.db, scope, round.year)
    // Whom to remind: the unit's own editors, else the tenant-wide ones (no mail server: a mailto link).
    const reminders = new Map<number, string[]>()
    if (ctx.isCoordinator) {
      const users = (await listUsers(app.db, scope.tenantId)).filter((u) => !u.disabled)
      const editorsOf = (unitId: number | null) =>
        users
          .filter((u) =>
            u.roles.some((r) => r.tenantId === scope.tenantId && r.unitId === unitId && r.role === 'editor'),
          )
          .map((u) => u.email)
      for (const u of units) {
        const own = editorsOf(u.unitId)
        reminders.set(u.unitId, own.length > 0 ? own : editorsOf(null))
      }
    }
    return sendPage(reply, roundPage(ctx, round, units, reminders))
  })

  app.get('/rapport/:year/enhet/:unitId', { schema: unitFormPageSchema }, async (request, reply) => {
    const form = await getUnitForm(app.db, requestScope(request), request.params.year, request.params.unitId)
    return sendPage(reply, unitFormPage(context(request, reply), form))
  })

  app.post('/rapport/:year/enhet/:unitId', { schema: unitFormSchema }, async (request, reply) => {
    const scope = requestScope(request)
    const { year, unitId } = request.params
    const b = request.body
    const form = await getUnitForm(app.db, scope, year, unitId)
    const entries: EntryAnswer[] = form.entries.map((e) => ({
      participationId: e.participationId,
      paidText: one(b[`paid_${e.participationId}`]),
      goalIds: list(b[`goals_${e.participationId}`])
        .map(Number)
        .filter((n) => Number.isInteger(n)),
      description: one(b[`description_${e.participationId}`]),
    }))
    const narratives = form.round.questions.map((_, i) => one(b[`narrative_${i}`]))
    const action = one(b.action) === 'submit' ? 'submit' : 'save'
    const outcome = await saveUnitForm(app.db, scope, year, unitId, { narratives, entries }, action)
    if (outcome.findings.some((f) => f.severity === 'error')) {
      const again = await getUnitForm(app.db, scope, year, unitId)
      return sendPage(reply, unitFormPage(context(request, reply), again, outcome.findings), 422)
    }
    return reply.redirect(`/rapport/${year}/enhet/${unitId}${tenantQuery(request)}`, 303)
  })

  app.post(
    '/rapport/:year/enhet/:unitId/beslut',
    { schema: decisionSchema, config: COORDINATOR },
    async (request, reply) => {
      const { year, unitId } = request.params
      await decideUnit(
        app.db,
        requestScope(request),
        year,
        unitId,
        request.body.decision,
        request.body.comment ?? null,
      )
      return reply.redirect(`/rapport/${year}${tenantQuery(request)}`, 303)
    },
  )

  app.get('/rapport/:year/redovisning', { schema: reportPageSchema }, async (request, reply) => {
    const model = await buildReport(app.db, requestScope(request), request.params.year)
    return sendPage(reply, reportPage(context(request, reply), model))
  })

  app.get('/rapport/:year/redovisning/:format', { schema: reportFileSchema }, async (request, reply) => {
    const model = await buildReport(app.db, requestScope(request), request.params.year)
    const file = await renderReport(model, request.params.format)
    return reply
      .type(file.mediaType)
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .send(file.body)
  })
}
