import {
  assessSite,
  DEFAULT_PLACEMENT_POLICY,
  expectedStayEnd,
  HARD_FILTER_SQL,
  HARD_RULES,
  HAVERSINE_KM_SQL,
  haversineKm,
  PERSON_SQL_COLUMNS,
  PersonPlacementProfile,
  personSqlFacts,
  PlacementAgeCategory,
  PlacementPolicy,
  PlacementTriageOutcome,
  SITE_SQL_COLUMNS,
  PLACEMENT_SITE_TYPES,
  siteProfileFromRow,
  SiteSqlRow,
} from '@safe-harbour/domain';
import { Client } from 'pg';

/**
 * The bed-options query pre-filters sites in SQL with each hard rule's `sqlExcludes`, then runs
 * `assessSite` on what comes back. Both must exclude exactly the same sites, or the SQL would hide a
 * suitable bed (or waste time on unsuitable ones). This runs every rule's SQL on the real PostgreSQL
 * against the functions over a few thousand generated cases, boundaries and missing facts included.
 */

// A small seeded generator: the same cases on every run, so a failure can be replayed.
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)];
  return { next, pick, chance: (p: number) => next() < p };
}

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const LEEDS = { lat: 53.7997, lng: -1.5492 };
const northOf = (km: number) => ({ lat: LEEDS.lat + (km / 6371.0088) * (180 / Math.PI), lng: LEEDS.lng });

interface Case {
  person: PersonPlacementProfile;
  row: SiteSqlRow;
  policy: PlacementPolicy;
}

function generateCases(count: number): Case[] {
  const g = generator(20260302);
  const cases: Case[] = [];
  for (let i = 0; i < count; i++) {
    const from = new Date(Date.UTC(2026, 2, 1) + Math.floor(g.next() * 300) * DAY + g.pick([0, 18 * HOUR]));
    const person: PersonPlacementProfile = {
      operationId: 'op',
      ageCategory: g.pick<PlacementAgeCategory>(['adult', 'adult', 'child', 'age_disputed']),
      sex: g.pick(['female', 'male', 'other']),
      triageOutcome: g.pick<PlacementTriageOutcome | null>([null, 'potential_victim', 'potential_victim', 'suspect', 'witness', 'not_victim']),
      possibleController: g.chance(0.2),
      suspectedOffender: g.chance(0.1),
      recourseToPublicFunds: g.pick([undefined, undefined, 'yes', 'no', 'unknown'] as const),
      dependants: g.pick([
        undefined,
        undefined,
        [],
        [{ ageCategory: 'child' as const, age: 4, sex: 'female' }],
        [{ ageCategory: 'child' as const, sex: 'male' }],
        [{ ageCategory: 'adult' as const, sex: 'female' }],
        [{ ageCategory: 'adult' as const }, { ageCategory: 'child' as const, age: 10, sex: 'female' }],
      ]),
      keepAwayFrom: g.pick([
        undefined,
        undefined,
        [],
        // radii well away from the generated site distances (2, 4.9, 5.1, 40, 200 km), so rounding never decides
        [{ ...LEEDS, radiusKm: 3 }],
        [{ ...northOf(40), radiusKm: 10 }],
        [{ ...northOf(300), radiusKm: 1 }, { ...northOf(190), radiusKm: 30 }],
      ]),
      placedWith: g.chance(0.7) ? undefined : g.pick([{ keepApart: false, potentialVictim: false }, { keepApart: true, potentialVictim: false }, { keepApart: false, potentialVictim: true }]),
      needs: {
        wheelchair: g.chance(0.3),
        medical: g.chance(0.3),
        dependants: g.pick([0, 0, 1, 2]),
        additionalVulnerability: g.chance(0.4),
        pregnant: g.chance(0.2),
        pets: g.chance(0.2),
        substanceMisuseSupport: g.chance(0.2),
      },
      languages: g.pick([[], ['ro'], ['sq', 'en']]),
      groupSize: g.pick([1, 1, 2, 3, 5]),
      groupKind: g.pick([null, 'family', 'travelled_together'] as const),
      localAuthorityCode: 'E08000035',
      stage: 'pre_nrm',
      stageRemainingDays: g.pick([null, 0, 5, 45]),
      exploitationSite: g.chance(0.8) ? LEEDS : null,
      requestedPeriod: { from, until: g.chance(0.3) ? new Date(from.getTime() + g.pick([1, 3, 10]) * DAY) : null },
    };
    const stayEnd = expectedStayEnd(person);
    const location = g.pick<{ lat: number; lng: number } | null>([null, LEEDS, northOf(2), northOf(4.9), northOf(5.1), northOf(40), northOf(200)]);
    const row: SiteSqlRow = {
      site_id: `site-${i}`,
      type: g.pick(PLACEMENT_SITE_TYPES),
      local_authority_code: 'E08000035',
      single_sex: g.pick([null, null, 'female', 'male']),
      accepts_children: g.pick([true, false, null]),
      accepts_families: g.pick([true, false, null]),
      wheelchair_accessible: g.pick([true, false, null]),
      self_contained: g.pick([true, false, null]),
      dormitory: g.pick([true, false, false, null]),
      trauma_informed: g.pick([true, false, null]),
      accepts_no_recourse_to_public_funds: g.pick([true, true, true, false, null]),
      accepts_pets: g.pick([true, false, null]),
      substance_misuse_support: g.pick([true, false, null]),
      staffed_hours: g.pick(['24h', 'office', null]),
      languages: g.pick([null, [], ['ro']]),
      readiness: g.pick(['ready', 'ready', 'not_ready', null]),
      available_from: g.pick([null, null, new Date(from.getTime() - DAY), from, new Date(from.getTime() + 1)]),
      available_until: g.pick([
        null,
        null,
        from,
        new Date(from.getTime() + HOUR),
        ...(stayEnd ? [stayEnd, new Date(stayEnd.getTime() - 1), new Date(stayEnd.getTime() + 1)] : []),
        new Date(from.getTime() + 400 * DAY),
      ]),
      latitude: location?.lat ?? null,
      longitude: g.chance(0.05) ? null : (location?.lng ?? null),
      free_beds: g.pick([null, '0', '1', '2', '3', '5', '40']),
      same_operation_suspect_or_controller: g.pick([false, false, false, true, null]),
      same_operation_potential_victim: g.pick([false, true, null]),
    };
    const policy: PlacementPolicy = g.chance(0.2)
      ? { ...DEFAULT_PLACEMENT_POLICY, vulnerableMayShareTraumaInformed: false, minimumDistanceKm: 10, fullDistanceCreditKm: 60 }
      : DEFAULT_PLACEMENT_POLICY;
    // One case in eight puts the same person in a site that meets every site-side fact, so the corpus
    // also holds enough suitable sites for the combined pre-filter to be tested on both answers.
    if (i % 8 === 0) {
      Object.assign(row, {
        type: 'safe_house', single_sex: null, accepts_children: true, accepts_families: true, wheelchair_accessible: true,
        self_contained: true, dormitory: false, accepts_no_recourse_to_public_funds: true, readiness: 'ready',
        available_from: null, available_until: null, free_beds: '40', same_operation_suspect_or_controller: false,
        same_operation_potential_victim: false,
      });
    }
    cases.push({ person, row, policy });
  }
  return cases;
}

