import Type, { type Static } from 'typebox'

/**
 * Roles, weakest first: a viewer reads drafts, an editor writes projects, a coordinator runs the
 * whole portfolio (publish, reporting rounds), an admin also manages the tenant's users.
 */
export const Role = Type.Union([
  Type.Literal('viewer'),
  Type.Literal('editor'),
  Type.Literal('coordinator'),
  Type.Literal('admin'),
])
export type Role = Static<typeof Role>

/** Every role, weakest first. */
export const ROLES: readonly Role[] = ['viewer', 'editor', 'coordinator', 'admin']

/** True when `role` may do what `required` may. */
export function roleAtLeast(role: Role, required: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(required)
}

/** Narrows stored text to a Role. */
export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value)
}
