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

/** A document could not be read: `file` names it and `reason` says why, in one line. */
export class ImportFormatError extends AppError {
  readonly code = 'IMPORT_FORMAT'
  constructor(
    readonly file: string,
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(`${file}: ${reason}`, options)
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
