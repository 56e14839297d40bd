import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService, Actor } from '../audit/audit.service';
import { AccessPolicy } from '../auth/access-policy';
import { AuthUser } from '../auth/roles';
import { conflict, notFound, unprocessable } from '../common/domain-error';
import { CreateOrganisationDto, FIRST_RESPONDER_TYPE_OF_KIND, OrganisationKind, UpdateOrganisationDto } from './organisations.dto';
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
    // Councils and police forces are first responders by law; others only when an admin designates them.
    const designated = dto.firstResponder ?? (dto.kind === 'council' || dto.kind === 'police');
    const type = firstResponderType(dto.kind, designated, dto.firstResponderType);
    return this.dataSource.transaction(async (manager) => {
      const organisation = await this.organisations.insert(manager, dto, type);
      if (!organisation) throw conflict('ALREADY_EXISTS', `An organisation named "${dto.name}" already exists`);
      await this.audit.record(manager, actor, {
        action: 'create',
        entityType: 'organisation',
        entityId: organisation.id,
        details: { name: organisation.name, kind: organisation.kind, firstResponderType: organisation.firstResponderType },
      });
      return organisation;
    });
  }

  update(actor: Actor, id: string, dto: UpdateOrganisationDto): Promise<Organisation> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.organisations.lock(manager, id);
      if (!before) throw notFound('Organisation');
      const designated = dto.firstResponder ?? (dto.firstResponderType !== undefined ? true : before.firstResponder);
      const type = firstResponderType(before.kind as OrganisationKind, designated, designated ? dto.firstResponderType ?? before.firstResponderType ?? undefined : dto.firstResponderType);
      const name = dto.name?.trim() ?? before.name;
      const after = await this.organisations.update(manager, id, { name, localAuthorityCode: dto.localAuthorityCode ?? before.localAuthorityCode, firstResponderType: type });
      if (!after) throw conflict('ALREADY_EXISTS', `An organisation named "${name}" already exists`);
      await this.audit.record(manager, actor, {
        action: 'update',
        entityType: 'organisation',
        entityId: id,
        details: {
          before: { name: before.name, localAuthorityCode: before.localAuthorityCode, firstResponder: before.firstResponder, firstResponderType: before.firstResponderType },
          after: { name: after.name, localAuthorityCode: after.localAuthorityCode, firstResponder: after.firstResponder, firstResponderType: after.firstResponderType },
        },
      });
      return after;
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

/** The first responder type to store: null when not designated; a kind without a default type must name one. */
function firstResponderType(kind: OrganisationKind, designated: boolean, given: string | undefined): string | null {
  if (!designated) {
    if (given !== undefined && given !== null) {
      // a type without the designation is a contradiction, not a default to pick silently
      throw unprocessable('FIRST_RESPONDER_TYPE_WITHOUT_DESIGNATION', 'firstResponderType is given only for a designated first responder (firstResponder: true)');
    }
    return null;
  }
  const type = given ?? FIRST_RESPONDER_TYPE_OF_KIND[kind];
  if (!type) {
    throw unprocessable(
      'FIRST_RESPONDER_TYPE_REQUIRED',
      `a ${kind} organisation designated a first responder needs firstResponderType (nca, glaa, home_office, ...)`,
    );
  }
  return type;
}
