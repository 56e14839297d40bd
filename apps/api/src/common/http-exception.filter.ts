import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { publicUrl, RedirectTo, renderPageError } from '../web/web-errors';
import { DomainError } from './domain-error';

// What the filter needs of Express' request and response (kept loose: it also runs as Express middleware).
type WebishRequest = { id?: string; method: string; isWebPage?: boolean };
type WebishResponse = {
  headersSent: boolean;
  setHeader(name: string, value: string): unknown;
  redirect(status: number, url: string): void;
  status(code: number): { json(body: unknown): unknown; type(t: string): { send(b: string): void } };
};

interface PgError {
  code?: string;
  constraint?: string;
  detail?: string;
  message?: string;
}

/** A body-parser (http-errors) refusal: a 4xx meant for the client, e.g. 413 for a body over the limit. */
interface ClientHttpError {
  status: number;
  expose: boolean;
  message: string;
  code?: string;
  type?: string;
}

export interface DescribedError {
  status: number;
  body: Record<string, unknown>;
  /** Seconds after which a retry may succeed (sent as `Retry-After`). */
  retryAfter?: number;
}

// Node's socket errors, and node-postgres' own words when it has no connection to give.
const CONNECTION_LOST = /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|EPIPE|Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is not established|the database system is (starting up|shutting down|in recovery mode)|terminating connection due to administrator command/i;

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
    this.send(exception, request, response);
  }

  /** Also the Express error handler's (app.setup): errors raised before Nest's routing, e.g. by the body parser. */
  send(exception: unknown, request: WebishRequest | undefined, response: WebishResponse): void {
    if (request?.isWebPage && exception instanceof RedirectTo) {
      if (!response.headersSent) response.redirect(303, exception.url);
      return;
    }
    const { status, body, retryAfter } = this.describe(exception, request?.id);
    if (status === HttpStatus.INTERNAL_SERVER_ERROR) {
      this.logger.error({ err: loggableError(exception), requestId: request?.id }, 'request failed');
    } else if (status >= 500) {
      this.logger.warn({ err: loggableError(exception), requestId: request?.id }, `request refused: ${body.code}`);
    }
    if (response.headersSent) return;
    if (retryAfter !== undefined) response.setHeader('Retry-After', String(retryAfter));
    if (request?.isWebPage) return this.page(request, response, status, body.message);
    response.status(status).json(body);
  }

  /** Web pages answer with a page in words (see web/web-errors.ts), never the JSON body. */
  private page(request: { id?: string; method: string }, response: { status(s: number): { type(t: string): { send(b: string): void } } }, status: number, message: unknown) {
    try {
      renderPageError(request as never, response as never, status, message, request.id);
    } catch (err) {
      this.logger.error({ err: loggableError(err), requestId: request.id, url: publicUrl(request as never) }, 'error page failed');
      response.status(status).type('text/plain').send(`Sorry, there is a problem with the service. Request id ${request.id ?? 'unknown'}.`);
    }
  }

  describe(exception: unknown, requestId?: string): DescribedError {
    const shape = (status: number, message: unknown, code?: string, details?: unknown, retryAfter?: number): DescribedError => ({
      status,
      body: {
        statusCode: status,
        error: STATUS_CODES[status] ?? 'Error',
        message,
        ...(code ? { code } : {}),
        ...(details !== undefined ? { details } : {}),
      },
      ...(retryAfter !== undefined ? { retryAfter } : {}),
    });
    if (exception instanceof DomainError) {
      return shape(exception.status, exception.message, exception.code, exception.details, exception.retryAfter);
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const res = exception.getResponse();
      const message = typeof res === 'string' ? res : ((res as { message?: unknown }).message ?? exception.message);
      const code = typeof res === 'object' ? (res as { code?: string }).code : undefined;
      return shape(status, message, code ?? defaultCode(status));
    }
    if (isClientHttpError(exception)) {
      return shape(exception.status, exception.message, exception.code ?? defaultCode(exception.status) ?? 'BAD_REQUEST');
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
        return shape(HttpStatus.CONFLICT, 'Another change to the same records happened at the same moment; try again', 'CONCURRENT_CHANGE', undefined, 1);
      case '55P03':
        // lock_timeout: another change holds these records longer than we wait (DB_LOCK_TIMEOUT_MS).
        return shape(HttpStatus.CONFLICT, 'Someone else is changing the same records right now; try again in a moment', 'RECORDS_BUSY', undefined, 2);
      case '57014':
        // statement_timeout (DB_STATEMENT_TIMEOUT_MS): the database is too busy to answer in time.
        return shape(HttpStatus.SERVICE_UNAVAILABLE, 'The database took too long to answer; try again shortly', 'DATABASE_BUSY', undefined, 5);
      case '25P03':
      case '53300':
      case '57P01':
      case '57P02':
      case '57P03':
      case '08000':
      case '08001':
      case '08003':
      case '08004':
      case '08006':
        return databaseUnavailable(shape);
      case '22P02':
      case '22007':
      case '22008':
      case '22021':
      case '22P05':
        return shape(HttpStatus.BAD_REQUEST, 'Malformed value', 'BAD_VALUE');
    }
    if (isConnectionLost(exception)) return databaseUnavailable(shape);
    return shape(
      HttpStatus.INTERNAL_SERVER_ERROR,
      `Something went wrong on our side. Quote request id ${requestId ?? 'unknown'} to support.`,
      'INTERNAL',
    );
  }
}

function databaseUnavailable(shape: (s: number, m: unknown, c?: string, d?: unknown, r?: number) => DescribedError): DescribedError {
  return shape(HttpStatus.SERVICE_UNAVAILABLE, 'The database cannot be reached right now; try again shortly', 'DATABASE_UNAVAILABLE', undefined, 5);
}

function isClientHttpError(e: unknown): e is ClientHttpError {
  const err = e as Partial<ClientHttpError> | null;
  return !!err && typeof err.status === 'number' && err.status >= 400 && err.status < 500 && err.expose === true && typeof err.message === 'string';
}

function isConnectionLost(e: unknown): boolean {
  const err = e as { code?: unknown; message?: unknown; driverError?: unknown } | null;
  if (!err) return false;
  if (typeof err.code === 'string' && CONNECTION_LOST.test(err.code)) return true;
  if (typeof err.message === 'string' && CONNECTION_LOST.test(err.message)) return true;
  return err.driverError !== undefined && err.driverError !== e && isConnectionLost(err.driverError);
}

/**
 * What the log may keep of an error. A failed query carries its parameters (names, dates of birth,
 * addresses) and PostgreSQL's `detail` (which quotes the failing row): neither is ever logged. The SQL
 * text, the error code and the stack are enough to find the fault.
 */
export function loggableError(e: unknown): Record<string, unknown> {
  if (!(e instanceof Error)) return { message: String(e) };
  const pg = e as Error & { code?: string; query?: string; constraint?: string; table?: string; column?: string; routine?: string; where?: string };
  return {
    type: e.name,
    message: e.message,
    ...(pg.code ? { code: pg.code } : {}),
    ...(typeof pg.query === 'string' ? { query: pg.query } : {}),
    ...(pg.table ? { table: pg.table } : {}),
    ...(pg.column ? { column: pg.column } : {}),
    ...(pg.constraint ? { constraint: pg.constraint } : {}),
    ...(pg.routine ? { routine: pg.routine } : {}),
    stack: e.stack,
  };
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
