import { PlacementPolicy } from './placement-policy';
import { PersonPlacementProfile, SitePlacementProfile, SiteReadiness, PlacementSiteType, PlacementSingleSex } from './placement.types';
import { bedsNeeded, childDependants, expectedStayEnd, isFamily, isKeptApart, sexesToHouse } from './stay';

/**
 * The contract between these rules and the SQL that pre-filters bed options. The query exposes each
 * candidate site as a row `s` with `SITE_SQL_COLUMNS` and the person as a one-row relation `p` with
 * `PERSON_SQL_COLUMNS` (e.g. `cross join (select $1::text as age_category, ...) p`, values from
 * `personSqlFacts`); then `HARD_FILTER_SQL` or each rule's `sqlExcludes` reads them. The rows that come
 * back go through `siteProfileFromRow` into `assessSite`, which has the last word.
 */
export interface SqlColumn {
  name: string;
  type: string;
}

export const SITE_SQL_COLUMNS: readonly SqlColumn[] = [
  { name: 'site_id', type: 'text' },
  { name: 'type', type: 'text' },
  { name: 'local_authority_code', type: 'text' },
  { name: 'single_sex', type: 'text' },
  { name: 'accepts_children', type: 'boolean' },
  { name: 'accepts_families', type: 'boolean' },
  { name: 'wheelchair_accessible', type: 'boolean' },
  { name: 'self_contained', type: 'boolean' },
  { name: 'dormitory', type: 'boolean' },
  { name: 'trauma_informed', type: 'boolean' },
  { name: 'accepts_no_recourse_to_public_funds', type: 'boolean' },
  { name: 'accepts_pets', type: 'boolean' },
  { name: 'substance_misuse_support', type: 'boolean' },
  { name: 'staffed_hours', type: 'text' },
  { name: 'languages', type: 'text[]' },
  { name: 'readiness', type: 'text' },
  { name: 'available_from', type: 'timestamptz' },
  { name: 'available_until', type: 'timestamptz' },
  { name: 'latitude', type: 'double precision' },
  { name: 'longitude', type: 'double precision' },
  /** Beds with no live placement or reservation overlapping the requested period (count(*) is bigint). */
  { name: 'free_beds', type: 'bigint' },
  /**
   * Exists a live placement there, overlapping the period, of a suspect or possible controller of p's
   * operation — other than the person and the group being placed (a transfer must not exclude itself).
   */
  { name: 'same_operation_suspect_or_controller', type: 'boolean' },
  /** Same, for a potential victim of p's operation (again not the person or their group). */
  { name: 'same_operation_potential_victim', type: 'boolean' },
];

export const PERSON_SQL_COLUMNS: readonly SqlColumn[] = [
  { name: 'age_category', type: 'text' },
  { name: 'sex', type: 'text' },
  { name: 'triage_outcome', type: 'text' },
  { name: 'possible_controller', type: 'boolean' },
  /** Suspect, possible controller or suspected offender (`isKeptApart`). */
  { name: 'keep_apart', type: 'boolean' },
  /** Others placed into the site by the same request (`PlacedWith`). */
  { name: 'placed_with_keep_apart', type: 'boolean' },
  { name: 'placed_with_potential_victim', type: 'boolean' },
  /** Dependants who are children (a bare count counts as children). */
  { name: 'child_dependants', type: 'integer' },
  /** The sexes of the person and each dependant (`unknown` when not recorded), for the single-sex rule. */
  { name: 'sexes', type: 'text[]' },
  { name: 'no_recourse_to_public_funds', type: 'boolean' },
  { name: 'wheelchair', type: 'boolean' },
  { name: 'additional_vulnerability', type: 'boolean' },
  { name: 'family', type: 'boolean' },
  { name: 'beds_needed', type: 'integer' },
  { name: 'stay_from', type: 'timestamptz' },
  { name: 'stay_until', type: 'timestamptz' },
  { name: 'exploitation_latitude', type: 'double precision' },
  { name: 'exploitation_longitude', type: 'double precision' },
  /** The person's keep-away areas, as three arrays of one length (unnest them together). */
  { name: 'keep_away_latitudes', type: 'double precision[]' },
  { name: 'keep_away_longitudes', type: 'double precision[]' },
  { name: 'keep_away_radii_km', type: 'double precision[]' },
  { name: 'minimum_distance_km', type: 'double precision' },
  { name: 'vulnerable_may_share_trauma_informed', type: 'boolean' },
];

/** Great-circle km between two points given as SQL expressions, term by term like `haversineKm(a, b)`. */
export const haversineKmSql = (aLat: string, aLng: string, bLat: string, bLng: string) =>
  '(2 * 6371.0088 * asin(sqrt(least(1, ' +
  `power(sin(radians(${bLat} - ${aLat}) / 2), 2) ` +
  `+ cos(radians(${aLat})) * cos(radians(${bLat})) ` +
  `* power(sin(radians(${bLng} - ${aLng}) / 2), 2)))))`;

/** Great-circle km between `p`'s exploitation site and site `s`, term by term like `haversineKm`. */
export const HAVERSINE_KM_SQL = haversineKmSql('p.exploitation_latitude', 'p.exploitation_longitude', 's.latitude', 's.longitude');

