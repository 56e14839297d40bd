import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, AuditService } from '../audit/audit.service';
import { AccessPolicy } from '../auth/access-policy';
import { hashPassword } from '../auth/password';
import { PasswordPolicy } from '../auth/password-policy';
import { AuthUser } from '../auth/roles';
import { conflict, notFound, unprocessable } from '../common/domain-error';
import { CreateUserDto } from './users.dto';

const COLUMNS = `id, email, display_name as "displayName", organisation_id as "organisationId", roles, active, created_at as "createdAt"`;

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
    private readonly audit: AuditService,
    private readonly passwordPolicy: PasswordPolicy,
  ) {}

  async create(actor: Actor, dto: CreateUserDto) {
    this.passwordPolicy.assertAcceptable(dto.password, [dto.email, dto.displayName]);
    const passwordHash = await hashPassword(dto.password);
    return this.dataSource.transaction(async (manager) => {
      const [organisation] = await manager.query(`select id from organisation where id = $1`, [dto.organisationId]);
      if (!organisation) throw unprocessable('UNKNOWN_ORGANISATION', 'organisationId names no organisation');
      const [user] = await manager.query(
        `insert into app_user (email, password_hash, display_name, organisation_id, roles)
         values ($1, $2, $3, $4, $5) on conflict do nothing returning ${COLUMNS}`,
        [dto.email.toLowerCase(), passwordHash, dto.displayName.trim(), dto.organisationId, dto.roles],
      );
      if (!user) throw conflict('ALREADY_EXISTS', 'A user with this email already exists');
      await this.audit.record(manager, actor, {
        action: 'create',
        entityType: 'user',
        entityId: user.id,
        details: { organisationId: dto.organisationId, roles: dto.roles },
      });
      return user;
    });
  }

  async get(viewer: AuthUser, id: string) {
    const [user] = await this.dataSource.query(`select ${COLUMNS} from app_user where id = $1`, [id]);
    if (!user || !this.access.canSeeOrganisation(viewer, user.organisationId)) throw notFound('User');
    return user;
  }
}
