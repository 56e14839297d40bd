import { DataSource } from 'typeorm';

export interface StoredResponse {
  status: number;
  body: unknown;
}

export type Claim = { claimed: true } | { claimed: false; sameRequest: false } | { claimed: false; sameRequest: true; inProgress: boolean; response?: StoredResponse };

/**
 * Idempotency keys (idempotency_record): the API's Idempotency-Key header and the web desk's form keys
 * share this table, so a registration retried from either side is recognised. Keys are per user.
 */
export class IdempotencyRepository {
  constructor(private readonly dataSource: DataSource) {}

  async claim(userId: string, key: string, method: string, path: string, fingerprint: string): Promise<Claim> {
    const inserted = await this.dataSource.query(
      `insert into idempotency_record (user_id, key, method, path, request_hash) values ($1, $2, $3, $4, $5)
       on conflict do nothing returning key`,
      [userId, key, method, path, fingerprint],
    );
    if (inserted.length > 0) return { claimed: true };
    const [row] = await this.dataSource.query(
      `select request_hash, status_code, response from idempotency_record where user_id = $1 and key = $2`,
      [userId, key],
    );
    if (!row || row.request_hash !== fingerprint) return { claimed: false, sameRequest: false };
    if (row.status_code === null) return { claimed: false, sameRequest: true, inProgress: true };
    return { claimed: false, sameRequest: true, inProgress: false, response: { status: row.status_code, body: row.response } };
  }

  async complete(userId: string, key: string, status: number, body: unknown): Promise<void> {
    await this.dataSource.query(`update idempotency_record set status_code = $3, response = $4::jsonb where user_id = $1 and key = $2`, [
      userId,
      key,
      status,
      JSON.stringify(body ?? null),
    ]);
  }

  /** A failed attempt must not poison the key: the client may fix the cause and retry with it. */
  async release(userId: string, key: string): Promise<void> {
    await this.dataSource.query(`delete from idempotency_record where user_id = $1 and key = $2`, [userId, key]);
  }
}
