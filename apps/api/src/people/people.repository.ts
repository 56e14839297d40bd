import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AgeCategory, ExploitationType, PersonNeeds, Station, StationStatus, TriageOutcome } from '@safe-harbour/domain';
import { DataSource, EntityManager } from 'typeorm';

export interface PersonRow {
  id: string;
  operationId: string;
  seq: number;
  reference: string;
  sex: string;
  ageCategory: AgeCategory;
  nationality: string | null;
  languages: string[];
  interpreterNeeded: boolean;
  needs: PersonNeeds;
  groupId: string | null;
  possibleController: boolean;
  /** A potential victim who is also a suspected offender (triage); counts in `keepApart`. */
  suspectedOffender: boolean;
  keepApart: boolean;
  recourseToPublicFunds: 'yes' | 'no' | 'unknown';
  dependants: PersonDependant[];
  /** Points with a radius; shown only to those who may see personal data, never in events. */
  keepAwayFrom: Array<{ lat: number; lng: number; radiusKm: number }>;
  triageOutcome: TriageOutcome | null;
  exploitationType: ExploitationType | null;
  /** criminal exploitation through a county-lines drug network (NRM statistics' flag) */
  countyLines: boolean;
  /** as the national statistics report it: the person's age when the exploitation happened; null when not known */
  ageAtExploitation: 'adult' | 'child' | null;
  triageNotes: string | null;
  triagedBy: string | null;
  triagedAt: Date | null;
  childrenServicesReferred: boolean;
  stage: string;
  stageSince: Date;
  awaitingBedSince: Date | null;
  registeredBy: string | null;
  registeredAt: Date;
  updatedAt: Date;
  mergedIntoPersonId: string | null;
  mergedAt: Date | null;
}

export interface PersonDependant {
  ageCategory: 'child' | 'adult';
  age?: number;
  sex?: string;
  relationship?: string;
}

export interface IdentityRow {
  personId: string;
  givenName: string | null;
  familyName: string | null;
  dateOfBirth: string | null;
  aliases: string[];
  updatedAt: Date;
}

export interface StationTaskRow {
  personId: string;
  station: Station;
  status: StationStatus;
  updatedBy: string | null;
  queuedAt: Date;
  startedAt: Date | null;
  doneAt: Date | null;
}

export interface GroupRow {
  id: string;
  operationId: string;
  kind: string;
  label: string;
  createdAt: Date;
  members: string[];
}

const PERSON_COLUMNS = `
  p.id, p.operation_id as "operationId", p.seq, p.reference, p.sex, p.age_category as "ageCategory", p.nationality,
  p.languages, p.interpreter_needed as "interpreterNeeded", p.needs, p.group_id as "groupId",
  p.possible_controller as "possibleController", p.suspected_offender as "suspectedOffender", p.keep_apart as "keepApart",
  p.recourse_to_public_funds as "recourseToPublicFunds", p.dependants, p.keep_away_from as "keepAwayFrom",
  p.triage_outcome as "triageOutcome",
  p.exploitation_type as "exploitationType", p.county_lines as "countyLines", p.age_at_exploitation as "ageAtExploitation",
  p.triage_notes as "triageNotes", p.triaged_by as "triagedBy", p.triaged_at as "triagedAt",
  p.children_services_referred as "childrenServicesReferred", p.stage, p.stage_since as "stageSince",
  p.awaiting_bed_since as "awaitingBedSince", p.registered_by as "registeredBy", p.registered_at as "registeredAt",
  p.updated_at as "updatedAt", p.merged_into_person_id as "mergedIntoPersonId", p.merged_at as "mergedAt"`;

const IDENTITY_COLUMNS = `
  i.person_id as "personId", i.given_name as "givenName", i.family_name as "familyName",
  to_char(i.date_of_birth, 'YYYY-MM-DD') as "dateOfBirth", i.aliases, i.updated_at as "updatedAt"`;

