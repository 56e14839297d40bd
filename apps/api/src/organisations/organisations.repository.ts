import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CreateOrganisationDto } from './organisations.dto';

export interface Organisation {
  id: string;
  name: string;
  kind: string;
  localAuthorityCode: string | null;
  firstResponder: boolean;
  firstResponderType: string | null;
  createdAt: Date;
}

const COLUMNS = `id, name, kind, local_authority_code as "localAuthorityCode", first_responder as "firstResponder",
  first_responder_type as "firstResponderType", created_at as "createdAt"`;

@Injectable()
export class OrganisationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, dto: CreateOrganisationDto, firstResponderType: string | null): Promise<Organisation | null> {
    const rows = await manager.query(
      `insert into organisation (name, kind, local_authority_code, first_responder, first_responder_type) values ($1, $2, $3, $4, $5)
       on conflict do nothing returning ${COLUMNS}`,
      [dto.name.trim(), dto.kind, dto.localAuthorityCode ?? null, firstResponderType !== null, firstResponderType],
    );
    return rows[0] ?? null;
  }

  async lock(manager: EntityManager, id: string): Promise<Organisation | null> {
    const rows = await manager.query(`select ${COLUMNS} from organisation where id = $1 for update`, [id]);
    return rows[0] ?? null;
  }

  /** null: another organisation already has that name. */
  async update(
    manager: EntityManager,
    id: string,
    changes: { name: string; localAuthorityCode: string | null; firstResponderType: string | null },
  ): Promise<Organisation | null> {
    const rows = await manager.query(
      `with updated as (
         update organisation set name = $2, local_authority_code = $3, first_responder = $4, first_responder_type = $5
         where id = $1 and not exists (select 1 from organisation o where lower(o.name) = lower($2) and o.id <> $1)
         returning *)
       select ${COLUMNS} from updated`,
      [id, changes.name, changes.localAuthorityCode, changes.firstResponderType !== null, changes.firstResponderType],
    );
    return rows[0] ?? null;
  }

  async findById(id: string): Promise<Organisation | null> {
    const rows = await this.dataSource.query(`select ${COLUMNS} from organisation where id = $1`, [id]);
    return rows[0] ?? null;
  }

  async list(onlyId: string | null): Promise<Organisation[]> {
    return this.dataSource.query(
      `select ${COLUMNS} from organisation where ($1::uuid is null or id = $1) order by name`,
      [onlyId],
    );
  }
}
