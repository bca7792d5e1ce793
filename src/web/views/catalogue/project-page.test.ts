import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { ProjectPageData } from '../../../catalogue/pages.service.js'
import { projectPage } from './project-page.js'

const data: ProjectPageData = {
  tenantId: 1,
  record: {
    id: 7,
    name: 'Hållbara <städer>',
    acronym: 'HS',
    organisation: 'Malmö stad',
    unit: 'Miljönämnden',
    theme: null,
    role: 'lead',
    status: 'ongoing',
    start: '2026-01-31',
    end: null,
    programme: 'Interreg Europe',
    programmeRaw: 'Interreg Europa',
    totalBudget: { amount: 1971565, currency: 'SEK' },
    euContribution: null,
    paidInYear: null,
    leadPartner: null,
    partners: [],
    contacts: [],
    website: 'javascript:alert(1)',
    goals: [],
    areas: [],
    summary: null,
    source: { document: 'Internationell redovisning 2025.pdf', page: 12, line: 3 },
    issues: [],
    participations: [],
  },
  provenance: [
    {
      id: 1,
      tenantId: 1,
      documentId: 1,
      documentName: 'Internationell redovisning 2025.pdf',
      entity: 'project',
      entityId: 7,
      field: 'totalBudget',
      page: 12,
      lineStart: 40,
      lineEnd: 40,
      rawText: 'Total budget: 1 971 565 kr',
    },
  ],
  events: [],
  issues: [
    {
      id: 1,
      tenantId: 1,
      entity: 'project',
      entityId: 7,
      kind: 'other',
      message: 'Budget utan källa',
      field: null,
      status: 'open',
      resolution: null,
      createdAt: '2026-01-31T00:00:00Z',
      resolvedAt: null,
    },
  ],
}

describe('project page', () => {
  it('shows where a value came from, on demand, in the Swedish formats', () => {
    const page = projectPage({ lang: 'sv', here: '/katalog/projekt/7', data, showIssues: false }).toString()
    assert.match(page, /<details class="provenance"><summary>Varifrån\?/)
    assert.match(page, /från sida 12 i Internationell redovisning 2025\.pdf: “Total budget: 1 971 565 kr”/)
    assert.match(page, /1\u00a0971\u00a0565 kr/)
    assert.match(page, /2026-01-31/)
    assert.match(page, /Hållbara &lt;städer&gt;/)
    assert.doesNotMatch(page, /href="javascript:/, 'a javascript: website becomes an https link')
    assert.doesNotMatch(page, /Budget utan källa/, 'issues are for editors')
  })

  it('shows data issues to editors and speaks English when asked', () => {
    const page = projectPage({
      lang: 'en',
      here: '/katalog/projekt/7?lang=en',
      data,
      showIssues: true,
    }).toString()
    assert.match(page, /Budget utan källa/)
    assert.match(page, /from page 12 of Internationell redovisning 2025\.pdf/)
    assert.match(page, /<html lang="en">/)
  })
})
