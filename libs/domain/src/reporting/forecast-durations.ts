import { FORECAST_STAGES, ForecastPolicy, ForecastStage } from './forecast-policy';
import { medianOf } from './statistics';

/**
 * How long each stage is expected to last in the forward projection, from the deployment's own records
 * (issue #12, "forecast realism"): a recovery period is at least 45 (or 30) days, but Conclusive Grounds
 * decisions have taken 339 days on average (Home Office, 2020) to 465 days (Independent Anti-Slavery
 * Commissioner), so a fixed 45 plans for beds to empty months too early.
 *
 * For each stage:
 * - enough measured spells (`minSamples`): the median of the calendar days recorded people spent in it,
 *   never below the stage's policy minimum (`floors`);
 * - too few: the configured fallback for the stage, else the forecast policy's expectation, never below the
 *   minimum either.
 * The answer says which was used, so a planner knows whether the figure is the deployment's own.
 */
export type StageDurationSource = 'measured_median' | 'policy_minimum' | 'configured_fallback' | 'policy_default';

export interface StageDuration {
  days: number;
  source: StageDurationSource;
  /** spells measured (ended stage spells of recorded people) */
  samples: number;
  /** their median, when there were any */
  measuredMedian: number | null;
  /** the stage's legal or policy minimum, when it has one */
  minimum: number | null;
}

export interface StageDurationSettings {
  /** fewest measured spells for the median to be used */
  minSamples: number;
  /** days to plan with when too few spells were measured (e.g. recovery_period: 339) */
  fallbackDays: Partial<Record<ForecastStage, number>>;
}

export const DEFAULT_STAGE_DURATION_SETTINGS: Readonly<StageDurationSettings> = Object.freeze({
  minSamples: 5,
  // Home Office (2020): Conclusive Grounds decisions took 339 days on average (domain notes, second wave).
  fallbackDays: Object.freeze({ recovery_period: 339 }),
});

export function expectedStageDurations(
  measured: Partial<Record<ForecastStage, readonly number[]>>,
  policy: ForecastPolicy,
  settings: StageDurationSettings,
  floors: Partial<Record<ForecastStage, number>>,
): Record<ForecastStage, StageDuration> {
  if (!Number.isInteger(settings.minSamples) || settings.minSamples < 1) throw new RangeError('minSamples must be a whole number of at least 1');
  const out = {} as Record<ForecastStage, StageDuration>;
  for (const stage of FORECAST_STAGES) {
    const samples = measured[stage] ?? [];
    const median = medianOf(samples);
    const minimum = floors[stage] ?? null;
    const floor = minimum ?? 1;
    let days: number;
    let source: StageDurationSource;
    if (median !== null && samples.length >= settings.minSamples) {
      const rounded = Math.ceil(median);
      [days, source] = rounded >= floor ? [rounded, 'measured_median'] : [floor, 'policy_minimum'];
    } else if (settings.fallbackDays[stage] !== undefined) {
      const fallback = settings.fallbackDays[stage]!;
      [days, source] = fallback >= floor ? [fallback, 'configured_fallback'] : [floor, 'policy_minimum'];
    } else {
      const standard = policy.expectedDays[stage];
      [days, source] = standard >= floor ? [standard, 'policy_default'] : [floor, 'policy_minimum'];
    }
    out[stage] = { days, source, samples: samples.length, measuredMedian: median, minimum };
  }
  return out;
}

/** The forecast policy with its expectations replaced by these durations. */
export function withStageDurations(policy: ForecastPolicy, durations: Record<ForecastStage, StageDuration>): ForecastPolicy {
  const expectedDays = Object.fromEntries(FORECAST_STAGES.map((s) => [s, durations[s].days])) as Record<ForecastStage, number>;
  return { ...policy, expectedDays };
}
