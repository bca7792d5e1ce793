import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Kysely } from 'kysely'
import type { Database } from '../../src/db/database.js'
import type { Scope } from '../../src/registry/scope.js'
import { buildReport } from '../../src/report/report.service.js'
import { DEFAULT_QUESTIONS } from '../../src/report/round/round.js'
import {
  decideUnit,
  getUnitForm,
  listRoundUnits,
  openRound,
  saveUnitForm,
} from '../../src/report/round/round.service.js'
import { buildTenant } from '../support/factories.js'
import { createTestDb, DIALECTS } from './dialects.js'
import { buildRoundPortfolio } from './report-fixture.js'

for (const dialect of DIALECTS) {
  describe(`${dialect}: the reporting round`, () => {
    let db: Kysely<Database>
    let scope: Scope
    let units: { id: number; name: string }[]
    let goals: number[]

    before(async () => {
      db = await createTestDb(dialect)
      scope = (await buildTenant(db, { name: 'Rundstad' })).scope
      ;({ units, goals } = await buildRoundPortfolio(db, scope))
    })
    after(async () => {
      await db?.destroy()
    })

    it('opens a round with the default questions; every unit starts not started', async () => {
      const round = await openRound(db, scope, {
        year: 2025,
        unitIds: units.map((u) => u.id),
        deadline: '2026-02-15',
      })
      assert.deepEqual(round.questions, DEFAULT_QUESTIONS)
      const status = await listRoundUnits(db, scope, 2025)
      assert.deepEqual(
        status.map((u) => u.status),
        ['not_started', 'not_started'],
      )
      await assert.rejects(openRound(db, scope, { year: 2025, unitIds: [units[0]?.id ?? 0] }), {
        code: 'CONFLICT',
      })
    })

    it('pre-fills a unit form and points out the project another unit reports', async () => {
      const form = await getUnitForm(db, scope, 2025, units[0]?.id ?? 0)
      assert.deepEqual(
        form.entries.map((e) => e.projectName),
        ['Gröna skolgårdar', 'Nordiskt utbyte'],
      )
      assert.deepEqual(form.entries[0]?.otherUnits, ['Kulturnämnden'])
      assert.equal(form.entries[0]?.totalBudget?.replace(/\s/g, ' '), '20 000 000 kr')
    })

    it('refuses to submit unreadable amounts and empty narratives, keeping a draft', async () => {
      const form = await getUnitForm(db, scope, 2025, units[0]?.id ?? 0)
      const out = await saveUnitForm(
        db,
        scope,
        2025,
        units[0]?.id ?? 0,
        {
          narratives: ['Nätverk', ''],
          entries: form.entries.map((e) => ({ ...e.answer, paidText: 'ungefär mycket' })),
        },
        'submit',
      )
      assert.equal(out.status, 'draft')
      assert.ok(out.findings.some((f) => f.severity === 'error' && /går inte att läsa/.test(f.message)))
      assert.ok(out.findings.some((f) => /fråga 2/.test(f.message)))
      assert.ok(out.findings.some((f) => f.severity === 'notice' && /Kulturnämnden/.test(f.message)))
    })

    it('submits, returns with a comment, resubmits and approves; the report then has the figures', async () => {
      const [miljo, kultur] = units.map((u) => u.id)
      for (const [unit, amounts] of [
        [miljo ?? 0, ['150 000', '20 000']],
        [kultur ?? 0, ['30 000', '40 000']],
      ] as const) {
        const form = await getUnitForm(db, scope, 2025, unit)
        const out = await saveUnitForm(
          db,
          scope,
          2025,
          unit,
          {
            narratives: ['Vi deltog i Eurocities.', 'Nya arbetssätt.'],
            entries: form.entries.map((e, i) => ({
              ...e.answer,
              paidText: amounts[i] ?? '0',
              goalIds: [goals[0] ?? 0],
            })),
          },
          'submit',
        )
        assert.equal(out.status, 'submitted', JSON.stringify(out.findings))
      }
      await assert.rejects(decideUnit(db, scope, 2025, kultur ?? 0, 'return', ''), { code: 'VALIDATION' })
      assert.equal(
        await decideUnit(db, scope, 2025, kultur ?? 0, 'return', 'Kontrollera beloppet'),
        'returned',
      )
      const again = await getUnitForm(db, scope, 2025, kultur ?? 0)
      assert.equal(again.unit.comment, 'Kontrollera beloppet')
      const resubmitted = await saveUnitForm(
        db,
        scope,
        2025,
        kultur ?? 0,
        {
          narratives: ['Vi deltog i Eurocities.', 'Nya arbetssätt.'],
          entries: again.entries.map((e) => ({ ...e.answer, paidText: '35 000' })),
        },
        'submit',
      )
      assert.equal(resubmitted.status, 'submitted')
      assert.equal(await decideUnit(db, scope, 2025, miljo ?? 0, 'approve', null), 'approved')
      assert.equal(await decideUnit(db, scope, 2025, kultur ?? 0, 'approve', null), 'approved')
      const model = await buildReport(db, scope, 2025)
      assert.equal(model.projects.count, 3)
      assert.equal(model.projects.eu, 2)
      assert.equal(model.paidTotal.amountMinor, (150_000 + 20_000 + 35_000 + 35_000) * 100)
      assert.equal(model.units.find((u) => u.unit === 'Kulturnämnden')?.paid.amountMinor, 70_000 * 100)
      assert.equal(model.narratives.length, 2)
      assert.equal(model.byGoal[0]?.projects, 3)
    })
  })
}
