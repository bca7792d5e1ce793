import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Kysely, KyselyPlugin } from 'kysely'
import type { Database } from '../../src/db/database.js'
import { addContact } from '../../src/registry/contact.service.js'
import { createCouncilGoal } from '../../src/registry/council-goal.service.js'
import { raiseDataIssues, resolveDataIssue } from '../../src/registry/data-issue.service.js'
import { addProvenance, storeDocument } from '../../src/registry/document.service.js'
import { createUnit } from '../../src/registry/organisation.service.js'
import { addParticipation } from '../../src/registry/participation.service.js'
import {
  getProjectDetails,
  getProjectDetailsOfTenants,
  type ProjectDetail,
} from '../../src/registry/project-record.service.js'
import type { Scope } from '../../src/registry/scope.js'
import { buildOrganisation, buildProject, buildTenant } from '../support/factories.js'
import { createTestDb, DIALECTS } from './dialects.js'

const SEK = (amount: number) => ({ amountMinor: amount * 100, currency: 'SEK' })

/** Counts the statements run through a handle (each query, whatever its engine). */
function counting(db: Kysely<Database>): { db: Kysely<Database>; count: () => number; reset: () => void } {
  let n = 0
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      n++
      return args.node
    },
    transformResult: async (args) => args.result,
  }
  return {
    db: db.withPlugin(plugin),
    count: () => n,
    reset: () => {
      n = 0
    },
  }
}

let documents = 0

