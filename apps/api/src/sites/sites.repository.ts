import { Injectable } from '@nestjs/common';
import { BedCounts, BED_STATUSES, emptyBedCounts, ReadinessItemName, RoomKind, SiteFacts } from '@safe-harbour/domain';
import { EntityManager } from 'typeorm';

/** A site as stored (address included): the service decides what each viewer gets to see. */
export interface SiteRecord extends SiteFacts {
  id: string;
  organisationId: string;
  readiness: 'ready' | 'not_ready';
  isDemo: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewSite extends SiteFacts {
  organisationId: string;
  isDemo?: boolean;
}

export interface RoomRecord {
  id: string;
  siteId: string;
  name: string;
  kind: RoomKind;
  createdAt: Date;
  beds: number;
}

export interface ReadinessItemRecord {
  item: ReadinessItemName;
  completedAt: Date | null;
  completedBy: string | null;
  completedByName: string | null;
  note: string | null;
}

export interface SiteSearch {
  /** Limit to one organisation (the viewer's scope), or null for all. */
  scopeOrganisationId: string | null;
  organisationId?: string;
  types?: string[];
  localAuthorityCodes?: string[];
  hasAvailableBed?: boolean;
  /** The period the site must be usable for (window covers it). */
  periodFrom?: Date;
  periodUntil?: Date;
  singleSex?: 'female' | 'male' | 'mixed';
  flags?: Partial<Record<SiteFlag, boolean>>;
  staffedHours?: string;
  language?: string;
  readiness?: string;
  isDemo?: boolean;
  after?: { name: string; id: string };
  limit: number;
}

const FLAG_COLUMNS = {
  acceptsChildren: 'accepts_children',
  acceptsFamilies: 'accepts_families',
  wheelchairAccessible: 'wheelchair_accessible',
  selfContained: 'self_contained',
  dormitory: 'dormitory',
  traumaInformed: 'trauma_informed',
  acceptsNoRecourseToPublicFunds: 'accepts_no_recourse_to_public_funds',
  acceptsPets: 'accepts_pets',
  substanceMisuseSupport: 'substance_misuse_support',
} as const;
export type SiteFlag = keyof typeof FLAG_COLUMNS;
export const SITE_FLAGS = Object.keys(FLAG_COLUMNS) as SiteFlag[];

const SITE_COLUMNS = `
  s.id, s.organisation_id as "organisationId", s.name, s.type, s.local_authority_code as "localAuthorityCode",
  s.address, s.latitude, s.longitude, s.available_from as "availableFrom", s.available_until as "availableUntil",
  s.single_sex as "singleSex", s.accepts_children as "acceptsChildren", s.accepts_families as "acceptsFamilies",
  s.wheelchair_accessible as "wheelchairAccessible", s.self_contained as "selfContained", s.dormitory,
  s.staffed_hours as "staffedHours", s.trauma_informed as "traumaInformed",
  s.accepts_no_recourse_to_public_funds as "acceptsNoRecourseToPublicFunds", s.accepts_pets as "acceptsPets",
  s.substance_misuse_support as "substanceMisuseSupport", s.languages, s.readiness,
  s.nightly_cost_pence as "nightlyCostPence", s.is_demo as "isDemo", s.created_at as "createdAt",
  s.updated_at as "updatedAt"`;

/** Column of each updatable site fact. */
const SITE_FACT_COLUMNS: Record<keyof SiteFacts, string> = {
  name: 'name',
  type: 'type',
  localAuthorityCode: 'local_authority_code',
  address: 'address',
  latitude: 'latitude',
  longitude: 'longitude',
  availableFrom: 'available_from',
  availableUntil: 'available_until',
  singleSex: 'single_sex',
  ...FLAG_COLUMNS,
  staffedHours: 'staffed_hours',
  languages: 'languages',
  nightlyCostPence: 'nightly_cost_pence',
};

/** All SQL about sites, their rooms and the void readiness checklist. */
@Injectable()
export class SitesRepository {
  async insertSites(manager: EntityManager, sites: NewSite[]): Promise<SiteRecord[]> {
    if (sites.length === 0) return [];
    // One statement for one site or a whole spreadsheet; a name already used by the organisation is skipped.
    return manager.query(
      `with input as (
         select * from jsonb_to_recordset($1::jsonb) as x(
           organisation_id uuid, name text, type text, local_authority_code text, address text,
           latitude double precision, longitude double precision, available_from timestamptz,
           available_until timestamptz, single_sex text, accepts_children boolean, accepts_families boolean,
           wheelchair_accessible boolean, self_contained boolean, dormitory boolean, staffed_hours text,
           trauma_informed boolean, accepts_no_recourse_to_public_funds boolean, accepts_pets boolean,
           substance_misuse_support boolean, languages text[],
           nightly_cost_pence integer, is_demo boolean)
       ), s as (
         insert into site (organisation_id, name, type, local_authority_code, address, latitude, longitude,
           available_from, available_until, single_sex, accepts_children, accepts_families, wheelchair_accessible,
           self_contained, dormitory, staffed_hours, trauma_informed, accepts_no_recourse_to_public_funds,
           accepts_pets, substance_misuse_support, languages, nightly_cost_pence, is_demo)
         select organisation_id, name, type, local_authority_code, address, latitude, longitude,
           available_from, available_until, single_sex, accepts_children, accepts_families, wheelchair_accessible,
           self_contained, dormitory, staffed_hours, trauma_informed, accepts_no_recourse_to_public_funds,
           accepts_pets, substance_misuse_support, languages, nightly_cost_pence, is_demo
         from input
         on conflict do nothing
         returning *
       )
       select ${SITE_COLUMNS} from s`,
      [
        JSON.stringify(
          sites.map((x) => ({
            organisation_id: x.organisationId,
            name: x.name.trim(),
            type: x.type,
            local_authority_code: x.localAuthorityCode,
            address: x.address.trim(),
            latitude: x.latitude,
            longitude: x.longitude,
            available_from: x.availableFrom?.toISOString() ?? null,
            available_until: x.availableUntil?.toISOString() ?? null,
            single_sex: x.singleSex,
            accepts_children: x.acceptsChildren,
            accepts_families: x.acceptsFamilies,
            wheelchair_accessible: x.wheelchairAccessible,
            self_contained: x.selfContained,
            dormitory: x.dormitory,
            staffed_hours: x.staffedHours,
            trauma_informed: x.traumaInformed,
            accepts_no_recourse_to_public_funds: x.acceptsNoRecourseToPublicFunds,
            accepts_pets: x.acceptsPets ?? false,
            substance_misuse_support: x.substanceMisuseSupport ?? false,
            languages: x.languages,
            nightly_cost_pence: x.nightlyCostPence,
            is_demo: x.isDemo ?? false,
          })),
        ),
      ],
    );
  }

