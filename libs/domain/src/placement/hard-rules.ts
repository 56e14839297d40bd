import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { PlacementPolicy } from './placement-policy';
import { HardRuleCode, PersonPlacementProfile, Rule, SitePlacementProfile } from './placement.types';
import { haversineKm } from './distance';
import { HAVERSINE_KM_SQL, haversineKmSql } from './placement-sql';
import { childDependants, dependantsOf, isKeptApart, isTreatedAsChild, PLACEMENT_TIME_ZONE } from './stay';

/** What every rule may read besides the two profiles, computed once per assessment. */
export interface HardRuleContext {
  policy: PlacementPolicy;
  stayEnd: Date | null;
  bedsNeeded: number;
  family: boolean;
  distanceKm: number | null;
}

export interface HardRuleDefinition {
  code: HardRuleCode;
  /** The rule in plain words, for the README and for help text. */
  rule: string;
  /**
   * The same rule as a SQL boolean that is TRUE when the rule excludes the site, over a site row `s` and
   * a person-facts row `p` (columns: `SITE_SQL_COLUMNS`, `PERSON_SQL_COLUMNS`). Null-safe: it is never
   * NULL, and it treats missing facts exactly as `siteProfileFromRow` does. A test runs every expression
   * on PostgreSQL against `check` over the same cases.
   */
  sqlExcludes: string;
  /** The reason in plain words when the rule excludes this site for this person, or null when it passes. */
  check(person: PersonPlacementProfile, site: SitePlacementProfile, ctx: HardRuleContext): string | null;
}

const LONDON_DATE = (d: Date) => format(new TZDate(d.getTime(), PLACEMENT_TIME_ZONE), 'd MMM yyyy HH:mm');
const SITE_TYPE_WORDS = (type: string) => type.replace(/_/g, ' ');
const personAge = (p: PersonPlacementProfile) =>
  p.ageCategory === 'age_disputed' ? 'a person whose age is disputed (treated as a child until assessed)' : 'a child';
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
const SEX_WORDS: Record<string, string> = { female: 'women', male: 'men' };
const keptApartAs = (p: PersonPlacementProfile) =>
  p.triageOutcome === 'suspect'
    ? 'triaged as a suspect'
    : p.suspectedOffender
      ? 'a suspected offender as well as a potential victim'
      : 'flagged as a possible controller';
const KEEP_AWAY_KM_SQL = haversineKmSql('k.lat', 'k.lng', 's.latitude', 's.longitude');

