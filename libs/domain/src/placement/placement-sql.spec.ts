import { assessSite } from './assess-site';
import { DEFAULT_PLACEMENT_POLICY } from './placement-policy';
import { PERSON_SQL_COLUMNS, personSqlFacts, SITE_SQL_COLUMNS, siteProfileFromRow, SiteSqlRow } from './placement-sql';
import { aPerson, aSite, LEEDS, needs, STAY_FROM } from './testing/placement-fixtures';

/** A row as node-postgres returns it from the bed-options query. */
const aRow = (overrides: Partial<SiteSqlRow> = {}): SiteSqlRow => ({
  site_id: 'site-1',
  type: 'safe_house',
  local_authority_code: 'E08000035',
  single_sex: null,
  accepts_children: false,
  accepts_families: false,
  wheelchair_accessible: true,
  self_contained: true,
  dormitory: false,
  trauma_informed: true,
  accepts_no_recourse_to_public_funds: true,
  accepts_pets: false,
  substance_misuse_support: false,
  staffed_hours: '24h',
  languages: ['ro', 'en'],
  readiness: 'ready',
  available_from: null,
  available_until: null,
  latitude: 53.959,
  longitude: -1.0815,
  free_beds: '3',
  same_operation_suspect_or_controller: false,
  same_operation_potential_victim: false,
  ...overrides,
});

describe('siteProfileFromRow', () => {
  it('turns the base row into the base site profile', () => {
    expect(siteProfileFromRow(aRow())).toEqual(aSite());
  });

  it('reads bigint counts and numeric coordinates given as text', () => {
    const site = siteProfileFromRow(aRow({ free_beds: '12', latitude: '53.5', longitude: '-1.25' }));
    expect(site.freeBeds).toBe(12);
    expect(site.location).toEqual({ lat: 53.5, lng: -1.25 });
  });

  it('reads timestamps given as Date or as ISO text', () => {
    const until = new Date('2026-04-01T10:00:00Z');
    expect(siteProfileFromRow(aRow({ available_until: until })).availableUntil).toEqual(until);
    expect(siteProfileFromRow(aRow({ available_from: '2026-03-01T10:00:00+00:00' })).availableFrom).toEqual(new Date('2026-03-01T10:00:00Z'));
  });

  it('has no location unless both coordinates are there', () => {
    expect(siteProfileFromRow(aRow({ latitude: null })).location).toBeNull();
    expect(siteProfileFromRow(aRow({ longitude: null })).location).toBeNull();
  });

  it('reads missing yes/no facts as no, a missing bed count as 0 and missing languages as none', () => {
    const site = siteProfileFromRow(
      aRow({ accepts_children: null, wheelchair_accessible: null, self_contained: null, trauma_informed: null, free_beds: null, languages: null }),
    );
    expect(site).toMatchObject({ acceptsChildren: false, wheelchairAccessible: false, selfContained: false, traumaInformed: false, freeBeds: 0, languages: [] });
  });

  it('lets assessSite run straight on a row', () => {
    const result = assessSite(aPerson({ ageCategory: 'child' }), siteProfileFromRow(aRow({ free_beds: '0' })));
    expect(result.excluded.map((r) => r.code)).toEqual(['CHILD_IN_ADULT_SITE', 'NO_FREE_BED']);
  });

  it('knows every column of the SQL row contract', () => {
    expect(Object.keys(aRow()).sort()).toEqual(SITE_SQL_COLUMNS.map((c) => c.name).sort());
  });
});

describe('personSqlFacts', () => {
  it('derives the facts the SQL filters read exactly as the functions do', () => {
    const person = aPerson({
      triageOutcome: null,
      groupSize: 2,
      groupKind: 'family',
      needs: needs({ dependants: 2, wheelchair: true }),
    });
    expect(personSqlFacts(person, DEFAULT_PLACEMENT_POLICY)).toEqual({
      age_category: 'adult',
      sex: 'female',
      triage_outcome: null,
      possible_controller: false,
      keep_apart: false,
      placed_with_keep_apart: false,
      placed_with_potential_victim: false,
      child_dependants: 2,
      sexes: ['female', 'unknown', 'unknown'],
      no_recourse_to_public_funds: false,
      wheelchair: true,
      additional_vulnerability: false,
      family: true,
      beds_needed: 3,
      stay_from: STAY_FROM,
      stay_until: new Date('2026-03-07T18:00:00Z'),
      exploitation_latitude: LEEDS.lat,
      exploitation_longitude: LEEDS.lng,
      keep_away_latitudes: [],
      keep_away_longitudes: [],
      keep_away_radii_km: [],
      minimum_distance_km: 5,
      vulnerable_may_share_trauma_informed: true,
    });
  });

  it('has no exploitation coordinates when none are known', () => {
    const facts = personSqlFacts(aPerson({ exploitationSite: null }), DEFAULT_PLACEMENT_POLICY);
    expect([facts.exploitation_latitude, facts.exploitation_longitude]).toEqual([null, null]);
  });

  it('has a value for every column of the person contract', () => {
    expect(Object.keys(personSqlFacts(aPerson(), DEFAULT_PLACEMENT_POLICY)).sort()).toEqual(PERSON_SQL_COLUMNS.map((c) => c.name).sort());
  });
});
