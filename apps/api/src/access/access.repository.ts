import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DataClass } from '@safe-harbour/domain';
import { Role } from '../auth/roles';

/** The parts an organisation plays in one operation, as the database has them now. */
export interface OperationStanding {
  operationId: string;
  status: string;
  leadOrganisationId: string;
  localAuthorityCode: string;
  isLead: boolean;
  isHost: boolean;
  onRoster: boolean;
  /** Data classes shared with the organisation by data-sharing agreements in force for this operation. */
  sharedClasses: DataClass[];
}

export interface PlacementOwnership {
  placementId: string;
  operationId: string | null;
  siteId: string;
  siteOrganisationId: string;
}

export interface CrossBoundaryAgreement {
  id: string;
  reference: string;
}

/**
 * An operation is closed to data-sharing parties once it is closed; an agreement counts from valid_from to
 * valid_until. `$org` is the viewer's organisation, `o` the operation.
 */
const SHARED_CLASSES_SQL = (org: string) => `
  coalesce((
    select array_agg(distinct c.value order by c.value)
    from agreement g
    join agreement_party me on me.agreement_id = g.id and me.organisation_id = ${org}
    cross join lateral jsonb_array_elements_text(g.scope->'classes') c
    where g.kind = 'data_sharing' and o.status <> 'closed'
      and g.valid_from <= now() and (g.valid_until is null or g.valid_until > now())
      and (g.scope->>'operationId' is null or g.scope->>'operationId' = o.id::text)
      and exists (select 1 from agreement_party other
                  where other.agreement_id = g.id and other.organisation_id <> ${org}
                    and (other.organisation_id = o.lead_organisation_id
                         or other.organisation_id in (select h.organisation_id from operation_host_council h where h.operation_id = o.id)))
  ), '{}')`;

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

  /** The viewer organisation's standing in one operation; null when there is no such operation. */
  async operationStanding(operationId: string, organisationId: string, manager?: EntityManager): Promise<OperationStanding | null> {
    const rows = await this.m(manager).query(
      `select o.id as "operationId", o.status, o.lead_organisation_id as "leadOrganisationId",
              o.local_authority_code as "localAuthorityCode",
              o.lead_organisation_id = $2 as "isLead",
              exists (select 1 from operation_host_council h where h.operation_id = o.id and h.organisation_id = $2) as "isHost",
              exists (select 1 from operation_agency a where a.operation_id = o.id and a.organisation_id = $2) as "onRoster",
              ${SHARED_CLASSES_SQL('$2')} as "sharedClasses"
       from operation o where o.id = $1`,
      [operationId, organisationId],
    );
    return rows[0] ?? null;
  }

  /**
   * The operations an organisation has any part in (lead, host, roster, data sharing in force), optionally
   * only those it leads or hosts. The list and report queries take these ids as their scope.
   */
  async operationIdsFor(organisationId: string, options: { ledOrHostedOnly?: boolean } = {}, manager?: EntityManager): Promise<string[]> {
    const rows = await this.m(manager).query(
      `select o.id from operation o
       where o.lead_organisation_id = $1
          or exists (select 1 from operation_host_council h where h.operation_id = o.id and h.organisation_id = $1)
          or (not $2::boolean and (
                exists (select 1 from operation_agency a where a.operation_id = o.id and a.organisation_id = $1)
                or cardinality(${SHARED_CLASSES_SQL('$1')}::text[]) > 0))`,
      [organisationId, options.ledOrHostedOnly ?? false],
    );
    return rows.map((r: { id: string }) => r.id);
  }

  async personOperation(personId: string, manager?: EntityManager): Promise<string | null> {
    const rows = await this.m(manager).query(`select operation_id as "operationId" from person where id = $1`, [personId]);
    return rows[0]?.operationId ?? null;
  }

  async placementOwnership(placementId: string, manager?: EntityManager): Promise<PlacementOwnership | null> {
    const rows = await this.m(manager).query(
      `select p.id as "placementId", p.operation_id as "operationId", p.site_id as "siteId", s.organisation_id as "siteOrganisationId"
       from placement p join site s on s.id = p.site_id where p.id = $1`,
      [placementId],
    );
    return rows[0] ?? null;
  }

  async siteOwner(siteId: string, manager?: EntityManager): Promise<{ organisationId: string; kind: string; type: string } | null> {
    const rows = await this.m(manager).query(
      `select s.organisation_id as "organisationId", o.kind, s.type from site s join organisation o on o.id = s.organisation_id where s.id = $1`,
      [siteId],
    );
    return rows[0] ?? null;
  }

  async organisationKind(organisationId: string, manager?: EntityManager): Promise<string | null> {
    const rows = await this.m(manager).query(`select kind from organisation where id = $1`, [organisationId]);
    return rows[0]?.kind ?? null;
  }

  /**
   * A cross-boundary agreement in force between the two organisations over all of [from, until) that
   * covers the site (its scope names the site, the site's type, or neither).
   */
  async crossBoundaryAgreement(
    placingOrganisationIds: string[],
    site: { id: string; organisationId: string; type: string },
    from: Date,
    until: Date | null,
    manager?: EntityManager,
  ): Promise<CrossBoundaryAgreement | null> {
    const rows = await this.m(manager).query(
      `select g.id, g.reference from agreement g
       where g.kind = 'cross_boundary'
         and exists (select 1 from agreement_party p where p.agreement_id = g.id and p.organisation_id = $1)
         and exists (select 1 from agreement_party p where p.agreement_id = g.id and p.organisation_id = any($2::uuid[]) and p.organisation_id <> $1)
         and g.valid_from <= $5 and (g.valid_until is null or ($6::timestamptz is not null and g.valid_until >= $6))
         and (g.scope->'siteIds' is null or g.scope->'siteIds' ? $3)
         and (g.scope->'siteTypes' is null or g.scope->'siteTypes' ? $4)
       order by g.valid_from limit 1`,
      [site.organisationId, placingOrganisationIds, site.id, site.type, from, until],
    );
    return rows[0] ?? null;
  }

  /**
   * Of `siteIds`, those whose beds the placing organisations may offer over [from, until): their own, those
   * of providers that are not councils, and those of councils with a cross-boundary agreement covering the
   * site and the period (the same test as `crossBoundaryAgreement`).
   */
  async offerableSiteIds(placingOrganisationIds: string[], siteIds: string[], from: Date, until: Date | null, manager?: EntityManager): Promise<Set<string>> {
    if (siteIds.length === 0) return new Set();
    const rows = await this.m(manager).query(
      `select s.id from site s join organisation so on so.id = s.organisation_id
       where s.id = any($2::uuid[])
         and (s.organisation_id = any($1::uuid[]) or so.kind <> 'council'
              or exists (
                select 1 from agreement g
                where g.kind = 'cross_boundary'
                  and exists (select 1 from agreement_party p where p.agreement_id = g.id and p.organisation_id = s.organisation_id)
                  and exists (select 1 from agreement_party p where p.agreement_id = g.id and p.organisation_id = any($1::uuid[]))
                  and g.valid_from <= $3 and (g.valid_until is null or ($4::timestamptz is not null and g.valid_until >= $4))
                  and (g.scope->'siteIds' is null or g.scope->'siteIds' ? s.id::text)
                  and (g.scope->'siteTypes' is null or g.scope->'siteTypes' ? s.type)))`,
      [placingOrganisationIds, siteIds, from, until],
    );
    return new Set(rows.map((r: { id: string }) => r.id));
  }

  /** Areas of the councils the organisations have cross-boundary agreements in force with now. */
  async crossBoundaryAreas(organisationIds: string[], manager?: EntityManager): Promise<string[]> {
    const rows = await this.m(manager).query(
      `select distinct org.local_authority_code as code
       from agreement g
       join agreement_party me on me.agreement_id = g.id and me.organisation_id = any($1::uuid[])
       join agreement_party other on other.agreement_id = g.id and other.organisation_id <> all($1::uuid[])
       join organisation org on org.id = other.organisation_id
       where g.kind = 'cross_boundary' and org.local_authority_code is not null
         and (g.valid_until is null or g.valid_until > now())`,
      [organisationIds],
    );
    return rows.map((r: { code: string }) => r.code);
  }

  /** Councils whose beds the organisation may offer under cross-boundary agreements in force now. */
  async crossBoundaryPartners(organisationIds: string[], manager?: EntityManager): Promise<string[]> {
    const rows = await this.m(manager).query(
      `select distinct other.organisation_id as id
       from agreement g
       join agreement_party me on me.agreement_id = g.id and me.organisation_id = any($1::uuid[])
       join agreement_party other on other.agreement_id = g.id and other.organisation_id <> all($1::uuid[])
       where g.kind = 'cross_boundary' and g.valid_from <= now() and (g.valid_until is null or g.valid_until > now())`,
      [organisationIds],
    );
    return rows.map((r: { id: string }) => r.id);
  }

  /** The organisations that lead or host an operation (who own its people and plan its beds). */
  async leadAndHosts(operationId: string, manager?: EntityManager): Promise<string[]> {
    const rows = await this.m(manager).query(
      `select lead_organisation_id as id from operation where id = $1
       union select organisation_id from operation_host_council where operation_id = $1`,
      [operationId],
    );
    return rows.map((r: { id: string }) => r.id);
  }

  async organisationArea(organisationId: string, manager?: EntityManager): Promise<string | null> {
    const rows = await this.m(manager).query(`select local_authority_code as code from organisation where id = $1`, [organisationId]);
    return rows[0]?.code ?? null;
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