const RULES: readonly HardRuleDefinition[] = [
  {
    code: 'SUSPECT_NOT_PLACEABLE',
    rule:
      'An adult triaged as a suspect is never placed in victim accommodation: every site in the inventory ' +
      'houses victims, so adult suspects are excluded everywhere (their custody or housing is a police ' +
      "matter). A child triaged as a suspect is placed by children's services under the child rules, kept " +
      "apart from the operation's victims.",
    sqlExcludes: `(p.triage_outcome is not distinct from 'suspect' and p.age_category = 'adult')`,
    check: (person) =>
      person.triageOutcome === 'suspect' && person.ageCategory === 'adult'
        ? 'This adult was triaged as a suspect: suspects are never placed in victim accommodation.'
        : null,
  },
  {
    code: 'CHILD_IN_ADULT_SITE',
    rule:
      'A child, or a person whose age is disputed (treated as a child until assessed), only goes to a ' +
      'foster placement or a site that accepts children; so does anyone who brings a child as a dependant ' +
      '(a count of dependants with no detail counts as children).',
    sqlExcludes:
      `((p.age_category in ('child', 'age_disputed') or p.child_dependants > 0) ` +
      `and s.type is distinct from 'foster_placement' and s.accepts_children is not true)`,
    check: (person, site) => {
      if (site.type === 'foster_placement' || site.acceptsChildren) return null;
      if (isTreatedAsChild(person)) {
        return (
          `This is ${personAge(person)}: only a foster placement or a site that accepts children will do, ` +
          `and this ${SITE_TYPE_WORDS(site.type)} does not accept children.`
        );
      }
      const children = childDependants(person);
      return children > 0
        ? `This person brings ${plural(children, 'child')} as ${children === 1 ? 'a dependant' : 'dependants'}: ` +
            `only a site that accepts children will do, and this ${SITE_TYPE_WORDS(site.type)} does not accept children.`
        : null;
    },
  },
  {
    code: 'ADULT_IN_FOSTER_PLACEMENT',
    rule:
      "Foster placements are arranged by children's services for children; an adult goes there only as the " +
      'parent in a parent-and-child placement, by override.',
    sqlExcludes: `(p.age_category = 'adult' and s.type is not distinct from 'foster_placement')`,
    check: (person, site) =>
      person.ageCategory === 'adult' && site.type === 'foster_placement'
        ? "This is an adult and the site is a foster placement, which children's services arrange for children."
        : null,
  },
  {
    code: 'SUSPECT_IN_SITE',
    rule:
      'Never in the same site, at any time of the stay, as a suspect, a flagged possible controller or a ' +
      'suspected offender from the same operation; and such a person never goes where victims from their ' +
      'operation are placed. People placed together in one request count as placed there: a shared group ' +
      'exempts nobody.',
    sqlExcludes:
      `(s.same_operation_suspect_or_controller is true or p.placed_with_keep_apart ` +
      `or (p.keep_apart and (s.same_operation_potential_victim is true or p.placed_with_potential_victim)))`,
    check: (person, site) => {
      if (site.sameOperationSuspectOrController) {
        return 'A suspect or a flagged possible controller from the same operation is placed at this site during the stay.';
      }
      if (person.placedWith?.keepApart) {
        return 'A suspect, possible controller or suspected offender from the same operation would be placed at this site in the same request.';
      }
      if (isKeptApart(person) && (site.sameOperationPotentialVictim || person.placedWith?.potentialVictim)) {
        return (
          `This person is ${keptApartAs(person)} and victims from the same operation ` +
          `${site.sameOperationPotentialVictim ? 'are placed at this site during the stay' : 'would be placed at this site in the same request'}.`
        );
      }
      return null;
    },
  },
  {
    code: 'NOT_VICTIM_WITH_VICTIMS',
    rule:
      'A witness, or a person found not to be a victim, is not placed with potential victims from the same ' +
      'operation (including those placed in the same request).',
    sqlExcludes:
      `(p.triage_outcome in ('witness', 'not_victim') and (s.same_operation_potential_victim is true or p.placed_with_potential_victim))`,
    check: (person, site) =>
      (person.triageOutcome === 'witness' || person.triageOutcome === 'not_victim') &&
      (site.sameOperationPotentialVictim || person.placedWith?.potentialVictim)
        ? `This person was triaged as ${person.triageOutcome === 'witness' ? 'a witness' : 'not a victim'} and ` +
          `potential victims from the same operation ${site.sameOperationPotentialVictim ? 'are placed at this site during the stay' : 'would be placed at this site in the same request'}.`
        : null,
  },
  {
    code: 'SINGLE_SEX_MISMATCH',
    rule:
      'A single-sex site only takes people of that sex, dependants included (a dependant whose sex is not ' +
      'recorded matches no single-sex site).',
    sqlExcludes: `(s.single_sex is not null and not (s.single_sex = all(coalesce(p.sexes, array[p.sex]))))`,
    check: (person, site) => {
      if (site.singleSex == null) return null;
      const only = `This site is for ${SEX_WORDS[site.singleSex] ?? site.singleSex} only`;
      if (person.sex !== site.singleSex) return `${only} and this person's recorded sex is ${person.sex || 'not recorded'}.`;
      const others = dependantsOf(person).filter((d) => d.sex !== site.singleSex);
      return others.length
        ? `${only} and ${plural(others.length, 'dependant')} coming with this person ${others.length === 1 ? 'is' : 'are'} ` +
            `${others.map((d) => (d.sex ? `recorded as ${d.sex}` : 'of unrecorded sex')).join(', ')}.`
        : null;
    },
  },
  {
    code: 'NO_FREE_BED',
    rule: 'The site must have a bed free for the whole period asked for.',
    sqlExcludes: `(coalesce(s.free_beds, 0) < 1)`,
    check: (_person, site) => (!(site.freeBeds >= 1) ? 'No bed at this site is free for the whole period.' : null),
  },
  {
    code: 'FAMILY_NEEDS_BEDS',
    rule:
      'A family or group placed together needs enough free beds in one site for all of them, and a family ' +
      '(anyone with dependants, or a group recorded as a family) needs a site that accepts families.',
    sqlExcludes:
      `((p.beds_needed > 1 and coalesce(s.free_beds, 0) < p.beds_needed) ` +
      `or (p.family and s.accepts_families is not true))`,
    check: (_person, site, { bedsNeeded, family }) => {
      const reasons: string[] = [];
      if (bedsNeeded > 1 && !(site.freeBeds >= bedsNeeded)) {
        reasons.push(
          `The group needs ${plural(bedsNeeded, 'bed')} together and this site has ${plural(Math.max(0, site.freeBeds || 0), 'free bed')}.`,
        );
      }
      if (family && !site.acceptsFamilies) reasons.push('This is a family and the site does not accept families.');
      return reasons.length ? reasons.join(' ') : null;
    },
  },
  {
    code: 'NOT_WHEELCHAIR_ACCESSIBLE',
    rule: 'A wheelchair user only goes to a wheelchair-accessible site.',
    sqlExcludes: `(p.wheelchair and s.wheelchair_accessible is not true)`,
    check: (person, site) =>
      person.needs.wheelchair && !site.wheelchairAccessible
        ? 'This person uses a wheelchair and the site is not wheelchair accessible.'
        : null,
  },
  {
    code: 'NO_RECOURSE_TO_PUBLIC_FUNDS',
    rule:
      'A person with no recourse to public funds only goes to a site that accepts people with no recourse ' +
      '(councils usually cannot fund them in benefit-funded housing). An unknown status is a warning, not a refusal.',
    sqlExcludes: `(p.no_recourse_to_public_funds and s.accepts_no_recourse_to_public_funds is not true)`,
    check: (person, site) =>
      person.recourseToPublicFunds === 'no' && !site.acceptsNoRecourseToPublicFunds
        ? 'This person has no recourse to public funds and the site does not accept people with no recourse.'
        : null,
  },
  {
    code: 'VULNERABLE_IN_SHARED',
    rule:
      'Someone flagged with additional vulnerability never goes to a dormitory, nor to a shared site unless ' +
      'the policy allows trauma-informed shared sites (a refuge, a safe house) and this one is.',
    sqlExcludes:
      `(p.additional_vulnerability and (s.dormitory is true or (s.self_contained is not true ` +
      `and not (p.vulnerable_may_share_trauma_informed and s.trauma_informed is true))))`,
    check: (person, site, { policy }) => {
      if (!person.needs.additionalVulnerability) return null;
      if (site.dormitory) return 'This person has additional vulnerability and the site is dormitory-style.';
      if (!site.selfContained && !(policy.vulnerableMayShareTraumaInformed && site.traumaInformed)) {
        return policy.vulnerableMayShareTraumaInformed
          ? 'This person has additional vulnerability and the site is shared and not trauma-informed.'
          : 'This person has additional vulnerability and the site is shared, not self-contained.';
      }
      return null;
    },
  },
  {
    code: 'TOO_CLOSE_TO_EXPLOITATION',
    rule:
      'A site closer to the place of exploitation than the policy minimum (default 5 km) is excluded; ' +
      'exactly at the minimum is allowed. When either location is unknown the rule cannot apply.',
    sqlExcludes:
      `(s.latitude is not null and s.longitude is not null and p.exploitation_latitude is not null ` +
      `and p.exploitation_longitude is not null and ${HAVERSINE_KM_SQL} < p.minimum_distance_km)`,
    check: (_person, _site, { distanceKm, policy }) =>
      distanceKm != null && distanceKm < policy.minimumDistanceKm
        ? `The site is ${distanceKm.toFixed(1)} km from the place of exploitation; the minimum is ${policy.minimumDistanceKm} km.`
        : null,
  },
  {
    code: 'INSIDE_KEEP_AWAY_AREA',
    rule:
      'A site inside one of the places recorded to keep the person away from (a point and a radius: the ' +
      'exploitation address area, where known exploiters or family live) is excluded; exactly on the edge is ' +
      "allowed. When the site's location is unknown the rule cannot apply.",
    sqlExcludes:
      `(s.latitude is not null and s.longitude is not null and exists (select 1 from ` +
      `unnest(p.keep_away_latitudes, p.keep_away_longitudes, p.keep_away_radii_km) as k(lat, lng, radius_km) ` +
      `where ${KEEP_AWAY_KM_SQL} < k.radius_km))`,
    check: (person, site) => {
      if (!site.location) return null;
      const inside = (person.keepAwayFrom ?? [])
        .map((area) => ({ area, km: haversineKm(area, site.location!) }))
        .filter(({ area, km }) => km < area.radiusKm)
        .sort((a, b) => a.km - b.km)[0];
      return inside
        ? `The site is ${inside.km.toFixed(1)} km from a place this person must be kept away from (inside its ${inside.area.radiusKm} km radius).`
        : null;
    },
  },
  {
    code: 'WINDOW_TOO_SHORT',
    rule:
      "The site's availability must cover the expected stay: open at the start, and still open at the end " +
      "(the requested end, or else the end of the stage's remaining days, computed on the server from the " +
      "person's pathway deadlines). Ending exactly when the stay ends is enough.",
    sqlExcludes:
      `((s.available_from is not null and s.available_from > p.stay_from) ` +
      `or (s.available_until is not null and (s.available_until <= p.stay_from ` +
      `or (p.stay_until is not null and s.available_until < p.stay_until))))`,
    check: (person, site, { stayEnd }) => {
      const from = person.requestedPeriod.from;
      if (site.availableFrom && site.availableFrom.getTime() > from.getTime()) {
        return `The site only becomes available on ${LONDON_DATE(site.availableFrom)}, after the stay starts (${LONDON_DATE(from)}).`;
      }
      if (site.availableUntil && site.availableUntil.getTime() <= from.getTime()) {
        return `The site stopped being available on ${LONDON_DATE(site.availableUntil)}.`;
      }
      if (site.availableUntil && stayEnd && site.availableUntil.getTime() < stayEnd.getTime()) {
        return `The site is available until ${LONDON_DATE(site.availableUntil)}, before the expected end of the stay (${LONDON_DATE(stayEnd)}).`;
      }
      return null;
    },
  },
  {
    code: 'SITE_NOT_READY',
    rule: 'The site must be marked ready (a void property, for one, starts not ready until its checklist is done).',
    sqlExcludes: `(s.readiness is distinct from 'ready')`,
    check: (_person, site) => (site.readiness !== 'ready' ? 'The site is not marked ready to take people.' : null),
  },
];

