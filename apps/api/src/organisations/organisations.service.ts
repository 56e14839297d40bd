import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService, Actor } from '../audit/audit.service';
import { AccessPolicy } from '../auth/access-policy';
import { AuthUser } from '../auth/roles';
import { conflict, notFound } from '../common/domain-error';
import { CreateOrganisationDto } from './organisations.dto';
import { Organisation, OrganisationsRepository } from './organisations.repository';

@Injectable()
export class OrganisationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organisations: OrganisationsRepository,
    private readonly access: AccessPolicy,
    private readonly audit: AuditService,
  ) {}

  create(actor: Actor, dto: CreateOrganisationDto): Promise<Organisation> {
    return this.dataSource.transaction(async (manager) => {
      const organisation = await this.organisations.insert(manager, dto);
      if (!organisation) throw conflict('ALREADY_EXISTS', `An organisation named "${dto.name}" already exists`);
      await this.audit.record(manager, actor, {
        action: 'create',
        entityType: 'organisation',
        entityId: organisation.id,
        details: { name: organisation.name, kind: organisation.kind },
      });
      return organisation;
    });
  }

  async get(user: AuthUser, id: string): Promise<Organisation> {
    this.access.assertOrganisationVisible(user, id, 'Organisation');
    const organisation = await this.organisations.findById(id);
    if (!organisation) throw notFound('Organisation');
    return organisation;
  }

  /**
   * Every organisation's name and kind, for choosing a lead agency, host council or roster agency. Names
   * of councils, police forces and charities are public; nothing else about them is returned.
   */
  async directory(): Promise<Array<Pick<Organisation, 'id' | 'name' | 'kind'>>> {
    return (await this.organisations.list(null)).map(({ id, name, kind }) => ({ id, name, kind }));
  }

  list(user: AuthUser): Promise<Organisation[]> {
    return this.organisations.list(this.access.isAdmin(user) ? null : user.organisationId);
  }
}
