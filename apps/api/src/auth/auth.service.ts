import { Injectable, Logger, OnApplicationBootstrap, UnauthorizedException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/config.schema';
import { AccessTokenClaims } from './auth.guard';
import { hashPassword, verifyPassword } from './password';
import { Role } from './roles';

interface UserRow {
  id: string;
  email: string;
  password_hash: string;
  organisation_id: string;
  roles: Role[];
  active: boolean;
}

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
  ) {}

  async login(email: string, password: string, requestId?: string) {
    const [user]: UserRow[] = await this.dataSource.query(
      `select id, email, password_hash, organisation_id, roles, active from app_user where email = $1`,
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
      throw new UnauthorizedException('Email or password is wrong');
    }
    const claims: AccessTokenClaims = { sub: user.id, email: user.email, org: user.organisation_id, roles: user.roles };
    const accessToken = await this.jwt.signAsync(claims);
    const authUser = { id: user.id, email: user.email, organisationId: user.organisation_id, roles: user.roles };
    await this.audit.record(null, { user: authUser, requestId }, { action: 'login', entityType: 'user', entityId: user.id });
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: this.config.get('ACCESS_TOKEN_TTL_SECONDS', { infer: true }),
      user: authUser,
    };
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
        `insert into app_user (email, password_hash, display_name, organisation_id, roles)
         values ($1, $2, 'Administrator', $3, array['admin']) returning id`,
        [email.toLowerCase(), passwordHash, organisationId],
      );
      await this.audit.record(manager, {}, { action: 'create', entityType: 'user', entityId: admin.id, details: { bootstrap: true } });
      this.logger.log(`Created the first admin (${email})`);
    });
  }
}
