import { Injectable, Logger, OnApplicationBootstrap, UnauthorizedException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { unprocessable } from '../common/domain-error';
import { AppConfig, DEMO_ADMIN_PASSWORD } from '../config/config.schema';
import { AccessTokenClaims } from './auth.guard';
import { hashPassword, verifyPassword } from './password';
import { PasswordPolicy } from './password-policy';
import { LoginLimiter } from './login-limiter';
import { AuthUser, Role } from './roles';

interface UserRow {
  id: string;
  email: string;
  password_hash: string;
  organisation_id: string;
  roles: Role[];
  active: boolean;
  must_change_password: boolean;
}

/** Long enough to be a passphrase; the same floor as the configured admin password. */
export const MIN_PASSWORD_LENGTH = 12;

@Injectable()
export class AuthService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AuthService.name);
  // Verifying against a real hash when the email is unknown keeps the timing of both failures alike.
  private readonly decoyHash = hashPassword('decoy-password-never-matches');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly config: ConfigService<AppConfig, true>,
    private readonly audit: AuditService,
    private readonly passwordPolicy: PasswordPolicy,
    private readonly limiter: LoginLimiter,
  ) {}

  /** `ip`: the client's address as the server trusts it (see TRUSTED_PROXIES); limits in LoginLimiter. */
  async login(email: string, password: string, requestId?: string, ip?: string) {
    await this.limiter.before(ip, email);
    const [user]: UserRow[] = await this.dataSource.query(
      `select id, email, password_hash, organisation_id, roles, active, must_change_password from app_user where email = $1`,
      [email.toLowerCase()],
    );
    const ok = user ? await verifyPassword(user.password_hash, password) : await verifyPassword(await this.decoyHash, password);
    if (!user || !ok || !user.active) {
      await this.audit.record(null, { requestId }, {
        action: 'login_failed',
        entityType: 'user',
        entityId: user?.id ?? null,
        details: { email: email.toLowerCase() },
      });
      await this.limiter.failed(email);
      throw new UnauthorizedException('Email or password is wrong');
    }
    await this.limiter.succeeded(email);
    const authUser = { id: user.id, email: user.email, organisationId: user.organisation_id, roles: user.roles };
    await this.audit.record(null, { user: authUser, requestId }, { action: 'login', entityType: 'user', entityId: user.id });
    // The demo password is printed in the README: whoever signs in with it must choose their own, and that
    // is recorded on the account (so a renewed session cannot skip it).
    if (password === DEMO_ADMIN_PASSWORD && !user.must_change_password) {
      await this.dataSource.query(`update app_user set must_change_password = true where id = $1`, [user.id]);
      user.must_change_password = true;
    }
    return this.issue(user);
  }

  private async issue(user: Pick<UserRow, 'id' | 'email' | 'organisation_id' | 'roles' | 'must_change_password'>) {
    const claims: AccessTokenClaims = {
      sub: user.id,
      email: user.email,
      org: user.organisation_id,
      roles: user.roles,
      ...(user.must_change_password ? { pwd: true } : {}),
    };
    return {
      accessToken: await this.jwt.signAsync(claims),
      tokenType: 'Bearer',
      expiresIn: this.config.get('ACCESS_TOKEN_TTL_SECONDS', { infer: true }),
      user: { id: user.id, email: user.email, organisationId: user.organisation_id, roles: user.roles },
      mustChangePassword: user.must_change_password,
    };
  }

  /**
   * A fresh token for a signed-in user who is still active ("stay signed in" before the session ends).
   * Roles and the password flag are read again, so a change made meanwhile applies from now on.
   */
  async renew(current: AuthUser) {
    const [user]: UserRow[] = await this.dataSource.query(
      `select id, email, organisation_id, roles, active, must_change_password from app_user where id = $1`,
      [current.id],
    );
    if (!user || !user.active) throw new UnauthorizedException('Sign in again');
    return this.issue(user);
  }

  /** Checks the current password, stores the new one and clears "must change"; returns a token without the flag. */
  async changePassword(actor: { user: AuthUser; requestId?: string }, currentPassword: string, newPassword: string) {
    const [user]: UserRow[] = await this.dataSource.query(
      `select id, email, password_hash, organisation_id, roles, active, must_change_password from app_user where id = $1`,
      [actor.user.id],
    );
    if (!user || !user.active) throw new UnauthorizedException('Sign in again');
    if (!(await verifyPassword(user.password_hash, currentPassword))) {
      throw unprocessable('WRONG_PASSWORD', 'Your current password is wrong');
    }
    if (newPassword.length < MIN_PASSWORD_LENGTH) {
      throw unprocessable('PASSWORD_TOO_SHORT', `Your new password must be ${MIN_PASSWORD_LENGTH} characters or more`);
    }
    if (newPassword === currentPassword) throw unprocessable('PASSWORD_UNCHANGED', 'Your new password must be different from your current one');
    if (newPassword === DEMO_ADMIN_PASSWORD) throw unprocessable('PASSWORD_PUBLISHED', 'This password is printed in the documentation: choose another');
    this.passwordPolicy.assertAcceptable(newPassword, [user.email]);
    const passwordHash = await hashPassword(newPassword);
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `update app_user set password_hash = $2, must_change_password = false, password_changed_at = now() where id = $1`,
        [user.id, passwordHash],
      );
      await this.audit.record(manager, actor, { action: 'change_password', entityType: 'user', entityId: user.id });
    });
    return this.issue({ ...user, must_change_password: false });
  }

  /** First start on an empty database: create the administering organisation and its admin. */
  async onApplicationBootstrap(): Promise<void> {
    const email = this.config.get('ADMIN_EMAIL', { infer: true });
    const password = this.config.get('ADMIN_PASSWORD', { infer: true });
    const passwordHash = await hashPassword(password);
    await this.dataSource.transaction(async (manager) => {
      // Two processes starting together must not both create an admin.
      await manager.query(`select pg_advisory_xact_lock(hashtext('safe-harbour:bootstrap-admin'))`);
      const [{ count }] = await manager.query(`select count(*)::int as count from app_user`);
      if (count > 0) return;
      const [org] = await manager.query(
        `insert into organisation (name, kind) values ('Safe Harbour administration', 'other')
         on conflict do nothing returning id`,
      );
      const organisationId = org?.id ?? (await manager.query(`select id from organisation where lower(name) = 'safe harbour administration'`))[0].id;
      const [admin] = await manager.query(
        `insert into app_user (email, password_hash, display_name, organisation_id, roles, must_change_password)
         values ($1, $2, 'Administrator', $3, array['admin'], $4) returning id`,
        // The demo password is printed in the README: whoever signs in with it first is made to change it.
        [email.toLowerCase(), passwordHash, organisationId, password === DEMO_ADMIN_PASSWORD],
      );
      await this.audit.record(manager, {}, { action: 'create', entityType: 'user', entityId: admin.id, details: { bootstrap: true } });
      this.logger.log(`Created the first admin (${email})`);
    });
  }
}
