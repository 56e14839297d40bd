import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, AuditService } from '../audit/audit.service';
import { AccessPolicy } from '../auth/access-policy';
import { hashPassword } from '../auth/password';
import { AuthUser } from '../auth/roles';
import { badRequest, conflict, notFound, unprocessable } from '../common/domain-error';
import { OutboxService } from '../live/outbox.service';
import { USER_ACCESS_CHANGED } from '../live/live-events';
import { CreateUserDto, UpdateUserDto } from './users.dto';

const COLUMNS = `id, email, display_name as "displayName", organisation_id as "organisationId", roles, active, created_at as "createdAt"`;

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessPolicy,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  async create(actor: Actor, dto: CreateUserDto) {
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

  /**
   * Roles, active flag, display name. The account is read on every request (CurrentUserService), so the
   * change binds the user's next request; an outbox event closes their open live connections on every server.
   * The deployment keeps at least one active admin.
   */
  async update(actor: Actor & { user: AuthUser }, id: string, dto: UpdateUserDto) {
    if (dto.roles === undefined && dto.active === undefined && dto.displayName === undefined) {
      throw badRequest('Give at least one of roles, active, displayName');
    }
    const displayName = dto.displayName?.trim();
    if (displayName === '') throw badRequest('displayName must not be blank');
    return this.dataSource.transaction(async (manager) => {
      // One admin change at a time, so two admins cannot each remove the other as the "last" one.
      await manager.query(`select pg_advisory_xact_lock(hashtext('safe-harbour:user-admin'))`);
      const [before] = await manager.query(`select ${COLUMNS} from app_user where id = $1 for update`, [id]);
      if (!before) throw notFound('User');
      const roles: string[] = dto.roles ?? before.roles;
      const active = dto.active ?? before.active;
      if (before.active && before.roles.includes('admin') && (!active || !roles.includes('admin'))) {
        const [{ n }] = await manager.query(
          `select count(*)::int as n from app_user where active and 'admin' = any(roles) and id <> $1`,
          [id],
        );
        if (n === 0) throw conflict('LAST_ADMIN', 'This is the last active admin: make another admin first');
      }
      // Wrapped in a select: TypeORM returns [rows, count] for a bare UPDATE ... RETURNING.
      const [user] = await manager.query(
        `with changed as (update app_user set roles = $2, active = $3, display_name = $4 where id = $1 returning *)
         select ${COLUMNS} from changed`,
        [id, roles, active, displayName ?? before.displayName],
      );
      const accessChanged = active !== before.active || [...roles].sort().join() !== [...before.roles].sort().join();
      await this.audit.record(manager, actor, {
        action: 'update',
        entityType: 'user',
        entityId: id,
        details: {
          ...(dto.roles ? { roles, rolesBefore: before.roles } : {}),
          ...(dto.active !== undefined ? { active, activeBefore: before.active } : {}),
          ...(displayName !== undefined ? { displayName } : {}),
        },
      });
      if (accessChanged) {
        await this.outbox.emit(manager, { type: USER_ACCESS_CHANGED, organisationId: user.organisationId, data: { userId: id, active } });
      }
      return user;
    });
  }

  async get(viewer: AuthUser, id: string) {
    const [user] = await this.dataSource.query(`select ${COLUMNS} from app_user where id = $1`, [id]);
    if (!user || !this.access.canSeeOrganisation(viewer, user.organisationId)) throw notFound('User');
    return user;
  }
}
