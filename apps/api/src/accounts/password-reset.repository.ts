import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface ResetTarget {
  id: string;
  email: string;
  displayName: string;
  organisationId: string;
  active: boolean;
}

export interface OpenReset {
  resetId: string;
  userId: string;
  email: string;
  displayName: string;
  organisationId: string;
  active: boolean;
  expired: boolean;
}

/** SQL for one-time password reset codes. Only a hash of each code is stored. */
@Injectable()
export class PasswordResetRepository {
  async lockUser(m: EntityManager, userId: string): Promise<ResetTarget | null> {
    const rows = await m.query(
      `select id, email, display_name as "displayName", organisation_id as "organisationId", active
       from app_user where id = $1 for update`,
      [userId],
    );
    return rows[0] ?? null;
  }

  /** Revokes any open code of the user and stores the new one; the user must then change their password. */
  async issue(m: EntityManager, userId: string, codeHash: string, issuedBy: string, ttlMinutes: number): Promise<{ id: string; expiresAt: Date }> {
    await m.query(`update password_reset set revoked_at = now() where user_id = $1 and used_at is null and revoked_at is null`, [userId]);
    const [row] = await m.query(
      `insert into password_reset (user_id, code_hash, issued_by, expires_at)
       values ($1, $2, $3, now() + make_interval(mins => $4)) returning id, expires_at as "expiresAt"`,
      [userId, codeHash, issuedBy, ttlMinutes],
    );
    await m.query(`update app_user set must_change_password = true where id = $1`, [userId]);
    return row;
  }

  /** The open code with this hash for this email, locked; `expired` is judged by the database clock. */
  async findOpen(m: EntityManager, email: string, codeHash: string): Promise<OpenReset | null> {
    const rows = await m.query(
      `select r.id as "resetId", u.id as "userId", u.email, u.display_name as "displayName",
              u.organisation_id as "organisationId", u.active, r.expires_at <= now() as expired
       from password_reset r join app_user u on u.id = r.user_id
       where r.code_hash = $1 and u.email = $2 and r.used_at is null and r.revoked_at is null
       for update of r, u`,
      [codeHash, email.toLowerCase()],
    );
    return rows[0] ?? null;
  }

  async redeem(m: EntityManager, resetId: string, userId: string, passwordHash: string): Promise<void> {
    await m.query(`update password_reset set used_at = now() where id = $1`, [resetId]);
    await m.query(`update app_user set password_hash = $2, must_change_password = false, password_changed_at = now() where id = $1`, [userId, passwordHash]);
  }
}
