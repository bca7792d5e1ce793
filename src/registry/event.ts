import Type, { type Static } from 'typebox'
import { PartialDate } from './project-record.js'
import { Country, Id, NonEmpty, Nullable, Timestamp } from './schema-helpers.js'

/** How many took part from one country. */
export const ParticipantCount = Type.Object({ country: Country, count: Type.Integer({ minimum: 0 }) })
export type ParticipantCount = Static<typeof ParticipantCount>

/** A project activity: a meeting, study visit, conference. */
export const ProjectEvent = Type.Object({
  id: Id,
  tenantId: Id,
  projectId: Id,
  title: NonEmpty,
  place: Nullable(Type.String()),
  country: Nullable(Country),
  start: Nullable(PartialDate),
  end: Nullable(PartialDate),
  participants: Type.Array(ParticipantCount),
  createdAt: Timestamp,
})
export type ProjectEvent = Static<typeof ProjectEvent>

export const NewProjectEvent = Type.Object({
  title: NonEmpty,
  place: Type.Optional(Nullable(Type.String())),
  country: Type.Optional(Nullable(Country)),
  start: Type.Optional(Nullable(PartialDate)),
  end: Type.Optional(Nullable(PartialDate)),
  participants: Type.Optional(Type.Array(ParticipantCount)),
})
export type NewProjectEvent = Static<typeof NewProjectEvent>

export const ProjectEventPatch = Type.Partial(NewProjectEvent)
export type ProjectEventPatch = Static<typeof ProjectEventPatch>