  async findById(manager: EntityManager, id: string, lock = false): Promise<SiteRecord | null> {
    const rows = await manager.query(`select ${SITE_COLUMNS} from site s where s.id = $1 ${lock ? 'for update' : ''}`, [id]);
    return rows[0] ?? null;
  }

  async findByNames(manager: EntityManager, organisationId: string, names: string[]): Promise<SiteRecord[]> {
    if (names.length === 0) return [];
    return manager.query(`select ${SITE_COLUMNS} from site s where s.organisation_id = $1 and lower(s.name) = any($2::text[])`, [
      organisationId,
      names.map((n) => n.trim().toLowerCase()),
    ]);
  }

  async update(manager: EntityManager, id: string, changes: Partial<SiteFacts>): Promise<SiteRecord> {
    const sets: string[] = [];
    const params: unknown[] = [id];
    for (const [field, value] of Object.entries(changes) as Array<[keyof SiteFacts, unknown]>) {
      params.push(value instanceof Date ? value.toISOString() : value);
      sets.push(`${SITE_FACT_COLUMNS[field]} = $${params.length}`);
    }
    sets.push('updated_at = now()');
    const [rows] = await manager.query(`update site s set ${sets.join(', ')} where s.id = $1 returning ${SITE_COLUMNS}`, params);
    return rows[0];
  }

  async search(manager: EntityManager, q: SiteSearch): Promise<SiteRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const p = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    if (q.scopeOrganisationId) where.push(`s.organisation_id = ${p(q.scopeOrganisationId)}`);
    if (q.organisationId) where.push(`s.organisation_id = ${p(q.organisationId)}`);
    if (q.types?.length) where.push(`s.type = any(${p(q.types)}::text[])`);
    if (q.localAuthorityCodes?.length) where.push(`s.local_authority_code = any(${p(q.localAuthorityCodes)}::text[])`);
    for (const [flag, value] of Object.entries(q.flags ?? {}) as Array<[SiteFlag, boolean | undefined]>) {
      if (value !== undefined) where.push(`s.${FLAG_COLUMNS[flag]} = ${p(value)}`);
    }
    if (q.singleSex === 'mixed') where.push('s.single_sex is null');
    else if (q.singleSex) where.push(`s.single_sex = ${p(q.singleSex)}`);
    if (q.staffedHours) where.push(`s.staffed_hours = ${p(q.staffedHours)}`);
    if (q.language) where.push(`exists (select 1 from unnest(s.languages) l where lower(l) = lower(${p(q.language)}))`);
    if (q.readiness) where.push(`s.readiness = ${p(q.readiness)}`);
    if (q.isDemo !== undefined) where.push(`s.is_demo = ${p(q.isDemo)}`);

