import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { SQL_COMPILERS } from '../db/pinned-sql.js'
import { unitParticipationsQuery } from './report.repository.js'

// The report aggregates' source query, pinned per dialect: a change to it shows in review.

const compilers = SQL_COMPILERS

const SQL =
  'select "pa"."id" as "participation_id", "pa"."project_id", "u"."id" as "unit_id", "u"."name" as "unit_name", ' +
  '"pa"."role", "pa"."budget_minor", "pa"."budget_currency", "pa"."eu_cofinancing_minor", "pa"."eu_cofinancing_currency", ' +
  '"pa"."theme", "p"."name" as "project_name", "p"."acronym", "p"."summary", "p"."period_start", "p"."period_end", ' +
  '"p"."total_budget_minor", "p"."total_budget_currency", "p"."eu_contribution_minor", "p"."eu_contribution_currency", ' +
  '"pr"."canonical" as "programme", "pr"."family", "pr"."is_eu" ' +
  'from "participation" as "pa" ' +
  'inner join "unit" as "u" on "u"."id" = "pa"."unit_id" and "u"."tenant_id" = "pa"."tenant_id" ' +
  'inner join "project" as "p" on "p"."id" = "pa"."project_id" and "p"."tenant_id" = "pa"."tenant_id" ' +
  'left join "programme" as "pr" on "pr"."id" = "p"."programme_id" ' +
  'where "pa"."tenant_id" = ? order by "pa"."id"'

describe('report aggregate SQL', () => {
  it('sqlite', () => {
    const q = unitParticipationsQuery(compilers.sqlite, 3).compile()
    assert.equal(q.sql, SQL)
    assert.deepEqual(q.parameters, [3])
  })
  it('postgres', () => {
    const q = unitParticipationsQuery(compilers.postgres, 3).compile()
    assert.equal(q.sql, SQL.replace('?', '$1'))
  })
})
