import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { ProjectRecord } from '../../../registry/project-record.js'
import { correctRecord, initialValues, lineOwners, readPending } from './review-form.js'

function record(over: Partial<ProjectRecord> = {}): ProjectRecord {
  return {
    name: 'Leader Linné Småland',
    acronym: null,
    organisation: null,
    unit: null,
    theme: null,
    role: null,
    status: null,
    start: '2023',
    end: null,
    programme: null,
    programmeRaw: 'Landsbygdsprogrammet',
    totalBudget: { amount: 1000, currency: 'SEK' },
    euContribution: null,
    paidInYear: null,
    leadPartner: null,
    partners: [],
    contacts: [],
    website: null,
    goals: [],
    areas: [],
    summary: null,
    source: { document: 'a.txt', page: null, line: 10 },
    issues: [],
    ...over,
  }
}

describe('web import review form', () => {
  it('keeps an unchanged record as extracted (the raw programme is not promoted to a canonical one)', () => {
    const r = record()
    const { record: out, errors } = correctRecord(r, 0, initialValues(r))
    assert.deepEqual(errors, [])
    assert.deepEqual(out, r)
  })

  it('reads amounts as people type them and keeps the currency', () => {
    const r = record()
    const v = { ...initialValues(r), totalBudget: '1 250 000,50', paidInYear: '300', paidYear: '2024' }
    const { record: out, errors } = correctRecord(r, 0, v)
    assert.deepEqual(errors, [])
    assert.deepEqual(out.totalBudget, { amount: 1250000.5, currency: 'SEK' })
    assert.deepEqual(out.paidInYear, { amount: 300, currency: 'EUR', year: 2024 })
  })

  it('names the field of each bad correction', () => {
    const r = record()
    const v = {
      ...initialValues(r),
      name: ' ',
      start: 'mars 2023',
      euContribution: 'mycket',
      paidInYear: '5',
    }
    const ids = correctRecord(r, 2, v).errors.map((e) => e.id)
    assert.deepEqual(ids.sort(), ['r2-euContribution', 'r2-name', 'r2-paidYear', 'r2-start'])
  })

  it('gives each record the lines from its start to the next record', () => {
    const owners = lineOwners([record({ source: { document: 'a', page: null, line: 5 } }), record()], 12)
    assert.equal(owners.get(4), undefined)
    assert.equal(owners.get(5), 0)
    assert.equal(owners.get(9), 0)
    assert.equal(owners.get(10), 1)
    assert.equal(owners.get(12), 1)
  })

  it('refuses a hidden field that is not what the page sent', () => {
    assert.equal(readPending('{'), undefined)
    assert.equal(readPending('{"document":{},"records":[]}'), undefined)
  })
})
