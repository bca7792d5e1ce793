import Type, { type Static } from 'typebox'
import { Id, NonEmpty, Nullable } from './schema-helpers.js'

/**
 * A funding programme from the reference list (../shared/spec/programmes.md, kept in code in
 * programmes.ts): canonical name, family, programming periods and the aliases sources use.
 */
export const Programme = Type.Object({
  id: Id,
  canonical: NonEmpty,
  family: Type.String(),
  /** first and last year the programme funded projects (its programming periods); null when open-ended */
  fromYear: Nullable(Type.Integer()),
  toYear: Nullable(Type.Integer()),
  aliases: Type.Array(Type.String()),
  isEu: Type.Boolean(),
})
export type Programme = Static<typeof Programme>

/** One entry of the reference list, as seeded into the programme table. */
export interface ProgrammeSeed {
  readonly canonical: string
  readonly family: string
  readonly fromYear: number | null
  readonly toYear: number | null
  readonly aliases: readonly string[]
  readonly isEu: boolean
}
