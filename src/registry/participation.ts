import Type, { type Static } from 'typebox'
import { StoredMoney } from './money.js'
import { Role } from './project-record.js'
import { Id, NonEmpty, Nullable, Timestamp } from './schema-helpers.js'

/** Money paid out to a participant during one reporting year. */
export const Payment = Type.Object({
  id: Id,
  participationId: Id,
  year: Type.Integer({ minimum: 1950, maximum: 2100 }),
  amount: StoredMoney,
})
export type Payment = Static<typeof Payment>

export const NewPayment = Type.Object({
  year: Type.Integer({ minimum: 1950, maximum: 2100 }),
  amount: StoredMoney,
})
export type NewPayment = Static<typeof NewPayment>

/**
 * An organisation's (and, for the tenant, a unit's) part in a project. `budget` and `euCofinancing`
 * are the organisation's OWN share, never the project's totals.
 */
export const Participation = Type.Object({
  id: Id,
  tenantId: Id,
  projectId: Id,
  organisationId: Id,
  /** the organisation's name, for display */
  organisationName: Type.String(),
  organisationCountry: Nullable(Type.String()),
  unitId: Nullable(Id),
  unitName: Nullable(Type.String()),
  /** lead or partner; null when the source does not say */
  role: Nullable(Role),
  budget: Nullable(StoredMoney),
  euCofinancing: Nullable(StoredMoney),
  theme: Nullable(Type.String()),
  payments: Type.Array(Payment),
  /** ids of the tenant's council goals this participation serves */
  councilGoalIds: Type.Array(Id),
  createdAt: Timestamp,
  updatedAt: Timestamp,
})
export type Participation = Static<typeof Participation>

/** Input to add an organisation to a project. */
export const NewParticipation = Type.Object({
  organisationId: Id,
  unitId: Type.Optional(Nullable(Id)),
  /** lead or partner; omitted or null when unknown */
  role: Type.Optional(Nullable(Role)),
  budget: Type.Optional(Nullable(StoredMoney)),
  euCofinancing: Type.Optional(Nullable(StoredMoney)),
  theme: Type.Optional(Nullable(Type.String())),
  /** one payment per year at most */
  payments: Type.Optional(Type.Array(NewPayment)),
  councilGoalIds: Type.Optional(Type.Array(Id)),
})
export type NewParticipation = Static<typeof NewParticipation>

/** A partial update; `payments` and `councilGoalIds`, when present, replace the stored lists. */
export const ParticipationPatch = Type.Partial(Type.Omit(NewParticipation, ['organisationId']))
export type ParticipationPatch = Static<typeof ParticipationPatch>

/** A person named as a contact of a participation. Personal data: see exportPersonalData/erasePerson. */
export const Contact = Type.Object({
  id: Id,
  tenantId: Id,
  participationId: Id,
  name: Nullable(Type.String()),
  title: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  email: Nullable(Type.String()),
  createdAt: Timestamp,
})
export type Contact = Static<typeof Contact>

export const NewContact = Type.Object({
  name: Type.Optional(Nullable(NonEmpty)),
  title: Type.Optional(Nullable(Type.String())),
  phone: Type.Optional(Nullable(Type.String())),
  email: Type.Optional(Nullable(Type.String())),
})
export type NewContact = Static<typeof NewContact>

export const ContactPatch = Type.Partial(NewContact)
export type ContactPatch = Static<typeof ContactPatch>

/** How a data subject is identified in a GDPR request: by e-mail, or by exact name. */
export type PersonQuery = { readonly email: string } | { readonly name: string }
