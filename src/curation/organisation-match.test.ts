import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, it } from 'node:test'
import { type LabelledPair, measureOrganisationMatching } from './organisation-accuracy.js'
import { matchOrganisations, nameForm } from './organisation-match.js'

const PAIRS = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../test/fixtures/organisation-pairs.json'), 'utf8'),
) as LabelledPair[]

describe('organisation matching', () => {
  it('reads the kind of body in Swedish, Nordic and English forms', () => {
    for (const [name, kind, core] of [
      ['Hässleholms kommun', 'municipality', 'hassleholm'],
      ['Hässleholm Municipality', 'municipality', 'hassleholm'],
      ['Municipality of Växjö', 'municipality', 'vaxjo'],
      ['Malmö stad', 'municipality', 'malmo'],
      ['Lunds universitet', 'university', 'lund'],
      ['University of Agder', 'university', 'agder'],
      ['Högskolan Kristianstad', 'university', 'kristianstad'],
      ['Region Skåne', 'region', 'skane'],
      ['NetPort Science Park AB', 'company', 'net port science park'],
      ['Tillväxtverket', null, 'tillvaxtverket'],
    ] as const) {
      const form = nameForm(name)
      assert.equal(form.kind, kind, name)
      assert.equal(form.core.join(' '), core, name)
    }
  })

  it('joins language forms and never different municipalities, universities or regions', () => {
    assert.equal(
      matchOrganisations({ name: 'Hässleholms kommun' }, { name: 'Hässleholm Municipality' }).verdict,
      'same',
    )
    assert.equal(
      matchOrganisations({ name: 'Lunds universitet' }, { name: 'Lund University' }).verdict,
      'same',
    )
    assert.equal(
      matchOrganisations({ name: 'Lunds kommun' }, { name: 'Lunds universitet' }).verdict,
      'different',
    )
    assert.equal(
      matchOrganisations({ name: 'Region Skåne' }, { name: 'Region Halland' }).verdict,
      'different',
    )
    assert.equal(
      matchOrganisations({ name: 'Lund', country: 'SE' }, { name: 'Lund', country: 'DK' }).verdict,
      'different',
    )
    assert.equal(matchOrganisations({ name: 'Lund' }, { name: 'Lunds kommun' }).verdict, 'likely')
  })

  it(`labelled pairs (test/fixtures/organisation-pairs.json): no false joins, precision and recall recorded in docs/accuracy.md`, () => {
    assert.ok(PAIRS.length >= 60)
    const m = measureOrganisationMatching(PAIRS)
    console.log(
      `# organisation matching: ${m.pairs} pairs (${m.positives} same), precision ${m.precision.toFixed(3)}, recall ${m.recall.toFixed(3)}, recall incl. review ${m.recallWithReview.toFixed(3)}`,
    )
    for (const p of m.missed) {
      console.log(`#   not joined (${p.verdict}): ${p.a.name} | ${p.b.name}`)
    }
    assert.deepEqual(
      m.falseJoins.map((p) => `${p.a.name} | ${p.b.name}`),
      [],
    )
    assert.equal(m.precision, 1)
    assert.ok(m.recall >= 0.8, `recall ${m.recall}`)
  })
})
