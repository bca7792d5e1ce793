import Type, { type Static } from 'typebox'

/** What a review-queue entry compares. */
export const CandidateEntity = Type.Union([Type.Literal('project'), Type.Literal('organisation')])
export type CandidateEntity = Static<typeof CandidateEntity>

/**
 * Where a candidate stands: `open` waits for a person; `accepted` was merged on review; `rejected`
 * was judged two different records; `auto` was merged by the importer without asking (the note).
 */
export const CandidateStatus = Type.Union([
  Type.Literal('open'),
  Type.Literal('accepted'),
  Type.Literal('rejected'),
  Type.Literal('auto'),
])
export type CandidateStatus = Static<typeof CandidateStatus>

/** A pair the matcher found alike, with its score and reasons. */
export const MatchCandidate = Type.Object({
  id: Type.Integer(),
  entity: CandidateEntity,
  /** the record that stays (the older one) */
  leftId: Type.Integer(),
  leftName: Type.Union([Type.String(), Type.Null()]),
  /** the record that would be merged into it */
  rightId: Type.Integer(),
  rightName: Type.Union([Type.String(), Type.Null()]),
  /** 0..1 */
  score: Type.Number(),
  reasons: Type.Array(Type.String()),
  status: CandidateStatus,
  note: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  createdBy: Type.String(),
  decidedAt: Type.Union([Type.String(), Type.Null()]),
  decidedBy: Type.Union([Type.String(), Type.Null()]),
  mergeId: Type.Union([Type.Integer(), Type.Null()]),
})
export type MatchCandidate = Static<typeof MatchCandidate>

/** One merge: which record was kept, which was merged into it, and whether it was undone. */
export const MergeRecord = Type.Object({
  id: Type.Integer(),
  entity: CandidateEntity,
  keptId: Type.Integer(),
  mergedId: Type.Integer(),
  /** the merged record's name, as it was */
  mergedName: Type.String(),
  note: Type.Union([Type.String(), Type.Null()]),
  mergedAt: Type.String(),
  mergedBy: Type.String(),
  splitAt: Type.Union([Type.String(), Type.Null()]),
  splitBy: Type.Union([Type.String(), Type.Null()]),
})
export type MergeRecord = Static<typeof MergeRecord>
