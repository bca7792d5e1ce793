import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { type Kysely, Migrator, sql } from 'kysely'
import { Value } from 'typebox/value'
import { createDb } from '../../src/db/create-db.js'
import type { Database } from '../../src/db/database.js'
import { MIGRATION_NAMES, migrateToLatest, StaticMigrationProvider } from '../../src/db/migrator.js'
import { prepareDatabase } from '../../src/db/open-database.js'
import { listAuditEvents } from '../../src/registry/audit.service.js'
import {
  addContact,
  deleteContact,
  erasePerson,
  exportPersonalData,
  getContact,
  listContacts,
  updateContact,
} from '../../src/registry/contact.service.js'
import {
  createCouncilGoal,
  deleteCouncilGoal,
  getCouncilGoal,
  listCouncilGoals,
  updateCouncilGoal,
} from '../../src/registry/council-goal.service.js'
import { listDataIssues, raiseDataIssues, resolveDataIssue } from '../../src/registry/data-issue.service.js'
import {
  addProvenance,
  deleteDocument,
  getProvenance,
  listDocuments,
  storeDocument,
} from '../../src/registry/document.service.js'
import {
  createEvent,
  deleteEvent,
  getEvent,
  listEvents,
  updateEvent,
} from '../../src/registry/event.service.js'
import {
  createNetwork,
  deleteNetwork,
  getNetwork,
  listNetworks,
  updateNetwork,
} from '../../src/registry/network.service.js'
import {
  createUnit,
  deleteOrganisation,
  deleteUnit,
  findOrCreateOrganisation,
  findOrganisationsByName,
  getOrganisation,
  listOrganisations,
  listUnits,
  updateOrganisation,
  updateUnit,
} from '../../src/registry/organisation.service.js'
import {
  addParticipation,
  getParticipation,
  listParticipations,
  removeParticipation,
  setPayment,
  updateParticipation,
} from '../../src/registry/participation.service.js'
import { findProgramme, listProgrammes } from '../../src/registry/programme.service.js'
import {
  createProject,
  deleteProject,
  findProjectByExternalId,
  getProject,
  listProjects,
  updateProject,
} from '../../src/registry/project.service.js'
import { ProjectRecord } from '../../src/registry/project-record.js'
import { getProjectRecord, listProjectRecords } from '../../src/registry/project-record.service.js'
import { inTransaction } from '../../src/registry/tx.js'
import { buildOrganisation, buildProject, buildTenant } from '../support/factories.js'
import { createEmptyTestDb, createTestDb, createTestDbConfig, DIALECTS } from './dialects.js'

const SEK = (amount: number) => ({ amountMinor: amount * 100, currency: 'SEK' })

