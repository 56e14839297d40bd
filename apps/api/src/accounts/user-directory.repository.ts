import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Role } from '../auth/roles';

export interface DirectoryUser {
  id: string;
  email: string;
  displayName: string;
  organisationId: string;
  organisationName: string;
  roles: Role[];
  active: boolean;
  mustChangePassword: boolean;
  createdAt: Date;
  lastSignInAt: Date | null;
}

export interface DirectoryFilter {
  q?: string;
  role?: Role;
  organisationId?: string;
  active?: boolean;
}

/** SQL for the admin's view of accounts: who has access, with which roles, in which organisation. */
@Injectable()
export class UserDirectoryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Ordered by name then id; the keyset `(lower(name), id) > cursor` never skips two people of one name. */
  async page(filter: DirectoryFilter, after: { name: string; id: string } | undefined, limit: number): Promise<DirectoryUser[]> {
    const q = filter.q?.trim();
    return this.dataSource.query(
      `select u.id, u.email, u.display_name as "displayName", u.organisation_id as "organisationId",
              o.name as "organisationName", u.roles, u.active, u.must_change_password as "mustChangePassword",
              u.created_at as "createdAt",
              (select max(a.at) from audit_event a where a.actor_user_id = u.id and a.action = 'login') as "lastSignInAt"
       from app_user u
       join organisation o on o.id = u.organisation_id
       where ($1::text is null
              or u.display_name ilike '%' || $1 || '%' escape '\\'
              or u.email ilike '%' || $1 || '%' escape '\\'
              or o.name ilike '%' || $1 || '%' escape '\\'
              or (array_to_string(u.roles, ' ') || ' ' || replace(array_to_string(u.roles, ' '), '_', ' ')) ilike '%' || $1 || '%' escape '\\')
         and ($2::text is null or $2 = any(u.roles))
         and ($3::uuid is null or u.organisation_id = $3)
         and ($4::boolean is null or u.active = $4)
         and ($5::text is null or (lower(u.display_name), u.id) > ($5, $6::uuid))
       order by lower(u.display_name), u.id
       limit $7`,
      [q ? likePattern(q) : null, filter.role ?? null, filter.organisationId ?? null, filter.active ?? null, after?.name ?? null, after?.id ?? null, limit],
    );
  }
}

/** Searched text is matched literally: `%` and `_` typed by the admin are not wildcards. */
function likePattern(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
