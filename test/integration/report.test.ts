import assert from 'node:assert/strict'
import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { Kysely } from 'kysely'
import { loadConfig } from '../../src/config/config.js'
import type { Database } from '../../src/db/database.js'
import { readDocument } from '../../src/import/extract/read-document.js'
import { importDocument } from '../../src/import/import-document.js'
import { parseDocument } from '../../src/import/parse/parse-document.js'
import { canonicalProgramme } from '../../src/registry/programmes.js'
import type { ProjectRecord } from '../../src/registry/project-record.js'
import type { Scope } from '../../src/registry/scope.js'
import type { ReportModel } from '../../src/report/model/report-model.js'
import { toJsonReport } from '../../src/report/render/json.js'
import { buildReport, keepPrintedSummary } from '../../src/report/report.service.js'
import { buildTenant } from '../support/factories.js'
import { createTestDb, DIALECTS } from './dialects.js'

// Imports the Malmö annual report (../shared/seeds/004…) and checks the 2025 report against the
// forms themselves (read independently from the parsed records) and against the printed summary.

const SHARED = resolve(import.meta.dirname, '../../../shared')
const SEED = join(SHARED, 'seeds', '004_719ae671d378f085.txt')
const skip = existsSync(SEED) ? false : `${SEED} is absent`
if (skip) {
  console.log(`# skipping report tests: ${skip}`)
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: the 2025 report of the Malmö seed`, { skip }, () => {
    let db: Kysely<Database>
    let scope: Scope
    let records: ProjectRecord[]
    let model: ReportModel

    before(async () => {
      db = await createTestDb(dialect)
      const doc = await readDocument(SEED, loadConfig({}, process.cwd()))
      records = parseDocument(doc)
      scope = (await buildTenant(db, { name: 'Malmö stad' })).scope
      const outcome = await importDocument(db, scope, { document: doc, records })
      assert.equal(outcome.status, 'imported')
      if (outcome.status === 'imported') {
        assert.ok((await keepPrintedSummary(db, scope, outcome.document.id, doc)) > 0)
      }
      model = await buildReport(db, scope, 2025)
    })
    after(async () => {
      await db?.destroy()
    })

    it("gives each unit the count and paid-out sum of that unit's own forms", () => {
      const forms = records.filter((r) => r.unit)
      const units = [...new Set(forms.map((r) => r.unit))]
      assert.equal(model.units.length, units.length)
      for (const u of model.units) {
        const own = forms.filter((r) => r.unit === u.unit)
        assert.equal(u.participations, own.length, u.unit)
        const paidMinor = own.reduce((s, r) => s + Math.round((r.paidInYear?.amount ?? 0) * 100), 0)
        assert.equal(u.paid.amountMinor, paidMinor, u.unit)
      }
      assert.equal(
        model.paidTotal.amountMinor,
        model.units.reduce((s, u) => s + u.paid.amountMinor, 0),
      )
    })

    it('counts a project reported by two units once', () => {
      assert.equal(model.participations, 68)
      assert.ok(model.sharedProjects.length > 0)
      const extraForms = model.sharedProjects.reduce((s, p) => s + p.units.length - 1, 0)
      assert.equal(model.projects.count, model.participations - extraForms)
      assert.equal(model.projects.count, 63)
    })

    it('leaves non-EU funding such as Nordplus out of projects.eu', () => {
      const nonEu = new Set(
        records
          .filter((r) => r.unit && !canonicalProgramme(r.programme).isEu)
          .map((r) => r.name.toLocaleLowerCase('sv')),
      )
      assert.ok([...nonEu].some((n) => n.includes('nordplus')))
      assert.equal(model.projects.eu, model.projects.count - nonEu.size)
      const json = toJsonReport(model)
      assert.deepEqual(Object.keys(json.projects), ['count', 'eu', 'previousYear'])
      assert.equal(json.projects.eu, 59)
    })

    it('puts every printed figure beside the computed one, and explains every difference', () => {
      const lines = model.reconciliation
      assert.ok(lines.length >= 30, String(lines.length))
      const unmatched = lines.filter((l) => l.status === 'unmatched')
      assert.deepEqual(unmatched, [])
      // Kulturnämnden's printed 481 000 kr cannot be reached from its three forms (104 876 + 259 586 + 65 000):
      // the line still says what was summed, the difference and what to check.
      const odd = lines.filter((l) => l.status === 'not-reproducible')
      assert.deepEqual(
        odd.map((l) => l.figure),
        ['Utbetalt 2025: Kulturnämnden'],
      )
      const kultur = odd[0]?.explanation.replace(/\s/g, ' ') ?? ''
      assert.match(kultur, /51 538 kr högre/)
      assert.match(kultur, /Summerade blanketter \(3, sammanlagt 429 462 kr\)/)
      for (const amount of ['104 876 kr', '259 586 kr', '65 000 kr']) {
        assert.ok(kultur.includes(amount), `${amount} in ${kultur}`)
      }
      assert.match(kultur, /saknas i publikationen/)
      assert.match(kultur, /annan källa/)
      assert.match(kultur, /skrivfel/)
      const total = lines.find((l) => l.figure === 'EU-projekt 2025')
      assert.equal(total?.printed, 63)
      assert.equal(total?.computed, 59)
      assert.deepEqual(new Set(total?.items.map((i) => i.kind)), new Set(['non-eu']))
      assert.ok(total?.items.some((i) => /Nordplus/.test(i.project)))
      const gyVux = lines.find((l) => l.figure === 'EU-projekt 2025: Gy Vux-nämnden')
      assert.equal(gyVux?.matched, 'Gymnasie- och vuxenutbildningsnämnden')
      assert.equal(gyVux?.status, 'explained')
      for (const l of lines) {
        assert.ok(l.explanation.trim().length > 0, `${l.figure} has no explanation`)
        if (l.status === 'explained') {
          assert.ok(l.items.length > 0, `${l.figure} is explained by nothing`)
        }
      }
    })
  })
}
