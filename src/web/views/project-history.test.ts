import assert from 'node:assert/strict'
import { it } from 'node:test'
import { changedFields, projectHistoryPage } from './project-history.js'

it('lists changed fields, ignoring timestamps, and escapes every value', () => {
  assert.deepEqual(
    changedFields({ name: 'A', acronym: 'X', updatedAt: '1' }, { name: 'A', acronym: 'Y', updatedAt: '2' }),
    [{ field: 'acronym', from: 'X', to: 'Y' }],
  )
  assert.deepEqual(changedFields(null, { name: 'Ny' }), [{ field: 'name', from: '–', to: 'Ny' }])
  const page = projectHistoryPage({
    projectId: 1,
    projectName: '<script>x</script>',
    events: [
      {
        id: 1,
        tenantId: 1,
        actor: '<b>a</b>',
        at: '2026-01-01T10:00:00.000Z',
        entity: 'project',
        entityId: 1,
        action: 'update',
        before: { summary: '<img src=x onerror=alert(1)>' },
        after: { summary: 'ok' },
      },
    ],
  }).toString()
  assert.ok(!page.includes('<script>x'))
  assert.ok(!page.includes('<img'))
  assert.ok(page.includes('&lt;img src=x onerror=alert(1)&gt;'))
  assert.ok(page.includes('&lt;b&gt;a&lt;/b&gt;'))
})
