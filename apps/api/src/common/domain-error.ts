import { HttpStatus } from '@nestjs/common';

/** A refusal the user can act on: a stable code for clients, a human message, and the HTTP status. */
export class DomainError extends Error {
  constructor(
    readonly status: HttpStatus,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** Seconds after which the same request may succeed; sent as `Retry-After`. */
    readonly retryAfter?: number,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new DomainError(HttpStatus.NOT_FOUND, 'NOT_FOUND', `${what} not found`);
export const conflict = (code: string, message: string, details?: unknown) =>
  new DomainError(HttpStatus.CONFLICT, code, message, details);
export const unprocessable = (code: string, message: string, details?: unknown) =>
  new DomainError(HttpStatus.UNPROCESSABLE_ENTITY, code, message, details);
export const badRequest = (message: string) => new DomainError(HttpStatus.BAD_REQUEST, 'BAD_REQUEST', message);
export const forbidden = (message = 'Your role or organisation may not do this') =>
  new DomainError(HttpStatus.FORBIDDEN, 'FORBIDDEN', message);
export const unavailable = (code: string, message: string, retryAfter: number) =>
  new DomainError(HttpStatus.SERVICE_UNAVAILABLE, code, message, undefined, retryAfter);
