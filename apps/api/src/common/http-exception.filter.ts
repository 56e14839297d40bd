import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { publicUrl, RedirectTo, renderPageError } from '../web/web-errors';
import { DomainError } from './domain-error';

interface PgError {
  code?: string;
  constraint?: string;
  detail?: string;
}

/**
 * One error shape for every failure: `{ statusCode, error, message, code? }`. Internals of a 500 (stack,
 * SQL) stay in the log; the client gets the request id to quote.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const response = ctx.getResponse();
    const request = ctx.getRequest();
    if (request?.isWebPage && exception instanceof RedirectTo) {
      if (!response.headersSent) response.redirect(303, exception.url);
      return;
    }
    const { status, body } = this.describe(exception, request?.id);
    if (status >= 500) this.logger.error({ err: exception, requestId: request?.id }, 'request failed');
    if (response.headersSent) return;
    const retryAfter = (exception as DomainError)?.details as { retryAfterSeconds?: number } | undefined;
    if (exception instanceof DomainError && typeof retryAfter?.retryAfterSeconds === 'number') {
      response.setHeader?.('Retry-After', String(retryAfter.retryAfterSeconds));
    }
    if (request?.isWebPage) return this.page(request, response, status, body.message);
    response.status(status).json(body);
  }

  /** Web pages answer with a page in words (see web/web-errors.ts), never the JSON body. */
  private page(request: { id?: string; method: string }, response: { status(s: number): { type(t: string): { send(b: string): void } } }, status: number, message: unknown) {
    try {
      renderPageError(request as never, response as never, status, message, request.id);
    } catch (err) {
      this.logger.error({ err, requestId: request.id, url: publicUrl(request as never) }, 'error page failed');
      response.status(status).type('text/plain').send(`Sorry, there is a problem with the service. Request id ${request.id ?? 'unknown'}.`);
    }
  }

  describe(exception: unknown, requestId?: string): { status: number; body: Record<string, unknown> } {
    const shape = (status: number, message: unknown, code?: string, details?: unknown) => ({
      status,
      body: {
        statusCode: status,
        error: STATUS_CODES[status] ?? 'Error',
        message,
        ...(code ? { code } : {}),
        ...(details !== undefined ? { details } : {}),
      },
    });
    if (exception instanceof DomainError) {
      return shape(exception.status, exception.message, exception.code, exception.details);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const res = exception.getResponse();
      const message = typeof res === 'string' ? res : ((res as { message?: unknown }).message ?? exception.message);
      const code = typeof res === 'object' ? (res as { code?: string }).code : undefined;
      return shape(status, message, code ?? defaultCode(status));
    }
    const pg = exception as PgError;
    // Constraint violations that slipped past application checks are still the client's conflict, not a 500.
    switch (pg?.code) {
      case '23P01':
        return shape(HttpStatus.CONFLICT, 'This conflicts with an existing booking', 'BED_TAKEN');
      case '23505':
        return shape(HttpStatus.CONFLICT, 'This already exists', 'ALREADY_EXISTS');
      case '23503':
        return shape(HttpStatus.UNPROCESSABLE_ENTITY, 'A referenced record does not exist', 'UNKNOWN_REFERENCE');
      case '23514':
        return shape(HttpStatus.UNPROCESSABLE_ENTITY, 'This breaks a rule of the record', 'CONSTRAINT_VIOLATED');
      case '40P01':
      case '40001':
        // Two requests raced for the same rows and PostgreSQL chose this one to give way: safe to retry.
        return shape(HttpStatus.CONFLICT, 'Another change to the same records happened at the same moment; try again', 'CONCURRENT_CHANGE');
      case '22P02':
      case '22007':
      case '22008':
        return shape(HttpStatus.BAD_REQUEST, 'Malformed value', 'BAD_VALUE');
    }
    return shape(
      HttpStatus.INTERNAL_SERVER_ERROR,
      `Something went wrong on our side. Quote request id ${requestId ?? 'unknown'} to support.`,
      'INTERNAL',
    );
  }
}

function defaultCode(status: number): string | undefined {
  switch (status) {
    case 400:
      return 'VALIDATION_FAILED';
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 413:
      return 'PAYLOAD_TOO_LARGE';
    case 415:
      return 'UNSUPPORTED_MEDIA_TYPE';
    case 429:
      return 'TOO_MANY_REQUESTS';
    default:
      return undefined;
  }
}
