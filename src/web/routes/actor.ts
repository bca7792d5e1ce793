import type { Actor } from '../../registry/organisation.service.js'

/**
 * Who the audit log records for API writes until accounts exist (the accounts issue replaces this
 * with the signed-in user and their tenant).
 */
export const API_ACTOR: Actor = Object.freeze({ tenantId: null, actor: 'api' })
