/**
 * Who is asking, on whose behalf. Every tenant-owned read and write takes a Scope explicitly, so
 * accounts and roles (a later issue) only have to build one from a session; nothing reads a
 * "current tenant" from ambient state.
 */
export interface Scope {
  /** id of the tenant organisation whose portfolio is read or written */
  readonly tenantId: number
  /** who acts, as the audit log records it: a user name, `cli`, `import`, `api`, `demo` */
  readonly actor: string
}

/** Builds a Scope; a tiny helper so adapters need not spell out the object literal. */
export function scopeOf(tenantId: number, actor: string): Scope {
  return Object.freeze({ tenantId, actor })
}
