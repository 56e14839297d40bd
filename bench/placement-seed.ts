import { HARD_FILTER_SQL, PERSON_SQL_COLUMNS, personSqlFacts } from '@safe-harbour/domain';
import { Client } from 'pg';
import { hashPassword } from '../apps/api/src/auth/password';
import { personProfile, placementPolicy } from '../apps/api/src/placements/person-profile';
import { PersonForPlacement } from '../apps/api/src/placements/placements.repository';

/**
 * The placement benchmark's world, seeded set-based (generate_series) in a few seconds:
 * 10 local authorities, 2,000 sites of mixed types and attributes, 50,000 beds, 20,000 live placements
 * (people generated to fit the bed they hold), bed-options people of six profiles, and a pool of unplaced
 * adults for the allocation run. Random values come from one seeded session, so two runs seed alike.
 */

export const SEED = {
  sites: 2_000,
  beds: 50_000,
  livePlacements: 20_000,
  seededOperationsPerArea: 4,
  poolPeoplePerArea: 5_000,
};

// West and South Yorkshire: real ONS codes and rough town centres, so distances behave like the real thing.
export const AREAS = [
  { code: 'E08000035', name: 'Leeds', lat: 53.8, lng: -1.55 },
  { code: 'E08000036', name: 'Wakefield', lat: 53.68, lng: -1.5 },
  { code: 'E08000034', name: 'Kirklees', lat: 53.65, lng: -1.78 },
  { code: 'E08000033', name: 'Calderdale', lat: 53.72, lng: -1.86 },
  { code: 'E08000032', name: 'Bradford', lat: 53.79, lng: -1.75 },
  { code: 'E06000014', name: 'York', lat: 53.96, lng: -1.08 },
  { code: 'E08000019', name: 'Sheffield', lat: 53.38, lng: -1.47 },
  { code: 'E08000016', name: 'Barnsley', lat: 53.55, lng: -1.48 },
  { code: 'E08000018', name: 'Rotherham', lat: 53.43, lng: -1.36 },
  { code: 'E08000017', name: 'Doncaster', lat: 53.52, lng: -1.13 },
];

export const OFFICER = { email: 'officer@bench.test', password: 'bench-officer-password' };

export type ProfileName = 'adult_female' | 'adult_male' | 'child' | 'wheelchair' | 'family' | 'vulnerable';
export const PROFILES: readonly ProfileName[] = ['adult_female', 'adult_male', 'child', 'wheelchair', 'family', 'vulnerable'];

export interface CandidateBed {
  bedId: string;
  siteId: string;
  localAuthorityCode: string;
  label: string;
  nightlyCostPence: number | null;
}

export interface PoolPerson {
  id: string;
  reference: string;
  operationId: string;
  /** Index into `SeededWorld.candidateBeds`: beds no hard rule rules out for this person. */
  candidates: number;
}

export interface SeededWorld {
  officerId: string;
  allocationOperationIds: string[];
  profilePeople: Array<{ id: string; profile: ProfileName }>;
  pool: PoolPerson[];
  candidateBeds: CandidateBed[][];
  counts: Record<string, number>;
  seconds: number;
}

const TYPE_DRAW = [
  'place_of_safety', 'place_of_safety',
  'hostel', 'hostel', 'hostel',
  'bed_and_breakfast', 'bed_and_breakfast', 'bed_and_breakfast',
  'void_property', 'void_property', 'void_property',
  'self_contained_flat', 'self_contained_flat', 'self_contained_flat', 'self_contained_flat',
  'safe_house', 'safe_house',
  'respite_centre', 'refuge', 'foster_placement',
];

const sqlList = (values: string[]) => `array[${values.map((v) => `'${v}'`).join(',')}]`;

