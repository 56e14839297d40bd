import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PlacementTriageOutcome, SiteSqlRow } from '@safe-harbour/domain';
import { DataSource, EntityManager } from 'typeorm';
import { preparedQuery } from '../database/prepared-query';

export type PlacementStatus = 'reserved' | 'active' | 'ended' | 'expired' | 'cancelled';

export interface PlacementRow {
  id: string;
  personId: string;
  personReference: string;
  bedId: string;
  bedLabel: string;
  siteId: string;
  operationId: string | null;
  localAuthorityCode: string;
  kind: 'reservation' | 'placement';
  status: PlacementStatus;
  from: Date;
  until: Date | null;
  expiresAt: Date | null;
  expectedArrivalAt: Date | null;
  arrivedAt: Date | null;
  nonArrivalReason: string | null;
  endedAt: Date | null;
  endReason: string | null;
  moveOnDestination: string | null;
  nightlyCostPence: number | null;
  overriddenRules: string[];
  overrideReason: string | null;
  transferredFromId: string | null;
  groupPlacementId: string | null;
  createdAt: Date;
}

const PLACEMENT_COLUMNS = `
  p.id, p.person_id as "personId", pe.reference as "personReference", p.bed_id as "bedId", b.label as "bedLabel",
  p.site_id as "siteId", p.operation_id as "operationId", s.local_authority_code as "localAuthorityCode",
  p.kind, p.status, lower(p.period) as "from", upper(p.period) as "until", p.expires_at as "expiresAt",
  p.expected_arrival_at as "expectedArrivalAt", p.arrived_at as "arrivedAt", p.non_arrival_reason as "nonArrivalReason",
  p.ended_at as "endedAt", p.end_reason as "endReason", p.move_on_destination as "moveOnDestination",
  p.nightly_cost_pence as "nightlyCostPence", p.overridden_rules as "overriddenRules", p.override_reason as "overrideReason",
  p.transferred_from_id as "transferredFromId", p.group_placement_id as "groupPlacementId", p.created_at as "createdAt"`;

const PLACEMENT_FROM = `placement p join person pe on pe.id = p.person_id join bed b on b.id = p.bed_id join site s on s.id = p.site_id`;

/** A person as placement reads them (`PersonForPlacement`), with their operation; add the `where`. */
const PERSON_SQL = `select pe.id, pe.reference, pe.operation_id as "operationId", pe.sex, pe.age_category as "ageCategory",
         pe.languages, pe.needs, pe.group_id as "groupId", pe.possible_controller as "possibleController",
         pe.triage_outcome as "triageOutcome", pe.stage, pe.merged_into_person_id as "mergedIntoPersonId",
         pe.suspected_offender as "suspectedOffender", pe.recourse_to_public_funds as "recourseToPublicFunds",
         pe.dependants, pe.keep_away_from as "keepAwayFrom",
         -- the live deadlines say how long the stage is expected to last (stageRemainingDays)
         coalesce((select jsonb_agg(jsonb_build_object('kind', d.kind, 'dueAt', d.due_at))
                   from deadline d where d.person_id = pe.id and d.state in ('pending','due_soon','overdue')),
                  '[]'::jsonb) as "liveDeadlines",
         o.lead_organisation_id as "leadOrganisationId", o.local_authority_code as "localAuthorityCode",
         o.exploitation_latitude as "exploitationLatitude", o.exploitation_longitude as "exploitationLongitude",
         o.status as "operationStatus"
  from person pe join operation o on o.id = pe.operation_id`;

export interface NewPlacement {
  personId: string;
  bedId: string;
  siteId: string;
  operationId: string | null;
  kind: 'reservation' | 'placement';
  from: Date;
  until: Date | null;
  expiresAt: Date | null;
  expectedArrivalAt: Date | null;
  nightlyCostPence: number | null;
  overriddenRules: string[];
  overrideReason: string | null;
  transferredFromId: string | null;
  groupPlacementId: string | null;
  createdBy: string | null;
}

