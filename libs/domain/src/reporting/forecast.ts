import { addDaysToCalendarDay, assertCalendarDay, CalendarDay, calendarDaysFrom } from './calendar-day';
import {
  FORECAST_SITE_TYPES,
  FORECAST_STAGES,
  ForecastPolicy,
  ForecastSiteType,
  ForecastStage,
} from './forecast-policy';

/**
 * Forward projection of beds by site type, day by day.
 *
 * Modelling assumptions (each one a choice a planner can question; the numbers are in the policy):
 * - Days and nights. Everything is counted in Europe/London calendar days; a bed is needed for the night
 *   that starts on a day. A stage that ends on day E (its deadline day, or the day its decision is expected)
 *   keeps the person in that stage's bed on the night of E; they move, or leave, on E + 1. So the beds they
 *   free and the beds they then need both show on E + 1. A stage that begins on day B with no projected end
 *   is expected to end on B + `expectedDays`.
 * - Stage ends. The caller gives each person's projected end of the current stage and of later stages when
 *   known (pre-NRM ending, RG expected, recovery period end, move-on end: from the pathway's deadlines and
 *   any recorded decision dates); anything unknown uses the policy's expectation. A stage whose end has
 *   already passed (an overdue RG decision, say) is assumed to end on the first day of the forecast.
 * - Path. Everyone is projected along `nextStage`: by default referred, with positive RG and CG decisions,
 *   leaving support at the end of move-on. A missing person's held bed is released when the hold ends.
 * - Which beds. Each stage has a list of acceptable site types, most wanted first (children: foster
 *   placements only). Nobody is moved in the middle of a stage: they keep the bed type they have. At a stage
 *   change they stay where they are if that type is acceptable for the new stage, and otherwise move to
 *   the first acceptable type with a free bed. Someone awaiting a bed takes the first acceptable type with a
 *   free bed.
 * - Supply. A site adds its in-service beds (the caller leaves out out-of-service and closed beds) to its
 *   type for every night inside its availability window: from `availableFrom` to the night before
 *   `availableUntil` (the day a booked venue or a void flat goes back is not slept in). When a window ends
 *   with people still in that type, they are displaced and take the first acceptable type with a free
 *   bed, like anyone else needing one.
 * - Order. Each night the people keeping last night's bed type are served first, then everyone else in the
 *   order given (people, then the surge), so the projection is deterministic.
 * - Shortfall. Someone who finds no free bed of any acceptable type is counted as needing a bed of their
 *   stage's first (most wanted) type, that type's `shortBy` grows by one and the day is flagged; they try
 *   again the next night.
 * - Site types, not sites. Suitability beyond the type (single-sex, wheelchair access, families kept
 *   together) is the placement rules' job; this is a planning total, so it can be optimistic by that much.
 */

export interface ForecastPerson {
  stage: ForecastStage;
  /** Day the current stage began. */
  stageSince: CalendarDay;
  /** Type of the site whose bed they hold now (occupied or reserved); null while awaiting a bed. */
  occupying: ForecastSiteType | null;
  /** Under 18, or age disputed and not yet assessed (presumed a child). */
  child: boolean;
  /** Projected last day of the current stage and of later ones, where known. */
  stageEnds?: Partial<Record<ForecastStage, CalendarDay>>;
}

export interface ForecastSite {
  siteType: ForecastSiteType;
  /** Beds in service (neither out of service nor closed). */
  beds: number;
  /** First night the site can be used; null/absent: already open. */
  availableFrom?: CalendarDay | null;
  /** Day the site goes back (not slept in); null/absent: open-ended. */
  availableUntil?: CalendarDay | null;
}

export interface SurgeProfile {
  /** Stage the new people start in; default `encountered` (brought to the reception centre). */
  stage?: ForecastStage;
  /** How many of them are children (the first ones); default 0. */
  children?: number;
}

/** "What if `count` more people arrive on day `on`?" */
export interface ForecastSurge {
  count: number;
  on: CalendarDay;
  profile?: SurgeProfile;
}

export interface ForecastInput {
  /** First day of the forecast (today, as a London day). */
  from: CalendarDay;
  /** Number of days; default the policy's (14). */
  days?: number;
  people: readonly ForecastPerson[];
  sites: readonly ForecastSite[];
  surge?: ForecastSurge | null;
}

export interface ForecastSiteTypeDay {
  siteType: ForecastSiteType;
  /** Beds in service at sites open that night. */
  supply: number;
  /** People needing a bed of this type that night: those given one plus those short of one. */
  needed: number;
  /** People moving into a bed of this type that day (new arrivals, stage moves, displaced people). */
  arriving: number;
  /** Beds of this type released that day by people moving on or leaving support. */
  freed: number;
  /** Beds of this type still free that night. */
  available: number;
  /** People who need this type that night and find no bed of any acceptable type. */
  shortBy: number;
  shortfall: boolean;
}

