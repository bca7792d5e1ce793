import { resolve } from 'node:path'
import Type, { type Static } from 'typebox'
import { Value } from 'typebox/value'
import { ConfigError } from '../shared/errors.js'

/** The environment variables Projektatlas reads; every other module receives a Config instead. */
const Env = Type.Object({
  PROJEKTATLAS_DB: Type.Optional(Type.String({ minLength: 1 })),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^(postgres|postgresql|sqlite):' })),
  PORT: Type.Optional(Type.String({ pattern: '^[0-9]{1,5}$' })),
  HOST: Type.Optional(Type.String({ minLength: 1 })),
  LOG_LEVEL: Type.Optional(
    Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l))),
  ),
  PROJEKTATLAS_MAX_FILE_MB: Type.Optional(Type.String({ pattern: '^[0-9]+$' })),
})
type Env = Static<typeof Env>

export type Dialect = 'sqlite' | 'postgres'

export type DbConfig =
  | { readonly dialect: 'sqlite'; readonly file: string }
  | { readonly dialect: 'postgres'; readonly url: string }

export interface Config {
  readonly db: DbConfig
  /** port 3000 and host 127.0.0.1 unless PORT/HOST say otherwise */
  readonly server: { readonly port: number; readonly host: string }
  readonly log: { readonly level: string }
  /** documents larger than this are refused before they are read (default 50 MB) */
  readonly import: { readonly maxFileBytes: number }
}

export const DEFAULT_SQLITE_FILE = './data/projektatlas.sqlite'

/**
 * Builds the frozen Config from environment variables.
 * @throws {ConfigError} listing every bad variable at once
 */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  cwd = process.cwd(),
): Config {
  const picked = Object.fromEntries(Object.keys(Env.properties).map((k) => [k, env[k] || undefined]))
  const errors = [...Value.Errors(Env, picked)]
  if (errors.length > 0) {
    const lines = new Map(errors.map((e) => [e.instancePath.replace(/^\//, '') || 'environment', e.message]))
    const text = [...lines].map(([name, message]) => `${name}: ${message}`).join('; ')
    throw new ConfigError(`Bad configuration: ${text}`)
  }
  const e = picked as Env
  let db: DbConfig
  if (e.DATABASE_URL && !e.DATABASE_URL.startsWith('sqlite:')) {
    db = { dialect: 'postgres', url: e.DATABASE_URL }
  } else {
    const fromUrl = e.DATABASE_URL?.replace(/^sqlite:/, '')
    const file = fromUrl || e.PROJEKTATLAS_DB || DEFAULT_SQLITE_FILE
    db = { dialect: 'sqlite', file: file === ':memory:' ? file : resolve(cwd, file) }
  }
  return Object.freeze({
    db: Object.freeze(db),
    server: Object.freeze({ port: Number(e.PORT ?? 3000), host: e.HOST ?? '127.0.0.1' }),
    log: Object.freeze({ level: e.LOG_LEVEL ?? 'info' }),
    import: Object.freeze({ maxFileBytes: Number(e.PROJEKTATLAS_MAX_FILE_MB ?? 50) * 1024 * 1024 }),
  })
}
