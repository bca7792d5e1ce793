import { type MatchVerdict, matchOrganisations, type OrganisationName } from './organisation-match.js'

/** One labelled pair of test/fixtures/organisation-pairs.json. */
export interface LabelledPair {
  readonly a: OrganisationName
  readonly b: OrganisationName
  /** true when both names stand for the same body */
  readonly same: boolean
  readonly why?: string
}

/** Precision and recall of the matcher over labelled pairs. */
export interface OrganisationAccuracy {
  readonly pairs: number
  readonly positives: number
  /** of the pairs joined automatically (verdict `same`), the share that are one body */
  readonly precision: number
  /** of the pairs that are one body, the share joined automatically */
  readonly recall: number
  /** of the pairs that are one body, the share joined or put in the review queue */
  readonly recallWithReview: number
  /** pairs of different bodies joined automatically: must stay zero */
  readonly falseJoins: readonly LabelledPair[]
  /** pairs of one body not joined, with the verdict they got */
  readonly missed: readonly (LabelledPair & { readonly verdict: MatchVerdict })[]
}

/** Runs the organisation matcher over labelled pairs, in both orders, and counts. */
export function measureOrganisationMatching(pairs: readonly LabelledPair[]): OrganisationAccuracy {
  let joined = 0
  let rightJoins = 0
  let reviewedOrJoined = 0
  const falseJoins: LabelledPair[] = []
  const missed: (LabelledPair & { verdict: MatchVerdict })[] = []
  for (const pair of pairs) {
    const forward = matchOrganisations(pair.a, pair.b)
    const backward = matchOrganisations(pair.b, pair.a)
    // A matcher that answers differently by argument order counts as its worse answer.
    const verdict: MatchVerdict =
      forward.verdict === backward.verdict ? forward.verdict : pair.same ? 'different' : 'same'
    if (verdict === 'same') {
      joined++
      if (pair.same) {
        rightJoins++
      } else {
        falseJoins.push(pair)
      }
    } else if (pair.same) {
      missed.push({ ...pair, verdict })
    }
    if (pair.same && verdict !== 'different') {
      reviewedOrJoined++
    }
  }
  const positives = pairs.filter((p) => p.same).length
  return {
    pairs: pairs.length,
    positives,
    precision: joined === 0 ? 1 : rightJoins / joined,
    recall: positives === 0 ? 1 : rightJoins / positives,
    recallWithReview: positives === 0 ? 1 : reviewedOrJoined / positives,
    falseJoins,
    missed,
  }
}