/** A project of the scope's tenant with everything a detail holds: participations, contacts, goals, provenance, issues. */
async function fullProject(
  db: Kysely<Database>,
  scope: Scope,
  tenantId: number,
  partnerId: number,
): Promise<number> {
  const unit = await createUnit(db, scope, { name: `Förvaltning ${scope.tenantId}-${++documents}` })
  // Linked out of order: a participation's goals come back in goal id order.
  const second = await createCouncilGoal(db, scope, {
    period: '2024-2026',
    number: 10 + documents,
    text: 'Mål B',
  })
  const first = await createCouncilGoal(db, scope, { period: '2024-2026', number: documents, text: 'Mål A' })
  const project = await buildProject(db, scope, { totalBudget: SEK(1_000_000), status: 'ongoing' })
  const lead = await addParticipation(db, scope, project.id, { organisationId: partnerId, role: 'lead' })
  const own = await addParticipation(db, scope, project.id, {
    organisationId: tenantId,
    unitId: unit.id,
    role: 'partner',
    budget: SEK(200_000),
    payments: [
      { year: 2025, amount: SEK(50_000) },
      { year: 2024, amount: SEK(10_000) },
    ],
    councilGoalIds: [second.id, first.id],
  })
  await addContact(db, scope, own.id, { name: 'Anna Andersson', email: 'anna@example.se' })
  await addContact(db, scope, own.id, { name: 'Bo Berg', phone: '040-10 00 00' })
  await addContact(db, scope, lead.id, { name: 'Cecilia Cederlund' })
  const { document } = await storeDocument(db, scope, {
    name: `rapport-${documents}.pdf`,
    mediaType: 'application/pdf',
    sha256: documents.toString(16).padStart(64, '0'),
    bytes: 100,
  })
  await addProvenance(db, scope, [
    { documentId: document.id, entity: 'project', entityId: project.id, page: 2, lineStart: 4 },
    // a later whole-record provenance: the first one is the record's source
    { documentId: document.id, entity: 'project', entityId: project.id, page: 9, lineStart: 1 },
    { documentId: document.id, entity: 'project', entityId: project.id, field: 'summary', page: 2 },
    { documentId: document.id, entity: 'participation', entityId: own.id, field: 'partners', page: 3 },
    { documentId: document.id, entity: 'participation', entityId: own.id, field: 'leadPartner', page: 3 },
    { documentId: document.id, entity: 'participation', entityId: own.id, field: 'partners', page: 4 },
    { documentId: document.id, entity: 'participation', entityId: lead.id, field: 'partners', page: 3 },
  ])
  await raiseDataIssues(db, scope, [
    { entity: 'project', entityId: project.id, kind: 'other', message: 'budgeten saknar valuta' },
    { entity: 'project', entityId: project.id, kind: 'other', message: 'slutdatum oklart' },
  ])
  return project.id
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: project details of many tenants at once`, () => {
    let db: Kysely<Database>
    const tenants: { scope: Scope; ids: number[] }[] = []

    before(async () => {
      db = await createTestDb(dialect)
      const partner = await buildOrganisation(db, { name: 'Region Skåne', country: 'SE' })
      // Four tenants; the fourth is never asked for.
      for (let t = 0; t < 4; t++) {
        const { tenant, scope } = await buildTenant(db)
        const ids = [
          await fullProject(db, scope, tenant.id, partner.id),
          await fullProject(db, scope, tenant.id, partner.id),
          // a bare project: no participations, provenance or issues
          (await buildProject(db, scope)).id,
        ]
        tenants.push({ scope, ids })
      }
      const [a, b] = tenants
      if (!a || !b) {
        throw new Error('tenants not built')
      }
      // Provenance and issues point at rows without a foreign key: B's rows naming A's project ids
      // must never land on A's projects when both are read in one go.
      const { document } = await storeDocument(db, b.scope, {
        name: 'fel.pdf',
        mediaType: 'application/pdf',
        sha256: 'f'.repeat(64),
        bytes: 1,
      })
      await addProvenance(db, b.scope, [
        { documentId: document.id, entity: 'project', entityId: a.ids[0] ?? 0, page: 1 },
      ])
      await raiseDataIssues(db, b.scope, [
        { entity: 'project', entityId: a.ids[0] ?? 0, kind: 'other', message: 'fel hyresgäst' },
      ])
      // a resolved issue is still a detail (the record format shows only open ones)
      const [issue] = (await getProjectDetails(db, a.scope, [a.ids[1] ?? 0]))[0]?.issues ?? []
      if (issue) {
        await resolveDataIssue(db, a.scope, issue.id, 'rättat')
      }
    })
    after(async () => {
      await db.destroy()
    })

    function asked(): [Map<number, number[]>, number[]] {
      const [a, b, c, d] = tenants
      if (!a || !b || !c || !d) {
        throw new Error('tenants not built')
      }
      // Each tenant also lists ids it does not own (another asked tenant's, and the unasked D's).
      const byTenant = new Map([
        [a.scope.tenantId, [...a.ids, d.ids[0] ?? 0]],
        [b.scope.tenantId, [...b.ids, a.ids[1] ?? 0]],
        [c.scope.tenantId, [...c.ids, d.ids[1] ?? 0, b.ids[0] ?? 0]],
      ])
      return [byTenant, d.ids]
    }

    it('gives exactly the details the per-tenant loads give, ordered by id', async () => {
      const [byTenant] = asked()
      const perTenant: ProjectDetail[] = []
      for (const { scope } of tenants.slice(0, 3)) {
        perTenant.push(...(await getProjectDetails(db, scope, byTenant.get(scope.tenantId) ?? [])))
      }
      perTenant.sort((x, y) => x.project.id - y.project.id)
      const all = await getProjectDetailsOfTenants(db, byTenant)
      assert.deepEqual(all, perTenant)
      assert.equal(all.length, 9)

      // The data really spans every kind of detail, so the equality above means something.
      const a0 = all.find((d) => d.project.id === tenants[0]?.ids[0])
      assert.ok(a0)
      assert.equal(a0.tenant.id, tenants[0]?.scope.tenantId)
      assert.deepEqual(
        a0.participations.map((p) => p.participation.role),
        ['lead', 'partner'],
      )
      const own = a0.participations[1]
      assert.deepEqual(
        own?.contacts.map((c) => c.name),
        ['Anna Andersson', 'Bo Berg'],
      )
      assert.deepEqual(
        own?.councilGoals.map((g) => g.text),
        ['Mål B', 'Mål A'],
      )
      assert.deepEqual(own?.sourceFields, ['partners', 'leadPartner'])
      assert.deepEqual(
        own?.participation.payments.map((p) => p.year),
        [2024, 2025],
      )
      assert.equal(a0.source?.page, 2)
      assert.deepEqual(
        a0.issues.map((i) => i.message),
        ['budgeten saknar valuta', 'slutdatum oklart'],
      )
      const a1 = all.find((d) => d.project.id === tenants[0]?.ids[1])
      assert.deepEqual(
        a1?.issues.map((i) => i.status),
        ['resolved', 'open'],
      )
    })

    it('never returns a project of a tenant not asked for, nor one listed under another tenant', async () => {
      const [byTenant, unasked] = asked()
      const all = await getProjectDetailsOfTenants(db, byTenant)
      for (const d of all) {
        assert.ok(byTenant.get(d.project.tenantId)?.includes(d.project.id))
        assert.equal(d.tenant.id, d.project.tenantId)
        for (const p of d.participations) {
          assert.equal(p.participation.tenantId, d.project.tenantId)
          assert.ok(p.contacts.every((c) => c.tenantId === d.project.tenantId))
          assert.ok(p.councilGoals.every((g) => g.tenantId === d.project.tenantId))
        }
        assert.ok(d.issues.every((i) => i.tenantId === d.project.tenantId))
        assert.ok(d.source === null || d.source.tenantId === d.project.tenantId)
      }
      assert.ok(all.every((d) => !unasked.includes(d.project.id)))
      // A's project listed under B is B's to read only if B owned it: it comes back once, as A's.
      const a1 = tenants[0]?.ids[1]
      assert.equal(all.filter((d) => d.project.id === a1).length, 1)
      // Only the unasked tenant's ids: nothing.
      const [, , , d] = tenants
      assert.deepEqual(
        await getProjectDetailsOfTenants(db, new Map([[tenants[0]?.scope.tenantId ?? 0, d?.ids ?? []]])),
        [],
      )
      assert.deepEqual(await getProjectDetailsOfTenants(db, new Map()), [])
    })

    it('runs the same number of queries for three tenants as for one', async () => {
      const [byTenant] = asked()
      const probe = counting(db)
      const [first] = byTenant
      assert.ok(first)
      await getProjectDetailsOfTenants(probe.db, new Map([first]))
      const one = probe.count()
      probe.reset()
      await getProjectDetailsOfTenants(probe.db, byTenant)
      assert.equal(probe.count(), one)
      assert.ok(one <= 12, `${one} queries`)
    })
  })
}