export interface PersonSqlFacts {
  age_category: string;
  sex: string;
  triage_outcome: string | null;
  possible_controller: boolean;
  keep_apart: boolean;
  placed_with_keep_apart: boolean;
  placed_with_potential_victim: boolean;
  child_dependants: number;
  sexes: string[];
  no_recourse_to_public_funds: boolean;
  wheelchair: boolean;
  additional_vulnerability: boolean;
  family: boolean;
  beds_needed: number;
  stay_from: Date;
  stay_until: Date | null;
  exploitation_latitude: number | null;
  exploitation_longitude: number | null;
  keep_away_latitudes: number[];
  keep_away_longitudes: number[];
  keep_away_radii_km: number[];
  minimum_distance_km: number;
  vulnerable_may_share_trauma_informed: boolean;
}

/** The `p` row for the SQL filters: the person's facts already derived exactly as the functions derive them. */
export function personSqlFacts(person: PersonPlacementProfile, policy: PlacementPolicy): PersonSqlFacts {
  return {
    age_category: person.ageCategory,
    sex: person.sex,
    triage_outcome: person.triageOutcome,
    possible_controller: person.possibleController,
    keep_apart: isKeptApart(person),
    placed_with_keep_apart: person.placedWith?.keepApart === true,
    placed_with_potential_victim: person.placedWith?.potentialVictim === true,
    child_dependants: childDependants(person),
    sexes: sexesToHouse(person),
    no_recourse_to_public_funds: person.recourseToPublicFunds === 'no',
    wheelchair: person.needs.wheelchair,
    additional_vulnerability: person.needs.additionalVulnerability,
    family: isFamily(person),
    beds_needed: bedsNeeded(person),
    stay_from: person.requestedPeriod.from,
    stay_until: expectedStayEnd(person),
    exploitation_latitude: person.exploitationSite?.lat ?? null,
    exploitation_longitude: person.exploitationSite?.lng ?? null,
    keep_away_latitudes: (person.keepAwayFrom ?? []).map((k) => k.lat),
    keep_away_longitudes: (person.keepAwayFrom ?? []).map((k) => k.lng),
    keep_away_radii_km: (person.keepAwayFrom ?? []).map((k) => k.radiusKm),
    minimum_distance_km: policy.minimumDistanceKm,
    vulnerable_may_share_trauma_informed: policy.vulnerableMayShareTraumaInformed,
  };
}

/** A site row as node-postgres returns it: bigint and numeric as strings, timestamps as Date (or text). */
export interface SiteSqlRow {
  site_id: string;
  type: string;
  local_authority_code: string;
  single_sex: string | null;
  accepts_children: boolean | null;
  accepts_families: boolean | null;
  wheelchair_accessible: boolean | null;
  self_contained: boolean | null;
  dormitory: boolean | null;
  trauma_informed: boolean | null;
  accepts_no_recourse_to_public_funds?: boolean | null;
  accepts_pets?: boolean | null;
  substance_misuse_support?: boolean | null;
  staffed_hours?: string | null;
  languages: readonly string[] | null;
  readiness: string | null;
  available_from: Date | string | null;
  available_until: Date | string | null;
  latitude: number | string | null;
  longitude: number | string | null;
  free_beds: number | string | null;
  same_operation_suspect_or_controller: boolean | null;
  same_operation_potential_victim: boolean | null;
}

const toDate = (v: Date | string | null): Date | null => (v == null ? null : v instanceof Date ? v : new Date(v));
const toNumber = (v: number | string | null): number | null => (v == null ? null : typeof v === 'number' ? v : Number(v));

/**
 * A SQL row as a site profile. A missing yes/no fact reads as "no" (the safe answer for every rule: no
 * children, no wheelchair access, not self-contained) and a missing bed count as 0 — the SQL mirror does
 * the same, so both sides exclude the same sites.
 */
export function siteProfileFromRow(row: SiteSqlRow): SitePlacementProfile {
  const lat = toNumber(row.latitude);
  const lng = toNumber(row.longitude);
  return {
    siteId: row.site_id,
    type: row.type as PlacementSiteType,
    localAuthorityCode: row.local_authority_code,
    singleSex: (row.single_sex ?? null) as PlacementSingleSex | null,
    acceptsChildren: row.accepts_children === true,
    acceptsFamilies: row.accepts_families === true,
    wheelchairAccessible: row.wheelchair_accessible === true,
    selfContained: row.self_contained === true,
    dormitory: row.dormitory === true,
    traumaInformed: row.trauma_informed === true,
    acceptsNoRecourseToPublicFunds: row.accepts_no_recourse_to_public_funds === true,
    acceptsPets: row.accepts_pets === true,
    substanceMisuseSupport: row.substance_misuse_support === true,
    staffedHours: row.staffed_hours ?? null,
    languages: row.languages ?? [],
    readiness: row.readiness as SiteReadiness,
    availableFrom: toDate(row.available_from),
    availableUntil: toDate(row.available_until),
    location: lat != null && lng != null ? { lat, lng } : null,
    freeBeds: toNumber(row.free_beds) ?? 0,
    sameOperationSuspectOrController: row.same_operation_suspect_or_controller === true,
    sameOperationPotentialVictim: row.same_operation_potential_victim === true,
  };
}
