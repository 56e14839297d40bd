import { Deadline } from '@safe-harbour/domain';
import { LiveDeadline, nextDeadlineState, planDeadlines } from './deadline-plan';

const H = 3_600_000;
const NOW = new Date('2025-06-16T12:00:00Z');

function wanted(kind: Deadline['kind'], dueAt: Date, fields: Partial<Deadline> = {}): Deadline {
  return {
    kind,
    dueAt,
    dueSoonAt: new Date(dueAt.getTime() - 24 * H),
    rule: 'rg_decision_target',
    policyVersion: 'councilPractice45@2009-04-01',
    effect: 'decision_target',
    basis: { event: 'nrm_referral_submitted', at: new Date(dueAt.getTime() - 7 * 24 * H) },
    source: 'test',
    explanation: 'test',
    ...fields,
  };
}

function live(id: string, d: Deadline, state: LiveDeadline['state'] = 'pending'): LiveDeadline {
  return { id, kind: d.kind, dueAt: d.dueAt, rule: d.rule, policyVersion: d.policyVersion, state };
}

describe('planning deadlines after a fact', () => {
  const rg = wanted('rg_decision_expected', new Date('2025-06-20T22:59:59.999Z'));

  it('keeps a deadline that is still due, with its state, and creates nothing twice', () => {
    const row = live('a', rg, 'due_soon');
    expect(planDeadlines([row], [rg], NOW)).toEqual({ keep: [row], close: [], create: [] });
  });

  it('a deadline the pathway moved past is met; the next stage’s is created', () => {
    const row = live('a', rg);
    const recovery = wanted('recovery_period_minimum_ends', new Date('2025-07-31T22:59:59.999Z'), { rule: 'recovery_period_minimum' });
    expect(planDeadlines([row], [recovery], NOW)).toEqual({
      keep: [],
      close: [{ deadline: row, state: 'met' }],
      create: [{ deadline: recovery, state: 'pending' }],
    });
  });

  it('a correction withdraws deadlines: cancelled, not met', () => {
    const row = live('a', rg, 'overdue');
    expect(planDeadlines([row], [], NOW, true).close).toEqual([{ deadline: row, state: 'cancelled' }]);
  });

  it.each([
    ['another date', { dueAt: new Date('2025-06-23T22:59:59.999Z') }],
    ['another policy version', { policyVersion: 'statutory30@2022-12-13' }],
    ['another rule', { rule: 'move_on_after_negative_decision' as const }],
  ])('a deadline of the same kind with %s replaces the stored one (cancelled)', (_, change) => {
    const row = live('a', rg);
    const next = { ...rg, ...change };
    expect(planDeadlines([row], [next], NOW)).toEqual({
      keep: [],
      close: [{ deadline: row, state: 'cancelled' }],
      create: [{ deadline: next, state: 'pending' }],
    });
  });

  it.each([
    ['pending', new Date(NOW.getTime() + 25 * H)],
    ['due_soon', new Date(NOW.getTime() + 24 * H)],
    ['due_soon', new Date(NOW.getTime() + 1)],
    ['due_soon', NOW],
    ['overdue', new Date(NOW.getTime() - 1)],
  ] as const)('a fact recorded late creates its deadline already %s (due %s)', (state, dueAt) => {
    expect(planDeadlines([], [wanted('bed_hold_ends', dueAt)], NOW).create[0].state).toBe(state);
  });
});

describe('the watcher moves a deadline forward only', () => {
  const d = { dueAt: new Date('2025-06-20T22:59:59.999Z'), dueSoonAt: new Date('2025-06-19T22:59:59.999Z') };
  it.each([
    ['pending', '2025-06-19T22:59:59.998Z', null],
    ['pending', '2025-06-19T22:59:59.999Z', 'due_soon'],
    ['pending', '2025-06-20T22:59:59.999Z', 'due_soon'],
    ['pending', '2025-06-20T23:00:00.000Z', 'overdue'],
    ['due_soon', '2025-06-20T12:00:00Z', null],
    ['due_soon', '2025-06-21T00:00:00Z', 'overdue'],
    ['overdue', '2025-06-25T00:00:00Z', null],
    // a watcher with a slow clock never moves a deadline back
    ['due_soon', '2025-06-01T00:00:00Z', null],
    ['overdue', '2025-06-01T00:00:00Z', null],
  ] as const)('%s at %s -> %s', (from, now, to) => {
    expect(nextDeadlineState(from, d, new Date(now))).toBe(to);
  });
});
