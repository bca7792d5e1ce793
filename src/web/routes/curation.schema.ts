import Type from 'typebox'
import { CandidateStatus, MatchCandidate, MergeRecord } from '../../curation/curation.js'
import { DataIssue, DataIssueKind, DataIssueStatus } from '../../registry/data-issue.js'
import { EntityKind } from '../../registry/document.js'
import { IdParams, RecordErrors, WriteErrors } from './common.schema.js'
import { TenantQuery } from './projects.schema.js'

const Id = Type.Integer({ minimum: 1, maximum: 2147483647 })
const Note = Type.Optional(Type.String({ maxLength: 2000 }))

/** GET /api/curation/candidates */
export const listCandidatesSchema = {
  tags: ['curation'],
  summary: 'The review queue: pairs the matcher found likely to be one project, with score and reasons',
  querystring: Type.Object(
    { ...TenantQuery, status: Type.Optional(CandidateStatus) },
    { additionalProperties: false },
  ),
  response: { 200: Type.Object({ items: Type.Array(MatchCandidate) }), ...RecordErrors },
} as const

/** POST /api/curation/candidates/:id/accept | reject */
export const decideCandidateSchema = {
  tags: ['curation'],
  summary: 'Accept (merge the pair, reversibly) or reject (keep apart) a review candidate',
  params: IdParams,
  querystring: Type.Object(TenantQuery),
  response: { 200: MatchCandidate, ...WriteErrors },
} as const

/** GET /api/curation/merges */
export const listMergesSchema = {
  tags: ['curation'],
  summary: 'Merges of projects, newest first; each can be undone with split',
  querystring: Type.Object({ ...TenantQuery, projectId: Type.Optional(Id) }, { additionalProperties: false }),
  response: { 200: Type.Object({ items: Type.Array(MergeRecord) }), ...RecordErrors },
} as const

/** POST /api/curation/merges */
export const mergeSchema = {
  tags: ['curation'],
  summary: 'Merge one project into another, keeping every participation, payment, contact and source link',
  querystring: Type.Object(TenantQuery),
  body: Type.Object({ keptId: Id, mergedId: Id, note: Note }, { additionalProperties: false }),
  response: { 201: MergeRecord, ...WriteErrors },
} as const

/** POST /api/curation/merges/:id/split */
export const splitSchema = {
  tags: ['curation'],
  summary: 'Undo a merge: the merged project comes back exactly as it was',
  params: IdParams,
  querystring: Type.Object(TenantQuery),
  response: { 200: MergeRecord, ...WriteErrors },
} as const

/** GET /api/curation/data-issues */
export const listIssuesSchema = {
  tags: ['curation'],
  summary: 'The data-issue work queue, filtered by kind, unit and document (open by default)',
  querystring: Type.Object(
    {
      ...TenantQuery,
      status: Type.Optional(DataIssueStatus),
      kind: Type.Optional(DataIssueKind),
      unit: Type.Optional(Id),
      document: Type.Optional(Id),
      limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 500 })),
      offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 2147483647 })),
    },
    { additionalProperties: false },
  ),
  response: { 200: Type.Object({ items: Type.Array(DataIssue) }), ...RecordErrors },
} as const

/** POST /api/curation/data-issues/:id/resolve */
export const resolveIssueSchema = {
  tags: ['curation'],
  summary: 'Resolve a data issue: "source is right", or a correction of one field',
  params: IdParams,
  querystring: Type.Object(TenantQuery),
  body: Type.Union([
    Type.Object({ kind: Type.Literal('source-right'), note: Note }, { additionalProperties: false }),
    Type.Object(
      {
        kind: Type.Literal('correction'),
        field: Type.String({ minLength: 1, maxLength: 60 }),
        value: Type.Union([Type.String({ maxLength: 10_000 }), Type.Null()]),
        note: Note,
      },
      { additionalProperties: false },
    ),
  ]),
  response: { 200: DataIssue, ...WriteErrors },
} as const

/** GET /api/curation/history/:entity/:id */
export const historySchema = {
  tags: ['curation'],
  summary: 'Field-level history of a record: who changed what from which value, and the documents behind it',
  params: Type.Object({ entity: EntityKind, id: Id }),
  querystring: Type.Object(TenantQuery),
  response: {
    200: Type.Object({
      items: Type.Array(
        Type.Object({
          at: Type.String(),
          actor: Type.String(),
          action: Type.String(),
          field: Type.String(),
          from: Type.Unknown(),
          to: Type.Unknown(),
          documents: Type.Array(Type.String()),
        }),
      ),
    }),
    ...RecordErrors,
  },
} as const

const Page = { 200: Type.String({ description: 'HTML page' }) }
const Text = (max: number) => Type.Optional(Type.String({ maxLength: max }))

/** GET /granskning: the review queue page. */
export const reviewPageSchema = { hide: true, querystring: Type.Object(TenantQuery), response: Page } as const

/** POST /granskning/:id (form): accept or reject. */
export const reviewFormSchema = {
  hide: true,
  params: IdParams,
  querystring: Type.Object(TenantQuery),
  body: Type.Object({
    _csrf: Text(200),
    decision: Type.Union([Type.Literal('accept'), Type.Literal('reject')]),
  }),
} as const

/** GET /dataproblem: the data-issue queue page; filters as text so an empty select is no error. */
export const issuesPageSchema = {
  hide: true,
  querystring: Type.Object({
    ...TenantQuery,
    status: Text(20),
    kind: Text(20),
    unit: Text(12),
    document: Text(12),
  }),
  response: Page,
} as const

/** POST /dataproblem/:id (form): resolve. */
export const issueFormSchema = {
  hide: true,
  params: IdParams,
  querystring: Type.Object(TenantQuery),
  body: Type.Object({
    _csrf: Text(200),
    resolution: Type.Union([Type.Literal('source-right'), Type.Literal('correction')]),
    field: Text(60),
    value: Text(10_000),
    note: Text(2000),
  }),
} as const

/** POST /granskning/sammanslagningar/:id/dela (form): undo a merge. */
export const splitFormSchema = {
  hide: true,
  params: IdParams,
  querystring: Type.Object(TenantQuery),
  body: Type.Object({ _csrf: Text(200) }),
} as const

/** POST /granskning/sammanslagningar (form): merge two projects a coordinator names. */
export const mergeFormSchema = {
  hide: true,
  querystring: Type.Object(TenantQuery),
  body: Type.Object({
    _csrf: Text(200),
    keptId: Type.String({ pattern: '^[0-9]{1,9}$' }),
    mergedId: Type.String({ pattern: '^[0-9]{1,9}$' }),
    note: Text(2000),
  }),
} as const
