import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { Value } from 'typebox/value'
import type { Organisation } from './organisation.js'
import type { Participation } from './participation.js'
import type { Project } from './project.js'
import { ProjectRecord } from './project-record.js'
import { type ProjectDetail, REGISTRY_SOURCE, toProjectRecord } from './project-record.service.js'

const at = '2026-01-01T00:00:00.000Z'
const tenant: Organisation = {
  id: 1,
  name: 'Malmö stad',
  aliases: [],
  country: 'SE',
  kind: 'municipality',
  orgNumber: null,
  euPic: null,
  isTenant: true,
  createdAt: at,
  updatedAt: at,
}
const project: Project = {
  id: 10,
  tenantId: 1,
  name: 'Samverkan för barns rätt till lek',
  acronym: null,
  summary: null,
  programme: 'ESF+',
  programmeRaw: 'Europeiska socialfonden+, C1',
  start: '2023-02',
  end: '2026',
  status: 'planned',
  totalBudget: { amountMinor: 1_197_156_500, currency: 'SEK' },
  euContribution: null,
  website: null,
  externalIds: [],
  areas: [],
  createdAt: at,
  updatedAt: at,
}
function participation(over: Partial<Participation>): Participation {
  return {
    id: 100,
    tenantId: 1,
    projectId: 10,
    organisationId: 1,
    organisationName: 'Malmö stad',
    organisationCountry: 'SE',
    unitId: null,
    unitName: null,
    role: null,
    budget: null,
    euCofinancing: null,
    theme: null,
    payments: [],
    councilGoalIds: [],
    createdAt: at,
    updatedAt: at,
    ...over,
  }
}

function detail(over: Partial<ProjectDetail> = {}): ProjectDetail {
  return { project, tenant, participations: [], source: null, issues: [], ...over }
}

describe('toProjectRecord', () => {
  it('writes a valid record with amounts in whole units and unknowns as null', () => {
    const r = toProjectRecord(detail())
    assert.ok(Value.Check(ProjectRecord, r))
    assert.deepEqual(r.totalBudget, { amount: 11_971_565, currency: 'SEK' })
    assert.equal(r.status, null, 'planned is not a record status')
    assert.equal(r.role, null)
    assert.deepEqual(r.source, { document: REGISTRY_SOURCE, page: null, line: 1 })
    assert.deepEqual(r.participations, [])
  })

  it('takes role, unit, payment and goals from the tenant’s own participation only', () => {
    const own = participation({
      role: 'partner',
      unitName: 'Kulturnämnden',
      budget: { amountMinor: 200_000_000, currency: 'SEK' },
      payments: [
        { id: 1, participationId: 100, year: 2024, amount: { amountMinor: 10_000, currency: 'SEK' } },
        { id: 2, participationId: 100, year: 2025, amount: { amountMinor: 411_614_000, currency: 'SEK' } },
      ],
      councilGoalIds: [5],
    })
    const lead = participation({
      id: 101,
      organisationId: 2,
      organisationName: 'Region Skåne',
      role: 'lead',
      budget: { amountMinor: 1, currency: 'EUR' },
    })
    const r = toProjectRecord(
      detail({
        participations: [
          {
            participation: own,
            contacts: [],
            councilGoals: [
              { id: 5, tenantId: 1, period: '2024-2026', number: 1, text: 'Mål', createdAt: at },
            ],
            sourceFields: [],
          },
          { participation: lead, contacts: [], councilGoals: [], sourceFields: [] },
        ],
      }),
    )
    assert.equal(r.role, 'partner')
    assert.equal(r.unit, 'Kulturnämnden')
    assert.deepEqual(r.paidInYear, { amount: 4_116_140, currency: 'SEK', year: 2025 })
    assert.deepEqual(r.goals, ['Mål'])
    assert.equal(r.leadPartner, 'Region Skåne')
    assert.deepEqual(r.partners, [{ name: 'Region Skåne', country: 'SE' }])
    // The project's total stays the project's; each share stays its organisation's.
    assert.deepEqual(r.totalBudget, { amount: 11_971_565, currency: 'SEK' })
    assert.deepEqual(
      r.participations.map((p) => p.budget),
      [
        { amount: 2_000_000, currency: 'SEK' },
        { amount: 0.01, currency: 'EUR' },
      ],
    )
  })

  it('names the tenant among partners only where its source did', () => {
    const own = participation({ role: 'lead' })
    const r = toProjectRecord(
      detail({
        participations: [
          { participation: own, contacts: [], councilGoals: [], sourceFields: ['partners', 'leadPartner'] },
        ],
      }),
    )
    assert.equal(r.leadPartner, 'Malmö stad')
    assert.deepEqual(r.partners, [{ name: 'Malmö stad', country: 'SE' }])
  })
})
