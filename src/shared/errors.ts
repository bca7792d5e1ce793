/** Stable error codes: adapters map them to HTTP statuses and exit codes, users and scripts may rely on them. */
export type ErrorCode =
  | 'NOT_FOUND'
  | 'VALIDATION'
  | 'CONFLICT'
  | 'IMPORT_FORMAT'
  | 'CONFIG'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'INTERNAL'

/** Base of every expected failure: a stable `code` and a message a user can act on. */
export abstract class AppError extends Error {
  abstract readonly code: ErrorCode
  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = new.target.name
  }
}

/** The thing asked for does not exist (or is not visible to the asker). */
export class NotFoundError extends AppError {
  readonly code = 'NOT_FOUND'
}

/** Input broke a rule; `field` names the offending field when there is one. */
export class ValidationError extends AppError {
  readonly code = 'VALIDATION'
  constructor(
    message: string,
    readonly field?: string,
    options?: ErrorOptions,
  ) {
    super(message, options)
  }
}

/** The change clashes with the stored state (a unique name taken, a stale version). */
export class ConflictError extends AppError {
  readonly code = 'CONFLICT'
}

/** The longest reason an ImportFormatError shows: a parser's message may quote a whole paragraph. */
const MAX_REASON = 200

/**
 * A document could not be read: `file` names it and `reason` says why, in one line (a reason
 * built from a parser's message is squashed onto one line and shortened).
 */
export class ImportFormatError extends AppError {
  readonly code = 'IMPORT_FORMAT'
  readonly reason: string
  constructor(
    readonly file: string,
    reason: string,
    options?: ErrorOptions,
  ) {
    const line = reason.replace(/\s+/g, ' ').trim()
    const short = line.length > MAX_REASON ? `${line.slice(0, MAX_REASON - 1)}…` : line
    super(`${file}: ${short}`, options)
    this.reason = short
  }
}

/** The configuration (environment, flags) is unusable; the message lists every problem. */
export class ConfigError extends AppError {
  readonly code = 'CONFIG'
}

/** Narrows an unknown thrown value to an AppError. */
export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError
}
