import { addDaysToCalendarDay, CalendarDay, toLondonDay } from './calendar-day';
import { FORECAST_SITE_TYPES, FORECAST_STAGES, ForecastSiteType, ForecastStage } from './forecast-policy';

/**
 * From what the system records about a live person to what the forward projection reads. Pure, so the
 * mapping that decides who needs a bed is tested on its own.
 */

/**
 * The forecast stage of a recorded pathway stage, or null when the person needs no bed from us: exited,
 * or triaged as a suspect, a witness or not a victim. A child with children's services before any
 * referral is at the forecast's `pre_nrm` stage (the projection places children by the `child` flag).
 */
export function forecastStageOf(stage: string, triageOutcome: string | null): ForecastStage | null {
  if (triageOutcome !== null && triageOutcome !== 'potential_victim') return null;
  if (stage === 'children_services') return 'pre_nrm';
  return (FORECAST_STAGES as readonly string[]).includes(stage) ? (stage as ForecastStage) : null;
}

/** The site type a held bed counts under, or null for a type the projection does not plan for. */
export function forecastSiteTypeOf(siteType: string | null): ForecastSiteType | null {
  return siteType !== null && (FORECAST_SITE_TYPES as readonly string[]).includes(siteType) ? (siteType as ForecastSiteType) : null;
}

/** The stage each pathway deadline ends (see the pathway's `DEADLINE_KINDS`). */
export const FORECAST_STAGE_OF_DEADLINE: Readonly<Record<string, ForecastStage>> = Object.freeze({
  pre_nrm_accommodation_ends: 'pre_nrm',
  rg_decision_expected: 'awaiting_rg',
  recovery_period_minimum_ends: 'recovery_period',
  move_on_ends: 'move_on',
  move_on_minimum_ends: 'move_on',
  bed_hold_ends: 'missing',
});

/**
 * Deadlines that mark a minimum, not an end: support continues past them (until the CG decision, or the
 * Recovery Needs Assessment's outcome). With the stage's expected length known, the stage is projected to
 * end at the later of the minimum and the start plus that length.
 */
export const FORECAST_MINIMUM_DEADLINES: ReadonlySet<string> = new Set(['recovery_period_minimum_ends', 'move_on_minimum_ends']);

export interface CurrentStageExpectation {
  stage: ForecastStage;
  stageSince: CalendarDay;
  expectedDays: Readonly<Record<ForecastStage, number>>;
}

export interface LiveDeadline {
  kind: string;
  dueAt: Date | string;
}

/**
 * Projected last day of each stage from the person's live deadlines: the Europe/London day each falls
 * due on (a day rule is due at 23:59:59.999 that day, so the person still sleeps there that night). Two
 * deadlines for one stage: the earlier wins. Kinds that end no stage are ignored.
 */
export function forecastStageEnds(deadlines: readonly LiveDeadline[], current?: CurrentStageExpectation): Partial<Record<ForecastStage, CalendarDay>> {
  const ends: Partial<Record<ForecastStage, CalendarDay>> = {};
  for (const deadline of deadlines) {
    const stage = FORECAST_STAGE_OF_DEADLINE[deadline.kind];
    if (!stage) continue;
    let day = toLondonDay(deadline.dueAt);
    if (current && FORECAST_MINIMUM_DEADLINES.has(deadline.kind) && stage === current.stage) {
      const expected = addDaysToCalendarDay(current.stageSince, current.expectedDays[stage]);
      if (expected > day) day = expected;
    }
    const known = ends[stage];
    if (known === undefined || day < known) ends[stage] = day;
  }
  return ends;
}
