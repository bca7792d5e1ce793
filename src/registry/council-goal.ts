import Type, { type Static } from 'typebox'
import { Id, NonEmpty, Timestamp } from './schema-helpers.js'

/** A tenant's numbered policy goal for a period (Malmö's kommunfullmäktigemål 2024–2026). */
export const CouncilGoal = Type.Object({
  id: Id,
  tenantId: Id,
  /** the period as the tenant names it: "2024-2026" */
  period: NonEmpty,
  number: Type.Integer({ minimum: 1 }),
  text: NonEmpty,
  createdAt: Timestamp,
})
export type CouncilGoal = Static<typeof CouncilGoal>

export const NewCouncilGoal = Type.Object({
  period: NonEmpty,
  number: Type.Integer({ minimum: 1 }),
  text: NonEmpty,
})
export type NewCouncilGoal = Static<typeof NewCouncilGoal>

export const CouncilGoalPatch = Type.Partial(NewCouncilGoal)
export type CouncilGoalPatch = Static<typeof CouncilGoalPatch>
