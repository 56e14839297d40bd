import { DEFAULT_FORECAST_POLICY } from './forecast-policy';
import { DEFAULT_STAGE_DURATION_SETTINGS, expectedStageDurations, withStageDurations } from './forecast-durations';

const FLOORS = { recovery_period: 45, move_on: 45 };

describe('forecast stage durations: measured, floored, or the configured fallback', () => {
  const cases: Array<{ scenario: string; measured: number[]; expected: { days: number; source: string } }> = [
    { scenario: 'a deployment whose CG decisions took 300-420 days: the median, 360', measured: [300, 340, 360, 400, 420], expected: { days: 360, source: 'measured_median' } },
    { scenario: 'an even count: the median of the middle two, rounded up', measured: [100, 101, 200, 201, 300, 301], expected: { days: 201, source: 'measured_median' } },
    { scenario: 'quick decisions: never below the 45-day minimum', measured: [10, 12, 20, 30, 40], expected: { days: 45, source: 'policy_minimum' } },
    { scenario: 'too few spells (4 of 5 needed): the configured fallback, 339', measured: [500, 500, 500, 500], expected: { days: 339, source: 'configured_fallback' } },
    { scenario: 'none at all: the configured fallback', measured: [], expected: { days: 339, source: 'configured_fallback' } },
  ];
  it.each(cases)('recovery period — $scenario', ({ measured, expected }) => {
    const d = expectedStageDurations({ recovery_period: measured }, DEFAULT_FORECAST_POLICY, DEFAULT_STAGE_DURATION_SETTINGS, FLOORS);
    expect(d.recovery_period).toMatchObject({ ...expected, samples: measured.length, minimum: 45 });
  });

  it('a stage with no fallback and too few spells keeps the forecast policy default', () => {
    const d = expectedStageDurations({ pre_nrm: [3] }, DEFAULT_FORECAST_POLICY, DEFAULT_STAGE_DURATION_SETTINGS, FLOORS);
    expect(d.pre_nrm).toEqual({ days: 7, source: 'policy_default', samples: 1, measuredMedian: 3, minimum: null });
  });

  it('a fallback below the minimum is raised to it', () => {
    const d = expectedStageDurations({}, DEFAULT_FORECAST_POLICY, { minSamples: 5, fallbackDays: { move_on: 20 } }, FLOORS);
    expect(d.move_on).toMatchObject({ days: 45, source: 'policy_minimum' });
  });

  it('the projection policy takes the durations; the rest of the policy is unchanged', () => {
    const d = expectedStageDurations({ recovery_period: [300, 340, 360, 400, 420] }, DEFAULT_FORECAST_POLICY, DEFAULT_STAGE_DURATION_SETTINGS, FLOORS);
    const policy = withStageDurations(DEFAULT_FORECAST_POLICY, d);
    expect(policy.expectedDays.recovery_period).toBe(360);
    expect(policy.expectedDays.encountered).toBe(DEFAULT_FORECAST_POLICY.expectedDays.encountered);
    expect(policy.nextStage).toBe(DEFAULT_FORECAST_POLICY.nextStage);
  });

  it('refuses a minimum sample size below 1', () => {
    expect(() => expectedStageDurations({}, DEFAULT_FORECAST_POLICY, { minSamples: 0, fallbackDays: {} }, FLOORS)).toThrow(RangeError);
  });
});

describe('a minimum is not an end: the projected end of a recovery period', () => {
  const { forecastStageEnds } = jest.requireActual('./forecast-inputs') as typeof import('./forecast-inputs');
  const deadlines = [{ kind: 'recovery_period_minimum_ends', dueAt: '2026-03-16T23:59:59.999Z' }];
  it.each([
    ['no expectation given: the minimum (as before)', undefined, '2026-03-16'],
    ['expected 339 days from 30 Jan: the later, 4 Jan 2027', 339, '2027-01-04'],
    ['expected 30 days: the minimum still wins', 30, '2026-03-16'],
  ])('%s', (_, days, end) => {
    const current = days === undefined ? undefined : { stage: 'recovery_period' as const, stageSince: '2026-01-30', expectedDays: { ...DEFAULT_FORECAST_POLICY.expectedDays, recovery_period: days } };
    expect(forecastStageEnds(deadlines, current).recovery_period).toBe(end);
  });

  it('a deadline that ends support is an end, whatever the expectation', () => {
    const current = { stage: 'move_on' as const, stageSince: '2026-01-30', expectedDays: { ...DEFAULT_FORECAST_POLICY.expectedDays, move_on: 400 } };
    expect(forecastStageEnds([{ kind: 'move_on_ends', dueAt: '2026-03-16T23:59:59.999Z' }], current).move_on).toBe('2026-03-16');
  });
});
