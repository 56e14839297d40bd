import {
  applyDecorators,
  CallHandler,
  ExecutionContext,
  HttpStatus,
  Injectable,
  NestInterceptor,
  UseInterceptors,
} from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { from, Observable, of } from 'rxjs';
import { catchError, mergeMap } from 'rxjs/operators';
import { DataSource } from 'typeorm';
import { DomainError } from './domain-error';
import { IdempotencyRepository } from './idempotency.repository';

/** Key order must not change the fingerprint: `{a,b}` and `{b,a}` are the same request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

const KEY_PATTERN = /^[A-Za-z0-9._:-]{1,200}$/;

/**
 * `Idempotency-Key` for create endpoints. Reception centres have poor connectivity and clients retry: the
 * same key with the same body gets the first response again and nothing new is created; the same key with
 * a different body is refused (422). Keys are scoped to the user who sent them.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly store: IdempotencyRepository;

  constructor(@InjectDataSource() dataSource: DataSource) {
    // Built here rather than injected: every module using @Idempotent() gets the interceptor without wiring.
    this.store = new IdempotencyRepository(dataSource);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest();
    const response = http.getResponse();
    const key = request.headers['idempotency-key'];
    if (key === undefined || !request.user) return next.handle();
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
      throw new DomainError(HttpStatus.BAD_REQUEST, 'BAD_IDEMPOTENCY_KEY', 'Idempotency-Key must be 1-200 characters of A-Z a-z 0-9 . _ : -');
    }
    const path = String(request.originalUrl ?? request.url).split('?')[0];
    const fingerprint = createHash('sha256')
      .update(`${request.method} ${path}\n${canonicalJson(request.body)}`)
      .digest('hex');
    const userId: string = request.user.id;

    return from(this.claim(userId, key, request.method, path, fingerprint)).pipe(
      mergeMap((previous) => {
        if (previous) {
          response.status(previous.status);
          response.setHeader('Idempotent-Replay', 'true');
          return of(previous.body);
        }
        return next.handle().pipe(
          mergeMap((body) => from(this.complete(userId, key, response.statusCode, body)).pipe(mergeMap(() => of(body)))),
          catchError((err) => from(this.release(userId, key)).pipe(mergeMap(() => { throw err; }))),
        );
      }),
    );
  }

  /** Returns the stored response of an earlier request with this key, or null if this request claimed it. */
  private async claim(userId: string, key: string, method: string, path: string, fingerprint: string) {
    const claim = await this.store.claim(userId, key, method, path, fingerprint);
    if (claim.claimed) return null;
    if (!claim.sameRequest) {
      throw new DomainError(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'IDEMPOTENCY_KEY_REUSED',
        'This Idempotency-Key was already used for a different request',
      );
    }
    if (claim.inProgress || !claim.response) {
      throw new DomainError(HttpStatus.CONFLICT, 'IDEMPOTENCY_IN_PROGRESS', 'The first request with this key is still being processed; retry shortly');
    }
    return claim.response;
  }

  private complete(userId: string, key: string, status: number, body: unknown) {
    return this.store.complete(userId, key, status, body);
  }

  private release(userId: string, key: string) {
    return this.store.release(userId, key);
  }
}

/** Marks a create endpoint as honouring `Idempotency-Key`. */
export const Idempotent = () =>
  applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retry-safe create: same key + same body returns the first response' }),
  );
