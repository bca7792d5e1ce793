import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { BASELINE, type FileScore, SHARED, scoreAll } from '../../scripts/accuracy.js'

/**
 * Holds extraction accuracy to the figures last reached: each gold file's records matched % and
 * fields F1 may not drop below test/fixtures/accuracy-baseline.json (raise the baseline with
 * `npm run accuracy -- --write-baseline` when figures improve).
 */
describe('extraction accuracy against the gold records', {
  skip: existsSync(SHARED) ? false : `no ${SHARED}`,
}, () => {
  const baseline = JSON.parse(readFileSync(BASELINE, 'utf8')) as Record<
    string,
    { matchedPct: number; fieldsF1: number }
  >
  let scores: FileScore[] = []
  it('scores every gold pair', { timeout: 120_000 }, async () => {
    scores = await scoreAll()
    assert.ok(scores.length > 0)
    for (const label of Object.keys(baseline)) {
      assert.ok(
        scores.some((s) => s.label === label),
        `gold pair ${label} is in the baseline but was not scored`,
      )
    }
  })
  it('no file falls below its baseline', () => {
    const drops = scores.flatMap((s) => {
      const floor = baseline[s.label]
      if (!floor) {
        return []
      }
      const out: string[] = []
      if (s.matchedPct < floor.matchedPct) {
        out.push(`${s.label}: records matched ${s.matchedPct} % < baseline ${floor.matchedPct} %`)
      }
      if (s.fieldsF1 < floor.fieldsF1) {
        out.push(`${s.label}: fields F1 ${s.fieldsF1} < baseline ${floor.fieldsF1}`)
      }
      return out
    })
    assert.deepEqual(drops, [])
  })
})
