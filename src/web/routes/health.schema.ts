import Type from 'typebox'

export const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
  database: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
})

export const healthSchema = {
  tags: ['health'],
  summary: 'Liveness and readiness: 200 when the registry database answers, 503 when not',
  response: { 200: Health, 503: Health },
} as const
