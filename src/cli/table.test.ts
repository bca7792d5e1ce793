import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { renderTable } from './table.js'

describe('renderTable', () => {
  it('aligns columns by code points and right-aligns numbers', () => {
    const out = renderTable(
      [
        { id: 1, name: 'Malmö stad' },
        { id: 12, name: 'Region Skåne' },
      ],
      [
        { heading: 'ID', cell: (r) => r.id, align: 'right' },
        { heading: 'Name', cell: (r) => r.name },
      ],
    )
    assert.equal(out, ['ID  Name', '--  ------------', ' 1  Malmö stad', '12  Region Skåne', ''].join('\n'))
  })

  it('cuts long cells, flattens newlines and prints null as empty', () => {
    const out = renderTable(
      [{ a: 'abcdefghij\nk', b: null }],
      [
        { heading: 'A', cell: (r) => r.a, maxWidth: 5 },
        { heading: 'B', cell: (r) => r.b },
      ],
    )
    assert.equal(out, ['A      B', '-----  -', 'abcd…', ''].join('\n'))
  })

  it('prints only the heading for no rows', () => {
    assert.equal(renderTable([], [{ heading: 'X', cell: () => '' }]), 'X\n-\n')
  })
})
