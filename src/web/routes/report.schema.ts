import Type from 'typebox'
import { TenantQuery } from './projects.schema.js'

const Page = { 200: Type.String({ description: 'HTML page' }) }
const Year = Type.Integer({ minimum: 1950, maximum: 2100 })
const Id = Type.Integer({ minimum: 1, maximum: 2147483647 })
const Field = Type.Union([
  Type.String({ maxLength: 20_000 }),
  Type.Array(Type.String({ maxLength: 20_000 }), { maxItems: 200 }),
])

/** GET /rapport: the tenant's rounds and the form to open one. */
export const roundsPageSchema = { hide: true, querystring: Type.Object(TenantQuery), response: Page } as const

/** POST /rapport/omgang (form): open a round. */
export const openRoundSchema = {
  hide: true,
  querystring: Type.Object(TenantQuery),
  body: Type.Object({
    _csrf: Type.Optional(Type.String({ maxLength: 200 })),
    year: Type.String({ pattern: '^[0-9]{4}$' }),
    deadline: Type.Optional(Type.String({ maxLength: 10 })),
    question1: Type.Optional(Type.String({ maxLength: 2000 })),
    question2: Type.Optional(Type.String({ maxLength: 2000 })),
    unitIds: Type.Optional(
      Type.Union([
        Type.String({ maxLength: 12 }),
        Type.Array(Type.String({ maxLength: 12 }), { maxItems: 500 }),
      ]),
    ),
  }),
} as const

/** GET /rapport/:year: progress across units. */
export const roundPageSchema = {
  hide: true,
  params: Type.Object({ year: Year }),
  querystring: Type.Object(TenantQuery),
  response: Page,
} as const

/** GET /rapport/:year/enhet/:unitId: a unit's form. */
export const unitFormPageSchema = {
  hide: true,
  params: Type.Object({ year: Year, unitId: Id }),
  querystring: Type.Object(TenantQuery),
  response: Page,
} as const

/** POST /rapport/:year/enhet/:unitId (form): save or submit a unit's answers; field names carry the participation id. */
export const unitFormSchema = {
  hide: true,
  params: Type.Object({ year: Year, unitId: Id }),
  querystring: Type.Object(TenantQuery),
  body: Type.Record(Type.String({ maxLength: 64 }), Field, { maxProperties: 1000 }),
} as const

/** POST /rapport/:year/enhet/:unitId/beslut (form): the coordinator returns or approves. */
export const decisionSchema = {
  hide: true,
  params: Type.Object({ year: Year, unitId: Id }),
  querystring: Type.Object(TenantQuery),
  body: Type.Object({
    _csrf: Type.Optional(Type.String({ maxLength: 200 })),
    decision: Type.Union([Type.Literal('return'), Type.Literal('approve')]),
    comment: Type.Optional(Type.String({ maxLength: 4000 })),
  }),
} as const

/** GET /rapport/:year/redovisning: the report with reconciliation and downloads. */
export const reportPageSchema = roundPageSchema

/** GET /rapport/:year/redovisning/:format: the report as a file. */
export const reportFileSchema = {
  hide: true,
  params: Type.Object({
    year: Year,
    format: Type.Union([
      Type.Literal('html'),
      Type.Literal('docx'),
      Type.Literal('pdf'),
      Type.Literal('json'),
    ]),
  }),
  querystring: Type.Object(TenantQuery),
} as const
