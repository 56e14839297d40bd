import {
  compareWorklist,
  countWorklist,
  StoredDeadlineState,
  WorklistSortable,
  worklistKindWords,
  worklistState,
  WorklistState,
} from './worklist';

// A pinned clock: Tuesday 2 June 2026, 10:00 in London (09:00 UTC).
const NOW = new Date('2026-06-02T10:00:00+01:00');
const H = 3_600_000;
const at = (hoursFromNow: number) => new Date(NOW.getTime() + hoursFromNow * H);
const window = { now: NOW, horizonHours: 7 * 24, metWithinHours: 7 * 24 };

/** A deadline due `dueIn` hours from now, due soon 24 hours before that, in stored state `state`. */
const deadline = (state: StoredDeadlineState, dueIn: number, changedHoursAgo = 1) => ({
  state,
  dueAt: at(dueIn),
  dueSoonAt: at(dueIn - 24),
  stateChangedAt: at(-changedHoursAgo),
});

describe('worklistState: where a deadline stands on the worklist', () => {
  const cases: Array<[string, ReturnType<typeof deadline>, WorklistState | null]> = [
    ['an RG target due in three days, pending: coming up', deadline('pending', 72), 'upcoming'],
    ['a move-on end due in exactly seven days: still on the horizon', deadline('pending', 7 * 24), 'upcoming'],
    ['a recovery period ending in eight days: beyond the horizon, not shown', deadline('pending', 8 * 24), null],
    ['pre-NRM support ending in 23 hours, watcher not yet run: due soon by the clock', deadline('pending', 23), 'due_soon'],
    ['due in exactly 24 hours: the due-soon window has begun', deadline('pending', 24), 'due_soon'],
    ['a bed hold that ended a minute ago, watcher still says due soon: overdue by the clock', deadline('due_soon', -1 / 60), 'overdue'],
    ['due at this very millisecond: still on time, due soon', { ...deadline('due_soon', 0) }, 'due_soon'],
    ['overdue for three days and still live: overdue', deadline('overdue', -72), 'overdue'],
    ['stored overdue by a watcher whose clock ran ahead: stays overdue', deadline('overdue', 0.01), 'overdue'],
    ['stored due soon ahead of the clock: stays due soon, not back to coming up', deadline('due_soon', 25), 'due_soon'],
    ['an RG target met an hour ago: met, cleared from the due lists', deadline('met', 48, 1), 'met'],
    ['met exactly seven days ago: still counted as met', deadline('met', -100, 7 * 24), 'met'],
    ['met eight days ago: off the worklist', deadline('met', -100, 8 * 24), null],
    ['a deadline withdrawn by a triage correction: nobody\'s work', deadline('cancelled', -5), null],
    ['a cancelled deadline that would be due soon: still not shown', deadline('cancelled', 2), null],
  ];
  it.each(cases)('%s', (_name, d, expected) => {
    expect(worklistState(d, window)).toBe(expected);
  });

  it('a wider horizon shows what a narrower one leaves out', () => {
    const d = deadline('pending', 10 * 24);
    expect(worklistState(d, { ...window, horizonHours: 7 * 24 })).toBeNull();
    expect(worklistState(d, { ...window, horizonHours: 14 * 24 })).toBe('upcoming');
  });

  it('a zero look-back shows no met deadline', () => {
    expect(worklistState(deadline('met', 1, 0.5), { ...window, metWithinHours: 0 })).toBeNull();
  });
});

describe('countWorklist', () => {
  it('counts every state, zero where there is none', () => {
    expect(countWorklist(['overdue', 'overdue', 'met'])).toEqual({ overdue: 2, due_soon: 0, upcoming: 0, met: 1 });
    expect(countWorklist([])).toEqual({ overdue: 0, due_soon: 0, upcoming: 0, met: 0 });
  });
});

describe('compareWorklist: the order of the rows', () => {
  const row = (reference: string, worklistState: WorklistState, dueIn: number, kind = 'rg_decision_expected', operationName = 'Op Harbour'): WorklistSortable & { id: string } => ({
    id: `${reference}/${kind}`,
    reference,
    worklistState,
    dueAt: at(dueIn),
    kind,
    operationName,
  });
  const rows = [
    row('RAV-010', 'upcoming', 48, 'move_on_ends', 'Op Acorn'),
    row('RAV-002', 'met', -10),
    row('RAV-009', 'overdue', -2, 'bed_hold_ends'),
    row('RAV-001', 'due_soon', 5, 'pre_nrm_accommodation_ends', 'Op Acorn'),
    row('RAV-003', 'overdue', -30),
  ];
  const order = (...args: Parameters<typeof compareWorklist>) => [...rows].sort(compareWorklist(...args)).map((r) => r.reference);

  const cases: Array<[string, Parameters<typeof compareWorklist>, string[]]> = [
    ['by urgency (the default): overdue first, most overdue first, met last', [], ['RAV-003', 'RAV-009', 'RAV-001', 'RAV-010', 'RAV-002']],
    ['by due time, soonest first', ['due'], ['RAV-003', 'RAV-002', 'RAV-009', 'RAV-001', 'RAV-010']],
    ['by due time, latest first', ['due', 'desc'], ['RAV-010', 'RAV-001', 'RAV-009', 'RAV-002', 'RAV-003']],
    ['by reference, numbers in numeric order', ['reference'], ['RAV-001', 'RAV-002', 'RAV-003', 'RAV-009', 'RAV-010']],
    ['by what is due, in words (Held bed..., Move-on..., Pre-NRM..., Reasonable Grounds...)', ['kind'], ['RAV-009', 'RAV-010', 'RAV-001', 'RAV-003', 'RAV-002']],
    ['by operation, then by due time', ['operation'], ['RAV-001', 'RAV-010', 'RAV-003', 'RAV-002', 'RAV-009']],
  ];
  it.each(cases)('%s', (_name, args, expected) => {
    expect(order(...args)).toEqual(expected);
  });
});

describe('worklistKindWords', () => {
  it.each([
    ['rg_decision_expected', 'Reasonable Grounds decision expected (target)'],
    ['bed_hold_ends', 'Held bed is released'],
    // A kind added to the pathway later reads from its name until it is given words.
    ['turns_18', 'Turns 18'],
    ['reconsideration_outcome_expected', 'Reconsideration outcome expected'],
  ])('%s reads "%s"', (kind, words) => {
    expect(worklistKindWords(kind)).toBe(words);
  });
});