const TASK_COLUMNS = `
  t.person_id as "personId", t.station, t.status, t.updated_by as "updatedBy", t.queued_at as "queuedAt",
  t.started_at as "startedAt", t.done_at as "doneAt"`;

/** What registration writes: the row's own facts; the database fills in the rest (ids, stage, timestamps). */
export type NewPerson = Pick<
  PersonRow,
  | 'operationId'
  | 'seq'
  | 'reference'
  | 'sex'
  | 'ageCategory'
  | 'nationality'
  | 'languages'
  | 'interpreterNeeded'
  | 'needs'
  | 'groupId'
  | 'possibleController'
  | 'childrenServicesReferred'
  | 'registeredBy'
> & {
  recourseToPublicFunds?: PersonRow['recourseToPublicFunds'];
  dependants?: PersonDependant[];
  keepAwayFrom?: PersonRow['keepAwayFrom'];
  exploitationType?: ExploitationType | null;
  /** Demo data backdates registrations; the API always registers now. */
  registeredAt?: Date;
};

/** Column of each field a service may change on a person; anything else cannot be written through here. */
const UPDATABLE = {
  sex: 'sex',
  ageCategory: 'age_category',
  nationality: 'nationality',
  languages: 'languages',
  interpreterNeeded: 'interpreter_needed',
  needs: 'needs',
  groupId: 'group_id',
  possibleController: 'possible_controller',
  suspectedOffender: 'suspected_offender',
  recourseToPublicFunds: 'recourse_to_public_funds',
  dependants: 'dependants',
  keepAwayFrom: 'keep_away_from',
  triageOutcome: 'triage_outcome',
  exploitationType: 'exploitation_type',
  countyLines: 'county_lines',
  ageAtExploitation: 'age_at_exploitation',
  triageNotes: 'triage_notes',
  triagedBy: 'triaged_by',
  triagedAt: 'triaged_at',
  childrenServicesReferred: 'children_services_referred',
  stage: 'stage',
  stageSince: 'stage_since',
  awaitingBedSince: 'awaiting_bed_since',
  mergedIntoPersonId: 'merged_into_person_id',
  mergedAt: 'merged_at',
} as const;
export type PersonChanges = Partial<{ -readonly [K in keyof typeof UPDATABLE]: unknown }>;

export interface PeopleFilter {
  stage?: string;
  triageOutcome?: TriageOutcome | 'untriaged';
  awaitingBed?: boolean;
  includeMerged?: boolean;
}