/**
 * The hard rules, in the order reasons are shown (the gravest first). A site is suitable only when none of
 * them excludes it; an exclusion can be overridden only as `PlacementPolicy.overrides` allows.
 */
export const HARD_RULES: readonly HardRuleDefinition[] = RULES.map((r) => ({
  ...r,
  // SQL's three-valued logic would let a NULL fact (an untriaged person) turn an exclusion into NULL.
  sqlExcludes: `coalesce(${r.sqlExcludes}, false)`,
}));

export const HARD_RULE_CODES: readonly HardRuleCode[] = HARD_RULES.map((r) => r.code);

/** Every hard rule that excludes the site, in `HARD_RULES` order. */
export function hardRuleExclusions(
  person: PersonPlacementProfile,
  site: SitePlacementProfile,
  ctx: HardRuleContext,
): Rule[] {
  const excluded: Rule[] = [];
  for (const rule of HARD_RULES) {
    const reason = rule.check(person, site, ctx);
    if (reason) excluded.push({ code: rule.code, reason });
  }
  return excluded;
}

/**
 * One SQL boolean that is TRUE when no hard rule excludes the site, for a `where` clause that pre-filters
 * candidates. The functions stay the source of truth: run `assessSite` on the rows it returns.
 */
export const HARD_FILTER_SQL = HARD_RULES.map((r) => `not ${r.sqlExcludes}`).join('\n  and ');