export async function seedWorld(url: string, periodFrom: Date, periodUntil: Date, log: (line: string) => void): Promise<SeededWorld> {
  const started = Date.now();
  const db = new Client({ connectionString: url, application_name: 'bench-seed' });
  await db.connect();
  const step = async (what: string, sql: string, params: unknown[] = []) => {
    const t = Date.now();
    await db.query(sql, params);
    log(`  seed: ${what} (${Date.now() - t} ms)`);
  };
  try {
    await db.query(`select setseed(0.20251125)`);
    // A statement with parameters must be alone (extended protocol); the rest go in batches.
    await step('areas', `
      create temp table bench_area as
      select a.idx, a.code, a.name, a.lat, a.lng
      from jsonb_to_recordset($1::jsonb) as a(idx int, code text, name text, lat float8, lng float8)`,
      [JSON.stringify(AREAS.map((a, idx) => ({ idx, ...a })))]);
    await step('councils', `
      insert into organisation (name, kind, local_authority_code)
      select name || ' Council (bench)', 'council', code from bench_area;
      insert into organisation (name, kind, local_authority_code)
      values ('Yorkshire Housing Partnership (bench)', 'council', (select code from bench_area where idx = 0));
      create temp table bench_council as
      select a.idx, o.id from bench_area a join organisation o on o.name = a.name || ' Council (bench)'`);

    const passwordHash = await hashPassword(OFFICER.password);
    const [{ id: officerId }] = (
      await db.query(
        `insert into app_user (email, password_hash, display_name, organisation_id, roles)
         values ($1, $2, 'Bench housing officer',
                 (select id from organisation where name = 'Yorkshire Housing Partnership (bench)'), array['housing_officer'])
         returning id`,
        [OFFICER.email, passwordHash],
      )
    ).rows;

    // --- sites -------------------------------------------------------------------------------------
    await step('2,000 sites', `
      create temp table bench_site as
      select gen_random_uuid() as id, i, a.idx as area_idx, a.code as la, a.name as area_name, a.lat as clat, a.lng as clng,
             case when i <= ${AREAS.length * SEED.seededOperationsPerArea} then 'reception_centre'
                  else (${sqlList(TYPE_DRAW)})[1 + floor(random() * ${TYPE_DRAW.length})::int] end as type,
             random() as r1, random() as r2, random() as r3, random() as r4, random() as r5, random() as r6, random() as r7
      from generate_series(1, ${SEED.sites}) i join bench_area a on a.idx = i % ${AREAS.length};

      insert into site (id, organisation_id, name, type, local_authority_code, address, latitude, longitude,
                        available_from, available_until, single_sex, accepts_children, accepts_families,
                        wheelchair_accessible, self_contained, dormitory, staffed_hours, trauma_informed,
                        accepts_no_recourse_to_public_funds, languages, nightly_cost_pence)
      select s.id, c.id, initcap(replace(s.type, '_', ' ')) || ' ' || s.i, s.type, s.la,
             s.i || ' Bench Street, ' || s.area_name,
             s.clat + (s.r6 - 0.5) * 0.36, s.clng + (s.r7 - 0.5) * 0.56,
             case when s.type = 'void_property' and s.r5 < 0.05 then now() + interval '10 days' end,
             case when s.type in ('bed_and_breakfast','void_property','place_of_safety') and s.r5 between 0.05 and 0.2
                  then now() + (3 + floor(s.r4 * 60)) * interval '1 day' end,
             case s.type when 'refuge' then 'female'
                         when 'hostel' then (array['female','male',null])[1 + floor(s.r1 * 3)::int]
                         when 'safe_house' then case when s.r1 < 0.5 then 'female' end
                         when 'place_of_safety' then case when s.r1 < 0.2 then 'female' when s.r1 < 0.4 then 'male' end
             end,
             case s.type when 'foster_placement' then true when 'refuge' then s.r2 < 0.7 when 'respite_centre' then s.r2 < 0.3
                         when 'self_contained_flat' then s.r2 < 0.2 else false end,
             case s.type when 'refuge' then true when 'self_contained_flat' then s.r3 < 0.6
                         when 'void_property' then s.r1 < 0.5 and s.r3 < 0.5 when 'bed_and_breakfast' then s.r3 < 0.3
                         when 'respite_centre' then s.r3 < 0.3 else false end,
             s.r4 < case s.type when 'hostel' then 0.5 else 0.25 end,
             s.type = 'self_contained_flat' or (s.type = 'void_property' and s.r1 < 0.5),
             s.type = 'reception_centre' or (s.type = 'void_property' and s.r1 >= 0.5)
               or (s.type = 'hostel' and s.r2 < 0.4) or (s.type = 'respite_centre' and s.r2 >= 0.5),
             case when s.type in ('safe_house','refuge','hostel','reception_centre','foster_placement') then '24h'
                  when s.type in ('place_of_safety','respite_centre') then (array['24h','office'])[1 + floor(s.r3 * 2)::int]
                  when s.type = 'bed_and_breakfast' then 'office'
                  else (array['on_call','none'])[1 + floor(s.r3 * 2)::int] end,
             s.type in ('safe_house','refuge') or (s.type in ('respite_centre','place_of_safety') and s.r5 < 0.5),
             s.type not in ('bed_and_breakfast','hostel') or s.r2 < 0.5,
             case when s.r5 < 0.35 then array['en', (array['pl','ro','vi','sq','ar','ti','ur','pa'])[1 + floor(s.r4 * 8)::int]]
                  else array['en'] end,
             case s.type when 'bed_and_breakfast' then 4500 + floor(s.r4 * 4500)::int
                         when 'hostel' then 2500 + floor(s.r4 * 1500)::int when 'place_of_safety' then 6000 end
      from bench_site s join bench_council c on c.idx = s.area_idx`);
    // Void council stock is added not ready (its checklist starts empty); most of it has been brought into use.
    await step('void readiness', `
      update void_readiness_item v set completed_at = now() - interval '30 days'
      from bench_site s where s.id = v.site_id and s.r2 < 0.8`);

    // --- beds: exactly SEED.beds, shared out by a per-site size that depends on the type ----------------
    await step('50,000 beds', `
      create temp table bench_site_size as
      select s.id, s.i,
             round((case s.type when 'hostel' then 30 + s.r3 * 30 when 'bed_and_breakfast' then 6 + s.r3 * 12
                         when 'place_of_safety' then 4 + s.r3 * 10
                         when 'void_property' then case when s.r1 < 0.5 then 2 + s.r3 * 3 else 15 + s.r3 * 15 end
                         when 'self_contained_flat' then 1 + s.r3 * 2 when 'safe_house' then 6 + s.r3 * 8
                         when 'respite_centre' then 12 + s.r3 * 20 when 'refuge' then 8 + s.r3 * 10
                         when 'foster_placement' then 1 + s.r3 * 2 else 20 + s.r3 * 20 end)::numeric, 2) as weight
      from bench_site s;
      insert into bed (site_id, label, status, out_of_service_reason)
      select z.id, 'Bed ' || n,
             case when r < 0.02 then 'out_of_service' when r < 0.03 then 'closed' else 'available' end,
             case when r < 0.01 then 'repair' when r < 0.02 then 'cleaning' end
      from (
        select id, (floor(cum * ${SEED.beds} / total) - floor((cum - weight) * ${SEED.beds} / total))::int as beds
        from (select id, weight, sum(weight) over (order by i) as cum, sum(weight) over () as total from bench_site_size) w
      ) z, generate_series(1, z.beds) n, lateral (select random() + n * 0 as r) x`);

    // --- operations ------------------------------------------------------------------------------------
    await step('operations', `
      create temp table bench_operation as
      select gen_random_uuid() as id, a.idx as area_idx, a.code as la, k as slot, false as allocation,
             'BS' || chr(65 + a.idx) || chr(65 + k) as code, a.lat + 0.02 * (k - 1.5) as elat, a.lng + 0.03 as elng
      from bench_area a, generate_series(0, ${SEED.seededOperationsPerArea - 1}) k
      union all
      select gen_random_uuid(), a.idx, a.code, 0, true, 'BAL' || chr(65 + a.idx), a.lat - 0.03, a.lng - 0.02
      from bench_area a;
      insert into operation (id, code, name, lead_organisation_id, local_authority_code, planned_start, expected_people,
                             exploitation_latitude, exploitation_longitude, status, activated_at)
      select o.id, o.code, 'Operation ' || o.code || case when o.allocation then ' (allocation pool)' else '' end, c.id, o.la,
             now() - interval '20 days', case when o.allocation then 5000 else 700 end, o.elat, o.elng, 'active',
             now() - interval '20 days'
      from bench_operation o join bench_council c on c.idx = o.area_idx;
      -- The officer's partnership is on every operation's roster: that is what lets them place its people.
      insert into operation_agency (operation_id, organisation_id, attendance, contact_name, contact_phone)
      select o.id, u.organisation_id, 'on_call', 'Bench duty officer', '+44 113 000 0000'
      from bench_operation o, app_user u where u.email = '${OFFICER.email}';
      -- Each seeded operation ran its own reception centre (their beds are only for that operation's people).
      insert into reception_centre (operation_id, site_id, opens_at, closes_at)
      select o.id, s.id, now() - interval '21 days', now() - interval '19 days'
      from (select o.*, row_number() over (order by o.area_idx, o.slot) as n from bench_operation o where not o.allocation) o
      join (select s.*, row_number() over (order by s.area_idx, s.i) as n from bench_site s where s.type = 'reception_centre') s
        on s.n = o.n`);

    // --- 20,000 live placements, each person generated to fit the bed they hold -------------------------
    await step('20,000 placed people', `
      create temp table bench_person (
        id uuid primary key default gen_random_uuid(), operation_id uuid not null, sex text not null,
        age_category text not null, languages text[] not null, needs jsonb not null, group_id uuid,
        possible_controller boolean not null default false, stage text not null, awaiting_bed boolean not null,
        tag text not null, bed_id uuid, site_id uuid, reservation boolean not null default false,
        placed_days float8, until_days float8);
      insert into bench_person (operation_id, sex, age_category, languages, needs, possible_controller, stage,
                                awaiting_bed, tag, bed_id, site_id, reservation, placed_days, until_days)
      select o.id, x.sex, x.age, x.languages,
             jsonb_build_object('wheelchair', s.wheelchair_accessible and x.r3 < 0.1,
                                'additionalVulnerability', (s.self_contained or s.trauma_informed) and not s.dormitory and x.r4 < 0.3),
             x.r5 < 0.01,
             case when x.age <> 'adult' then 'children_services' when x.r6 < 0.6 then 'recovery_period' else 'awaiting_rg' end,
             false, 'placed', b.id, s.id, x.r6 >= 0.95, 1 + x.r7 * 40, case when x.r8 < 0.15 then 30 + x.r8 * 600 end
      from (select b.* from bed b join site s on s.id = b.site_id
            where b.status = 'available' and s.type <> 'reception_centre' order by random() limit ${SEED.livePlacements}) b
      join site s on s.id = b.site_id
      join bench_site bs on bs.id = s.id
      join lateral (select random() as r1, random() as r2, random() as r3, random() as r4, random() as r5,
                           random() as r6, random() as r7, random() as r8, random() as r9, b.id as anchor) r on true
      cross join lateral (
        select coalesce(s.single_sex, case when r.r1 < 0.55 then 'female' when r.r1 < 0.99 then 'male' else 'unknown' end) as sex,
               case when s.type = 'foster_placement' then 'child'
                    when s.accepts_children and r.r2 < 0.3 then case when r.r2 < 0.03 then 'age_disputed' else 'child' end
                    else 'adult' end as age,
               string_to_array((array['en','pl','ro','vi,en','sq','ar','ti'])[1 + floor(r.r4 * 7)::int], ',') as languages,
               r.*
      ) x
      join bench_operation o on o.area_idx = bs.area_idx and not o.allocation
                            and o.slot = floor(x.r9 * ${SEED.seededOperationsPerArea})::int`);

    // --- bed-options people: six profiles in every seeded operation, unplaced ---------------------------
    await step('bed-options profile people and families', `
      create temp table bench_family as
      select gen_random_uuid() as id, o.id as operation_id from bench_operation o where not o.allocation;
      insert into person_group (id, operation_id, kind, label) select id, operation_id, 'family', 'Bench family' from bench_family;
      insert into bench_person (operation_id, sex, age_category, languages, needs, group_id, stage, awaiting_bed, tag)
      select o.id, p.sex, p.age, p.languages, p.needs::jsonb, case when p.tag like 'family%' then f.id end,
             case when p.age = 'adult' then 'pre_nrm' else 'children_services' end, true, p.tag
      from bench_operation o join bench_family f on f.operation_id = o.id
      cross join (values
        ('adult_female', 'female', 'adult', array['en'], '{}'),
        ('adult_male', 'male', 'adult', array['pl'], '{}'),
        ('child', 'male', 'child', array['vi'], '{}'),
        ('wheelchair', 'female', 'adult', array['ro'], '{"wheelchair": true}'),
        ('family', 'female', 'adult', array['sq'], '{"dependants": 2}'),
        ('family_child', 'female', 'child', array['sq'], '{}'),
        ('family_child', 'male', 'child', array['sq'], '{}'),
        ('vulnerable', 'female', 'adult', array['ti'], '{"additionalVulnerability": true}')
      ) as p(tag, sex, age, languages, needs)
      where not o.allocation`);

    // --- the allocation pool: unplaced adults waiting for a bed -----------------------------------------
    await step('allocation pool', `
      insert into bench_person (operation_id, sex, age_category, languages, needs, stage, awaiting_bed, tag)
      select o.id, case when random() < 0.55 then 'female' else 'male' end, 'adult', array['en'], '{}', 'pre_nrm', true, 'pool'
      from bench_operation o, generate_series(1, ${SEED.poolPeoplePerArea}) n where o.allocation`);

    await step('people', `
      insert into person (id, operation_id, seq, reference, sex, age_category, languages, interpreter_needed, needs,
                          group_id, possible_controller, triage_outcome, triaged_at, children_services_referred,
                          stage, stage_since, awaiting_bed_since, registered_at)
      select p.id, p.operation_id, p.seq, o.code || '-' || lpad(p.seq::text, 4, '0'), p.sex, p.age_category, p.languages,
             not ('en' = any(p.languages)), p.needs, p.group_id, p.possible_controller, 'potential_victim',
             now() - interval '19 days', p.age_category <> 'adult', p.stage, now() - interval '18 days',
             case when p.awaiting_bed then now() - interval '2 hours' end, now() - interval '20 days'
      from (select p.*, row_number() over (partition by p.operation_id order by p.tag, p.id)::int as seq from bench_person p) p
      join bench_operation o on o.id = p.operation_id;
      update operation o set next_person_seq = x.next
      from (select operation_id, count(*)::int + 1 as next from bench_person group by operation_id) x
      where x.operation_id = o.id`);

    await step('placements and bed statuses', `
      insert into placement (person_id, bed_id, site_id, operation_id, kind, status, period, expires_at, nightly_cost_pence,
                             arrived_at, created_by, created_at)
      select p.id, p.bed_id, p.site_id, p.operation_id,
             case when p.reservation then 'reservation' else 'placement' end,
             case when p.reservation then 'reserved' else 'active' end,
             case when p.reservation then tstzrange(now() - interval '30 minutes', null, '[)')
                  else tstzrange(now() - p.placed_days * interval '1 day',
                                 now() + p.until_days * interval '1 day', '[)') end,
             case when p.reservation then now() + interval '3 hours' end,
             s.nightly_cost_pence,
             case when not p.reservation then now() - p.placed_days * interval '1 day' end,
             $1, now() - p.placed_days * interval '1 day'
      from bench_person p join site s on s.id = p.site_id where p.tag = 'placed'`,
      [officerId]);
    await step('bed statuses', `
      update bed b set status = case when p.reservation then 'reserved' else 'occupied' end, updated_at = now()
      from bench_person p where p.bed_id = b.id and p.tag = 'placed'`);

    await step('vacuum analyze', `vacuum analyze`);

    const counts: Record<string, number> = {};
    for (const table of ['site', 'bed', 'person', 'operation', 'placement']) {
      counts[table] = (await db.query(`select count(*)::int as n from ${table}`)).rows[0].n;
    }
    counts.livePlacements = (await db.query(`select count(*)::int as n from placement where status in ('reserved','active')`)).rows[0].n;

    const allocationOperationIds: string[] = (await db.query(`select id from bench_operation where allocation order by area_idx`)).rows.map((r) => r.id);
    const profilePeople = (
      await db.query(`select id, tag as profile from bench_person where tag <> 'placed' and tag <> 'pool' and tag <> 'family_child' order by operation_id, tag`)
    ).rows as Array<{ id: string; profile: ProfileName }>;

    // Beds that no hard rule rules out for each (allocation operation, sex): the SQL mirror of the rules,
    // so that the allocation run measures placing (and its 409s), not a stream of 422 refusals.
    const candidateBeds: CandidateBed[][] = [];
    const candidateIndex = new Map<string, number>();
    const rows = (await db.query(`select o.id, o.code, o.la, o.elat, o.elng from bench_operation o where o.allocation order by o.area_idx`)).rows;
    for (const op of rows) {
      for (const sex of ['female', 'male']) {
        const person = {
          id: '00000000-0000-0000-0000-000000000000', reference: `${op.code}-0000`, operationId: op.id, sex, ageCategory: 'adult',
          languages: ['en'], needs: {}, groupId: null, possibleController: false, triageOutcome: 'potential_victim',
          stage: 'pre_nrm', mergedIntoPersonId: null, leadOrganisationId: '', localAuthorityCode: op.la,
          exploitationLatitude: op.elat, exploitationLongitude: op.elng, operationStatus: 'active',
        } as PersonForPlacement;
        const facts = personSqlFacts(personProfile(person, { from: periodFrom, until: periodUntil }, { kind: null, size: 1 }), placementPolicy);
        const columns = PERSON_SQL_COLUMNS.map((c, i) => `$${i + 1}::${c.type} as ${c.name}`).join(', ');
        const values = PERSON_SQL_COLUMNS.map((c) => (facts as unknown as Record<string, unknown>)[c.name]);
        const beds = (
          await db.query(
            `select b.id as "bedId", s.site_id as "siteId", s.local_authority_code as "localAuthorityCode", b.label,
                    s.nightly_cost_pence as "nightlyCostPence"
             from (
               select x.id::text as site_id, x.type, x.local_authority_code, x.single_sex, x.accepts_children,
                      x.accepts_families, x.wheelchair_accessible, x.self_contained, x.dormitory, x.trauma_informed,
                      x.staffed_hours, x.languages, x.readiness, x.available_from, x.available_until, x.latitude,
                      x.longitude, x.nightly_cost_pence, 1::bigint as free_beds,
                      false as same_operation_suspect_or_controller, false as same_operation_potential_victim
               from site x where x.type <> 'reception_centre') s
             cross join (select ${columns}) p
             join bed b on b.site_id = s.site_id::uuid and b.status not in ('closed','out_of_service')
             where ${HARD_FILTER_SQL}`,
            values,
          )
        ).rows as CandidateBed[];
        candidateIndex.set(`${op.id}/${sex}`, candidateBeds.length);
        candidateBeds.push(beds);
      }
    }
    const pool = (
      await db.query(`select p.id, pe.reference, p.operation_id as "operationId", p.sex from bench_person p join person pe on pe.id = p.id where p.tag = 'pool'`)
    ).rows.map((r) => ({ id: r.id, reference: r.reference, operationId: r.operationId, candidates: candidateIndex.get(`${r.operationId}/${r.sex}`)! }));
    counts.pool = pool.length;
    return { officerId, allocationOperationIds, profilePeople, pool, candidateBeds, counts, seconds: (Date.now() - started) / 1000 };
  } finally {
    await db.end();
  }
}
