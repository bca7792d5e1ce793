import { resolve } from 'node:path'
import Type, { type Static } from 'typebox'
import { Value } from 'typebox/value'
import { ConfigError } from '../shared/errors.js'

/** The environment variables Projektatlas reads; every other module receives a Config instead. */
const Env = Type.Object({
  PROJEKTATLAS_DB: Type.Optional(Type.String({ minLength: 1 })),
  DATABASE_URL: Type.Optional(Type.String({ pattern: '^(postgres|postgresql|sqlite):' })),
  DATABASE_READ_URL: Type.Optional(Type.String({ pattern: '^(postgres|postgresql):' })),
  PORT: Type.Optional(Type.String({ pattern: '^[0-9]{1,5}$' })),
  HOST: Type.Optional(Type.String({ minLength: 1 })),
  LOG_LEVEL: Type.Optional(
    Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l))),
  ),
  PROJEKTATLAS_MAX_FILE_MB: Type.Optional(Type.String({ pattern: '^[0-9]+$' })),
  PROJEKTATLAS_PUBLIC_URL: Type.Optional(Type.String({ pattern: '^https?://[^\\s]+$' })),
  PROJEKTATLAS_COOKIE_SECURE: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
  PROJEKTATLAS_SESSION_SECRET: Type.Optional(Type.String({ minLength: 32 })),
  PROJEKTATLAS_SESSION_HOURS: Type.Optional(Type.String({ pattern: '^[0-9]{1,4}$' })),
  PROJEKTATLAS_OIDC_ISSUER: Type.Optional(Type.String({ pattern: '^https?://[^\\s]+$' })),
  PROJEKTATLAS_OIDC_CLIENT_ID: Type.Optional(Type.String({ minLength: 1 })),
  PROJEKTATLAS_OIDC_CLIENT_SECRET: Type.Optional(Type.String({ minLength: 1 })),
  PROJEKTATLAS_TRUST_PROXY: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')])),
})
type Env = Static<typeof Env>

export type Dialect = 'sqlite' | 'postgres'

export type DbConfig =
  | { readonly dialect: 'sqlite'; readonly file: string }
  | { readonly dialect: 'postgres'; readonly url: string }

export interface Config {
  readonly db: DbConfig
  /**
   * a PostgreSQL read replica of `db` (DATABASE_READ_URL): the public catalogue reads there, and
   * the servers keep the index current on the primary (docs/deployment.md)
   */
  readonly readDb?: { readonly dialect: 'postgres'; readonly url: string }
  /** port 3000 and host 127.0.0.1 unless PORT/HOST say otherwise */
  readonly server: { readonly port: number; readonly host: string }
  readonly log: { readonly level: string }
  /** documents larger than this are refused before they are read (default 50 MB) */
  readonly import: { readonly maxFileBytes: number }
  /** sign-in and sessions; absent (tests' literals) means the defaults of AuthConfig */
  readonly auth?: AuthConfig
}

/** Accounts and sessions (docs/security.md). */
export interface AuthConfig {
  /** the address users reach the app at; reset links and the OIDC redirect use it. https turns on HSTS */
  readonly publicUrl?: string
  /** Secure flag on cookies; default true, except when publicUrl is plain http */
  readonly cookieSecure: boolean
  /** signs the short-lived sign-in cookies; a random one per process when unset */
  readonly sessionSecret?: string
  /** how long a session lasts (default 8 hours) */
  readonly sessionHours: number
  /** believe X-Forwarded-For/-Proto from a reverse proxy (default false: only when one is in front) */
  readonly trustProxy?: boolean
  /** OpenID Connect sign-in, on when all three are set */
  readonly oidc?: { readonly issuer: string; readonly clientId: string; readonly clientSecret: string }
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
  if (e.DATABASE_READ_URL && db.dialect !== 'postgres') {
    throw new ConfigError(
      'Bad configuration: DATABASE_READ_URL: a read replica needs a PostgreSQL DATABASE_URL (the primary it replicates)',
    )
  }
  return Object.freeze({
    db: Object.freeze(db),
    ...(e.DATABASE_READ_URL && {
      readDb: Object.freeze({ dialect: 'postgres' as const, url: e.DATABASE_READ_URL }),
    }),
    server: Object.freeze({ port: Number(e.PORT ?? 3000), host: e.HOST ?? '127.0.0.1' }),
    log: Object.freeze({ level: e.LOG_LEVEL ?? 'info' }),
    import: Object.freeze({ maxFileBytes: Number(e.PROJEKTATLAS_MAX_FILE_MB ?? 50) * 1024 * 1024 }),
    auth: authConfig(e),
  })
}

function authConfig(e: Env): AuthConfig | undefined {
  const oidc =
    e.PROJEKTATLAS_OIDC_ISSUER && e.PROJEKTATLAS_OIDC_CLIENT_ID && e.PROJEKTATLAS_OIDC_CLIENT_SECRET
      ? Object.freeze({
          issuer: e.PROJEKTATLAS_OIDC_ISSUER,
          clientId: e.PROJEKTATLAS_OIDC_CLIENT_ID,
          clientSecret: e.PROJEKTATLAS_OIDC_CLIENT_SECRET,
        })
      : undefined
  const plainHttp = e.PROJEKTATLAS_PUBLIC_URL?.startsWith('http:') ?? false
  return Object.freeze({
    ...(e.PROJEKTATLAS_PUBLIC_URL && { publicUrl: e.PROJEKTATLAS_PUBLIC_URL.replace(/\/+$/, '') }),
    cookieSecure: e.PROJEKTATLAS_COOKIE_SECURE ? e.PROJEKTATLAS_COOKIE_SECURE === 'true' : !plainHttp,
    ...(e.PROJEKTATLAS_SESSION_SECRET && { sessionSecret: e.PROJEKTATLAS_SESSION_SECRET }),
    sessionHours: Number(e.PROJEKTATLAS_SESSION_HOURS ?? 8) || 8,
    trustProxy: e.PROJEKTATLAS_TRUST_PROXY === 'true',
    ...(oidc && { oidc }),
  })
}
