import { HttpStatus, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomInt } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Actor, AuditService } from '../audit/audit.service';
import { hashPassword } from '../auth/password';
import { AuthUser } from '../auth/roles';
import { conflict, DomainError, notFound } from '../common/domain-error';
import { AppConfig } from '../config/config.schema';
import { PasswordPolicy } from '../auth/password-policy';
import { PasswordResetRepository } from './password-reset.repository';

// Crockford's base32 without I, L, O and U: nothing to misread when an admin reads a code out on the phone.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CODE_LENGTH = 16; // 80 bits: guessing one within its lifetime through a rate-limited route is hopeless

export function newResetCode(): string {
  const chars = Array.from({ length: CODE_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return chars.join('').match(/.{4}/g)!.join('-');
}

/** Spaces, dashes and case do not matter, and the letters people confuse with digits read as those digits. */
export function normaliseResetCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

export const hashResetCode = (code: string) => createHash('sha256').update(normaliseResetCode(code)).digest('hex');

const INVALID_CODE = () =>
  new DomainError(HttpStatus.UNPROCESSABLE_ENTITY, 'RESET_CODE_INVALID', 'This reset code is wrong, has been used or has expired: ask an administrator for a new one');

/**
 * Password reset without email: an admin issues a one-time code and reads it to the user, who redeems it at
 * /reset-password with their email and a new password. Issuing revokes any earlier code and sets the
 * account's must-change-password flag; the code itself is never stored or audited, only its hash.
 */
@Injectable()
export class PasswordResetService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly resets: PasswordResetRepository,
    private readonly policy: PasswordPolicy,
    private readonly audit: AuditService,
    private readonly config: ConfigService<AppConfig, true>,
  ) {}

  async issue(actor: Actor & { user: AuthUser }, userId: string): Promise<{ userId: string; resetCode: string; expiresAt: Date }> {
    const resetCode = newResetCode();
    const ttl = this.config.get('PASSWORD_RESET_TTL_MINUTES', { infer: true });
    return this.dataSource.transaction(async (m) => {
      const user = await this.resets.lockUser(m, userId);
      if (!user) throw notFound('User');
      if (!user.active) throw conflict('USER_INACTIVE', `${user.displayName}'s account is deactivated: reactivate it before resetting the password`);
      const { expiresAt } = await this.resets.issue(m, userId, hashResetCode(resetCode), actor.user.id, ttl);
      await this.audit.record(m, actor, { action: 'issue_password_reset', entityType: 'user', entityId: userId, details: { expiresAt } });
      return { userId, resetCode, expiresAt };
    });
  }

  async redeem(requestId: string | undefined, email: string, resetCode: string, newPassword: string): Promise<{ passwordChanged: true }> {
    const codeHash = hashResetCode(resetCode);
    const passwordHash = await this.dataSource.transaction(async (m) => {
      const open = await this.resets.findOpen(m, email, codeHash);
      if (!open || open.expired || !open.active) return null;
      // Checked before the code is spent, so a refused password can be retried with the same code.
      this.policy.assertAcceptable(newPassword, [open.email, open.displayName]);
      const hash = await hashPassword(newPassword);
      await this.resets.redeem(m, open.resetId, open.userId, hash);
      await this.audit.record(m, { user: { id: open.userId, email: open.email, organisationId: open.organisationId, roles: [] }, requestId }, {
        action: 'redeem_password_reset',
        entityType: 'user',
        entityId: open.userId,
      });
      return hash;
    });
    if (!passwordHash) {
      await this.audit.record(null, { requestId }, { action: 'password_reset_failed', entityType: 'user', details: { email: email.toLowerCase() } });
      throw INVALID_CODE();
    }
    return { passwordChanged: true };
  }
}
