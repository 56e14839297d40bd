import {
  buildRetentionSchedule,
  decidePersonRetention,
  describeRetentionPeriod,
  formatRetentionPeriod,
  parseRetentionPeriod,
  retentionCutoff,
  retentionDueAt,
} from './retention';

// Pinned clock: Tuesday 1 December 2026, 03:00 UTC (the nightly run).
const NOW = new Date('2026-12-01T03:00:00Z');
const SIX_YEARS = { years: 6, months: 0, days: 0 };

describe('retention periods', () => {
  it.each([
    ['P6Y', { years: 6, months: 0, days: 0 }],
    ['P18M', { years: 0, months: 18, days: 0 }],
    ['P7D', { years: 0, months: 0, days: 7 }],
    ['P1Y6M', { years: 1, months: 6, days: 0 }],
    ['P1Y2M3D', { years: 1, months: 2, days: 3 }],
  ])('reads %s', (text, period) => {
    expect(parseRetentionPeriod(text)).toEqual(period);
    expect(formatRetentionPeriod(period)).toBe(text);
  });

  it.each(['', 'P', 'P0D', 'P0Y0M0D', '6Y', 'P6', 'PT12H', 'P2W', 'P-1Y', 'P1.5Y', 'p6y', 'P6Y ', 'P6M1Y'])('refuses %p', (text) =>
    expect(parseRetentionPeriod(text)).toBeNull(),
  );

  it.each([
    [{ years: 6, months: 0, days: 0 }, '6 years'],
    [{ years: 1, months: 1, days: 0 }, '1 year 1 month'],
    [{ years: 0, months: 0, days: 1 }, '1 day'],
  ])('describes %p as %s', (period, words) => expect(describeRetentionPeriod(period)).toBe(words));

  it('a schedule needs every record class, and names each bad one', () => {
    expect(buildRetentionSchedule({ personal_data: 'P6Y', idempotency_records: 'P7D' })).toEqual({
      ok: true,
      schedule: { personal_data: SIX_YEARS, idempotency_records: { years: 0, months: 0, days: 7 } },
    });
    const bad = buildRetentionSchedule({ personal_data: 'six years' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.errors).toEqual([
      'personal_data: "six years" is not a period such as P6Y, P18M or P7D',
      'idempotency_records: "" is not a period such as P6Y, P18M or P7D',
    ]);
  });

  it.each([
    ['an exit on 29 Feb 2020 falls due on 28 Feb 2026 (no 29th that year)', '2020-02-29T10:00:00Z', SIX_YEARS, '2026-02-28T10:00:00.000Z'],
    ['one month after 31 January is the last day of February', '2026-01-31T00:00:00Z', { years: 0, months: 1, days: 0 }, '2026-02-28T00:00:00.000Z'],
    ['seven days', '2026-11-24T03:00:00Z', { years: 0, months: 0, days: 7 }, '2026-12-01T03:00:00.000Z'],
  ])('%s', (_, from, period, due) => expect(retentionDueAt(new Date(from), period).toISOString()).toBe(due));

  it('the query cutoff never excludes a record that is due', () => {
    const period = { years: 0, months: 1, days: 0 };
    const now = new Date('2026-03-31T00:00:00Z');
    const cutoff = retentionCutoff(now, period); // 28 Feb
    // 28 Feb + 1 month = 28 Mar, due; 1 Mar + 1 month = 1 Apr, not due: the cutoff keeps the first.
    expect(new Date('2026-02-28T00:00:00Z').getTime()).toBeLessThanOrEqual(cutoff.getTime());
    expect(retentionDueAt(new Date('2026-03-01T00:00:00Z'), period).getTime()).toBeGreaterThan(now.getTime());
  });
});

describe('whether a person is anonymised tonight', () => {
  const d = (s: string) => new Date(s);
  it.each([
    ['still supported: no exit, operation open', { exitedAt: null, operationClosedAt: null, anonymisedAt: null, held: false }, 'not_due', 'still_supported'],
    ['exited five years ago', { exitedAt: d('2021-12-01T03:00:01Z'), operationClosedAt: null, anonymisedAt: null, held: false }, 'not_due', 'within_period'],
    ['exited exactly six years ago', { exitedAt: d('2020-12-01T03:00:00Z'), operationClosedAt: null, anonymisedAt: null, held: false }, 'anonymise', undefined],
    ['exited seven years ago', { exitedAt: d('2019-11-30T00:00:00Z'), operationClosedAt: null, anonymisedAt: null, held: false }, 'anonymise', undefined],
    ['exit never recorded, operation closed seven years ago', { exitedAt: null, operationClosedAt: d('2019-06-01T00:00:00Z'), anonymisedAt: null, held: false }, 'anonymise', undefined],
    ['the exit counts before the operation close', { exitedAt: d('2025-01-01T00:00:00Z'), operationClosedAt: d('2019-06-01T00:00:00Z'), anonymisedAt: null, held: false }, 'not_due', 'within_period'],
    ['due but under a legal hold', { exitedAt: d('2019-11-30T00:00:00Z'), operationClosedAt: null, anonymisedAt: null, held: true }, 'held', undefined],
    ['a hold on someone not yet due is not counted as held', { exitedAt: d('2025-11-30T00:00:00Z'), operationClosedAt: null, anonymisedAt: null, held: true }, 'not_due', 'within_period'],
    ['already anonymised', { exitedAt: d('2019-11-30T00:00:00Z'), operationClosedAt: null, anonymisedAt: d('2026-11-30T03:00:00Z'), held: false }, 'not_due', 'already_anonymised'],
  ])('%s', (_, facts, outcome, reason) => {
    const decision = decidePersonRetention(facts, SIX_YEARS, NOW);
    expect(decision.outcome).toBe(outcome);
    if (reason) expect(decision).toMatchObject({ reason });
  });
});
