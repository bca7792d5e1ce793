import Type, { type Static } from 'typebox'

/**
 * The project record interchange format (../shared/spec/project-record.md): what `extract` prints,
 * what the open-data export writes and what `import` takes in. Field names are fixed by the spec;
 * a field the source does not state is null (or [] for lists).
 */

export const Currency = Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 code' })

/** An amount in whole currency units as the source states it (never a float sum of other amounts). */
export const Money = Type.Object({ amount: Type.Number(), currency: Currency })
export type Money = Static<typeof Money>

export const PaidInYear = Type.Object({ amount: Type.Number(), currency: Currency, year: Type.Integer() })
export type PaidInYear = Static<typeof PaidInYear>

/** ISO 8601 date at the precision the source gives: 2015, 2015-09 or 2015-09-01. */
export const PartialDate = Type.String({ pattern: '^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$' })

export const Role = Type.Union([Type.Literal('lead'), Type.Literal('partner')])
export type Role = Static<typeof Role>

export const ProjectStatus = Type.Union([Type.Literal('ongoing'), Type.Literal('completed')])
export type ProjectStatus = Static<typeof ProjectStatus>

const Nullable = <T extends Type.TSchema>(t: T) => Type.Union([t, Type.Null()])

export const RecordPartner = Type.Object({
  name: Type.String(),
  /** ISO 3166-1 alpha-2, or null when the source does not say */
  country: Nullable(Type.String({ pattern: '^[A-Z]{2}$' })),
})
export type RecordPartner = Static<typeof RecordPartner>

export const RecordContact = Type.Object({
  name: Nullable(Type.String()),
  title: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  email: Nullable(Type.String()),
})
export type RecordContact = Static<typeof RecordContact>

export const RecordSource = Type.Object({
  document: Type.String(),
  page: Nullable(Type.Integer({ minimum: 1 })),
  line: Type.Integer({ minimum: 1 }),
})
export type RecordSource = Static<typeof RecordSource>

export const ProjectRecord = Type.Object({
  name: Type.String({ minLength: 1 }),
  acronym: Nullable(Type.String()),
  organisation: Nullable(Type.String()),
  unit: Nullable(Type.String()),
  theme: Nullable(Type.String()),
  role: Nullable(Role),
  status: Nullable(ProjectStatus),
  start: Nullable(PartialDate),
  end: Nullable(PartialDate),
  programme: Nullable(Type.String()),
  programmeRaw: Nullable(Type.String()),
  totalBudget: Nullable(Money),
  euContribution: Nullable(Money),
  paidInYear: Nullable(PaidInYear),
  leadPartner: Nullable(Type.String()),
  partners: Type.Array(RecordPartner),
  contacts: Type.Array(RecordContact),
  website: Nullable(Type.String()),
  goals: Type.Array(Type.String()),
  areas: Type.Array(Type.String()),
  summary: Nullable(Type.String()),
  source: RecordSource,
  issues: Type.Array(Type.String()),
})
export type ProjectRecord = Static<typeof ProjectRecord>