export interface ForecastDay {
  date: CalendarDay;
  bySiteType: ForecastSiteTypeDay[];
  /** Sums over the site types. */
  supply: number;
  needed: number;
  shortBy: number;
  shortfall: boolean;
}

interface Segment {
  stage: ForecastStage;
  firstNight: CalendarDay;
  lastNight: CalendarDay;
  siteTypes: readonly ForecastSiteType[];
}

interface Projected {
  segments: Segment[];
  /** The bed type held before the first night of the forecast. */
  held: ForecastSiteType | null;
}

function assertWhole(value: number, what: string, min: number, max = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${what} must be a whole number from ${min}${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ''}, got ${value}`);
  }
}

function assertPolicy(policy: ForecastPolicy): void {
  for (const stage of FORECAST_STAGES) {
    assertWhole(policy.expectedDays[stage], `expected days of ${stage}`, 1);
    const next = policy.nextStage[stage];
    if (next !== 'exit' && !FORECAST_STAGES.includes(next)) throw new RangeError(`unknown next stage for ${stage}: ${next}`);
    for (const type of policy.siteTypes[stage]) {
      if (!FORECAST_SITE_TYPES.includes(type)) throw new RangeError(`unknown site type for ${stage}: ${type}`);
    }
  }
  assertWhole(policy.maxDays, 'maximum forecast days', 1);
  assertWhole(policy.defaultDays, 'default forecast days', 1, policy.maxDays);
}

function latest(a: CalendarDay, b: CalendarDay): CalendarDay {
  return a > b ? a : b;
}

function siteTypesFor(stage: ForecastStage, child: boolean, policy: ForecastPolicy): readonly ForecastSiteType[] {
  const adult = policy.siteTypes[stage];
  return child && adult.length > 0 ? policy.childSiteTypes : adult;
}

/** The person's stages laid out night by night, up to exit or the end of the horizon. */
function project(person: ForecastPerson, from: CalendarDay, lastDay: CalendarDay, policy: ForecastPolicy): Segment[] {
  const segments: Segment[] = [];
  const ends = person.stageEnds ?? {};
  // The current stage runs from the first forecast night (or a later arrival) to its projected end, which
  // is never before that first night: an overdue stage ends "tonight".
  const firstNight = latest(person.stageSince, from);
  const currentEnd = ends[person.stage] ?? addDaysToCalendarDay(person.stageSince, policy.expectedDays[person.stage]);
  let stage: ForecastStage = person.stage;
  let segmentFirst = firstNight;
  let segmentLast = latest(currentEnd, firstNight);
  // Every stage lasts at least a day unless given an earlier end, so this bound is never reached by a sane
  // policy; it keeps a cycle in a misconfigured nextStage from looping forever.
  for (let guard = 0; guard <= FORECAST_STAGES.length + policy.maxDays; guard++) {
    if (segmentLast >= segmentFirst) {
      segments.push({ stage, firstNight: segmentFirst, lastNight: segmentLast, siteTypes: siteTypesFor(stage, person.child, policy) });
    }
    if (segmentLast >= lastDay) break;
    const next = policy.nextStage[stage];
    if (next === 'exit') break;
    const began: CalendarDay = segmentLast;
    stage = next;
    segmentFirst = addDaysToCalendarDay(began, 1);
    // A known later end before the stage could begin gives it no nights; the next one begins the same day.
    segmentLast = latest(ends[stage] ?? addDaysToCalendarDay(began, policy.expectedDays[stage]), began);
  }
  return segments;
}

function segmentOn(segments: readonly Segment[], night: CalendarDay): Segment | null {
  return segments.find((s) => s.firstNight <= night && night <= s.lastNight) ?? null;
}

function validate(input: ForecastInput, policy: ForecastPolicy): number {
  assertPolicy(policy);
  assertCalendarDay(input.from);
  const days = input.days ?? policy.defaultDays;
  assertWhole(days, 'forecast days', 1, policy.maxDays);
  input.people.forEach((person, i) => {
    if (!FORECAST_STAGES.includes(person.stage)) throw new RangeError(`person ${i}: unknown stage ${person.stage}`);
    assertCalendarDay(person.stageSince);
    if (person.occupying !== null && !FORECAST_SITE_TYPES.includes(person.occupying)) {
      throw new RangeError(`person ${i}: unknown site type ${person.occupying}`);
    }
    for (const [stage, day] of Object.entries(person.stageEnds ?? {})) {
      if (!FORECAST_STAGES.includes(stage as ForecastStage)) throw new RangeError(`person ${i}: unknown stage ${stage}`);
      assertCalendarDay(day);
    }
  });
  input.sites.forEach((site, i) => {
    if (!FORECAST_SITE_TYPES.includes(site.siteType)) throw new RangeError(`site ${i}: unknown site type ${site.siteType}`);
    assertWhole(site.beds, `site ${i}: beds`, 0);
    if (site.availableFrom) assertCalendarDay(site.availableFrom);
    if (site.availableUntil) assertCalendarDay(site.availableUntil);
    if (site.availableFrom && site.availableUntil && site.availableUntil <= site.availableFrom) {
      throw new RangeError(`site ${i}: availableUntil must be after availableFrom`);
    }
  });
  if (input.surge) {
    const { count, on, profile } = input.surge;
    assertWhole(count, 'surge count', 0);
    assertCalendarDay(on);
    if (on < input.from) throw new RangeError(`surge day ${on} is before the forecast starts (${input.from})`);
    if (profile?.stage !== undefined && !FORECAST_STAGES.includes(profile.stage)) {
      throw new RangeError(`unknown surge stage ${profile.stage}`);
    }
    assertWhole(profile?.children ?? 0, 'surge children', 0, count);
  }
  return days;
}

/** Beds needed, freed and available per site type for each day of the horizon (see the module comment). */
export function projectBeds(input: ForecastInput, policy: ForecastPolicy): ForecastDay[] {
  const days = validate(input, policy);
  const nights = calendarDaysFrom(input.from, days);
  const lastDay = nights[nights.length - 1];

  const everyone: Projected[] = input.people.map((person) => ({
    segments: project(person, input.from, lastDay, policy),
    held: person.occupying,
  }));
  if (input.surge) {
    const { count, on, profile } = input.surge;
    const children = profile?.children ?? 0;
    for (let i = 0; i < count; i++) {
      const arrival: ForecastPerson = { stage: profile?.stage ?? 'encountered', stageSince: on, occupying: null, child: i < children };
      everyone.push({ segments: project(arrival, input.from, lastDay, policy), held: null });
    }
  }

  const zero = () => Object.fromEntries(FORECAST_SITE_TYPES.map((t) => [t, 0])) as Record<ForecastSiteType, number>;
  let previous: (ForecastSiteType | null)[] = everyone.map((p) => p.held);
  let previousSegment: (Segment | null)[] = everyone.map((p) => (p.held === null ? null : segmentOn(p.segments, input.from)));
  const raw = nights.map((night) => {
    const supply = zero();
    for (const site of input.sites) {
      const open = (!site.availableFrom || site.availableFrom <= night) && (!site.availableUntil || night < site.availableUntil);
      if (open) supply[site.siteType] += site.beds;
    }
    const free = { ...supply };
    const tonight: (ForecastSiteType | null)[] = everyone.map(() => null);
    const segments = everyone.map((p) => segmentOn(p.segments, night));
    const short = zero();

    const keeps = (i: number): boolean => {
      const type = previous[i];
      const segment = segments[i];
      if (type === null || segment === null) return false;
      return segment === previousSegment[i] || segment.siteTypes.includes(type);
    };
    const waiting: number[] = [];
    everyone.forEach((_, i) => {
      if (segments[i] === null) return;
      if (keeps(i) && free[previous[i]!] > 0) {
        tonight[i] = previous[i];
        free[previous[i]!] -= 1;
      } else waiting.push(i);
    });
    for (const i of waiting) {
      const wanted = segments[i]!.siteTypes;
      const type = wanted.find((t) => free[t] > 0);
      if (type !== undefined) {
        tonight[i] = type;
        free[type] -= 1;
      } else if (wanted.length > 0) short[wanted[0]] += 1;
    }

    const given = zero();
    const arriving = zero();
    const freed = zero();
    everyone.forEach((_, i) => {
      const now = tonight[i];
      const before = previous[i];
      if (now !== null) given[now] += 1;
      if (now !== before) {
        if (now !== null) arriving[now] += 1;
        if (before !== null) freed[before] += 1;
      }
    });
    previous = tonight;
    previousSegment = segments.map((s, i) => (tonight[i] === null ? null : s));
    return { night, supply, free, given, short, arriving, freed };
  });

  // Every day lists the same site types: any with beds or people on any day of the horizon.
  const shown = FORECAST_SITE_TYPES.filter((t) =>
    raw.some((d) => d.supply[t] > 0 || d.given[t] > 0 || d.short[t] > 0 || d.freed[t] > 0),
  );
  return raw.map((d) => {
    const bySiteType = shown.map((siteType) => ({
      siteType,
      supply: d.supply[siteType],
      needed: d.given[siteType] + d.short[siteType],
      arriving: d.arriving[siteType],
      freed: d.freed[siteType],
      available: d.free[siteType],
      shortBy: d.short[siteType],
      shortfall: d.short[siteType] > 0,
    }));
    const sum = (key: 'supply' | 'needed' | 'shortBy') => bySiteType.reduce((acc, t) => acc + t[key], 0);
    return { date: d.night, bySiteType, supply: sum('supply'), needed: sum('needed'), shortBy: sum('shortBy'), shortfall: sum('shortBy') > 0 };
  });
}
