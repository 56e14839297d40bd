import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

export interface StoredResponse {
  status: number;
  body: unknown;
}

export type Claim = { claimed: true; token: string } | { claimed: false; sameRequest: false } | { claimed: false; sameRequest: true; inProgress: boolean; response?: StoredResponse };

/**
 * Idempotency keys (idempotency_record) for the web desk's forms: the same table as the API's
 * Idempotency-Key (IdempotencyInterceptor), keys per user, the desk's prefixed `web:` so the two never
 * collide. A claim carries its token; only the claimant completes or releases it.
 */
export class IdempotencyRepository {
  constructor(private readonly dataSource: DataSource) {}

  async claim(userId: string, key: string, method: string, path: string, fingerprint: string): Promise<Claim> {
    const token = randomUUID();
    const inserted = await this.dataSource.query(
      `insert into idempotency_record (user_id, key, method, path, request_hash, claim_token) values ($1, $2, $3, $4, $5, $6)
       on conflict do nothing returning key`,
      [userId, key, method, path, fingerprint, token],
    );
    if (inserted.length > 0) return { claimed: true, token };
    const [row] = await this.dataSource.query(
      `select request_hash, status_code, response from idempotency_record where user_id = $1 and key = $2`,
      [userId, key],
    );
    if (!row || row.request_hash !== fingerprint) return { claimed: false, sameRequest: false };
    if (row.status_code === null) return { claimed: false, sameRequest: true, inProgress: true };
    return { claimed: false, sameRequest: true, inProgress: false, response: { status: row.status_code, body: row.response } };
  }

  async complete(userId: string, key: string, token: string, status: number, body: unknown): Promise<void> {
    await this.dataSource.query(
      `update idempotency_record set status_code = $4, response = $5::jsonb, completed_at = now()
       where user_id = $1 and key = $2 and claim_token = $3`,
      [userId, key, token, status, JSON.stringify(body ?? null)],
    );
  }

  /** A failed attempt must not poison the key: the client may fix the cause and retry with it. */
  async release(userId: string, key: string, token: string): Promise<void> {
    await this.dataSource.query(`delete from idempotency_record where user_id = $1 and key = $2 and claim_token = $3 and completed_at is null`, [userId, key, token]);
  }
}
