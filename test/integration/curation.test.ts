import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Kysely } from 'kysely'
import { fieldHistory } from '../../src/curation/history.service.js'
import { listIssueQueue, resolveIssue } from '../../src/curation/issue-queue.service.js'
import { listMerges, mergeProjects, splitMerge } from '../../src/curation/merge.service.js'
import { matchOrganisations } from '../../src/curation/organisation-match.js'
import { mergeOrganisations } from '../../src/curation/organisation-merge.service.js'
import { matchProjects } from '../../src/curation/project-match.js'
import {
  acceptCandidate,
  listCandidates,
  proposeMatch,
  rejectCandidate,
} from '../../src/curation/review.service.js'
import type { Database } from '../../src/db/database.js'
import { addContact } from '../../src/registry/contact.service.js'
import { listDataIssues, raiseDataIssues } from '../../src/registry/data-issue.service.js'
import { addProvenance, getProvenanceFor, storeDocument } from '../../src/registry/document.service.js'
import { createEvent, listEvents } from '../../src/registry/event.service.js'
import { createUnit, getOrganisation, listOrganisations } from '../../src/registry/organisation.service.js'
import { addParticipation } from '../../src/registry/participation.service.js'
import { getProject, listProjects, updateProject } from '../../src/registry/project.service.js'
import { listProjectRecords } from '../../src/registry/project-record.service.js'
import type { Scope } from '../../src/registry/scope.js'
import { ConflictError } from '../../src/shared/errors.js'
import { buildOrganisation, buildProject, buildTenant } from '../support/factories.js'
import { createTestDb, DIALECTS } from './dialects.js'

