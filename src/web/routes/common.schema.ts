import Type, { type Static } from 'typebox'

/**
 * The body of every JSON error: `code` is stable (see src/shared/errors.ts plus the HTTP-only codes
 * below), `field` names the offending input when there is one, `message` is safe to show.
 */
export const ErrorResponse = Type.Object(
  {
    statusCode: Type.Integer(),
    code: Type.String({
      description: 'NOT_FOUND, VALIDATION, CONFLICT, … or BAD_REQUEST, PAYLOAD_TOO_LARGE, INTERNAL',
    }),
    message: Type.String(),
    field: Type.Optional(Type.String({ description: 'the input field at fault, e.g. "name" or "limit"' })),
  },
  { title: 'Error' },
)
export type ErrorResponse = Static<typeof ErrorResponse>

/** Error responses every route that takes input may give. */
export const InputErrors = {
  400: ErrorResponse,
  413: ErrorResponse,
  415: ErrorResponse,
  500: ErrorResponse,
} as const

/** Error responses of a route addressing one record. */
export const RecordErrors = { ...InputErrors, 404: ErrorResponse } as const

/** Error responses of a route that writes. */
export const WriteErrors = { ...RecordErrors, 409: ErrorResponse } as const

/** A path `:id`: positive integer ids, bounded so a huge number is a 400 and not a driver error. */
export const IdParams = Type.Object({
  id: Type.Integer({ minimum: 1, maximum: 2147483647, description: 'record id' }),
})
export type IdParams = Static<typeof IdParams>

/** Paging shared by the list routes. */
export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50, description: 'page size' })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 })),
}
