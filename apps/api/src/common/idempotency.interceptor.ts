import {
  applyDecorators,
  CallHandler,
  ExecutionContext,
  HttpStatus,
  Injectable,
  Logger,
  NestInterceptor,
  OnApplicationBootstrap,
  OnModuleDestroy,
  UseInterceptors,
} from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ApiHeader } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { from, Observable, of, throwError } from 'rxjs';
import { catchError, map, mergeMap } from 'rxjs/operators';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../config/config.schema';
import { RequestTransactionHooks, requestTransactions } from '../database/request-transactions';
import { DomainError } from './domain-error';

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
 *
 * A request first claims its key (a row with a fresh claim token, committed at once, so a concurrent
 * retry sees "in progress"). Its response is then stored inside its own transaction, just before commit
 * (see RequestTransactionHooks), and only while it still holds the claim: a committed change always has
 * its stored response, and a crash before commit leaves a claim with no response and no change. Such a
 * claim, once older than IDEMPOTENCY_CLAIM_TIMEOUT_SECONDS, is taken over by the next retry with the
 * same body; a request whose claim was taken over cannot commit. Records expire after
 * IDEMPOTENCY_RETENTION_HOURS (IdempotencyRetention deletes them; an expired key may be used afresh).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService<AppConfig, true>,
  ) {}

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
    const fingerprint = idempotencyFingerprint(request.method, path, request.body);
    const userId: string = request.user.id;

    return from(this.claim(userId, key, request.method, path, fingerprint)).pipe(
      mergeMap((claim) => {
        if ('replay' in claim) {
          response.status(claim.replay.status);
          response.setHeader('Idempotent-Replay', 'true');
          return of(claim.replay.body);
        }
        const { token } = claim;
        let storedJson: string | undefined;
        const hooks: RequestTransactionHooks = {
          beforeCommit: async (manager, result) => {
            storedJson = JSON.stringify(result ?? null);
            await this.store(manager, userId, key, token, response.statusCode, storedJson);
          },
        };
        return requestTransactions.run(hooks, () => next.handle()).pipe(
          // The body the client gets is usually what the transaction returned; store it again only if not.
          mergeMap((body) => {
            const json = JSON.stringify(body ?? null);
            if (json === storedJson) return of(body);
            return from(this.store(this.dataSource.manager, userId, key, token, response.statusCode, json)).pipe(map(() => body));
          }),
          catchError((err) => from(this.release(userId, key, token)).pipe(mergeMap(() => throwError(() => err)))),
        );
      }),
    );
  }

  /** Claims the key for this request, or returns the stored response of an earlier one. */
  private async claim(
    userId: string,
    key: string,
    method: string,
    path: string,
    fingerprint: string,
  ): Promise<{ token: string } | { replay: { status: number; body: unknown } }> {
    const token = randomUUID();
    // A new key; or one whose claim outlived its request (same body, never completed); or an expired record.
    const claimed = await this.dataSource.query(
      `insert into idempotency_record as r (user_id, key, method, path, request_hash, claim_token)
       values ($1, $2, $3, $4, $5, $6)
       on conflict (user_id, key) do update
         set method = excluded.method, path = excluded.path, request_hash = excluded.request_hash,
             claim_token = excluded.claim_token, claimed_at = now(), created_at = now(),
             status_code = null, response = null, completed_at = null
         where (r.completed_at is null and r.request_hash = excluded.request_hash
                and r.claimed_at < now() - make_interval(secs => $7))
            or r.created_at < now() - make_interval(hours => $8)
       returning claim_token`,
      [userId, key, method, path, fingerprint, token, this.config.get('IDEMPOTENCY_CLAIM_TIMEOUT_SECONDS', { infer: true }), this.config.get('IDEMPOTENCY_RETENTION_HOURS', { infer: true })],
    );
    if (claimed.length > 0) return { token };
    const [row] = await this.dataSource.query(
      `select request_hash, status_code, response from idempotency_record where user_id = $1 and key = $2`,
      [userId, key],
    );
    if (!row) return this.claim(userId, key, method, path, fingerprint); // released in between: try again
    if (row.request_hash !== fingerprint) {
      throw new DomainError(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'IDEMPOTENCY_KEY_REUSED',
        'This Idempotency-Key was already used for a different request',
      );
    }
    if (row.status_code === null) {
      throw new DomainError(
        HttpStatus.CONFLICT,
        'IDEMPOTENCY_IN_PROGRESS',
        'The first request with this key is still being processed; retry shortly',
        undefined,
        2,
      );
    }
    return { replay: { status: row.status_code as number, body: row.response } };
  }

  /** Stores the response while this request still holds the claim; in the change's transaction, the change rolls back otherwise. */
  private async store(manager: EntityManager, userId: string, key: string, token: string, status: number, json: string) {
    const [, affected] = await manager.query(
      `update idempotency_record set status_code = $4, response = $5::jsonb, completed_at = coalesce(completed_at, now())
       where user_id = $1 and key = $2 and claim_token = $3`,
      [userId, key, token, status, json],
    );
    if (affected === 0) {
      throw new DomainError(
        HttpStatus.CONFLICT,
        'IDEMPOTENCY_CLAIM_LOST',
        'This request took so long that a retry with the same Idempotency-Key took over; nothing was changed by this one',
      );
    }
  }

  private async release(userId: string, key: string, token: string) {
    // A failed attempt must not poison the key: the client may fix the cause and retry with it. A change
    // that did commit keeps its stored response (completed_at is set).
    await this.dataSource
      .query(`delete from idempotency_record where user_id = $1 and key = $2 and claim_token = $3 and completed_at is null`, [userId, key, token])
      .catch(() => undefined); // the database may be what failed; the claim then goes stale and is taken over
  }
}

/** The request as the key's record remembers it: method, path and the body in canonical JSON. */
export function idempotencyFingerprint(method: string, path: string, body: unknown): string {
  return createHash('sha256').update(`${method} ${path}\n${canonicalJson(body)}`).digest('hex');
}

/** Deletes idempotency records past IDEMPOTENCY_RETENTION_HOURS, hourly. */
@Injectable()
export class IdempotencyRetention implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(IdempotencyRetention.name);
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: ConfigService<AppConfig, true>,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.prune(), 3600_000);
    this.timer.unref();
  }

  async prune(): Promise<number> {
    try {
      const [, deleted] = await this.dataSource.query(
        `delete from idempotency_record where created_at < now() - make_interval(hours => $1)`,
        [this.config.get('IDEMPOTENCY_RETENTION_HOURS', { infer: true })],
      );
      if (deleted > 0) this.logger.log(`Deleted ${deleted} idempotency records past retention`);
      return deleted;
    } catch (err) {
      this.logger.error(`Idempotency pruning failed: ${(err as Error).message}`);
      return 0;
    }
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }
}

/** Marks a create endpoint as honouring `Idempotency-Key`. */
export const Idempotent = () =>
  applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Retry-safe create: same key + same body returns the first response' }),
  );
