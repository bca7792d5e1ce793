import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'

/** A new random secret (256 bits, base64url): session ids, API tokens, reset links, CSRF tokens. */
export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url')
}

/** The stored form of a secret: its SHA-256 (a random 256-bit secret needs no slow hash). */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex')
}

/** Compares two strings in constant time (CSRF tokens). */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/** ISO 8601 instant `ms` milliseconds from now. */
export function isoIn(ms: number, from = Date.now()): string {
  return new Date(from + ms).toISOString()
}
