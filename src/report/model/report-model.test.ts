import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { sampleInput } from './fixture.js'
import { roundingTolerance } from './reconcile.js'
import { buildReportModel } from './report-model.js'

describe('buildReportModel', () => {
  const input = sampleInput(14)
  const model = buildReportModel(input)

  it('counts a project shared by two units once, and leaves non-EU funding out of eu', () => {
    assert.equal(model.participations, 16)
    assert.equal(model.projects.count, 14)
    assert.equal(model.projects.eu, 13)
    assert.equal(model.projects.change, 9)
    assert.equal(model.sharedProjects.length, 2)
  })

  it("sums each unit's own forms, never the project's totals", () => {
    for (const u of model.units) {
      const own = input.projects.flatMap((p) => p.participations).filter((p) => p.unitId === u.unitId)
      assert.equal(u.participations, own.length)
      assert.equal(
        u.paid.amountMinor,
        own.reduce((s, p) => s + (p.paid?.amountMinor ?? 0), 0),
      )
    }
    assert.equal(
      model.paidTotal.amountMinor,
      model.units.reduce((s, u) => s + u.paid.amountMinor, 0),
    )
    assert.equal(model.byProgrammeFamily.find((f) => f.family === 'Nordic')?.isEu, false)
  })

  it('reconciles a printed count with non-EU projects, and a rounded amount within its rounding', () => {
    const printed = [
      {
        kind: 'projects',
        subjectKind: 'total',
        subject: 'Exempelstad',
        year: 2025,
        value: 14,
        currency: null,
        approximate: false,
        line: 1,
        text: '',
      },
      {
        kind: 'paid',
        subjectKind: 'unit',
        subject: 'Miljönämnden',
        year: 2025,
        value:
          Math.round(
            (model.units.find((u) => u.unit === 'Miljönämnden')?.paid.amountMinor ?? 0) / 1_000_000,
          ) * 10_000,
        currency: 'SEK',
        approximate: true,
        line: 2,
        text: '',
      },
    ] as const
    const m = buildReportModel({ ...input, printed: [...printed] })
    const [count, paid] = m.reconciliation
    assert.equal(count?.status, 'explained')
    assert.deepEqual(
      count?.items.map((i) => [i.kind, i.project]),
      [['non-eu', 'Projekt 10']],
    )
    assert.ok(paid && ['rounding', 'equal'].includes(paid.status), paid?.status)
  })

  it('still tells what to check when no cause or set of forms reaches the printed figure', () => {
    const miljo = model.units.find((u) => u.unit === 'Miljönämnden')
    const base = { year: 2025, approximate: false, line: 1, text: '' } as const
    const m = buildReportModel({
      ...input,
      printed: [
        {
          ...base,
          kind: 'paid',
          subjectKind: 'unit',
          subject: 'Miljönämnden',
          value: (miljo?.paid.amountMinor ?? 0) / 100 - 7,
          currency: 'SEK',
        },
        {
          ...base,
          kind: 'projects',
          subjectKind: 'total',
          subject: 'Exempelstad',
          value: 40,
          currency: null,
        },
      ],
    })
    const [paid, count] = m.reconciliation
    assert.equal(paid?.status, 'not-reproducible')
    assert.match(paid?.explanation.replace(/\s/g, ' ') ?? '', /7 kr lägre/)
    assert.match(paid?.explanation ?? '', new RegExp(`Summerade blanketter \\(${miljo?.participations},`))
    assert.match(paid?.explanation ?? '', /skrivfel/)
    assert.equal(count?.status, 'not-reproducible')
    assert.match(count?.explanation ?? '', /Räknade projekt \(14\): .* och 2 till\./)
  })

  it('derives the rounding of a printed amount from its last significant digit', () => {
    assert.equal(roundingTolerance(55_700_000, true), 50_000)
    assert.equal(roundingTolerance(890_000, true), 5_000)
    assert.equal(roundingTolerance(63, false), 0.5)
  })
})