export interface PersonForPlacement {
  id: string;
  reference: string;
  operationId: string;
  sex: string | null;
  ageCategory: 'adult' | 'child' | 'age_disputed';
  languages: string[];
  needs: {
    wheelchair?: boolean;
    medical?: boolean;
    dependants?: number;
    additionalVulnerability?: boolean;
    pregnant?: boolean;
    pets?: boolean;
    substanceMisuseSupport?: boolean;
    prefersSingleSex?: boolean;
  };
  groupId: string | null;
  possibleController: boolean;
  suspectedOffender: boolean;
  recourseToPublicFunds: 'yes' | 'no' | 'unknown';
  dependants: Array<{ ageCategory: 'child' | 'adult'; age?: number; sex?: string; relationship?: string }>;
  keepAwayFrom: Array<{ lat: number; lng: number; radiusKm: number }>;
  liveDeadlines: Array<{ kind: string; dueAt: string }>;
  triageOutcome: string | null;
  stage: string;
  mergedIntoPersonId: string | null;
  leadOrganisationId: string;
  localAuthorityCode: string;
  exploitationLatitude: number | null;
  exploitationLongitude: number | null;
  operationStatus: string;
}

/** What the keep-apart rules read of a group's member. */
export interface GroupMemberRow {
  personId: string;
  operationId: string;
  triageOutcome: PlacementTriageOutcome | null;
  possibleController: boolean;
  suspectedOffender: boolean;
}

/** A free bed named in bed options, with where it is. */
export interface CandidateBed {
  id: string;
  label: string;
  roomId: string | null;
  roomName: string | null;
}

/** A bed as the placement feature needs it: its site's facts and its current status, locked for the write. */
export interface BedForPlacement {
  bedId: string;
  label: string;
  status: string;
  /** A booking already holds the bed for part of the period asked for (as of the lock; see `lockBed`). */
  heldInPeriod: boolean;
  siteId: string;
  siteType: string;
  siteName: string;
  organisationId: string;
  localAuthorityCode: string;
  nightlyCostPence: number | null;
}

@Injectable()
export class PlacementsRepository {
  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  /**
   * The person (with the organisations that may act on them) and the bed, both locked for the write, in one
   * round trip: person first, then bed, the order every placing transaction takes them in. `bed.heldInPeriod`
   * says whether a booking already holds the bed for part of `[from, until)`; it reads the snapshot taken
   * before the locks were granted, so a booking committed meanwhile by whoever held the bed is not in it
   * (the exclusion constraint catches that one at insert).
   */
  async lockPersonAndBed(
    manager: EntityManager,
    personId: string,
    bedId: string,
    from: Date,
    until: Date | null,
  ): Promise<{ person: PersonForPlacement | null; bed: BedForPlacement | null }> {
    const [row] = await preparedQuery<{ person: PersonForPlacement | null; bed: BedForPlacement | null }>(
      manager,
      'placement.lock-person-and-bed',
      `with locked_person as (${PERSON_SQL} where pe.id = $1 for update of pe),
       locked_bed as (
         select b.id as "bedId", b.label, b.status, s.id as "siteId", s.type as "siteType", s.name as "siteName",
                s.organisation_id as "organisationId", s.local_authority_code as "localAuthorityCode",
                s.nightly_cost_pence as "nightlyCostPence",
                exists (select 1 from placement pl
                        where pl.bed_id = b.id and pl.status in ('reserved','active','ended')
                          and pl.period && tstzrange($3::timestamptz, $4::timestamptz, '[)')) as "heldInPeriod"
         from bed b join site s on s.id = b.site_id
         -- an InitPlan runs before the scan it belongs to: the person is locked before the bed
         where b.id = $2 and (select count(*) from locked_person) >= 0
         for update of b
       )
       select (select to_jsonb(p) from locked_person p) as person, (select to_jsonb(b) from locked_bed b) as bed`,
      [personId, bedId, from, until],
    );
    return { person: row?.person ?? null, bed: row?.bed ?? null };
  }

  /** Locks a bed row for a write on its placements (every writer takes the bed first, then its placements). */
  async lockBed(manager: EntityManager, bedId: string): Promise<void> {
    await preparedQuery(manager, 'placement.lock-bed', `select 1 from bed where id = $1 for update`, [bedId]);
  }

