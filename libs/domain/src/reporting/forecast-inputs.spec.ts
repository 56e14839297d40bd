import { forecastSiteTypeOf, forecastStageEnds, forecastStageOf } from './forecast-inputs';

describe('forecastStageOf: who needs a bed from us', () => {
  it.each([
    ['encountered', null, 'encountered'],
    ['encountered', 'potential_victim', 'encountered'],
    ['encountered', 'suspect', null],
    ['encountered', 'witness', null],
    ['encountered', 'not_victim', null],
    ['not_potential_victim', 'not_victim', null],
    ['pre_nrm', 'potential_victim', 'pre_nrm'],
    ['children_services', 'potential_victim', 'pre_nrm'],
    ['awaiting_rg', 'potential_victim', 'awaiting_rg'],
    ['recovery_period', 'potential_victim', 'recovery_period'],
    ['move_on', 'potential_victim', 'move_on'],
    ['duty_to_notify', 'potential_victim', 'duty_to_notify'],
    ['missing', 'potential_victim', 'missing'],
    ['exited', 'potential_victim', null],
    ['a stage nobody knows', null, null],
  ])('%s (triage %s) → %s', (stage, outcome, expected) => {
    expect(forecastStageOf(stage, outcome)).toBe(expected);
  });
});

describe('forecastSiteTypeOf', () => {
  it.each([
    ['safe_house', 'safe_house'],
    ['void_property', 'void_property'],
    [null, null],
    ['castle', null],
  ])('%s → %s', (type, expected) => {
    expect(forecastSiteTypeOf(type)).toBe(expected);
  });
});

describe('forecastStageEnds: the day each live deadline ends its stage', () => {
  it('a day rule due at 23:59:59.999 in summer (22:59:59.999Z) ends that London day', () => {
    expect(forecastStageEnds([{ kind: 'rg_decision_expected', dueAt: '2026-06-09T22:59:59.999Z' }])).toEqual({ awaiting_rg: '2026-06-09' });
  });

  it('a day rule due at 23:59:59.999 in winter ends that day', () => {
    expect(forecastStageEnds([{ kind: 'pre_nrm_accommodation_ends', dueAt: new Date('2026-01-09T23:59:59.999Z') }])).toEqual({ pre_nrm: '2026-01-09' });
  });

  it('maps every kind to its stage and ignores kinds that end none', () => {
    expect(
      forecastStageEnds([
        { kind: 'recovery_period_minimum_ends', dueAt: '2026-04-20T22:59:59.999Z' },
        { kind: 'move_on_ends', dueAt: '2026-06-01T22:59:59.999Z' },
        { kind: 'bed_hold_ends', dueAt: '2026-03-05T10:00:00Z' },
        { kind: 'something_else', dueAt: '2026-03-05T10:00:00Z' },
      ]),
    ).toEqual({ recovery_period: '2026-04-20', move_on: '2026-06-01', missing: '2026-03-05' });
  });

  it('the earlier of two deadlines for one stage wins', () => {
    expect(
      forecastStageEnds([
        { kind: 'move_on_ends', dueAt: '2026-06-01T22:59:59.999Z' },
        { kind: 'move_on_ends', dueAt: '2026-05-20T22:59:59.999Z' },
      ]),
    ).toEqual({ move_on: '2026-05-20' });
  });

  it('no deadlines, no known ends', () => {
    expect(forecastStageEnds([])).toEqual({});
  });
});