const columnList = (columns: readonly { name: string; type: string }[]) =>
  ['case_id integer', ...columns.map((c) => `${c.name} ${c.type}`)].join(', ');

describe('hard rules: the SQL mirror excludes exactly what the functions exclude', () => {
  let client: Client;

  beforeAll(async () => {
    const url = process.env.SAFE_HARBOUR_TEST_SERVER_URL;
    if (!url) throw new Error('SAFE_HARBOUR_TEST_SERVER_URL is unset: run the e2e tests through jest');
    // Only SELECTs over literal rows: no database of our own is needed.
    client = new Client({ connectionString: url });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
  });

  it('agrees rule by rule, and on the combined pre-filter, over 5,000 generated cases', async () => {
    const cases = generateCases(5000);
    const siteRows = cases.map((c, caseId) => ({ case_id: caseId, ...c.row }));
    const personRows = cases.map((c, caseId) => ({ case_id: caseId, ...personSqlFacts(c.person, c.policy) }));
    const ruleColumns = HARD_RULES.map((r, i) => `${r.sqlExcludes} as r${i}`).join(',\n');
    const { rows } = await client.query(
      `select s.case_id, ${ruleColumns}, ${HARD_FILTER_SQL} as suitable
         from jsonb_to_recordset($1::jsonb) as s(${columnList(SITE_SQL_COLUMNS)})
         join jsonb_to_recordset($2::jsonb) as p(${columnList(PERSON_SQL_COLUMNS)}) on p.case_id = s.case_id
        order by s.case_id`,
      [JSON.stringify(siteRows), JSON.stringify(personRows)],
    );
    expect(rows).toHaveLength(cases.length);

    const disagreements: string[] = [];
    const excludedCount = new Map<string, number>();
    for (const row of rows) {
      const c = cases[row.case_id];
      const assessment = assessSite(c.person, siteProfileFromRow(c.row), c.policy);
      const inFunctions = assessment.excluded.map((r) => r.code);
      const inSql = HARD_RULES.filter((_r, i) => {
        const value = row[`r${i}`];
        if (typeof value !== 'boolean') disagreements.push(`case ${row.case_id}: ${HARD_RULES[i].code} gave ${value}`);
        return value === true;
      }).map((r) => r.code);
      if (inFunctions.join() !== inSql.join() || row.suitable !== assessment.suitable) {
        disagreements.push(`case ${row.case_id}: functions [${inFunctions}] vs SQL [${inSql}] (suitable ${row.suitable})`);
      }
      for (const code of inFunctions) excludedCount.set(code, (excludedCount.get(code) ?? 0) + 1);
    }
    expect(disagreements).toEqual([]);
    // The corpus is worth something only if every rule both excludes and passes somewhere in it.
    for (const rule of HARD_RULES) {
      expect({ rule: rule.code, excludes: (excludedCount.get(rule.code) ?? 0) > 0 }).toEqual({ rule: rule.code, excludes: true });
      expect({ rule: rule.code, passes: (excludedCount.get(rule.code) ?? 0) < cases.length }).toEqual({ rule: rule.code, passes: true });
    }
    expect(rows.filter((r) => r.suitable === true).length).toBeGreaterThan(20);
  });

  it('computes the same distance as the functions', async () => {
    const points = [LEEDS, northOf(5), { lat: 51.5074, lng: -0.1278 }, { lat: 57.1497, lng: -2.0943 }, { lat: 50.3755, lng: -4.1427 }];
    for (const site of points) {
      const { rows } = await client.query(
        `select ${HAVERSINE_KM_SQL} as km
           from (select $1::float8 as latitude, $2::float8 as longitude) s,
                (select $3::float8 as exploitation_latitude, $4::float8 as exploitation_longitude) p`,
        [site.lat, site.lng, LEEDS.lat, LEEDS.lng],
      );
      expect(rows[0].km).toBeCloseTo(haversineKm(LEEDS, site), 9);
    }
  });
});