  /**
   * Inserts the placement unless the exclusion constraints refuse it (then null: see `clashFor`); in the
   * same statement, ends the person's wait for a bed and brings the bed's status up to date (as
   * `syncBedStatus` would, counting the new placement). Returns the placement as `find` shows it, and the
   * bed's status change if any. ON CONFLICT DO NOTHING (rather than an error and a savepoint) keeps the
   * transaction usable; one statement instead of five round trips on every placement.
   */
  async insert(manager: EntityManager, p: NewPlacement): Promise<{ placement: PlacementRow; bedChange: { from: string; to: string } | null } | null> {
    const status = p.kind === 'reservation' ? 'reserved' : 'active';
    const rows = await preparedQuery<PlacementRow & { bedFrom: string | null; bedTo: string | null }>(
      manager,
      'placement.insert',
      `with inserted as (
         insert into placement (person_id, bed_id, site_id, operation_id, kind, status, period, expires_at,
           expected_arrival_at, nightly_cost_pence, overridden_rules, override_reason, transferred_from_id,
           group_placement_id, created_by)
         values ($1, $2, $3, $4, $5, $6, tstzrange($7, $8, '[)'), $9, $10, $11, $12, $13, $14, $15, $16)
         on conflict do nothing
         returning *
       ), no_longer_waiting as (
         update person set awaiting_bed_since = null
         where id = (select person_id from inserted) and awaiting_bed_since is not null
       ), ${bedStatusCtes({
         bed: '$2',
         afterDeparture: 'false',
         // this statement's own insert is not visible to its other parts: count it in by hand
         alsoLive: `select status from inserted where status in ('reserved','active') and period @> now()`,
         onlyIf: 'exists (select 1 from inserted)',
       })}
       select ${PLACEMENT_COLUMNS}, changed."from" as "bedFrom", changed."to" as "bedTo"
       from inserted p join person pe on pe.id = p.person_id join bed b on b.id = p.bed_id join site s on s.id = p.site_id
       left join changed on true`,
      [
        p.personId, p.bedId, p.siteId, p.operationId, p.kind, status, p.from, p.until, p.expiresAt,
        p.expectedArrivalAt, p.nightlyCostPence, p.overriddenRules, p.overrideReason, p.transferredFromId,
        p.groupPlacementId, p.createdBy,
      ],
    );
    if (!rows[0]) return null;
    const { bedFrom, bedTo, ...placement } = rows[0];
    return { placement, bedChange: bedFrom && bedTo && bedFrom !== bedTo ? { from: bedFrom, to: bedTo } : null };
  }

  /**
   * Which booking refused an insert: the bed's, the person's, or (null) neither any more. ON CONFLICT waits
   * for a competing transaction to finish, so whatever it committed is visible to this next statement.
   */
  async clashFor(manager: EntityManager, bedId: string, personId: string, from: Date, until: Date | null): Promise<'bed' | 'person' | null> {
    const [row] = await preparedQuery<{ bed: boolean | null; person: boolean | null }>(
      manager,
      'placement.clash',
      `select bool_or(bed_id = $1) as bed, bool_or(person_id = $2) as person
       from placement
       where (bed_id = $1 or person_id = $2) and status in ('reserved','active','ended')
         and period && tstzrange($3::timestamptz, $4::timestamptz, '[)')`,
      [bedId, personId, from, until],
    );
    return row?.bed ? 'bed' : row?.person ? 'person' : null;
  }

  /** The booking that holds a bed for part of a period (the earliest), to say who is in the way of a clash. */
  async holderOf(bedId: string, from: Date, until: Date | null): Promise<PlacementRow | null> {
    const rows = await this.dataSource.query(
      `select ${PLACEMENT_COLUMNS} from ${PLACEMENT_FROM}
       where p.bed_id = $1 and p.status in ('reserved','active','ended')
         and p.period && tstzrange($2::timestamptz, $3::timestamptz, '[)')
       order by lower(p.period) limit 1`,
      [bedId, from, until],
    );
    return rows[0] ?? null;
  }

  /** Beds of a site free over a period, room by room (so a family can share one), then by label. */
  async freeBedsAt(siteId: string, from: Date, until: Date | null, limit: number): Promise<string[]> {
    const rows = await this.dataSource.query(
      `select b.id from bed b left join room r on r.id = b.room_id
       where b.site_id = $1 and b.status not in ('closed','out_of_service')
         and not exists (select 1 from placement p where p.bed_id = b.id and p.status in ('reserved','active','ended')
                         and p.period && tstzrange($2::timestamptz, $3::timestamptz, '[)'))
       order by r.name nulls last, b.room_id, lower(b.label), b.id
       limit $4`,
      [siteId, from, until, limit],
    );
    return rows.map((r: { id: string }) => r.id);
  }

  /** A bed's label, room and site name, to name a bed in words. */
  async describeBed(bedId: string): Promise<{ bedId: string; bedLabel: string; roomName: string | null; siteId: string; siteName: string; siteType: string } | null> {
    const rows = await this.dataSource.query(
      `select b.id as "bedId", b.label as "bedLabel", r.name as "roomName", s.id as "siteId", s.name as "siteName", s.type as "siteType"
       from bed b join site s on s.id = b.site_id left join room r on r.id = b.room_id where b.id = $1`,
      [bedId],
    );
    return rows[0] ?? null;
  }

