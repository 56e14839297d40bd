import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CreateOrganisationDto } from './organisations.dto';

export interface Organisation {
  id: string;
  name: string;
  kind: string;
  localAuthorityCode: string | null;
  createdAt: Date;
}

const COLUMNS = `id, name, kind, local_authority_code as "localAuthorityCode", created_at as "createdAt"`;

@Injectable()
export class OrganisationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, dto: CreateOrganisationDto): Promise<Organisation | null> {
    const rows = await manager.query(
      `insert into organisation (name, kind, local_authority_code) values ($1, $2, $3)
       on conflict do nothing returning ${COLUMNS}`,
      [dto.name.trim(), dto.kind, dto.localAuthorityCode ?? null],
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
