import { furthestStatus, moveStationTask, planChecklist, STATION_STATUSES, StationStatus, stationsFor } from './stations';

describe('stations that apply', () => {
  it.each([
    ['untriaged adult', null, 'adult', false, ['police_debrief', 'health_check', 'welfare']],
    ['untriaged adult needing an interpreter', null, 'adult', true, ['interpreter', 'police_debrief', 'health_check', 'welfare']],
    ['untriaged child', null, 'child', false, ['police_debrief', 'health_check', 'welfare']],
    ['adult potential victim', 'potential_victim', 'adult', false, ['police_debrief', 'health_check', 'first_responder', 'housing_needs', 'welfare']],
    ['adult potential victim with interpreter', 'potential_victim', 'adult', true, ['interpreter', 'police_debrief', 'health_check', 'first_responder', 'housing_needs', 'welfare']],
    ['child potential victim (children\'s services house them)', 'potential_victim', 'child', false, ['police_debrief', 'health_check', 'first_responder', 'welfare']],
    ['age-disputed potential victim', 'potential_victim', 'age_disputed', true, ['interpreter', 'police_debrief', 'health_check', 'first_responder', 'welfare']],
    ['adult suspect', 'suspect', 'adult', false, ['police_debrief']],
    ['adult suspect with interpreter', 'suspect', 'adult', true, ['interpreter', 'police_debrief']],
    ['child suspect keeps health and welfare', 'suspect', 'child', false, ['police_debrief', 'health_check', 'welfare']],
    ['adult witness', 'witness', 'adult', false, ['police_debrief', 'welfare']],
    ['adult not a victim', 'not_victim', 'adult', false, ['police_debrief', 'welfare']],
    ['age-disputed not a victim', 'not_victim', 'age_disputed', false, ['police_debrief', 'health_check', 'welfare']],
  ] as const)('%s', (_, triageOutcome, ageCategory, interpreterNeeded, stations) => {
    expect(stationsFor({ triageOutcome, ageCategory, interpreterNeeded })).toEqual(stations);
  });
});

describe('bringing a checklist up to date', () => {
  it('adds every station to an empty checklist', () => {
    expect(planChecklist([], ['police_debrief', 'welfare'])).toEqual({ add: ['police_debrief', 'welfare'], remove: [] });
  });

  it('after triage as a suspect, drops queued stations but keeps started and finished ones', () => {
    const current = [
      { station: 'police_debrief' as const, status: 'done' as const },
      { station: 'health_check' as const, status: 'in_progress' as const },
      { station: 'welfare' as const, status: 'queued' as const },
    ];
    expect(planChecklist(current, ['police_debrief'])).toEqual({ add: [], remove: ['welfare'] });
  });

  it('after triage as a potential victim, adds first responder and housing needs', () => {
    const current = [
      { station: 'police_debrief' as const, status: 'done' as const },
      { station: 'health_check' as const, status: 'queued' as const },
      { station: 'welfare' as const, status: 'queued' as const },
    ];
    expect(planChecklist(current, ['police_debrief', 'health_check', 'first_responder', 'housing_needs', 'welfare'])).toEqual({
      add: ['first_responder', 'housing_needs'],
      remove: [],
    });
  });

  it('changes nothing when the checklist already fits', () => {
    expect(planChecklist([{ station: 'police_debrief', status: 'queued' }], ['police_debrief'])).toEqual({ add: [], remove: [] });
  });
});

describe('moving a station task', () => {
  const legal: Array<[StationStatus, StationStatus]> = [
    ['queued', 'in_progress'],
    ['queued', 'done'],
    ['in_progress', 'done'],
    ['in_progress', 'queued'],
  ];
  const all = STATION_STATUSES.flatMap((a) => STATION_STATUSES.map((b) => [a, b] as [StationStatus, StationStatus]));

  it.each(legal)('%s -> %s is allowed', (from, to) => expect(moveStationTask(from, to)).toEqual({ ok: true, from, to }));

  it.each(all.filter(([a, b]) => !legal.some(([x, y]) => x === a && y === b)))('%s -> %s is refused', (from, to) => {
    expect(moveStationTask(from, to)).toMatchObject({ ok: false, code: 'ILLEGAL_TRANSITION', reason: expect.any(String) });
  });

  it.each([
    ['queued', 'queued', 'queued'],
    ['queued', 'in_progress', 'in_progress'],
    ['in_progress', 'queued', 'in_progress'],
    ['done', 'queued', 'done'],
    ['in_progress', 'done', 'done'],
    ['done', 'done', 'done'],
  ] as const)('furthest of %s and %s is %s', (a, b, furthest) => expect(furthestStatus(a, b)).toBe(furthest));
});
