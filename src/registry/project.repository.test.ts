import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { SQL_COMPILERS } from '../db/pinned-sql.js'
import { projectListQuery } from './project.repository.js'

// The search query's SQL, pinned per dialect (house style rule 20): a change to it shows in review.

const compilers = SQL_COMPILERS

const select =
  'select "project".*, "programme"."canonical" as "programme_canonical" from "project" ' +
  'left join "programme" on "programme"."id" = "project"."programme_id" where "project"."tenant_id" = ?'
const tail =
  ' and "project"."search_text" like ? and "project"."status" = ? and "project"."id" in ' +
  '(select "participation"."project_id" from "participation" where "participation"."tenant_id" = ? ' +
  'and "participation"."organisation_id" = ?) order by "project"."name", "project"."id" limit ? offset ?'

describe('project search SQL', () => {
  const filter = { queryLike: '%öresund%', status: 'ongoing', organisationId: 7, limit: 50, offset: 0 }
  it('sqlite', () => {
    const q = projectListQuery(compilers.sqlite, 1, filter).compile()
    assert.equal(q.sql, select + tail)
    assert.deepEqual(q.parameters, [1, '%öresund%', 'ongoing', 1, 7, 50, 0])
  })
  it('postgres', () => {
    let n = 0
    const numbered = (select + tail).replace(/\?/g, () => `$${++n}`)
    const q = projectListQuery(compilers.postgres, 1, filter).compile()
    assert.equal(q.sql, numbered)
  })
})
