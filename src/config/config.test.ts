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

  it('takes a PostgreSQL read replica beside a PostgreSQL primary, and refuses one beside SQLite', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u@primary/atlas',
      DATABASE_READ_URL: 'postgres://u@replica/atlas',
    })
    assert.deepEqual(config.readDb, { dialect: 'postgres', url: 'postgres://u@replica/atlas' })
    assert.equal(loadConfig({ DATABASE_URL: 'postgres://u@primary/atlas' }).readDb, undefined)
    assert.throws(
      () => loadConfig({ DATABASE_URL: 'sqlite:x.db', DATABASE_READ_URL: 'postgres://u@replica/atlas' }),
      /DATABASE_READ_URL: a read replica needs a PostgreSQL DATABASE_URL/,
    )
    assert.throws(() => loadConfig({ DATABASE_READ_URL: 'sqlite:x.db' }), /DATABASE_READ_URL/)
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
