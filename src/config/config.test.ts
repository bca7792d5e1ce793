import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ConfigError } from '../shared/errors.js'
import { loadConfig } from './config.js'

describe('loadConfig', () => {
  it('defaults to embedded SQLite under ./data', () => {
    const config = loadConfig({}, '/srv/atlas')
    assert.deepEqual(config.db, { dialect: 'sqlite', file: '/srv/atlas/data/projektatlas.sqlite' })
    assert.equal(config.server.port, 3000)
  })

  it('chooses PostgreSQL from DATABASE_URL', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@localhost/atlas' })
    assert.deepEqual(config.db, { dialect: 'postgres', url: 'postgres://u@localhost/atlas' })
  })

  it('takes PROJEKTATLAS_DB as the SQLite file', () => {
    assert.deepEqual(loadConfig({ PROJEKTATLAS_DB: 'x.sqlite' }, '/a').db, {
      dialect: 'sqlite',
      file: '/a/x.sqlite',
    })
  })

  it('lists every bad variable at once', () => {
    assert.throws(
      () => loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud' }),
      (e: unknown) => e instanceof ConfigError && /PORT/.test(e.message) && /LOG_LEVEL/.test(e.message),
    )
  })
})
