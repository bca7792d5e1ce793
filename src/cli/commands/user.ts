import type { User } from '../../accounts/account.js'
import { isRole, type Role } from '../../accounts/role.js'
import {
  addUser,
  createPasswordReset,
  getUserByEmail,
  listUsers,
  setRole,
  setUserDisabled,
} from '../../accounts/user.service.js'
import type { Config } from '../../config/config.js'
import { ValidationError } from '../../shared/errors.js'
import type { CliIO } from '../io.js'
import { withRegistry } from '../registry.js'
import { renderTable } from '../table.js'

/** What `projektatlas user <action>` does. */
export type UserAction = 'add' | 'list' | 'role' | 'disable' | 'enable' | 'reset-password'

/** Options of `projektatlas user …`; which are used depends on the action. */
export interface UserOptions {
  readonly action: UserAction
  readonly email?: string
  /** a tenant organisation id (text from the command line) */
  readonly tenant?: string
  /** admin, coordinator, editor, viewer, or (for `role`) none */
  readonly role?: string
  readonly unit?: string
  readonly name?: string
  readonly format?: 'table' | 'json'
}

const CLI_ACTOR = { tenantId: null, actor: 'cli' } as const

function idOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) {
    return undefined
  }
  if (!/^[1-9][0-9]{0,9}$/.test(value)) {
    throw new ValidationError(`--${name} must be an id, not "${value}"`, name)
  }
  return Number(value)
}

function needed<T>(value: T | undefined, name: string): T {
  if (value === undefined) {
    throw new ValidationError(`--${name} is required here`, name)
  }
  return value
}

function roleOption(value: string | undefined): Role {
  const role = value ?? 'viewer'
  if (!isRole(role)) {
    throw new ValidationError(`--role must be admin, coordinator, editor or viewer, not "${role}"`, 'role')
  }
  return role
}

// The link the user opens: the configured public address, else the local server's.
function resetLink(config: Config, token: string): string {
  const base = config.auth?.publicUrl ?? `http://${config.server.host}:${config.server.port}`
  return `${base}/reset/${token}`
}

function printUsers(users: readonly User[], io: CliIO, format: 'table' | 'json' | undefined): void {
  if (format === 'json') {
    io.out(`${JSON.stringify(users, null, 2)}\n`)
    return
  }
  io.out(
    renderTable(users, [
      { heading: 'ID', cell: (u) => u.id, align: 'right' },
      { heading: 'E-post', cell: (u) => u.email, maxWidth: 40 },
      { heading: 'Namn', cell: (u) => u.displayName, maxWidth: 30 },
      {
        heading: 'Roller',
        cell: (u) => u.roles.map((r) => `${r.tenantId}:${r.role}${r.unitId ? `@${r.unitId}` : ''}`).join(' '),
      },
      {
        heading: 'Status',
        cell: (u) => (u.disabled ? 'avstängd' : u.lockedUntil ? `låst till ${u.lockedUntil}` : ''),
      },
    ]),
  )
}

/**
 * `projektatlas user add|list|role|disable|enable|reset-password`: manage accounts from the server's
 * shell. `add` and `reset-password` print a one-time link (valid one hour) to set a password, since
 * Projektatlas sends no mail itself.
 * @throws {ValidationError} for a missing or bad option
 * @throws {NotFoundError} for an unknown e-mail or tenant
 */
export async function user(options: UserOptions, io: CliIO): Promise<number> {
  return withRegistry(io, async (db, config) => {
    const tenant = idOption(options.tenant, 'tenant')
    switch (options.action) {
      case 'list': {
        printUsers(await listUsers(db, tenant), io, options.format)
        return 0
      }
      case 'add': {
        const created = await addUser(db, CLI_ACTOR, {
          email: needed(options.email, 'email'),
          displayName: options.name ?? null,
          ...(tenant !== undefined && { tenantId: tenant, role: roleOption(options.role) }),
          unitId: idOption(options.unit, 'unit') ?? null,
        })
        const { token } = await createPasswordReset(db, CLI_ACTOR, created.email)
        io.out(
          `Added ${created.email} (user ${created.id}).\nSet a password within an hour: ${resetLink(config, token)}\n`,
        )
        return 0
      }
      case 'role': {
        const target = await getUserByEmail(db, needed(options.email, 'email'))
        const role = options.role === 'none' ? null : roleOption(needed(options.role, 'role'))
        const updated = await setRole(
          db,
          CLI_ACTOR,
          target.id,
          needed(tenant, 'tenant'),
          role,
          idOption(options.unit, 'unit') ?? null,
        )
        printUsers([updated], io, options.format)
        return 0
      }
      case 'disable':
      case 'enable': {
        const target = await getUserByEmail(db, needed(options.email, 'email'))
        const updated = await setUserDisabled(db, CLI_ACTOR, target.id, options.action === 'disable')
        io.out(
          `${updated.email} is ${updated.disabled ? 'disabled: every session and token has ended' : 'enabled'}.\n`,
        )
        return 0
      }
      case 'reset-password': {
        const {
          user: target,
          token,
          expiresAt,
        } = await createPasswordReset(db, CLI_ACTOR, needed(options.email, 'email'))
        io.out(`One-time link for ${target.email}, valid until ${expiresAt}:\n${resetLink(config, token)}\n`)
        return 0
      }
    }
  })
}
