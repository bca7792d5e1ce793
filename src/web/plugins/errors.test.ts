import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ConfigError, ConflictError, NotFoundError, ValidationError } from '../../shared/errors.js'
import { describeValidation, fieldOf, toErrorResponse } from './errors.js'

describe('fieldOf', () => {
  const cases: ReadonlyArray<[string, Parameters<typeof fieldOf>[0], string | undefined]> = [
    ['a top-level field', { instancePath: '/name', keyword: 'type', params: {} }, 'name'],
    [
      'a nested list item',
      { instancePath: '/payments/0/year', keyword: 'minimum', params: {} },
      'payments[0].year',
    ],
    [
      'ajv missing property',
      { instancePath: '', keyword: 'required', params: { missingProperty: 'name' } },
      'name',
    ],
    [
      'TypeBox missing properties',
      { instancePath: '', keyword: 'required', params: { requiredProperties: ['role', 'x'] } },
      'role',
    ],
    [
      'TypeBox extra property',
      { instancePath: '', keyword: 'additionalProperties', params: { additionalProperties: ['bogus'] } },
      'bogus',
    ],
    ['a JSON-pointer escape', { instancePath: '/a~1b', keyword: 'type', params: {} }, 'a/b'],
    ['the whole body', { instancePath: '', keyword: 'type', params: { type: 'object' } }, undefined],
  ]
  for (const [name, error, want] of cases) {
    it(name, () => {
      assert.equal(fieldOf(error), want)
    })
  }
})

describe('describeValidation', () => {
  it('lists the allowed values of a union of literals', () => {
    const errors = [
      {
        instancePath: '/role',
        keyword: 'const',
        params: { allowedValue: 'lead' },
        message: 'must be equal to constant',
      },
      {
        instancePath: '/role',
        keyword: 'const',
        params: { allowedValue: 'partner' },
        message: 'must be equal to constant',
      },
      { instancePath: '/role', keyword: 'anyOf', params: {}, message: 'must match a schema in anyOf' },
    ]
    assert.deepEqual(describeValidation(errors, 'body'), {
      field: 'role',
      message: 'body field "role" must be one of: lead, partner',
    })
  })

  it('names every type a nullable field accepts', () => {
    const errors = [
      { instancePath: '/acronym', keyword: 'type', params: { type: 'string' }, message: 'must be string' },
      { instancePath: '/acronym', keyword: 'type', params: { type: 'null' }, message: 'must be null' },
      { instancePath: '/acronym', keyword: 'anyOf', params: {}, message: 'must match a schema in anyOf' },
    ]
    assert.equal(describeValidation(errors, 'body').message, 'body field "acronym" must be string or null')
  })

  it('speaks of query parameters and the body as a whole', () => {
    assert.equal(
      describeValidation(
        [{ instancePath: '/limit', keyword: 'maximum', params: {}, message: 'must be <= 500' }],
        'querystring',
      ).message,
      'query parameter "limit" must be <= 500',
    )
    assert.equal(
      describeValidation(
        [{ instancePath: '', keyword: 'type', params: {}, message: 'must be object' }],
        'body',
      ).message,
      'The request body must be object',
    )
  })
})

describe('toErrorResponse', () => {
  const cases: ReadonlyArray<[string, unknown, number, string]> = [
    ['not found', new NotFoundError('No project with id 9'), 404, 'NOT_FOUND'],
    ['validation', new ValidationError('end before start', 'end'), 400, 'VALIDATION'],
    ['conflict', new ConflictError('taken'), 409, 'CONFLICT'],
    ['config error is the server’s problem', new ConfigError('secret path /etc/x'), 500, 'INTERNAL'],
    ['an unexpected error', new Error('SQLITE_CORRUPT at /var/lib/db'), 500, 'INTERNAL'],
    ['a thrown string', 'boom', 500, 'INTERNAL'],
    [
      'a framework 413',
      Object.assign(new Error('Request body is too large'), { statusCode: 413 }),
      413,
      'PAYLOAD_TOO_LARGE',
    ],
    [
      'a framework 503 hides its text',
      Object.assign(new Error('pool exhausted'), { statusCode: 503 }),
      500,
      'INTERNAL',
    ],
  ]
  for (const [name, error, status, code] of cases) {
    it(name, () => {
      const body = toErrorResponse(error)
      assert.equal(body.statusCode, status)
      assert.equal(body.code, code)
      if (status >= 500) {
        assert.equal(body.message, 'Internal server error', 'never a 5xx message')
      }
    })
  }

  it('keeps the field of a ValidationError', () => {
    assert.equal(toErrorResponse(new ValidationError('bad', 'start')).field, 'start')
  })
})
