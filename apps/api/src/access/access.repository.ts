import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Role } from '../auth/roles';

export interface AccountRow {
  id: string;
  email: string;
  organisationId: string;
  roles: Role[];
  active: boolean;
}

/**
 * Every SQL question the access layer asks, in one place (the access service decides with the answers):
 * who the caller is now, which part their organisation plays in an operation, which objects belong to which
 * operation, organisation or site, and which agreements are in force. Feature repositories hold no access SQL.
 */
@Injectable()
export class AccessRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager) {
    return manager ?? this.dataSource.manager;
  }

  /** The account as it is now (roles and active flag are read on every request, never from the token). */
  async account(userId: string, manager?: EntityManager): Promise<AccountRow | null> {
    const rows = await this.m(manager).query(
      `select id, email, organisation_id as "organisationId", roles, active from app_user where id = $1`,
      [userId],
    );
    return rows[0] ?? null;
  }
}
