import Type from 'typebox'
import { TenantQuery } from './projects.schema.js'

const Page = { 200: Type.String({ description: 'HTML page' }) }
const Text = (max: number) => Type.Optional(Type.String({ maxLength: max }))

/** GET /import: the upload form, or after an accepted import its summary (figures in the query). */
export const importPageSchema = {
  hide: true,
  querystring: Type.Object({
    ...TenantQuery,
    created: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
    merged: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
    issues: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000 })),
    unchanged: Type.Optional(Type.Literal(1)),
  }),
  response: Page,
} as const

/** POST /import (multipart): the document, read and shown with its records; nothing stored. */
export const uploadSchema = {
  hide: true,
  consumes: ['multipart/form-data'],
  querystring: Type.Object(TenantQuery),
  // The file itself is taken aside by the multipart hook; the body keeps only its name.
  body: Type.Object({ _csrf: Text(200), document: Text(1000) }),
} as const

/**
 * POST /import/accept (form): the extracted document (hidden JSON) and one set of corrected
 * fields per record, named `r<index>.<field>`.
 */
export const acceptSchema = {
  hide: true,
  querystring: Type.Object(TenantQuery),
  body: Type.Object(
    { _csrf: Text(200), pending: Type.String({ minLength: 2 }) },
    { additionalProperties: Type.String({ maxLength: 10_000 }) },
  ),
} as const
