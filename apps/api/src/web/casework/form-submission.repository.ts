import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface StoredSubmission {
  requestHash: string;
  done: boolean;
  response: { location: string; message?: string } | null;
}

/**
 * A form's submission key in the same table as the API's `Idempotency-Key`s (prefixed `form:`), so a
 * form post and an API call can never be confused, and retention treats both alike.
 */
@Injectable()
export class FormSubmissionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** True when this call claimed the key; false when an earlier submission has it. */
  async claim(userId: string, key: string, path: string, requestHash: string): Promise<boolean> {
    const rows = await this.dataSource.query(
      `insert into idempotency_record (user_id, key, method, path, request_hash, claim_token) values ($1, $2, 'POST', $3, $4, gen_random_uuid())
       on conflict do nothing returning key`,
      [userId, key, path, requestHash],
    );
    return rows.length > 0;
  }

  async find(userId: string, key: string): Promise<StoredSubmission | null> {
    const [row] = await this.dataSource.query(
      `select request_hash as "requestHash", status_code is not null as done, response from idempotency_record where user_id = $1 and key = $2`,
      [userId, key],
    );
    return row ?? null;
  }

  async complete(userId: string, key: string, response: { location: string; message?: string }): Promise<void> {
    await this.dataSource.query(`update idempotency_record set status_code = 303, response = $3::jsonb, completed_at = now() where user_id = $1 and key = $2`, [
      userId,
      key,
      JSON.stringify(response),
    ]);
  }

  async release(userId: string, key: string): Promise<void> {
    await this.dataSource.query(`delete from idempotency_record where user_id = $1 and key = $2`, [userId, key]);
  }
}