  async find(manager: EntityManager | null, id: string, lock = false): Promise<PlacementRow | null> {
    const m = manager ?? this.dataSource.manager;
    const rows = await m.query(
      `select ${PLACEMENT_COLUMNS} from ${PLACEMENT_FROM} where p.id = $1 ${lock ? 'for update of p' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  async listForPerson(personId: string): Promise<PlacementRow[]> {
    return this.dataSource.query(
      `select ${PLACEMENT_COLUMNS} from ${PLACEMENT_FROM} where p.person_id = $1 order by lower(p.period) desc`,
      [personId],
    );
  }

  async confirm(manager: EntityManager, id: string): Promise<void> {
    await manager.query(
      `update placement set kind = 'placement', status = 'active', expires_at = null, updated_at = now() where id = $1`,
      [id],
    );
  }

  /** Ends a live placement at `at`: its period is cut there, so the bed is free from `at` on. */
  async end(manager: EntityManager, id: string, at: Date, reason: string, moveOnDestination: string | null): Promise<void> {
    await manager.query(
      `update placement
       set status = case when status = 'reserved' then 'cancelled' else 'ended' end,
           expires_at = null,
           period = tstzrange(lower(period), greatest(lower(period), $2::timestamptz), '[)'),
           ended_at = $2, end_reason = $3, move_on_destination = $4, updated_at = now()
       where id = $1`,
      [id, at, reason, moveOnDestination],
    );
  }

  async recordArrival(manager: EntityManager, id: string, arrivedAt: Date | null, nonArrivalReason: string | null) {
    await manager.query(
      `update placement set arrived_at = $2, non_arrival_reason = $3, updated_at = now() where id = $1`,
      [id, arrivedAt, nonArrivalReason],
    );
  }

  /** The status a bed shows now, from the placements that cover this moment. */
  async syncBedStatus(manager: EntityManager, bedId: string, afterDeparture: boolean): Promise<{ from: string; to: string } | null> {
    const [row] = await preparedQuery<{ from: string; to: string }>(
      manager,
      'placement.sync-bed-status',
      `with ${bedStatusCtes({ bed: '$1', afterDeparture: '$2' })} select * from changed`,
      [bedId, afterDeparture],
    );
    return row && row.from !== row.to ? row : null;
  }

  /** Reservations whose hold has lapsed; locked so that only one process expires each. */
  async lockExpiredReservations(manager: EntityManager, limit: number): Promise<PlacementRow[]> {
    return manager.query(
      `select ${PLACEMENT_COLUMNS} from ${PLACEMENT_FROM}
       where p.status = 'reserved' and p.expires_at <= now()
       order by p.expires_at limit $1 for update of p skip locked`,
      [limit],
    );
  }

  /** A person's placements that hold a bed at `at` (reserved or active, begun by then), locked for the write unless `lock` is false. */
  async lockLiveForPerson(manager: EntityManager, personId: string, at: Date, lock = true): Promise<PlacementRow[]> {
    return manager.query(
      `select ${PLACEMENT_COLUMNS} from ${PLACEMENT_FROM}
       where p.person_id = $1 and p.status in ('reserved','active') and lower(p.period) < $2
         and (upper(p.period) is null or upper(p.period) > $2)
       order by p.id ${lock ? 'for update of p' : ''}`,
      [personId, at],
    );
  }

  async expire(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`update placement set status = 'expired', updated_at = now() where id = $1`, [id]);
  }

  async occupancy(localAuthorityCode: string | null, operationId: string | null, onlyOrganisationId: string | null = null, manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).query(
      `select s.id as "siteId", s.name, s.type, s.local_authority_code as "localAuthorityCode", s.readiness,
              count(b.id)::int as total,
              -- a bed in a void property whose checklist is not done is nobody's to give: "not ready", never "free"
              count(b.id) filter (where b.status = 'available' and s.readiness = 'ready')::int as available,
              count(b.id) filter (where b.status = 'available' and s.readiness <> 'ready')::int as not_ready,
              count(b.id) filter (where b.status = 'reserved')::int as reserved,
              count(b.id) filter (where b.status = 'occupied')::int as occupied,
              count(b.id) filter (where b.status = 'out_of_service')::int as out_of_service,
              count(b.id) filter (where b.status = 'closed')::int as closed
       from site s left join bed b on b.site_id = s.id
       where ($1::text is null or s.local_authority_code = $1)
         and ($2::uuid is null
              or s.id in (select site_id from reception_centre where operation_id = $2)
              or s.id in (select site_id from placement where operation_id = $2 and status in ('reserved','active')))
         and ($3::uuid is null or s.organisation_id = $3)
       group by s.id
       order by s.type = 'reception_centre' desc, s.name`,
      [localAuthorityCode, operationId, onlyOrganisationId],
    );
  }

  /** The person with what placement needs to know of them and of their operation. */
  async findPerson(manager: EntityManager, personId: string): Promise<PersonForPlacement | null> {
    const rows = await preparedQuery<PersonForPlacement>(manager, 'placement.person', `${PERSON_SQL} where pe.id = $1`, [personId]);
    return rows[0] ?? null;
  }

  /**
   * Candidate sites for a person over `[from, until)`, as rows in the shape the pure rules read
   * (`SITE_SQL_COLUMNS`): free beds counted over the period, and whether someone from the same operation
   * who must be kept apart is placed there. `excludePeople` are the person and their group, so a
   * transfer or group placement never excludes itself. One site (`siteId`: the placing check) or the
   * sites of some areas (`areas`: bed options).
   */
  async siteRows(
    manager: EntityManager | null,
    q: { operationId: string; from: Date; until: Date | null; excludePeople: string[]; bedsPerSite: number } & ({ siteId: string } | { areas: string[] }),
  ): Promise<Array<SiteSqlRow & { bed_ids: string[] | null; beds: CandidateBed[] | null; name: string }>> {
    const one = 'siteId' in q;
    const values = [q.operationId, q.from, q.until, one ? q.siteId : q.areas, q.excludePeople, q.bedsPerSite];
    return preparedQuery(manager ?? this.dataSource, one ? 'placement.site-rows.site' : 'placement.site-rows.areas', one ? SITE_ROWS_ONE_SITE : SITE_ROWS_IN_AREAS, values);
  }

  async groupMembers(
    manager: EntityManager | null,
    groupId: string | null,
  ): Promise<{ kind: string | null; ids: string[]; members: GroupMemberRow[] }> {
    if (!groupId) return { kind: null, ids: [], members: [] };
    const m = manager ?? this.dataSource.manager;
    const rows = await m.query(
      `select g.kind, array_agg(p.id) filter (where p.id is not null and p.merged_into_person_id is null) as ids,
              coalesce(jsonb_agg(jsonb_build_object('personId', p.id, 'operationId', p.operation_id,
                         'triageOutcome', p.triage_outcome, 'possibleController', p.possible_controller,
                         'suspectedOffender', p.suspected_offender))
                       filter (where p.id is not null and p.merged_into_person_id is null), '[]'::jsonb) as members
       from person_group g left join person p on p.group_id = g.id where g.id = $1 group by g.kind`,
      [groupId],
    );
    return { kind: rows[0]?.kind ?? null, ids: rows[0]?.ids ?? [], members: rows[0]?.members ?? [] };
  }

  /** Held to the end of the transaction; other operations and other sites are not held up. */
  async lockSiteForOperation(manager: EntityManager, siteId: string, operationId: string): Promise<void> {
    await manager.query(`select pg_advisory_xact_lock(hashtextextended('placement-site:' || $1 || ':' || $2, 0))`, [siteId, operationId]);
  }
}

/**
 * The SQL behind `siteRows`, shaped for the indexes: bed options run it over a whole area (~200 sites,
 * ~5,000 beds) on every request and placing runs it for one site. The placements that hold a bed at a
 * candidate site during the period are read once, site by site through `placement_site_period_idx`, and
 * serve both the free-bed count and the keep-apart check; beds come site by site through
 * `bed_site_status_idx`. The period is spelt out (not a CTE) so the planner sees it.
 * Both texts plan alike whatever the values, so they run as prepared statements (planned once).
 * Parameters: $1 operation, $2 from, $3 until, $4 the site (uuid) or the areas (text[]),
 * $5 people not to count (the person and their group), $6 beds to name per site.
 */
function siteRowsSql(scope: 'site' | 'areas'): string {
  const sites = scope === 'site' ? `$4::uuid` : `any((select ids from site_ids)::uuid[])`;
  return `with candidate_site as (
       select s.* from site s
       where ${scope === 'site' ? 's.id = $4::uuid' : 's.local_authority_code = any($4::text[])'}
         -- a reception centre's own beds are only for the people of the operation it serves
         and (s.type <> 'reception_centre' or s.id in (select site_id from reception_centre where operation_id = $1))
     ),
     site_ids as (select array_agg(id) as ids from candidate_site),
     -- every placement holding a bed there for part of the period; ended ones too (they keep their
     -- truncated period and the exclusion constraint counts them)
     held as (
       select pl.bed_id, pl.site_id, pl.person_id, pl.status from placement pl
       where pl.site_id = ${sites}
         and pl.status in ('reserved','active','ended')
         and pl.period && tstzrange($2::timestamptz, $3::timestamptz, '[)')
     ),
     free as (
       select b.site_id, count(*) as free_beds, (array_agg(b.id order by b.label, b.id))[1:$6] as bed_ids,
              (array_agg(jsonb_build_object('id', b.id, 'label', b.label, 'roomId', b.room_id, 'roomName', r.name)
                         order by b.label, b.id))[1:$6] as beds
       from bed b left join room r on r.id = b.room_id
       where b.site_id = ${sites}
         and b.status not in ('closed','out_of_service')
         and not exists (select 1 from held where held.bed_id = b.id)
       group by b.site_id
     ),
     same_operation as materialized (select id, keep_apart, triage_outcome from person where operation_id = $1),
     kept_apart as (
       select h.site_id,
              bool_or(x.keep_apart) as suspect_or_controller,
              bool_or(x.triage_outcome = 'potential_victim') as potential_victim
       from held h
       ${
         // One site holds a handful of placements: each person is looked up by key. Across an area it
         // is cheaper to read the operation's people once and match them.
         scope === 'site' ? 'join person x on x.id = h.person_id and x.operation_id = $1' : 'join same_operation x on x.id = h.person_id'
       }
       where h.status in ('reserved','active') and not (x.id = any($5::uuid[]))
       group by h.site_id
     )
     select s.id::text as site_id, s.name, s.type, s.local_authority_code, s.single_sex, s.accepts_children,
            s.accepts_families, s.wheelchair_accessible, s.self_contained, s.dormitory, s.trauma_informed,
            s.accepts_no_recourse_to_public_funds, s.accepts_pets, s.substance_misuse_support, s.staffed_hours, s.languages, s.readiness, s.available_from, s.available_until, s.latitude,
            s.longitude, coalesce(f.free_beds, 0) as free_beds, f.bed_ids, f.beds,
            coalesce(k.suspect_or_controller, false) as same_operation_suspect_or_controller,
            coalesce(k.potential_victim, false) as same_operation_potential_victim
     from candidate_site s left join free f on f.site_id = s.id left join kept_apart k on k.site_id = s.id`;
}

const SITE_ROWS_ONE_SITE = siteRowsSql('site');
const SITE_ROWS_IN_AREAS = siteRowsSql('areas');

/**
 * The status a bed shows now, from the placements that cover this moment, as CTEs ending in `changed`
 * (`from`, `to`). After a departure an occupied bed goes out of service for cleaning. `alsoLive` adds
 * placements the statement cannot see yet (its own insert); `onlyIf` gates the update.
 */
function bedStatusCtes(q: { bed: string; afterDeparture: string; alsoLive?: string; onlyIf?: string }): string {
  return `live as (
       select case when bool_or(status = 'active') then 'occupied' when bool_or(status = 'reserved') then 'reserved' end as status
       from (select status from placement where bed_id = ${q.bed} and status in ('reserved','active') and period @> now()
             ${q.alsoLive ? `union all ${q.alsoLive}` : ''}) covering_now
     ), current as (select status from bed where id = ${q.bed}),
     changed as (
       update bed set
         status = coalesce((select status from live),
                           case when ${q.afterDeparture} and current.status in ('occupied','reserved') then 'out_of_service'
                                when current.status in ('occupied','reserved') then 'available'
                                else current.status end),
         out_of_service_reason = case
           when (select status from live) is not null then null
           when ${q.afterDeparture} and current.status in ('occupied','reserved') then 'cleaning'
           when current.status in ('occupied','reserved') then null
           else bed.out_of_service_reason end,
         updated_at = now()
       from current
       where bed.id = ${q.bed} ${q.onlyIf ? `and ${q.onlyIf}` : ''}
       returning current.status as "from", bed.status as "to")`;
}
