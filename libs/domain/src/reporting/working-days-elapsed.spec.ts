import { addWorkingDays, BankHolidays } from '../pathway/working-days';
import { englandAndWalesBankHolidays } from '../pathway/bank-holidays';
import { workingDaysElapsed } from './working-days-elapsed';

const holidays = englandAndWalesBankHolidays();
const tiny: BankHolidays = { division: 'test', dates: new Set(['2026-04-03', '2026-04-06']), firstYear: 2026, lastYear: 2026 };

describe('workingDaysElapsed: referral to decision, as the pathway counts working days', () => {
  it.each([
    ['decided the same day', '2026-03-02', '2026-03-02', 0],
    ['Monday to Tuesday', '2026-03-02', '2026-03-03', 1],
    ['Monday to the Monday after', '2026-03-02', '2026-03-09', 5],
    ['Friday to Monday: the weekend does not count', '2026-03-06', '2026-03-09', 1],
    ['Friday to Sunday: no working day yet', '2026-03-06', '2026-03-08', 0],
    ['Saturday to Monday', '2026-03-07', '2026-03-09', 1],
    ['Thursday before Easter 2026 to the Tuesday after: Good Friday and Easter Monday skipped', '2026-04-02', '2026-04-07', 1],
    ['over Christmas 2025: 25 and 26 December are holidays', '2025-12-24', '2025-12-29', 1],
    ['a decision dated before its referral counts as 0', '2026-03-09', '2026-03-02', 0],
  ])('%s', (_, from, to, expected) => {
    expect(workingDaysElapsed(from, to, holidays)).toEqual({ days: expected, beyondHolidayData: false });
  });

  it('agrees with the deadline arithmetic: a decision on the day the target falls due took exactly the target', () => {
    for (const referral of ['2026-03-02', '2026-03-06', '2026-04-01', '2026-04-02', '2025-12-19', '2026-05-22']) {
      for (const n of [1, 3, 5, 9]) {
        const due = addWorkingDays(referral, n, holidays).date;
        expect(workingDaysElapsed(referral, due, holidays).days).toBe(n);
      }
    }
  });

  it('uses the holidays it is given', () => {
    expect(workingDaysElapsed('2026-04-02', '2026-04-07', tiny).days).toBe(1);
    expect(workingDaysElapsed('2026-04-02', '2026-04-07', { ...tiny, dates: new Set() }).days).toBe(3);
  });

  it('says when a counted weekday lies outside the holiday data', () => {
    expect(workingDaysElapsed('2026-12-30', '2027-01-05', tiny)).toEqual({ days: 4, beyondHolidayData: true });
    // A weekend beyond the data is no risk: weekends are never working days.
    expect(workingDaysElapsed('2026-12-31', '2027-01-03', tiny)).toEqual({ days: 1, beyondHolidayData: true });
    expect(workingDaysElapsed('2026-12-28', '2026-12-31', tiny)).toEqual({ days: 3, beyondHolidayData: false });
  });

  it('refuses something that is not a day', () => {
    expect(() => workingDaysElapsed('2026-02-30', '2026-03-02', holidays)).toThrow(RangeError);
  });
});
