import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { ValidationError } from '../../shared/errors.js'

// No document the registry takes is nested anywhere near this deep; deeper input is an attack.
const MAX_DEPTH = 32

type Finding = { readonly field: string; readonly problem: string }

// PostgreSQL text cannot hold U+0000 (SQLite can): refuse it at the door on both engines, so the
// same input never succeeds on one and fails with a 500 on the other. Walks without recursion, so
// hostile nesting cannot exhaust the stack.
function inspect(root: unknown): Finding | undefined {
  const todo: [value: unknown, path: string, depth: number][] = [[root, '', 0]]
  for (let next = todo.pop(); next !== undefined; next = todo.pop()) {
    const [value, path, depth] = next
    if (typeof value === 'string') {
      if (value.includes('\u0000')) {
        return { field: path, problem: 'contains a NUL character' }
      }
      continue
    }
    if (value === null || typeof value !== 'object') {
      continue
    }
    if (depth >= MAX_DEPTH) {
      return { field: path, problem: `is nested more than ${MAX_DEPTH} levels deep` }
    }
    const entries = Array.isArray(value)
      ? value.map((v, i) => [`${path}[${i}]`, v] as const)
      : Object.entries(value).map(([k, v]) => [path ? `${path}.${k}` : k, v] as const)
    for (let i = entries.length - 1; i >= 0; i--) {
      const entry = entries[i]
      if (entry) {
        todo.push([entry[1], entry[0], depth + 1])
      }
    }
  }
  return undefined
}

// The common case, without allocating: no value, or a flat object of strings without NUL (a query
// string or the path parameters of almost every request).
function plainlyClean(value: unknown): boolean {
  if (value === null || value === undefined) {
    return true
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    return false
  }
  for (const key in value) {
    const v = (value as Record<string, unknown>)[key]
    if (typeof v !== 'string' || v.includes('\u0000') || key.includes('\u0000')) {
      return false
    }
  }
  return true
}

function check(request: FastifyRequest): void {
  for (const [where, value] of [
    ['body field', request.body],
    ['query parameter', request.query],
    ['path parameter', request.params],
  ] as const) {
    const found = inspect(value)
    if (found !== undefined) {
      throw new ValidationError(
        `${where} "${found.field || 'body'}" ${found.problem}`,
        found.field || undefined,
      )
    }
  }
}

async function inputGuardPlugin(app: FastifyInstance): Promise<void> {
  app.addHook('preValidation', (request, _reply, done) => {
    if (plainlyClean(request.body) && plainlyClean(request.query) && plainlyClean(request.params)) {
      done()
      return
    }
    try {
      check(request)
      done()
    } catch (e) {
      done(e as Error)
    }
  })
}

/** Rejects input no storage engine keeps the same way (NUL characters) or absurdly nested, with a 400 naming the field. */
export const inputGuard = fp(inputGuardPlugin, { name: 'projektatlas-input-guard', fastify: '5.x' })