    if (q.periodFrom) {
      const from = p(q.periodFrom.toISOString());
      const until = p((q.periodUntil ?? q.periodFrom).toISOString());
      const covers = `(s.available_from is null or s.available_from <= ${from}::timestamptz)
        and (s.available_until is null or (s.available_until >= ${until}::timestamptz and s.available_until > ${from}::timestamptz))`;
      if (q.hasAvailableBed === undefined) where.push(`(${covers})`);
      else {
        // Usable over the period: in its window, ready (void stock), and a bed available now. Holds and
        // placements in a future period are the placement feature's to add to this test.
        const usable = `(${covers}) and s.readiness = 'ready'
          and exists (select 1 from bed b where b.site_id = s.id and b.status = 'available')`;
        where.push(q.hasAvailableBed ? `(${usable})` : `not (${usable})`);
      }
    }
    if (q.after) where.push(`(lower(s.name), s.id) > (${p(q.after.name)}, ${p(q.after.id)}::uuid)`);
    const sql = `select ${SITE_COLUMNS}, lower(s.name) as "sortName" from site s ${where.length ? `where ${where.join(' and ')}` : ''}
      order by lower(s.name), s.id limit ${p(q.limit + 1)}`;
    return manager.query(sql, params);
  }

  async bedCounts(manager: EntityManager, siteIds: string[]): Promise<Map<string, BedCounts>> {
    const counts = new Map<string, BedCounts>(siteIds.map((id) => [id, emptyBedCounts()]));
    if (siteIds.length === 0) return counts;
    const rows: Array<{ siteId: string; status: (typeof BED_STATUSES)[number]; n: number }> = await manager.query(
      `select site_id as "siteId", status, count(*)::int as n from bed where site_id = any($1::uuid[]) group by site_id, status`,
      [siteIds],
    );
    for (const row of rows) {
      const c = counts.get(row.siteId)!;
      c[row.status] = row.n;
      c.total += row.n;
    }
    return counts;
  }

  // --- rooms ---

  async insertRooms(manager: EntityManager, rooms: Array<{ siteId: string; name: string; kind: RoomKind }>): Promise<RoomRecord[]> {
    if (rooms.length === 0) return [];
    return manager.query(
      `insert into room (site_id, name, kind)
       select x.site_id, btrim(x.name), x.kind from jsonb_to_recordset($1::jsonb) as x(site_id uuid, name text, kind text)
       on conflict do nothing
       returning id, site_id as "siteId", name, kind, created_at as "createdAt", 0 as beds`,
      [JSON.stringify(rooms.map((r) => ({ site_id: r.siteId, name: r.name, kind: r.kind })))],
    );
  }

  async findRoom(manager: EntityManager, id: string): Promise<RoomRecord | null> {
    const rows = await manager.query(
      `select r.id, r.site_id as "siteId", r.name, r.kind, r.created_at as "createdAt", 0 as beds from room r where r.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async listRooms(manager: EntityManager, siteId: string): Promise<RoomRecord[]> {
    return manager.query(
      `select r.id, r.site_id as "siteId", r.name, r.kind, r.created_at as "createdAt",
              (select count(*)::int from bed b where b.room_id = r.id) as beds
       from room r where r.site_id = $1 order by lower(r.name), r.id`,
      [siteId],
    );
  }

  async roomsOfSites(manager: EntityManager, siteIds: string[]): Promise<RoomRecord[]> {
    if (siteIds.length === 0) return [];
    return manager.query(
      `select r.id, r.site_id as "siteId", r.name, r.kind, r.created_at as "createdAt", 0 as beds
       from room r where r.site_id = any($1::uuid[])`,
      [siteIds],
    );
  }

  // --- void readiness checklist ---

  async readinessItems(manager: EntityManager, siteId: string): Promise<ReadinessItemRecord[]> {
    return manager.query(
      `select v.item, v.completed_at as "completedAt", v.completed_by as "completedBy",
              u.display_name as "completedByName", v.note
       from void_readiness_item v left join app_user u on u.id = v.completed_by
       where v.site_id = $1`,
      [siteId],
    );
  }

  /** Tick (done) or untick an item; the site's readiness follows by trigger. Returns whether it changed. */
  async setReadinessItem(
    manager: EntityManager,
    siteId: string,
    item: ReadinessItemName,
    done: boolean,
    by: string | null,
    note: string | null | undefined,
  ): Promise<boolean> {
    const rows = await manager.query(
      `insert into void_readiness_item (site_id, item, completed_at, completed_by, note)
       values ($1, $2, case when $3 then now() end, case when $3 then $4::uuid end, $5)
       on conflict (site_id, item) do update
         set completed_at = case when $3 then coalesce(void_readiness_item.completed_at, now()) end,
             completed_by = case when $3 then coalesce(void_readiness_item.completed_by, $4::uuid) end,
             note = coalesce($5, void_readiness_item.note)
         where (void_readiness_item.completed_at is not null) <> $3
            or ($5::text is not null and $5 is distinct from void_readiness_item.note)
       returning item`,
      [siteId, item, done, by, note ?? null],
    );
    return rows.length > 0;
  }
}