/** All SQL about people registered at a reception centre: the record, identity, groups and stations. */
@Injectable()
export class PeopleRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager) {
    return manager ?? this.dataSource.manager;
  }

  async find(id: string, manager?: EntityManager): Promise<PersonRow | null> {
    const rows = await this.m(manager).query(`select ${PERSON_COLUMNS} from person p where p.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Row locks in id order, so two merges of the same pair cannot deadlock. */
  async lock(manager: EntityManager, ids: string[]): Promise<Map<string, PersonRow>> {
    const rows: PersonRow[] = await manager.query(
      `select ${PERSON_COLUMNS} from person p where p.id = any($1::uuid[]) order by p.id for update`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r]));
  }

  async insert(manager: EntityManager, person: NewPerson): Promise<PersonRow> {
    const [row] = await manager.query(
      `insert into person (operation_id, seq, reference, sex, age_category, nationality, languages, interpreter_needed,
                           needs, group_id, possible_controller, children_services_referred, registered_by,
                           registered_at, stage_since, exploitation_type, recourse_to_public_funds, dependants,
                           keep_away_from)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12, $13, coalesce($14, now()), coalesce($14, now()), $15,
               $16, $17::jsonb, $18::jsonb)
       returning id`,
      [
        person.operationId,
        person.seq,
        person.reference,
        person.sex,
        person.ageCategory,
        person.nationality,
        person.languages,
        person.interpreterNeeded,
        JSON.stringify(person.needs),
        person.groupId,
        person.possibleController,
        person.childrenServicesReferred,
        person.registeredBy,
        person.registeredAt ?? null,
        person.exploitationType ?? null,
        person.recourseToPublicFunds ?? 'unknown',
        JSON.stringify(person.dependants ?? []),
        JSON.stringify(person.keepAwayFrom ?? []),
      ],
    );
    return (await this.find(row.id, manager))!;
  }

  async update(manager: EntityManager, id: string, changes: PersonChanges): Promise<PersonRow> {
    const entries = Object.entries(changes).filter(([, v]) => v !== undefined) as Array<[keyof typeof UPDATABLE, unknown]>;
    if (entries.length > 0) {
      const json = (key: string) => key === 'needs' || key === 'dependants' || key === 'keepAwayFrom';
      const sets = entries.map(([key], i) => `${UPDATABLE[key]} = $${i + 2}${json(key) ? '::jsonb' : ''}`);
      await manager.query(
        `update person set ${sets.join(', ')}, updated_at = now() where id = $1`,
        [id, ...entries.map(([key, value]) => (json(key) ? JSON.stringify(value) : value))],
      );
    }
    return (await this.find(id, manager))!;
  }

  async list(operationId: string, filter: PeopleFilter, limit: number, afterSeq?: number): Promise<PersonRow[]> {
    return this.dataSource.query(
      `select ${PERSON_COLUMNS} from person p
       where p.operation_id = $1
         and ($2::boolean or p.merged_into_person_id is null)
         and ($3::text is null or p.stage = $3)
         and ($4::text is null or coalesce(p.triage_outcome, 'untriaged') = $4)
         and ($5::boolean is null or (p.awaiting_bed_since is not null) = $5)
         and ($6::int is null or p.seq > $6)
       order by p.seq
       limit $7`,
      [
        operationId,
        filter.includeMerged ?? false,
        filter.stage ?? null,
        filter.triageOutcome ?? null,
        filter.awaitingBed ?? null,
        afterSeq ?? null,
        limit + 1,
      ],
    );
  }

  // ---- identity (personal data) ----

  async insertIdentity(
    manager: EntityManager,
    personId: string,
    identity: { givenName?: string | null; familyName?: string | null; dateOfBirth?: string | null; aliases?: string[] },
  ): Promise<void> {
    await manager.query(
      `insert into person_identity (person_id, given_name, family_name, date_of_birth, aliases) values ($1, $2, $3, $4, $5)`,
      [personId, identity.givenName?.trim() || null, identity.familyName?.trim() || null, identity.dateOfBirth ?? null, identity.aliases ?? []],
    );
  }

  async identities(personIds: string[], manager?: EntityManager): Promise<Map<string, IdentityRow>> {
    if (personIds.length === 0) return new Map();
    const rows: IdentityRow[] = await this.m(manager).query(
      `select ${IDENTITY_COLUMNS} from person_identity i where i.person_id = any($1::uuid[])`,
      [personIds],
    );
    return new Map(rows.map((r) => [r.personId, r]));
  }

  async updateIdentity(
    manager: EntityManager,
    personId: string,
    identity: { givenName: string | null; familyName: string | null; dateOfBirth: string | null; aliases: string[] },
  ): Promise<void> {
    await manager.query(
      `update person_identity set given_name = $2, family_name = $3, date_of_birth = $4, aliases = $5, updated_at = now()
       where person_id = $1`,
      [personId, identity.givenName, identity.familyName, identity.dateOfBirth, identity.aliases],
    );
  }

  // ---- groups ----

  async insertGroup(manager: EntityManager, operationId: string, kind: string, label: string, createdBy: string | null): Promise<string | null> {
    const rows = await manager.query(
      `insert into person_group (operation_id, kind, label, created_by) values ($1, $2, $3, $4)
       on conflict do nothing returning id`,
      [operationId, kind, label.trim(), createdBy],
    );
    return rows[0]?.id ?? null;
  }

  async groupExists(manager: EntityManager, operationId: string, groupId: string): Promise<boolean> {
    const rows = await manager.query(`select 1 from person_group where id = $1 and operation_id = $2`, [groupId, operationId]);
    return rows.length > 0;
  }

  async listGroups(operationId: string, manager?: EntityManager): Promise<GroupRow[]> {
    return this.m(manager).query(
      `select g.id, g.operation_id as "operationId", g.kind, g.label, g.created_at as "createdAt",
              coalesce(array_agg(p.reference order by p.seq) filter (where p.id is not null), '{}') as members
       from person_group g
       left join person p on p.group_id = g.id and p.merged_into_person_id is null
       where g.operation_id = $1
       group by g.id
       order by g.created_at, g.id`,
      [operationId],
    );
  }

  // ---- station checklist ----

  async tasks(personId: string, manager?: EntityManager): Promise<StationTaskRow[]> {
    return this.m(manager).query(
      `select ${TASK_COLUMNS} from station_task t where t.person_id = $1
       order by array_position(array['interpreter','police_debrief','health_check','first_responder','housing_needs','welfare'], t.station)`,
      [personId],
    );
  }

  async addTasks(manager: EntityManager, personId: string, stations: Station[], at?: Date): Promise<void> {
    if (stations.length === 0) return;
    await manager.query(
      `insert into station_task (person_id, station, queued_at) select $1, s, coalesce($3, now()) from unnest($2::text[]) as s
       on conflict do nothing`,
      [personId, stations, at ?? null],
    );
  }

  async removeQueuedTasks(manager: EntityManager, personId: string, stations: Station[]): Promise<void> {
    if (stations.length === 0) return;
    await manager.query(`delete from station_task where person_id = $1 and station = any($2::text[]) and status = 'queued'`, [personId, stations]);
  }

  async lockTask(manager: EntityManager, personId: string, station: Station): Promise<StationTaskRow | null> {
    const rows = await manager.query(`select ${TASK_COLUMNS} from station_task t where t.person_id = $1 and t.station = $2 for update`, [personId, station]);
    return rows[0] ?? null;
  }

  async moveTask(manager: EntityManager, personId: string, station: Station, to: StationStatus, userId: string | null): Promise<void> {
    await manager.query(
      `update station_task set
         status = $3,
         updated_by = $4,
         started_at = case when $3 = 'in_progress' then now() when $3 = 'queued' then null else started_at end,
         done_at = case when $3 = 'done' then now() else null end
       where person_id = $1 and station = $2`,
      [personId, station, to, userId],
    );
  }

  /** Copies a task's progress from another record (merging duplicates); the source row stays as it was. */
  async copyTaskProgress(manager: EntityManager, personId: string, from: StationTaskRow): Promise<void> {
    await manager.query(
      `insert into station_task (person_id, station, status, updated_by, queued_at, started_at, done_at)
       values ($1, $2, $3, $4, $5, $6, $7)
       on conflict (person_id, station) do update set
         status = excluded.status, updated_by = excluded.updated_by, started_at = excluded.started_at, done_at = excluded.done_at,
         queued_at = least(station_task.queued_at, excluded.queued_at)`,
      [personId, from.station, from.status, from.updatedBy, from.queuedAt, from.startedAt, from.doneAt],
    );
  }

  /** Who is waiting at each station and for how long, oldest first: what the centre's coordinator watches. */
  async stationBoard(operationId: string): Promise<Array<StationTaskRow & { reference: string; ageCategory: string; waitingMinutes: number | null }>> {
    return this.dataSource.query(
      `select ${TASK_COLUMNS}, p.reference, p.age_category as "ageCategory",
              case when t.status = 'queued' then floor(extract(epoch from now() - t.queued_at) / 60)::int end as "waitingMinutes"
       from station_task t join person p on p.id = t.person_id
       where p.operation_id = $1 and p.merged_into_person_id is null
       order by t.station, t.queued_at, p.seq`,
      [operationId],
    );
  }
}
