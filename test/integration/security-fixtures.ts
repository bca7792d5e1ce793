import type { Kysely } from 'kysely'
import { pino } from 'pino'
import type { User } from '../../src/accounts/account.js'
import type { Role } from '../../src/accounts/role.js'
import { createApiToken, startSession } from '../../src/accounts/session.service.js'
import { addUser } from '../../src/accounts/user.service.js'
import type { AuthConfig, Config, Dialect } from '../../src/config/config.js'
import type { Database } from '../../src/db/database.js'
import { type App, buildApp } from '../../src/web/app.js'

let counter = 0

/** A Config literal for web tests of one engine; `auth` overrides the sign-in settings. */
export function testConfig(dialect: Dialect, auth: Partial<AuthConfig> = {}): Config {
  return Object.freeze({
    // Only the dialect matters (the app gets its database handle directly); it picks engine-specific SQL.
    db: dialect === 'sqlite' ? { dialect, file: ':memory:' } : { dialect, url: 'postgres://unused' },
    server: { port: 0, host: '127.0.0.1' },
    log: { level: 'silent' },
    import: { maxFileBytes: 1024 * 1024 },
    auth: { cookieSecure: true, sessionHours: 8, ...auth },
  })
}

/** The app over a test database of `dialect`, logging nothing. */
export async function buildTestApp(
  db: Kysely<Database>,
  dialect: Dialect,
  auth: Partial<AuthConfig> = {},
): Promise<App> {
  return buildApp({ config: testConfig(dialect, auth), db, logger: pino({ level: 'silent' }) })
}

/** A signed-in user, ready to send requests as: bearer headers, or a session cookie plus its CSRF token. */
export interface Caller {
  readonly user: User
  /** `Authorization: Bearer` with a write token for the tenant */
  readonly bearer: Record<string, string>
  /** the session cookie header and the CSRF header writes need */
  readonly session: Record<string, string>
  readonly cookie: string
  readonly csrf: string
}

/** A user with `role` in `tenantId` (no password), a write token and a session. */
export async function callerWithRole(
  db: Kysely<Database>,
  tenantId: number,
  role: Role,
  email = `user${++counter}-${role}@example.se`,
): Promise<Caller> {
  const user = await addUser(db, { tenantId: null, actor: 'test' }, { email, tenantId, role })
  const { secret } = await createApiToken(db, { tenantId, actor: 'test' }, user.id, {
    tenantId,
    name: 'test',
    scope: 'write',
  })
  const session = await startSession(db, user.id, 60 * 60 * 1000)
  const cookie = `pa_session=${session.secret}`
  return {
    user,
    bearer: { authorization: `Bearer ${secret}` },
    session: { cookie, 'x-csrf-token': session.csrfToken },
    cookie,
    csrf: session.csrfToken,
  }
}
