import { acceptsPeopleWork, acceptsRegistrations, canMoveOperation, moveOperation, OPERATION_STATUSES, OperationStatus } from './operation-lifecycle';

const LEGAL: Array<[OperationStatus, OperationStatus]> = [
  ['planning', 'active'],
  ['active', 'stood_down'],
  ['stood_down', 'closed'],
];
const isLegal = (from: OperationStatus, to: OperationStatus) => LEGAL.some(([f, t]) => f === from && t === to);
const ALL_PAIRS = OPERATION_STATUSES.flatMap((from) => OPERATION_STATUSES.map((to) => [from, to] as [OperationStatus, OperationStatus]));

describe('operation lifecycle', () => {
  it.each(LEGAL)('moves %s -> %s', (from, to) => {
    expect(canMoveOperation(from, to)).toBe(true);
    expect(moveOperation(from, to, { peopleInCentreBeds: 0 })).toEqual({ ok: true, from, to });
  });

  it.each(ALL_PAIRS.filter(([f, t]) => !isLegal(f, t)))('refuses %s -> %s as ILLEGAL_TRANSITION', (from, to) => {
    expect(canMoveOperation(from, to)).toBe(false);
    const result = moveOperation(from, to, { peopleInCentreBeds: 0 });
    expect(result).toMatchObject({ ok: false, code: 'ILLEGAL_TRANSITION' });
  });

  it('explains what a planned operation may become', () => {
    expect(moveOperation('planning', 'closed', { peopleInCentreBeds: 0 })).toMatchObject({ reason: expect.stringContaining('only move to active') });
  });

  it('says a closed operation cannot change at all', () => {
    expect(moveOperation('closed', 'active', { peopleInCentreBeds: 0 })).toMatchObject({ reason: 'A closed operation cannot change status' });
  });

  it.each([
    [1, false],
    [6, false],
    [0, true],
  ])('closing with %i people still in the centre beds: allowed=%s', (people, allowed) => {
    const result = moveOperation('stood_down', 'closed', { peopleInCentreBeds: people });
    expect(result.ok).toBe(allowed);
    if (!result.ok) expect(result).toMatchObject({ code: 'PEOPLE_STILL_IN_CENTRE', reason: expect.stringContaining(`${people} bed`) });
  });

  it('standing down is allowed while people are still in the centre (they are moved on afterwards)', () => {
    expect(moveOperation('active', 'stood_down', { peopleInCentreBeds: 4 }).ok).toBe(true);
  });

  it.each([
    ['planning', true, true],
    ['active', true, true],
    ['stood_down', false, true],
    ['closed', false, false],
  ] as const)('an operation that is %s: registrations %s, work on people %s', (status, registrations, work) => {
    expect(acceptsRegistrations(status)).toBe(registrations);
    expect(acceptsPeopleWork(status)).toBe(work);
  });
});
