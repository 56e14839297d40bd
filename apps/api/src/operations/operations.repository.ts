import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { OperationStatus } from '@safe-harbour/domain';
import { DataSource, EntityManager } from 'typeorm';
import { AddAgencyDto, UpdateAgencyDto } from './operations.dto';

export interface OperationRow {
  id: string;
  code: string;
  name: string;
  leadOrganisationId: string;
  leadOrganisationName: string;
  /** The councils that plan the reception centre and own the beds, besides the lead agency. */
  hostCouncilIds: string[];
  localAuthorityCode: string;
  plannedStart: Date;
  expectedPeople: number;
  exploitationSite: { lat: number; lng: number } | null;
  status: OperationStatus;
  isDemo: boolean;
  createdAt: Date;
  updatedAt: Date;
  activatedAt: Date | null;
  stoodDownAt: Date | null;
  closedAt: Date | null;
}

const OPERATION_COLUMNS = `
  o.id, o.code, o.name, o.lead_organisation_id as "leadOrganisationId", lo.name as "leadOrganisationName",
  array(select h.organisation_id from operation_host_council h where h.operation_id = o.id order by h.created_at, h.organisation_id) as "hostCouncilIds",
  o.local_authority_code as "localAuthorityCode", o.planned_start as "plannedStart",
  o.expected_people as "expectedPeople",
  case when o.exploitation_latitude is null then null
       else json_build_object('lat', o.exploitation_latitude, 'lng', o.exploitation_longitude) end as "exploitationSite",
  o.status, o.is_demo as "isDemo", o.created_at as "createdAt", o.updated_at as "updatedAt",
  o.activated_at as "activatedAt", o.stood_down_at as "stoodDownAt", o.closed_at as "closedAt"`;

export interface NewOperation {
  code: string;
  name: string;
  leadOrganisationId: string;
  localAuthorityCode: string;
  plannedStart: string;
  expectedPeople: number;
  exploitationSite?: { lat: number; lng: number } | null;
  createdBy: string | null;
  isDemo?: boolean;
  status?: OperationStatus;
}

export interface OperationChanges {
  status?: OperationStatus;
  name?: string;
  plannedStart?: string;
  expectedPeople?: number;
  exploitationSite?: { lat: number; lng: number } | null;
}