/** Two projects of one tenant, each with participations, payments, contacts, provenance, issues. */
async function twoReports(db: Kysely<Database>, scope: Scope, tenantId: number) {
  const unitA = await createUnit(db, scope, { name: `Miljönämnden ${Math.random()}` })
  const unitB = await createUnit(db, scope, { name: `Tekniska nämnden ${Math.random()}` })
  const partner = await buildOrganisation(db)
  const a = await buildProject(db, scope, { name: 'PowerBio', programme: 'ESF+', start: '2023-01-16' })
  const b = await buildProject(db, scope, {
    name: 'Powerbio',
    acronym: 'PB',
    summary: 'Biogas',
    start: '2023-01-16',
    end: '2026-01-16',
    externalIds: [{ scheme: 'keep.eu', value: `k-${Math.random()}` }],
  })
  const pa = await addParticipation(db, scope, a.id, {
    organisationId: tenantId,
    unitId: unitA.id,
    role: 'lead',
    payments: [{ year: 2025, amount: { amountMinor: 100_00, currency: 'SEK' } }],
  })
  const pb = await addParticipation(db, scope, b.id, {
    organisationId: tenantId,
    unitId: unitB.id,
    role: 'partner',
    payments: [{ year: 2025, amount: { amountMinor: 0, currency: 'SEK' } }],
  })
  await addParticipation(db, scope, b.id, { organisationId: partner.id, role: 'partner' })
  await addContact(db, scope, pb.id, { name: 'Anna Andersson', email: 'anna@example.org' })
  await createEvent(db, scope, b.id, { title: 'Kick-off', country: 'SE' })
  const { document } = await storeDocument(db, scope, {
    name: `report-${Math.random()}.pdf`,
    mediaType: 'application/pdf',
    sha256: Math.random().toString(16).slice(2).padEnd(64, '0').slice(0, 64),
    bytes: 10,
  })
  await addProvenance(db, scope, [
    {
      documentId: document.id,
      entity: 'project',
      entityId: b.id,
      field: 'summary',
      lineStart: 7,
      lineEnd: 7,
      rawText: 'Biogas',
    },
    {
      documentId: document.id,
      entity: 'participation',
      entityId: pb.id,
      field: 'unit',
      lineStart: 8,
      lineEnd: 8,
    },
  ])
  await raiseDataIssues(db, scope, [
    {
      entity: 'project',
      entityId: b.id,
      kind: 'programme',
      message: 'programme "Interreg Öresund" for a 2023 project',
      field: 'programme',
    },
    { entity: 'participation', entityId: pb.id, kind: 'budget', message: 'budget "Vet ej"', field: 'budget' },
  ])
  return { a, b, pa, pb, unitA, unitB, document }
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: curation`, () => {
    let db: Kysely<Database>
    before(async () => {
      db = await createTestDb(dialect)
    })
    after(async () => {
      await db?.destroy()
    })

    it('merge then split returns exactly the records that were there before', async () => {
      const { scope, tenant } = await buildTenant(db)
      const { a, b, pb } = await twoReports(db, scope, tenant.id)
      const records = await listProjectRecords(db, scope)
      const provenance = await getProvenanceFor(db, scope, 'project', [a.id, b.id])
      const issues = await listDataIssues(db, scope)
      const events = await listEvents(db, scope, b.id)
      const projects = await listProjects(db, scope)

      const merge = await mergeProjects(db, scope, a.id, b.id, 'one project')
      const merged = await listProjectRecords(db, scope)
      assert.equal(merged.length, 1)
      const [one] = merged
      assert.ok(one)
      assert.equal(one.participations.length, 3, 'every participation kept')
      assert.equal(one.acronym, 'PB', 'empty fields filled from the merged project')
      assert.equal(one.start, '2023-01-16')
      assert.equal((await getProvenanceFor(db, scope, 'project', [a.id])).length, provenance.length)
      assert.equal((await listEvents(db, scope, a.id)).length, 1)
      assert.ok((await getProvenanceFor(db, scope, 'participation', [pb.id])).length > 0)
      assert.equal((await listMerges(db, scope, { projectId: a.id }))[0]?.id, merge.id)

      const split = await splitMerge(db, scope, merge.id)
      assert.ok(split.splitAt)
      assert.deepEqual(await listProjectRecords(db, scope), records)
      assert.deepEqual(await listProjects(db, scope), projects)
      assert.deepEqual(await getProvenanceFor(db, scope, 'project', [a.id, b.id]), provenance)
      assert.deepEqual(await listDataIssues(db, scope), issues)
      assert.deepEqual(await listEvents(db, scope, b.id), events)
      await assert.rejects(splitMerge(db, scope, merge.id), ConflictError)
    })

    it('review queue: accept merges, reject keeps apart, decisions stay', async () => {
      const { scope, tenant } = await buildTenant(db)
      const { a, b } = await twoReports(db, scope, tenant.id)
      const result = matchProjects(
        { name: a.name, acronym: a.acronym, programme: a.programme, start: a.start, end: a.end },
        { name: b.name, acronym: b.acronym, programme: b.programme, start: b.start, end: b.end },
      )
      const first = await proposeMatch(db, scope, { entity: 'project', leftId: a.id, rightId: b.id, result })
      const c = await buildProject(db, scope, { name: 'Powerbio II' })
      const second = await proposeMatch(db, scope, { entity: 'project', leftId: a.id, rightId: c.id, result })
      assert.deepEqual(
        (await listCandidates(db, scope, { status: 'open' })).map((x) => x.id).sort(),
        [first, second].sort(),
      )
      const rejected = await rejectCandidate(db, scope, second)
      assert.equal(rejected.status, 'rejected')
      const accepted = await acceptCandidate(db, scope, first)
      assert.equal(accepted.status, 'accepted')
      assert.ok(accepted.mergeId)
      assert.equal((await listProjects(db, scope)).length, 2)
      await assert.rejects(acceptCandidate(db, scope, first), ConflictError)
      assert.equal((await listCandidates(db, scope, { status: 'open' })).length, 0)
      await splitMerge(db, scope, accepted.mergeId)
      assert.equal((await listProjects(db, scope)).length, 3)
    })

    it('organisations: merge then split returns the same organisations and records; a candidate merges them', async () => {
      const { scope } = await buildTenant(db)
      const kommun = await buildOrganisation(db, {
        name: `Lunds kommun ${Math.random()}`,
        country: 'SE',
        aliases: ['Lund Municipality'],
      })
      const bare = await buildOrganisation(db, { name: `Lund ${Math.random()}`, euPic: '999888777' })
      const p = await buildProject(db, scope)
      await addParticipation(db, scope, p.id, { organisationId: kommun.id, role: 'lead' })
      await addParticipation(db, scope, p.id, { organisationId: bare.id, role: 'partner' })
      const records = await listProjectRecords(db, scope)
      const organisations = await listOrganisations(db)

      const mergeId = await mergeOrganisations(db, scope, kommun.id, bare.id)
      const joined = await getOrganisation(db, kommun.id)
      assert.ok(joined.aliases.includes(bare.name))
      assert.equal(joined.euPic, '999888777')
      const [record] = await listProjectRecords(db, scope)
      assert.ok(record)
      assert.deepEqual([...new Set(record.participations.map((x) => x.organisation))], [kommun.name])
      await splitMerge(db, scope, mergeId)
      assert.deepEqual(await listOrganisations(db), organisations)
      assert.deepEqual(await listProjectRecords(db, scope), records)

      const id = await proposeMatch(db, scope, {
        entity: 'organisation',
        leftId: kommun.id,
        rightId: bare.id,
        result: matchOrganisations({ name: 'Lunds kommun' }, { name: 'Lund' }),
      })
      const [candidate] = await listCandidates(db, scope, { status: 'open', entity: 'organisation' })
      assert.equal(candidate?.rightName, bare.name)
      const accepted = await acceptCandidate(db, scope, id)
      assert.ok(accepted.mergeId)
      assert.equal((await listOrganisations(db)).length, organisations.length - 1)
    })

    it('data-issue queue: filters by kind, unit and document; resolves with a correction or "source is right"', async () => {
      const { scope, tenant } = await buildTenant(db)
      const { b, unitB, unitA, document } = await twoReports(db, scope, tenant.id)
      assert.equal((await listIssueQueue(db, scope)).length, 2)
      assert.deepEqual(
        (await listIssueQueue(db, scope, { kind: 'budget' })).map((i) => i.kind),
        ['budget'],
      )
      assert.equal((await listIssueQueue(db, scope, { unitId: unitB.id })).length, 2)
      assert.equal((await listIssueQueue(db, scope, { unitId: unitA.id })).length, 0)
      assert.deepEqual(
        (await listIssueQueue(db, scope, { documentId: document.id })).map((i) => i.entity).sort(),
        ['participation', 'project'],
      )
      const [programmeIssue, budgetIssue] = await listIssueQueue(db, scope)
      assert.ok(programmeIssue && budgetIssue)
      const corrected = await resolveIssue(db, scope, programmeIssue.id, {
        kind: 'correction',
        field: 'programme',
        value: 'Interreg Öresund-Kattegat-Skagerrak',
      })
      assert.equal(corrected.status, 'resolved')
      assert.match(
        corrected.resolution ?? '',
        /corrected programme: null → "Interreg Öresund-Kattegat-Skagerrak"/,
      )
      assert.equal((await getProject(db, scope, b.id)).programme, 'Interreg Öresund-Kattegat-Skagerrak')
      const right = await resolveIssue(db, scope, budgetIssue.id, {
        kind: 'source-right',
        note: 'budget unknown',
      })
      assert.match(right.resolution ?? '', /source is right/)
      assert.equal((await listIssueQueue(db, scope)).length, 0)
      assert.equal(
        (await listIssueQueue(db, scope, { status: 'resolved' })).length,
        2,
        'resolved issues stay',
      )

      const history = await fieldHistory(db, scope, 'project', b.id)
      const change = history.find((h) => h.field === 'programme' && h.action === 'update')
      assert.ok(change, JSON.stringify(history))
      assert.equal(change.to, 'Interreg Öresund-Kattegat-Skagerrak')
      assert.equal(change.actor, 'test')
    })

    it('field history names who changed what from which value, and the documents behind a field', async () => {
      const { scope, tenant } = await buildTenant(db)
      const { b } = await twoReports(db, scope, tenant.id)
      await updateProject(db, scope, b.id, { summary: 'Biogas från restprodukter' })
      const history = await fieldHistory(db, scope, 'project', b.id)
      const summary = history.filter((h) => h.field === 'summary')
      assert.equal(summary[0]?.from, 'Biogas')
      assert.equal(summary[0]?.to, 'Biogas från restprodukter')
      assert.equal(summary.at(-1)?.action, 'create')
      assert.equal(summary[0]?.documents.length, 1)
    })
  })
}