for (const dialect of DIALECTS) {
  describe(`${dialect}: registry storage`, () => {
    let db: Kysely<Database>
    before(async () => {
      db = await createTestDb(dialect)
    })
    after(async () => {
      await db?.destroy()
    })

    describe('migrations', () => {
      it('runs forward from empty, then has nothing left to do', async () => {
        const again = await migrateToLatest(db as Kysely<unknown>, dialect)
        assert.equal(again.error, undefined)
        assert.deepEqual(again.results, [])
        const applied = await db
          .selectFrom('kysely_migration' as never)
          .select('name' as never)
          .execute()
        assert.equal(applied.length, MIGRATION_NAMES.length)
      })

      it('brings a database with data forward from the first migration', async () => {
        const old = await createEmptyTestDb(dialect)
        try {
          const migrator = new Migrator({ db: old, provider: new StaticMigrationProvider(dialect) })
          const first = await migrator.migrateTo(MIGRATION_NAMES[0]!)
          assert.equal(first.error, undefined)
          const at = new Date().toISOString()
          const { id: tenantId } = await old
            .insertInto('organisation')
            .values({
              name: 'Gamla kommunen',
              name_key: 'gamla kommunen',
              is_tenant: 1,
              created_at: at,
              updated_at: at,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
          await (old as unknown as Kysely<{ project: Record<string, unknown> }>)
            .insertInto('project')
            .values({
              tenant_id: tenantId,
              name: 'Ålderdomligt ÖVERSKOTT',
              areas_json: '[]',
              created_at: at,
              updated_at: at,
            })
            .execute()
          const outcome = await prepareDatabase(old, dialect)
          assert.equal(outcome.error, undefined)
          assert.equal(outcome.results.length, MIGRATION_NAMES.length - 1)
          const found = await listProjects(
            old,
            { tenantId, actor: 'test' },
            { query: 'ålderdomligt överskott' },
          )
          assert.equal(found.length, 1)
        } finally {
          await old.destroy()
        }
      })

      it('seeds the programme reference list with aliases', async () => {
        const programmes = await listProgrammes(db)
        assert.ok(programmes.length >= 20)
        assert.equal((await findProgramme(db, 'Europeiska socialfonden+'))?.canonical, 'ESF+')
        assert.equal(
          (await findProgramme(db, 'interreg  öks'))?.canonical,
          'Interreg Öresund-Kattegat-Skagerrak',
        )
        assert.equal(await findProgramme(db, 'no such programme'), undefined)
      })
    })

    describe('organisations and units', () => {
      it('creates, reads, finds by alias, updates and deletes an organisation', async () => {
        const who = { tenantId: null, actor: 'test' }
        const org = await buildOrganisation(db, {
          name: 'Hässleholms kommun',
          aliases: ['Hässleholm Municipality'],
          country: 'SE',
          kind: 'municipality',
          orgNumber: '212000-1041',
        })
        assert.deepEqual((await getOrganisation(db, org.id)).aliases, ['Hässleholm Municipality'])
        const found = await findOrganisationsByName(db, 'hässleholm  MUNICIPALITY')
        assert.deepEqual(
          found.map((o) => o.id),
          [org.id],
        )
        const same = await findOrCreateOrganisation(db, who, { name: 'Other name', orgNumber: '212000-1041' })
        assert.equal(same.id, org.id)
        await assert.rejects(buildOrganisation(db, { orgNumber: '212000-1041' }), { code: 'CONFLICT' })
        const updated = await updateOrganisation(db, who, org.id, {
          euPic: '123456789',
          aliases: ['Hässleholm'],
        })
        assert.equal(updated.euPic, '123456789')
        assert.deepEqual(updated.aliases, ['Hässleholm'])
        assert.ok((await listOrganisations(db, { query: 'hässle' })).some((o) => o.id === org.id))
        await deleteOrganisation(db, who, org.id)
        await assert.rejects(getOrganisation(db, org.id), { code: 'NOT_FOUND' })
      })

      it('keeps units per tenant', async () => {
        const { scope } = await buildTenant(db)
        const other = await buildTenant(db)
        const unit = await createUnit(db, scope, { name: 'Miljönämnden' })
        await assert.rejects(createUnit(db, scope, { name: 'miljönämnden' }), { code: 'CONFLICT' })
        await createUnit(db, other.scope, { name: 'Miljönämnden' })
        assert.equal(
          (await updateUnit(db, scope, unit.id, { name: 'Miljö- och byggnämnden' })).name,
          'Miljö- och byggnämnden',
        )
        assert.deepEqual(
          (await listUnits(db, scope)).map((u) => u.name),
          ['Miljö- och byggnämnden'],
        )
        await assert.rejects(updateUnit(db, other.scope, unit.id, { name: 'x' }), { code: 'NOT_FOUND' })
        await deleteUnit(db, scope, unit.id)
        assert.deepEqual(await listUnits(db, scope), [])
      })

      it('refuses to delete an organisation that still takes part in projects', async () => {
        const { scope } = await buildTenant(db)
        const partner = await buildOrganisation(db)
        const project = await buildProject(db, scope)
        await addParticipation(db, scope, project.id, { organisationId: partner.id, role: 'partner' })
        await assert.rejects(deleteOrganisation(db, { tenantId: null, actor: 'test' }, partner.id), {
          code: 'CONFLICT',
        })
      })
    })

    describe('projects', () => {
      it('creates, reads, lists, updates and deletes a project', async () => {
        const { scope } = await buildTenant(db)
        const project = await createProject(db, scope, {
          name: 'Green Region with Alternative fuels for Transport',
          acronym: 'GREAT',
          programme: 'Interreg ÖKS',
          programmeRaw: 'Interreg ÖKS',
          start: '2015',
          end: '2018-09',
          status: 'completed',
          totalBudget: SEK(11_971_565),
          euContribution: { amountMinor: 1, currency: 'EUR' },
          externalIds: [{ scheme: 'keep.eu', value: '12345' }],
          areas: ['Skåne', 'Själland'],
          website: 'https://example.org/great',
        })
        const read = await getProject(db, scope, project.id)
        assert.equal(read.programme, 'Interreg Öresund-Kattegat-Skagerrak')
        assert.equal(read.start, '2015')
        assert.equal(read.end, '2018-09')
        assert.deepEqual(read.totalBudget, { amountMinor: 1_197_156_500, currency: 'SEK' })
        assert.deepEqual(read.euContribution, { amountMinor: 1, currency: 'EUR' })
        assert.deepEqual(read.areas, ['Skåne', 'Själland'])
        assert.equal(
          (await findProjectByExternalId(db, scope, { scheme: 'keep.eu', value: '12345' }))?.id,
          project.id,
        )
        assert.deepEqual(
          (await listProjects(db, scope, { query: 'great' })).map((p) => p.id),
          [project.id],
        )
        const swedish = await buildProject(db, scope, { name: 'Öresundsbron för ÅTERBRUK' })
        assert.deepEqual(
          (await listProjects(db, scope, { query: 'öresundsbron för återbruk' })).map((p) => p.id),
          [swedish.id],
        )
        assert.deepEqual(
          (
            await listProjects(db, scope, {
              programme: 'Interreg Öresund-Kattegat-Skagerrak',
              status: 'completed',
            })
          ).map((p) => p.id),
          [project.id],
        )
        const updated = await updateProject(db, scope, project.id, {
          start: '2015-09-01',
          euContribution: null,
          externalIds: [],
          programme: null,
        })
        assert.equal(updated.start, '2015-09-01')
        assert.equal(updated.euContribution, null)
        assert.equal(updated.programme, null)
        assert.deepEqual(updated.externalIds, [])
        assert.equal(updated.acronym, 'GREAT')
        await deleteProject(db, scope, project.id)
        await assert.rejects(getProject(db, scope, project.id), { code: 'NOT_FOUND' })
      })

      it('stores money exactly, large and small', async () => {
        const { scope } = await buildTenant(db)
        for (const money of [
          { amountMinor: 1_197_156_500, currency: 'SEK' },
          { amountMinor: 1, currency: 'EUR' },
          { amountMinor: 9_007_199_254_740_991, currency: 'SEK' },
          { amountMinor: 0, currency: 'EUR' },
        ]) {
          const p = await buildProject(db, scope, { totalBudget: money })
          assert.deepEqual((await getProject(db, scope, p.id)).totalBudget, money)
        }
      })

      it('keeps partial dates at their precision', async () => {
        const { scope } = await buildTenant(db)
        for (const [start, end] of [
          ['2015', '2015'],
          ['2015-09', '2017'],
          ['2015-09-01', '2016-02-29'],
        ] as const) {
          const p = await buildProject(db, scope, { start, end })
          const read = await getProject(db, scope, p.id)
          assert.equal(read.start, start)
          assert.equal(read.end, end)
        }
      })

      it('names the field of bad input', async () => {
        const { scope } = await buildTenant(db)
        await assert.rejects(buildProject(db, scope, { start: '2016', end: '2015-12' }), { field: 'end' })
        await assert.rejects(buildProject(db, scope, { start: '2015-13' }), { field: 'start' })
        await assert.rejects(buildProject(db, scope, { programme: 'Marshallplanen' }), { field: 'programme' })
        await assert.rejects(buildProject(db, scope, { totalBudget: { amountMinor: -1, currency: 'SEK' } }), {
          field: 'totalBudget',
        })
      })
    })

    describe('participations, payments, goals and contacts', () => {
      it('keeps project totals and each organisation’s own share apart', async () => {
        const { tenant, scope } = await buildTenant(db)
        const unit = await createUnit(db, scope, { name: 'Arbetsmarknads- och socialnämnden' })
        const goal = await createCouncilGoal(db, scope, {
          period: '2024-2026',
          number: 1,
          text: 'En stad med goda uppväxtvillkor',
        })
        const lead = await buildOrganisation(db, { name: 'Region Skåne', country: 'SE' })
        const project = await buildProject(db, scope, {
          totalBudget: SEK(11_971_565),
          euContribution: SEK(7_000_000),
          status: 'ongoing',
        })
        const own = await addParticipation(db, scope, project.id, {
          organisationId: tenant.id,
          unitId: unit.id,
          role: 'partner',
          budget: SEK(2_000_000),
          euCofinancing: SEK(1_000_000),
          theme: 'Barn och unga',
          payments: [{ year: 2024, amount: SEK(500_000) }],
          councilGoalIds: [goal.id],
        })
        await addParticipation(db, scope, project.id, {
          organisationId: lead.id,
          role: 'lead',
          budget: SEK(9_971_565),
        })
        assert.equal(own.unitName, 'Arbetsmarknads- och socialnämnden')
        assert.deepEqual(own.councilGoalIds, [goal.id])

        const withPayment = await setPayment(db, scope, own.id, { year: 2025, amount: SEK(4_116_140) })
        assert.deepEqual(
          withPayment.payments.map((p) => [p.year, p.amount.amountMinor]),
          [
            [2024, 50_000_000],
            [2025, 411_614_000],
          ],
        )
        await assert.rejects(
          updateParticipation(db, scope, own.id, {
            payments: [
              { year: 2024, amount: SEK(1) },
              { year: 2024, amount: SEK(2) },
            ],
          }),
          { field: 'payments' },
        )
        const contact = await addContact(db, scope, own.id, {
          name: 'Anna Andersson',
          title: 'Projektledare',
          phone: '040-34 10 00',
          email: 'anna.andersson@example.se',
        })
        assert.equal((await getContact(db, scope, contact.id)).email, 'anna.andersson@example.se')
        assert.equal((await updateContact(db, scope, contact.id, { phone: null })).phone, null)

        const record = await getProjectRecord(db, scope, project.id)
        assert.ok(
          Value.Check(ProjectRecord, record),
          JSON.stringify([...Value.Errors(ProjectRecord, record)]),
        )
        assert.deepEqual(record.totalBudget, { amount: 11_971_565, currency: 'SEK' })
        assert.deepEqual(record.paidInYear, { amount: 4_116_140, currency: 'SEK', year: 2025 })
        assert.equal(record.organisation, tenant.name)
        assert.equal(record.role, 'partner')
        assert.equal(record.unit, 'Arbetsmarknads- och socialnämnden')
        assert.equal(record.leadPartner, 'Region Skåne')
        assert.deepEqual(record.partners, [{ name: 'Region Skåne', country: 'SE' }])
        assert.deepEqual(record.goals, ['En stad med goda uppväxtvillkor'])
        assert.equal(record.contacts[0]?.name, 'Anna Andersson')
        assert.deepEqual(
          record.participations.map((p) => [p.organisation, p.role, p.budget?.amount]),
          [
            [tenant.name, 'partner', 2_000_000],
            ['Region Skåne', 'lead', 9_971_565],
          ],
        )
        assert.equal((await listProjectRecords(db, scope)).length, 1)

        await deleteContact(db, scope, contact.id)
        assert.deepEqual(await listContacts(db, scope, own.id), [])
        await removeParticipation(db, scope, own.id)
        assert.equal((await listParticipations(db, scope, project.id)).length, 1)
        await assert.rejects(getParticipation(db, scope, own.id), { code: 'NOT_FOUND' })
      })

      it('refuses a unit or goal of another tenant', async () => {
        const { tenant, scope } = await buildTenant(db)
        const other = await buildTenant(db)
        const foreignUnit = await createUnit(db, other.scope, { name: 'Kulturnämnden' })
        const foreignGoal = await createCouncilGoal(db, other.scope, {
          period: '2024-2026',
          number: 1,
          text: 'x',
        })
        const project = await buildProject(db, scope)
        await assert.rejects(
          addParticipation(db, scope, project.id, {
            organisationId: tenant.id,
            role: 'lead',
            unitId: foreignUnit.id,
          }),
          { field: 'unitId' },
        )
        await assert.rejects(
          addParticipation(db, scope, project.id, {
            organisationId: tenant.id,
            role: 'lead',
            councilGoalIds: [foreignGoal.id],
          }),
          { field: 'councilGoalIds' },
        )
        await assert.rejects(
          addParticipation(db, scope, project.id, { organisationId: 999_999, role: 'lead' }),
          {
            field: 'organisationId',
          },
        )
      })
    })

    describe('GDPR', () => {
      it('exports everything about a person and erases it without a copy', async () => {
        const { tenant, scope } = await buildTenant(db)
        const project = await buildProject(db, scope, { summary: 'Ett projekt som BERTIL BERG leder.' })
        const p = await addParticipation(db, scope, project.id, { organisationId: tenant.id, role: 'lead' })
        const contact = await addContact(db, scope, p.id, {
          name: 'Bertil Berg',
          email: 'Bertil.Berg@example.se',
        })
        await raiseDataIssues(db, scope, [
          { entity: 'project', entityId: project.id, kind: 'other', message: 'ring Bertil Berg om budgeten' },
        ])
        await updateContact(db, scope, contact.id, { title: 'Samordnare' })
        const { document } = await storeDocument(db, scope, {
          name: 'rapport.pdf',
          mediaType: 'application/pdf',
          sha256: 'a'.repeat(64),
          bytes: 10,
        })
        await addProvenance(db, scope, [
          {
            documentId: document.id,
            entity: 'contact',
            entityId: contact.id,
            field: 'name',
            page: 3,
            lineStart: 7,
            rawText: 'Kontakt: Bertil Berg',
          },
          {
            documentId: document.id,
            entity: 'project',
            entityId: project.id,
            field: 'summary',
            page: 3,
            lineStart: 5,
            rawText: 'Projektet leds av Bertil Berg.',
          },
        ])
        const exported = await exportPersonalData(db, scope, { email: 'bertil.berg@example.se' })
        assert.equal(exported.contacts.length, 1)
        assert.equal(exported.contacts[0]?.project.id, project.id)
        assert.ok(exported.auditEvents.length >= 2)
        assert.equal(exported.sourceExcerpts.length, 2)
        assert.deepEqual(
          exported.projectMentions.map((m) => m.id),
          [project.id],
        )
        assert.equal(exported.dataIssues.length, 1)

        assert.equal(await erasePerson(db, scope, { email: 'bertil.berg@example.se' }), 1)
        await assert.rejects(getContact(db, scope, contact.id), { code: 'NOT_FOUND' })
        const everything = JSON.stringify([
          await db.selectFrom('audit_event').selectAll().execute(),
          await db.selectFrom('provenance').selectAll().execute(),
          await db.selectFrom('contact').selectAll().execute(),
          await db.selectFrom('project').selectAll().execute(),
          await db.selectFrom('data_issue').selectAll().execute(),
        ])
        assert.ok(!everything.toLowerCase().includes('bertil'), 'no copy of the name is left')
        assert.equal((await getProject(db, scope, project.id)).summary, 'Ett projekt som [erased] leder.')
        assert.ok(!everything.toLowerCase().includes('bertil.berg@'), 'no copy of the e-mail is left')
        const again = await exportPersonalData(db, scope, { email: 'bertil.berg@example.se' })
        assert.deepEqual(
          [again.contacts.length, again.auditEvents.length, again.sourceExcerpts.length],
          [0, 0, 0],
        )
      })
    })

    describe('goals, events, networks', () => {
      it('creates, reads, updates and deletes council goals', async () => {
        const { scope } = await buildTenant(db)
        const goal = await createCouncilGoal(db, scope, {
          period: '2024-2026',
          number: 3,
          text: 'Klimatneutralt Malmö',
        })
        await assert.rejects(createCouncilGoal(db, scope, { period: '2024-2026', number: 3, text: 'dup' }), {
          code: 'CONFLICT',
        })
        assert.equal(
          (await updateCouncilGoal(db, scope, goal.id, { text: 'Ett klimatneutralt Malmö' })).text,
          'Ett klimatneutralt Malmö',
        )
        assert.equal((await listCouncilGoals(db, scope, '2024-2026')).length, 1)
        await deleteCouncilGoal(db, scope, goal.id)
        await assert.rejects(getCouncilGoal(db, scope, goal.id), { code: 'NOT_FOUND' })
      })

      it('creates, reads, updates and deletes events with participants per country', async () => {
        const { scope } = await buildTenant(db)
        const project = await buildProject(db, scope)
        const event = await createEvent(db, scope, project.id, {
          title: 'Partnermöte',
          place: 'Gdańsk',
          country: 'PL',
          start: '2024-05-14',
          end: '2024-05-15',
          participants: [
            { country: 'SE', count: 4 },
            { country: 'PL', count: 6 },
          ],
        })
        assert.deepEqual((await getEvent(db, scope, event.id)).participants, [
          { country: 'PL', count: 6 },
          { country: 'SE', count: 4 },
        ])
        const updated = await updateEvent(db, scope, event.id, {
          participants: [{ country: 'DK', count: 2 }],
          end: null,
        })
        assert.deepEqual(updated.participants, [{ country: 'DK', count: 2 }])
        assert.equal(updated.end, null)
        assert.equal((await listEvents(db, scope, project.id)).length, 1)
        await deleteEvent(db, scope, event.id)
        assert.deepEqual(await listEvents(db, scope, project.id), [])
      })

      it('creates, reads, updates and deletes network memberships', async () => {
        const { scope } = await buildTenant(db)
        const network = await createNetwork(db, scope, {
          name: 'Eurocities',
          since: '2005',
          summary: 'Europas storstäder',
        })
        assert.equal((await getNetwork(db, scope, network.id)).since, '2005')
        assert.equal((await updateNetwork(db, scope, network.id, { until: '2024-12' })).until, '2024-12')
        await assert.rejects(updateNetwork(db, scope, network.id, { until: '2004' }), { field: 'until' })
        assert.equal((await listNetworks(db, scope)).length, 1)
        await deleteNetwork(db, scope, network.id)
        await assert.rejects(getNetwork(db, scope, network.id), { code: 'NOT_FOUND' })
      })
    })

    describe('documents, provenance, data issues, audit', () => {
      it('stores a document once per sha-256 and answers where a value comes from', async () => {
        const { scope } = await buildTenant(db)
        const project = await buildProject(db, scope, { totalBudget: SEK(70_000) })
        const input = { name: 'del2.pdf', mediaType: 'application/pdf', sha256: 'b'.repeat(64), bytes: 1234 }
        const first = await storeDocument(db, scope, input)
        const second = await storeDocument(db, scope, input)
        assert.equal(first.created, true)
        assert.equal(second.created, false)
        assert.equal(second.document.id, first.document.id)
        await addProvenance(db, scope, [
          {
            documentId: first.document.id,
            entity: 'project',
            entityId: project.id,
            field: 'totalBudget',
            page: 12,
            lineStart: 40,
            lineEnd: 41,
            rawText: 'c:a 70 000 SEK',
          },
        ])
        const [where] = await getProvenance(db, scope, 'project', project.id, 'totalBudget')
        assert.deepEqual(
          [where?.documentName, where?.page, where?.lineStart, where?.lineEnd, where?.rawText],
          ['del2.pdf', 12, 40, 41, 'c:a 70 000 SEK'],
        )
        await raiseDataIssues(db, scope, [
          {
            entity: 'project',
            entityId: project.id,
            kind: 'amount',
            field: 'totalBudget',
            message: 'approximate amount',
          },
        ])
        const [issue] = await listDataIssues(db, scope, { status: 'open' })
        assert.equal(issue?.message, 'approximate amount')
        const resolved = await resolveDataIssue(db, scope, issue!.id, 'checked against the budget')
        assert.equal(resolved.status, 'resolved')
        assert.equal((await getProjectRecord(db, scope, project.id)).issues.length, 0)
        await deleteDocument(db, scope, first.document.id)
        assert.deepEqual(await listDocuments(db, scope), [])
        assert.deepEqual(await getProvenance(db, scope, 'project', project.id), [])
      })

      it('forgets the provenance and issues of a deleted project and everything under it', async () => {
        const { tenant, scope } = await buildTenant(db)
        const project = await buildProject(db, scope)
        const p = await addParticipation(db, scope, project.id, { organisationId: tenant.id, role: 'lead' })
        const { document } = await storeDocument(db, scope, {
          name: 'lista.html',
          mediaType: 'text/html',
          sha256: 'c'.repeat(64),
          bytes: 1,
        })
        await addProvenance(db, scope, [
          { documentId: document.id, entity: 'project', entityId: project.id, field: 'name', lineStart: 1 },
          { documentId: document.id, entity: 'participation', entityId: p.id, field: 'role', lineStart: 2 },
        ])
        await raiseDataIssues(db, scope, [
          { entity: 'participation', entityId: p.id, kind: 'missing', message: 'no role stated' },
        ])
        await deleteProject(db, scope, project.id)
        assert.deepEqual(await getProvenance(db, scope, 'participation', p.id), [])
        assert.deepEqual(await listDataIssues(db, scope), [])
        assert.equal((await listDocuments(db, scope)).length, 1)
      })

      it('records who changed what, with before and after', async () => {
        const { scope } = await buildTenant(db)
        const project = await buildProject(db, scope, { name: 'Före' })
        await updateProject(db, scope, project.id, { name: 'Efter' })
        const events = await listAuditEvents(db, scope, { entity: 'project', entityId: project.id })
        assert.deepEqual(
          events.map((e) => e.action),
          ['update', 'create'],
        )
        const update = events[0]!
        assert.equal(update.actor, 'test')
        assert.equal((update.before as { name: string }).name, 'Före')
        assert.equal((update.after as { name: string }).name, 'Efter')
      })
    })

    describe('transactions and tenants', () => {
      it('leaves nothing behind when a transaction fails halfway', async () => {
        const { tenant, scope } = await buildTenant(db)
        await assert.rejects(
          inTransaction(db, async (trx) => {
            const project = await buildProject(trx, scope, { name: 'Halvvägs' })
            await addParticipation(trx, scope, project.id, { organisationId: tenant.id, role: 'lead' })
            await addParticipation(trx, scope, project.id, { organisationId: 999_999, role: 'partner' })
          }),
          { field: 'organisationId' },
        )
        assert.deepEqual(await listProjects(db, scope), [])
        assert.deepEqual(await listAuditEvents(db, scope, { entity: 'project' }), [])
        const rows = await db
          .selectFrom('participation')
          .select('id')
          .where('tenant_id', '=', tenant.id)
          .execute()
        assert.deepEqual(rows, [])
      })

      it('survives the server dropping its idle connections', {
        skip: dialect === 'postgres' ? false : 'PostgreSQL only: SQLite has no server to drop connections',
      }, async () => {
        const config = await createTestDbConfig(dialect)
        const errors: Error[] = []
        const pooled = createDb(config, { poolSize: 2, onConnectionError: (e) => errors.push(e) })
        const killer = createDb(config, { poolSize: 1 })
        try {
          await sql`select 1`.execute(pooled)
          await sql`select pg_terminate_backend(pid) from pg_stat_activity
                    where datname = current_database() and pid <> pg_backend_pid()`.execute(killer)
          // The pool hears of the dropped connection asynchronously; a loaded machine may take a while.
          for (const end = Date.now() + 10_000; errors.length === 0 && Date.now() < end; ) {
            await new Promise((r) => setTimeout(r, 20))
          }
          assert.equal(errors.length, 1)
          const r = await sql<{ one: number }>`select 1 as one`.execute(pooled)
          assert.equal(r.rows[0]?.one, 1)
        } finally {
          await pooled.destroy()
          await killer.destroy()
        }
      })

      it('shows a tenant nothing of another tenant', async () => {
        const a = await buildTenant(db)
        const b = await buildTenant(db)
        const project = await buildProject(db, a.scope)
        const p = await addParticipation(db, a.scope, project.id, {
          organisationId: a.tenant.id,
          role: 'lead',
        })
        await assert.rejects(getProject(db, b.scope, project.id), { code: 'NOT_FOUND' })
        assert.deepEqual(await listProjects(db, b.scope), [])
        assert.deepEqual(await listProjectRecords(db, b.scope), [])
        await assert.rejects(getParticipation(db, b.scope, p.id), { code: 'NOT_FOUND' })
        await assert.rejects(updateProject(db, b.scope, project.id, { name: 'x' }), { code: 'NOT_FOUND' })
        await assert.rejects(deleteProject(db, b.scope, project.id), { code: 'NOT_FOUND' })
        await assert.rejects(
          addParticipation(db, b.scope, project.id, { organisationId: b.tenant.id, role: 'lead' }),
          {
            code: 'NOT_FOUND',
          },
        )
        // The schema itself refuses a row of tenant B under a project of tenant A.
        await assert.rejects(
          db
            .insertInto('participation')
            .values({
              tenant_id: b.tenant.id,
              project_id: project.id,
              organisation_id: b.tenant.id,
              role: 'lead',
              created_at: 'x',
              updated_at: 'x',
            })
            .execute(),
        )
        assert.equal((await getProject(db, a.scope, project.id)).id, project.id)
      })
    })
  })
}
