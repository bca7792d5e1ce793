import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { type ErrorCode, isAppError, ValidationError } from '../../shared/errors.js'
import type { ErrorResponse } from '../routes/common.schema.js'
import { errorPage } from '../views/error-page.js'

/** The web adapter's one mapping from a stable error code to an HTTP status. */
export const STATUS_BY_CODE: Readonly<Record<ErrorCode, number>> = {
  NOT_FOUND: 404,
  VALIDATION: 400,
  CONFLICT: 409,
  IMPORT_FORMAT: 422,
  CONFIG: 500,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  INTERNAL: 500,
}

// Framework statuses whose own message is safe and useful to show.
const HTTP_CODES: Readonly<Record<number, string>> = {
  400: 'BAD_REQUEST',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
}

const WHERE: Readonly<Record<string, string>> = {
  body: 'body field',
  querystring: 'query parameter',
  params: 'path parameter',
  headers: 'header',
}

/** One schema error as Fastify passes it on (ajv's and TypeBox's share this shape). */
interface SchemaError {
  readonly instancePath: string
  readonly keyword: string
  readonly schemaPath?: string
  readonly message?: string
  readonly params: Record<string, unknown>
}

/** "/participations/0/role" → "participations[0].role"; a missing or extra property names itself. */
export function fieldOf(e: SchemaError): string | undefined {
  const parts = e.instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
  // ajv names one property; TypeBox's compiler lists them (requiredProperties, additionalProperties).
  const named = [
    e.params.missingProperty,
    e.params.additionalProperty,
    e.params.requiredProperties,
    e.params.additionalProperties,
  ]
    .flat()
    .find((p): p is string => typeof p === 'string')
  if (named !== undefined) {
    parts.push(named)
  }
  if (parts.length === 0) {
    return undefined
  }
  return parts.map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : i === 0 ? p : `.${p}`)).join('')
}

// A union of literals (TypeBox's Union([Literal…])) fails as one `const` error per branch plus `anyOf`.
function allowedValues(errors: readonly SchemaError[], path: string): string[] {
  const values: string[] = []
  for (const e of errors) {
    if (e.instancePath !== path) {
      continue
    }
    if (e.keyword === 'const') {
      values.push(String(e.params.allowedValue))
    } else if (e.keyword === 'enum' && Array.isArray(e.params.allowedValues)) {
      values.push(...e.params.allowedValues.map(String))
    } else if (e.keyword === 'type' && e.params.type === 'null') {
      values.push('null')
    }
  }
  return [...new Set(values)]
}

/** Turns Fastify's schema-validation error into a message that names the field and what is wrong with it. */
export function describeValidation(
  errors: readonly SchemaError[],
  context: string | undefined,
): { field?: string; message: string } {
  const first = errors[0]
  const where = WHERE[context ?? ''] ?? 'input'
  if (!first) {
    return { message: `Invalid ${where}` }
  }
  const field = fieldOf(first)
  let what = first.message ?? 'is invalid'
  if (first.keyword === 'required') {
    what = 'is required'
  } else if (
    first.keyword === 'additionalProperties' ||
    (first.keyword === 'boolean' && first.schemaPath?.endsWith('/additionalProperties'))
  ) {
    what = 'is not a known field'
  } else if (first.keyword === 'anyOf' || first.keyword === 'enum' || first.keyword === 'const') {
    const allowed = allowedValues(errors, first.instancePath)
    what = allowed.length > 0 ? `must be one of: ${allowed.join(', ')}` : 'has a value that is not allowed'
  } else if (
    first.keyword === 'type' &&
    errors.some((e) => e.keyword === 'anyOf' && e.instancePath === first.instancePath)
  ) {
    // A nullable field: ajv reports each branch of the union; say every type it accepts.
    const types = errors
      .filter((e) => e.keyword === 'type' && e.instancePath === first.instancePath)
      .map((e) => String(e.params.type))
    what = `must be ${[...new Set(types)].join(' or ')}`
  }
  if (field === undefined) {
    return { message: `${context === 'body' ? 'The request body' : `The ${where}`} ${what}` }
  }
  return { field, message: `${where} "${field}" ${what}` }
}

/** The JSON API and the health check answer JSON; everything else is a page for people. */
export function wantsJson(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0] ?? ''
  return path === '/api' || path.startsWith('/api/') || path === '/healthz'
}

function send(request: FastifyRequest, reply: FastifyReply, body: ErrorResponse): FastifyReply {
  reply.status(body.statusCode)
  if (wantsJson(request)) {
    return reply.type('application/json; charset=utf-8').send(body)
  }
  const detail = body.statusCode < 500 ? body.message : undefined
  return reply
    .type('text/html; charset=utf-8')
    .send(errorPage({ status: body.statusCode, detail }).toString())
}

/** Classifies any thrown value; 5xx details stay in the log and never reach the client. */
export function toErrorResponse(error: unknown): ErrorResponse {
  if (isAppError(error)) {
    const statusCode = STATUS_BY_CODE[error.code]
    if (statusCode >= 500) {
      return { statusCode, code: 'INTERNAL', message: 'Internal server error' }
    }
    const field = error instanceof ValidationError ? error.field : undefined
    return { statusCode, code: error.code, message: error.message, ...(field ? { field } : {}) }
  }
  const fe = error as Partial<FastifyError> | null
  if (fe && Array.isArray(fe.validation)) {
    const { field, message } = describeValidation(fe.validation as SchemaError[], fe.validationContext)
    return { statusCode: 400, code: 'VALIDATION', message, ...(field ? { field } : {}) }
  }
  const status = typeof fe?.statusCode === 'number' ? fe.statusCode : 500
  const code = HTTP_CODES[status]
  if (code && typeof fe?.message === 'string') {
    return { statusCode: status, code, message: fe.message }
  }
  return { statusCode: 500, code: 'INTERNAL', message: 'Internal server error' }
}

/**
 * Answers a request with an error in the one format: also used for the framework's own errors
 * (a malformed URL) that arrive before any route or hook runs.
 */
export function replyWithError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const body = toErrorResponse(error)
  if (body.statusCode >= 500) {
    request.log.error({ err: error, url: request.url, method: request.method }, 'request failed')
  } else {
    request.log.info({ code: body.code, field: body.field, statusCode: body.statusCode }, 'request rejected')
  }
  return send(request, reply, body)
}

async function errorsPlugin(app: FastifyInstance): Promise<void> {
  app.setErrorHandler((error, request, reply) => replyWithError(error, request, reply))
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? ''
    return send(request, reply, {
      statusCode: 404,
      code: 'NOT_FOUND',
      message: `No such route: ${request.method} ${path}`,
    })
  })
}

/**
 * Maps every error to one answer: AppError codes to statuses, schema failures to 400 naming the field,
 * JSON under /api and /healthz, an accessible Swedish-first HTML page elsewhere.
 */
export const errors = fp(errorsPlugin, { name: 'projektatlas-errors', fastify: '5.x' })