export interface AgencyRow {
  id: string;
  operationId: string;
  organisationId: string;
  organisationName: string;
  organisationKind: string;
  attendance: 'present' | 'on_call';
  contactName: string;
  contactPhone: string;
  onSiteFrom: Date | null;
  onSiteUntil: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const AGENCY_COLUMNS = `
  a.id, a.operation_id as "operationId", a.organisation_id as "organisationId", org.name as "organisationName",
  org.kind as "organisationKind", a.attendance, a.contact_name as "contactName", a.contact_phone as "contactPhone",
  a.on_site_from as "onSiteFrom", a.on_site_until as "onSiteUntil", a.created_at as "createdAt", a.updated_at as "updatedAt"`;

export interface ReceptionCentreRow {
  id: string;
  operationId: string;
  siteId: string;
  siteName: string;
  siteType: string;
  siteLocalAuthorityCode: string;
  opensAt: Date;
  closesAt: Date;
  createdAt: Date;
  rooms: Record<string, number>;
  beds: BedCounts;
}

export interface BedCounts {
  total: number;
  available: number;
  reserved: number;
  occupied: number;
  outOfService: number;
  closed: number;
}

export interface SiteForBooking {
  id: string;
  type: string;
  name: string;
  localAuthorityCode: string;
  availableFrom: Date | null;
  availableUntil: Date | null;
}

/** All SQL about operations, their reception centres and their agency roster. */
@Injectable()
export class OperationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager) {
    return manager ?? this.dataSource.manager;
  }

  async find(id: string, manager?: EntityManager): Promise<OperationRow | null> {
    const rows = await this.m(manager).query(
      `select ${OPERATION_COLUMNS} from operation o join organisation lo on lo.id = o.lead_organisation_id where o.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async insertHostCouncils(manager: EntityManager, operationId: string, organisationIds: string[]): Promise<void> {
    if (organisationIds.length === 0) return;
    await manager.query(
      `insert into operation_host_council (operation_id, organisation_id) select $1, unnest($2::uuid[]) on conflict do nothing`,
      [operationId, organisationIds],
    );
  }

  /** Kinds of the named organisations (missing ones absent): host councils must be councils. */
  async organisationKinds(manager: EntityManager, ids: string[]): Promise<Map<string, string>> {
    const rows = await manager.query(`select id, kind from organisation where id = any($1::uuid[])`, [ids]);
    return new Map(rows.map((r: { id: string; kind: string }) => [r.id, r.kind]));
  }

  /** Takes the operation's row lock: status changes and reference numbers are decided one at a time. */
  async lock(manager: EntityManager, id: string): Promise<{ id: string; code: string; status: OperationStatus; nextPersonSeq: number } | null> {
    const rows = await manager.query(
      `select id, code, status, next_person_seq as "nextPersonSeq" from operation where id = $1 for update`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** The next reference number; call only while holding the operation's row lock (see `lock`). */
  async takePersonSeq(manager: EntityManager, id: string): Promise<number> {
    // Wrapped in a select: TypeORM returns [rows, count] for a bare UPDATE ... RETURNING.
    const [row] = await manager.query(
      `with taken as (update operation set next_person_seq = next_person_seq + 1 where id = $1 returning next_person_seq - 1 as seq)
       select seq from taken`,
      [id],
    );
    return row.seq;
  }

  async get(manager: EntityManager, id: string): Promise<OperationRow> {
    const rows = await manager.query(
      `select ${OPERATION_COLUMNS} from operation o join organisation lo on lo.id = o.lead_organisation_id where o.id = $1`,
      [id],
    );
    return rows[0];
  }

  async takenCodes(manager: EntityManager, candidates: string[]): Promise<Set<string>> {
    const rows: Array<{ code: string }> = await manager.query(`select code from operation where code = any($1::text[])`, [candidates]);
    return new Set(rows.map((r) => r.code));
  }

  /** Returns null when the code is already taken (another planner may have just claimed it). */
  async insert(manager: EntityManager, op: NewOperation): Promise<string | null> {
    const rows = await manager.query(
      `insert into operation (code, name, lead_organisation_id, local_authority_code, planned_start, expected_people,
                              exploitation_latitude, exploitation_longitude, created_by, is_demo, status, activated_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, case when $11 = 'active' then now() end)
       on conflict (code) do nothing
       returning id`,
      [
        op.code,
        op.name.trim(),
        op.leadOrganisationId,
        op.localAuthorityCode,
        op.plannedStart,
        op.expectedPeople,
        op.exploitationSite?.lat ?? null,
        op.exploitationSite?.lng ?? null,
        op.createdBy,
        op.isDemo ?? false,
        op.status ?? 'planning',
      ],
    );
    return rows[0]?.id ?? null;
  }

  async update(manager: EntityManager, id: string, changes: OperationChanges): Promise<void> {
    const site = changes.exploitationSite;
    await manager.query(
      `update operation set
         status = coalesce($2, status),
         name = coalesce($3, name),
         planned_start = coalesce($4::timestamptz, planned_start),
         expected_people = coalesce($5, expected_people),
         exploitation_latitude = case when $6 then $7::double precision else exploitation_latitude end,
         exploitation_longitude = case when $6 then $8::double precision else exploitation_longitude end,
         activated_at = case when $2 = 'active' then now() else activated_at end,
         stood_down_at = case when $2 = 'stood_down' then now() else stood_down_at end,
         closed_at = case when $2 = 'closed' then now() else closed_at end,
         updated_at = now()
       where id = $1`,
      [
        id,
        changes.status ?? null,
        changes.name?.trim() ?? null,
        changes.plannedStart ?? null,
        changes.expectedPeople ?? null,
        site !== undefined,
        site?.lat ?? null,
        site?.lng ?? null,
      ],
    );
  }

  /** Operations among `visibleIds` (the access layer's scope; null = all, for admins). */
  async listVisible(
    visibleIds: string[] | null,
    filter: { status?: OperationStatus },
    limit: number,
    after?: { createdAt: string; id: string },
  ): Promise<OperationRow[]> {
    return this.dataSource.query(
      `select ${OPERATION_COLUMNS}
       from operation o join organisation lo on lo.id = o.lead_organisation_id
       where ($1::uuid[] is null or o.id = any($1::uuid[]))
         and ($2::text is null or o.status = $2)
         and ($3::timestamptz is null or (o.created_at, o.id) < ($3::timestamptz, $4::uuid))
       order by o.created_at desc, o.id desc
       limit $5`,
      [visibleIds, filter.status ?? null, after?.createdAt ?? null, after?.id ?? null, limit + 1],
    );
  }

  /**
   * Beds of this operation's reception centres that are still held (reserved or occupied). Occupancy
   * follows placements, which only ever fill these beds with people from the operation that booked the
   * venue for that window, so a held bed here is one of our people still in the centre.
   */
  async countHeldCentreBeds(manager: EntityManager, operationId: string): Promise<number> {
    // This operation's people still holding a reception-centre bed now or later (not other operations').
    const [row] = await manager.query(
      `select count(*)::int as held from placement p
       where p.operation_id = $1 and p.status in ('reserved','active')
         and p.site_id in (select site_id from reception_centre where operation_id = $1)
         and (upper(p.period) is null or upper(p.period) > now())`,
      [operationId],
    );
    return row.held;
  }

  // ---- organisations and sites referenced by an operation ----

  async organisationExists(manager: EntityManager, id: string): Promise<boolean> {
    const rows = await manager.query(`select 1 from organisation where id = $1`, [id]);
    return rows.length > 0;
  }

  async findSiteForBooking(manager: EntityManager, siteId: string): Promise<SiteForBooking | null> {
    const rows = await manager.query(
      `select id, type, name, local_authority_code as "localAuthorityCode",
              available_from as "availableFrom", available_until as "availableUntil"
       from site where id = $1`,
      [siteId],
    );
    return rows[0] ?? null;
  }

  // ---- reception centres ----

  /** Returns null when the venue is already booked by an operation for an overlapping window. */
  async insertReceptionCentre(
    manager: EntityManager,
    operationId: string,
    siteId: string,
    opensAt: string,
    closesAt: string,
    createdBy: string | null,
  ): Promise<string | null> {
    await manager.query(`savepoint book_venue`);
    try {
      const [row] = await manager.query(
        `insert into reception_centre (operation_id, site_id, opens_at, closes_at, created_by)
         values ($1, $2, $3, $4, $5) returning id`,
        [operationId, siteId, opensAt, closesAt, createdBy],
      );
      await manager.query(`release savepoint book_venue`);
      return row.id;
    } catch (err) {
      if ((err as { constraint?: string }).constraint === 'reception_centre_no_double_booking') {
        await manager.query(`rollback to savepoint book_venue`);
        return null;
      }
      throw err;
    }
  }

  async listReceptionCentres(operationId: string, manager?: EntityManager): Promise<ReceptionCentreRow[]> {
    return this.m(manager).query(
      `select rc.id, rc.operation_id as "operationId", rc.site_id as "siteId", s.name as "siteName", s.type as "siteType",
              s.local_authority_code as "siteLocalAuthorityCode", rc.opens_at as "opensAt", rc.closes_at as "closesAt",
              rc.created_at as "createdAt",
              coalesce((select json_object_agg(kind, n) from (
                 select r.kind, count(*)::int as n from room r where r.site_id = rc.site_id group by r.kind) k), '{}'::json) as rooms,
              (select json_build_object(
                 'total', count(*)::int,
                 'available', (count(*) filter (where b.status = 'available'))::int,
                 'reserved', (count(*) filter (where b.status = 'reserved'))::int,
                 'occupied', (count(*) filter (where b.status = 'occupied'))::int,
                 'outOfService', (count(*) filter (where b.status = 'out_of_service'))::int,
                 'closed', (count(*) filter (where b.status = 'closed'))::int)
               from bed b where b.site_id = rc.site_id) as beds
       from reception_centre rc join site s on s.id = rc.site_id
       where rc.operation_id = $1
       order by rc.opens_at, rc.id`,
      [operationId],
    );
  }

  /** What the booked venues hold, for the readiness view: rooms by kind and beds that can be slept in. */
  async venueFacts(operationId: string, manager?: EntityManager): Promise<{ rooms: Record<string, number>; usableBeds: number }> {
    const [row] = await this.m(manager).query(
      `with sites as (select distinct site_id from reception_centre where operation_id = $1)
       select coalesce((select json_object_agg(kind, n) from (
                select r.kind, count(*)::int as n from room r where r.site_id in (select site_id from sites) group by r.kind) k),
              '{}'::json) as rooms,
              (select count(*)::int from bed b
               where b.site_id in (select site_id from sites) and b.status not in ('closed','out_of_service')) as "usableBeds"`,
      [operationId],
    );
    return row;
  }

  // ---- agency roster ----

  /** Returns null when the organisation is already on this operation's roster. */
  async insertAgency(manager: EntityManager, operationId: string, dto: AddAgencyDto): Promise<string | null> {
    const rows = await manager.query(
      `insert into operation_agency (operation_id, organisation_id, attendance, contact_name, contact_phone, on_site_from, on_site_until)
       values ($1, $2, $3, $4, $5, $6, $7)
       on conflict (operation_id, organisation_id) do nothing
       returning id`,
      [operationId, dto.organisationId, dto.attendance, dto.contactName.trim(), dto.contactPhone.trim(), dto.onSiteFrom ?? null, dto.onSiteUntil ?? null],
    );
    return rows[0]?.id ?? null;
  }

  async findAgency(manager: EntityManager, operationId: string, agencyId: string, lock = false): Promise<AgencyRow | null> {
    const rows = await manager.query(
      `select ${AGENCY_COLUMNS} from operation_agency a join organisation org on org.id = a.organisation_id
       where a.id = $1 and a.operation_id = $2 ${lock ? 'for update of a' : ''}`,
      [agencyId, operationId],
    );
    return rows[0] ?? null;
  }

  async updateAgency(manager: EntityManager, agencyId: string, dto: UpdateAgencyDto): Promise<void> {
    await manager.query(
      `update operation_agency set
         attendance = coalesce($2, attendance),
         contact_name = coalesce($3, contact_name),
         contact_phone = coalesce($4, contact_phone),
         on_site_from = case when $5 then $6::timestamptz else on_site_from end,
         on_site_until = case when $7 then $8::timestamptz else on_site_until end,
         updated_at = now()
       where id = $1`,
      [
        agencyId,
        dto.attendance ?? null,
        dto.contactName?.trim() ?? null,
        dto.contactPhone?.trim() ?? null,
        dto.onSiteFrom !== undefined,
        dto.onSiteFrom ?? null,
        dto.onSiteUntil !== undefined,
        dto.onSiteUntil ?? null,
      ],
    );
  }

  async listAgencies(operationId: string, manager?: EntityManager): Promise<AgencyRow[]> {
    return this.m(manager).query(
      `select ${AGENCY_COLUMNS} from operation_agency a join organisation org on org.id = a.organisation_id
       where a.operation_id = $1
       order by case a.attendance when 'present' then 0 else 1 end, lower(org.name)`,
      [operationId],
    );
  }
}
