import { CostedPlacement, costTable, nightsCharged } from './costs';

const at = (iso: string) => new Date(iso);

describe('nights charged for a spot-purchased bed', () => {
  it.each<[string, string, string, number]>([
    ['arrives in the evening, leaves the next morning', '2026-11-30T20:00:00Z', '2026-12-01T09:00:00Z', 1],
    ['arrives and leaves the same day: the room was still taken', '2026-11-30T14:00:00Z', '2026-11-30T18:00:00Z', 1],
    ['three nights', '2026-11-27T21:00:00Z', '2026-11-30T10:00:00Z', 3],
    ['a week across the spring clock change', '2027-03-24T22:00:00Z', '2027-03-31T10:00:00Z', 7],
    ['arrives at 23:30 London time in summer (22:30Z) and leaves next morning', '2027-06-01T22:30:00Z', '2027-06-02T08:00:00Z', 1],
    ['arrives at 00:30 London time in summer (23:30Z the day before)', '2027-06-01T23:30:00Z', '2027-06-02T09:00:00Z', 1],
    ['a stay that has not started', '2026-12-02T20:00:00Z', '2026-12-01T20:00:00Z', 0],
  ])('%s', (_, from, until, nights) => {
    expect(nightsCharged(at(from), at(until))).toBe(nights);
  });
});

describe('the costs table', () => {
  const now = at('2026-12-01T12:00:00Z');
  const p = (fields: Partial<CostedPlacement>): CostedPlacement => ({
    operationId: 'op-1',
    operationName: 'Operation Ash',
    siteId: 'bnb',
    siteName: 'Kirkstall Guest House',
    siteType: 'bed_and_breakfast',
    nightlyCostPence: 4500,
    from: at('2026-11-29T20:00:00Z'),
    endedAt: null,
    ...fields,
  });

  it('adds up tonight and to date per operation and site, with totals', () => {
    const table = costTable(
      [
        p({}),
        p({ from: at('2026-11-30T20:00:00Z') }),
        p({ siteId: 'gh', siteName: 'Armley Lodge', nightlyCostPence: 5200, endedAt: at('2026-11-30T10:00:00Z') }),
        p({ operationId: 'op-2', operationName: 'Operation Birch', siteId: 'gh', siteName: 'Armley Lodge', nightlyCostPence: 5200 }),
      ],
      now,
    );
    expect(table.sites).toEqual([
      { operationId: 'op-1', operationName: 'Operation Ash', siteId: 'gh', siteName: 'Armley Lodge', siteType: 'bed_and_breakfast', nightlyCostPence: 5200, placementsTonight: 0, costTonightPence: 0, nightsToDate: 1, costToDatePence: 5200 },
      { operationId: 'op-1', operationName: 'Operation Ash', siteId: 'bnb', siteName: 'Kirkstall Guest House', siteType: 'bed_and_breakfast', nightlyCostPence: 4500, placementsTonight: 2, costTonightPence: 9000, nightsToDate: 3, costToDatePence: 13500 },
      { operationId: 'op-2', operationName: 'Operation Birch', siteId: 'gh', siteName: 'Armley Lodge', siteType: 'bed_and_breakfast', nightlyCostPence: 5200, placementsTonight: 1, costTonightPence: 5200, nightsToDate: 2, costToDatePence: 10400 },
    ]);
    expect(table.operations).toEqual([
      { operationId: 'op-1', operationName: 'Operation Ash', placementsTonight: 2, costTonightPence: 9000, nightsToDate: 4, costToDatePence: 18700 },
      { operationId: 'op-2', operationName: 'Operation Birch', placementsTonight: 1, costTonightPence: 5200, nightsToDate: 2, costToDatePence: 10400 },
    ]);
    expect(table.totals).toEqual({ placementsTonight: 3, costTonightPence: 14200, nightsToDate: 6, costToDatePence: 29100 });
  });

  it('shows no single nightly price for a site booked at two prices', () => {
    const table = costTable([p({}), p({ nightlyCostPence: 4800 })], now);
    expect(table.sites[0]).toMatchObject({ nightlyCostPence: null, costTonightPence: 9300 });
  });

  it('counts nothing for a booking that starts after now', () => {
    expect(costTable([p({ from: at('2026-12-02T20:00:00Z') })], now).totals).toEqual({ placementsTonight: 0, costTonightPence: 0, nightsToDate: 0, costToDatePence: 0 });
  });

  it('is empty with no spot-purchased placements', () => {
    expect(costTable([], now)).toEqual({ sites: [], operations: [], totals: { placementsTonight: 0, costTonightPence: 0, nightsToDate: 0, costToDatePence: 0 } });
  });
});
