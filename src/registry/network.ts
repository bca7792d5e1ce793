import Type, { type Static } from 'typebox'
import { PartialDate } from './project-record.js'
import { Id, NonEmpty, Nullable, Timestamp } from './schema-helpers.js'

/** A tenant's membership of an international network (Eurocities, Covenant of Mayors): not a project. */
export const Network = Type.Object({
  id: Id,
  tenantId: Id,
  name: NonEmpty,
  since: Nullable(PartialDate),
  until: Nullable(PartialDate),
  summary: Nullable(Type.String()),
  createdAt: Timestamp,
})
export type Network = Static<typeof Network>

export const NewNetwork = Type.Object({
  name: NonEmpty,
  since: Type.Optional(Nullable(PartialDate)),
  until: Type.Optional(Nullable(PartialDate)),
  summary: Type.Optional(Nullable(Type.String())),
})
export type NewNetwork = Static<typeof NewNetwork>

export const NetworkPatch = Type.Partial(NewNetwork)
export type NetworkPatch = Static<typeof NetworkPatch>
