import { ValidationError } from '../shared/errors.js'

// OWASP's argon2id baseline (19 MiB, 2 passes, 1 lane) keeps a login under ~50 ms on small servers.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const

/** Shortest password accepted (NIST SP 800-63B asks for at least 8; we ask a little more). */
export const MIN_PASSWORD_LENGTH = 10

/**
 * Hashes a password with argon2id.
 * @throws {ValidationError} naming `password` when it is too short or too long
 */
export async function hashPassword(password: string): Promise<string> {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new ValidationError(`The password must have at least ${MIN_PASSWORD_LENGTH} characters`, 'password')
  }
  if (password.length > 1024) {
    throw new ValidationError('The password is too long', 'password')
  }
  const { hash } = await import('@node-rs/argon2')
  // The binding's default algorithm is argon2id (its const enum cannot be imported under tsx).
  return hash(password, OPTIONS)
}

/** True when `password` matches `stored`; false for a malformed hash. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  const { verify } = await import('@node-rs/argon2')
  try {
    return await verify(stored, password)
  } catch {
    return false
  }
}

// A valid hash of a random password: verifying against it when the user does not exist makes an
// unknown e-mail take as long as a wrong password (no account enumeration by timing).
let dummy: Promise<string> | undefined
/** Burns one verification's worth of time. */
export async function verifyDummy(password: string): Promise<void> {
  dummy ??= hashPassword('not-a-real-password-0123456789')
  await verifyPassword(await dummy, password)
}
