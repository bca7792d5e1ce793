import { AppError } from '../shared/errors.js'

/** No valid credentials: sign in (HTTP 401). */
export class UnauthorizedError extends AppError {
  readonly code = 'UNAUTHORIZED'
}

/** Signed in, but the role or token scope does not allow this (HTTP 403). */
export class ForbiddenError extends AppError {
  readonly code = 'FORBIDDEN'
}
