import {
  csvCells,
  dateOfBirthSpellings,
  findPersonalData,
  jsonCells,
} from '@safe-harbour/domain';
import { randomUUID } from 'node:crypto';
import {
  addToRoster,
  BRADFORD,
  decide,
  endPlacement,
  exitSupport,
  LEEDS,
  newReportingOperation,
  newReportingWorld,
  newSiteWithBeds,
  PersonSpec,
  place,
  refer,
  registerInPast,
  ReportingWorld,
  reportFound,
  reportMissing,
  SeededPerson,
} from './support/reporting-factories';
import { bearer, startTestApp, TestApp } from './support/test-app';

/**
 * A known scenario, computed by hand. Operation RAV (Leeds): twelve people registered on Monday 2 March 2026
 * and triaged the same morning — eight potential victims (five men and two women, adults, and a girl),
 * a suspect, a witness, someone who is not a victim and one not yet triaged — and a thirteenth registered in
 * May, outside the period. Operation KES (Leeds, same council): two potential victims in April. Operation BRA
 * (Bradford, another council): one, never visible to Leeds.
 *
 * Referral → Reasonable Grounds, in working days (England and Wales calendar):
 *   P1 Mon 2 Mar → Mon 9 Mar  5 | P2 Mon 2 Mar → Wed 4 Mar 2 | P3 Tue 3 Mar → Thu 12 Mar 7
 *   P4 Tue 3 Mar → Tue 10 Mar 5 | P5 Thu 2 Apr → Tue 7 Apr 1 (Good Friday and Easter Monday skipped)
 *   P6 Thu 5 Mar → Fri 20 Mar 11 (negative) | P8 (child) Mon 2 Mar → Fri 6 Mar 4
 *   sorted 1 2 4 5 5 7 11: median x[3] = 5; p90 h = 5.4 → 7 + 0.4 × 4 = 8.6; within the 5-day target: 5.
 *   With KES's K1 (Fri 10 Apr → Fri 17 Apr, 5): 1 2 4 5 5 5 7 11: median 5, p90 h = 6.3 → 7 + 0.3 × 4 = 8.2.
 * RG → CG, calendar days: P1 9 Mar → 27 Apr 49, P2 4 Mar → 20 Apr 47, P4 10 Mar → 28 Apr 49 (negative).
 * Nights (a night belongs to the day it starts on), 1 March to 30 April:
 *   hostel: P1 2→10 Mar 8, P2 2→5 Mar 3, P6 5→21 Mar 16, P4 from 3 Mar, still there: 29 + 30 = 59 → 86 (4 people)
 *   safe house: P1 10 Mar → 28 Apr 49, P2 5 Mar → 21 Apr 47 → 96 (2 people); B&B: P3 3→13 Mar 10 (1 person)
 *   cost: hostel 86 × £25 = £2,150, safe house 96 × £40 = £3,840, B&B no nightly cost known → £5,990.
 */
describe('reports: statistics, exports and their access', () => {
  let t: TestApp;
  let w: ReportingWorld;
  let rav: { id: string; code: string };
  let kes: { id: string; code: string };
  let bra: { id: string; code: string };
  const people: Record<string, SeededPerson> = {};
  const specs: Record<string, PersonSpec> = {};
  const addresses: string[] = [];
  const suffix = randomUUID().slice(0, 6);
  const PERIOD = 'from=2026-03-01&to=2026-04-30';

  const get = (path: string, token: string) => t.http.get(`/api/v1${path}`).set(bearer(token));

  beforeAll(async () => {
    t = await startTestApp({ DEADLINE_WATCH_INTERVAL_SECONDS: '0' });
    w = await newReportingWorld(t, suffix);
    rav = await newReportingOperation(t, w.planner, { code: 'RAV', plannedStart: '2026-03-02T05:00:00Z' });
    kes = await newReportingOperation(t, w.planner, { code: 'KES', plannedStart: '2026-04-10T05:00:00Z' });
    bra = await newReportingOperation(t, w.outsiderPlanner, { code: 'BRA', localAuthorityCode: BRADFORD, plannedStart: '2026-03-10T05:00:00Z' });
    await addToRoster(t, w.planner, rav.id, w.police.id);

    const adult = (sex: PersonSpec['sex'], givenName: string, familyName: string, dateOfBirth: string, more: Partial<PersonSpec> = {}): PersonSpec => ({
      sex,
      ageCategory: 'adult',
      givenName,
      familyName,
      dateOfBirth,
      ...more,
    });
    const PV = 'potential_victim' as const;
    Object.assign(specs, {
      P1: adult('male', 'Andrei', 'Popescu', '1990-03-04', { nationality: 'Romanian', exploitationType: 'labour', triage: PV }),
      P2: adult('male', 'Mihai', 'Ionescu', '1985-11-20', { nationality: 'Romanian', exploitationType: 'labour', triage: PV }),
      P3: adult('male', 'Florin', 'Dumitru', '1992-07-15', { nationality: 'Romanian', exploitationType: 'labour', triage: PV }),
      P4: adult('male', 'Arben', 'Hoxha', '1988-01-30', { nationality: ' albanian ', exploitationType: 'labour', triage: PV }),
      P5: adult('female', 'Elira', 'Berisha', '1995-05-09', { nationality: 'Albanian', exploitationType: 'sexual', triage: PV }),
      P6: adult('male', 'Ionut', 'Stan', '1979-12-01', { nationality: 'Romanian', exploitationType: 'labour', triage: PV }),
      P7: adult('female', 'Maria', 'Lungu', '1999-02-14', { nationality: 'Romanian', triage: PV }),
      P8: { sex: 'female', ageCategory: 'child', givenName: 'Ana', familyName: 'Rusu', dateOfBirth: '2010-06-01', exploitationType: 'labour', triage: PV },
      P9: adult('male', 'Viorel', 'Marin', '1975-04-04', { nationality: 'Romanian', triage: 'suspect' }),
      P10: adult('female', 'Elena', 'Stoica', '1980-08-08', { nationality: 'Romanian', triage: 'witness' }),
      P11: adult('male', 'Cosmin', 'Barbu', '1991-09-09', { nationality: 'Romanian', triage: 'not_victim' }),
      P12: adult('male', 'Radu', 'Enache', '1993-10-10', { nationality: 'Romanian' }),
    } satisfies Record<string, PersonSpec>);
    for (const [key, spec] of Object.entries(specs)) {
      people[key] = await registerInPast(t, w.planner, rav.id, spec, {
        registeredAt: '2026-03-02T09:00:00Z',
        triagedAt: spec.triage ? '2026-03-02T10:00:00Z' : undefined,
      });
    }
    specs.P13 = adult('male', 'Gheorghe', 'Toma', '1987-12-12', { nationality: 'Romanian', exploitationType: 'labour', triage: PV });
    people.P13 = await registerInPast(t, w.planner, rav.id, specs.P13, { registeredAt: '2026-05-05T09:00:00Z', triagedAt: '2026-05-05T10:00:00Z' });
    specs.K1 = adult('male', 'Van', 'Nguyen', '2001-01-01', { nationality: 'Vietnamese', exploitationType: 'criminal', triage: PV });
    specs.K2 = adult('male', 'Minh', 'Tran', '2003-03-03', { nationality: 'Vietnamese', exploitationType: 'criminal', triage: PV });
    for (const key of ['K1', 'K2']) {
      people[key] = await registerInPast(t, w.planner, kes.id, specs[key], { registeredAt: '2026-04-10T08:00:00Z', triagedAt: '2026-04-10T09:00:00Z' });
    }
    specs.B1 = adult('male', 'Piotr', 'Nowak', '1984-04-04', { nationality: 'Polish', exploitationType: 'labour', triage: PV });
    people.B1 = await registerInPast(t, w.outsiderPlanner, bra.id, specs.B1, { registeredAt: '2026-03-10T08:00:00Z', triagedAt: '2026-03-10T09:00:00Z' });

    const fr = w.council.id;
    const p = (key: string) => people[key].id;
    await refer(t, w.planner, p('P1'), 'nrm', true, '2026-03-02T16:00:00Z', fr);
    await decide(t, w.planner, p('P1'), 'reasonable_grounds', 'positive', '2026-03-09T10:00:00Z');
    await decide(t, w.planner, p('P1'), 'conclusive_grounds', 'positive', '2026-04-27T10:00:00Z');
    await refer(t, w.planner, p('P2'), 'nrm', true, '2026-03-02T16:00:00Z', fr);
    await decide(t, w.planner, p('P2'), 'reasonable_grounds', 'positive', '2026-03-04T10:00:00Z');
    await decide(t, w.planner, p('P2'), 'conclusive_grounds', 'positive', '2026-04-20T10:00:00Z');
    await refer(t, w.planner, p('P3'), 'nrm', true, '2026-03-03T10:00:00Z', fr);
    await decide(t, w.planner, p('P3'), 'reasonable_grounds', 'positive', '2026-03-12T10:00:00Z');
    await reportMissing(t, w.planner, p('P3'), '2026-03-14T10:00:00Z');
    await reportFound(t, w.planner, p('P3'), '2026-03-15T10:00:00Z');
    await refer(t, w.planner, p('P4'), 'nrm', true, '2026-03-03T10:00:00Z', fr);
    await decide(t, w.planner, p('P4'), 'reasonable_grounds', 'positive', '2026-03-10T10:00:00Z');
    await decide(t, w.planner, p('P4'), 'conclusive_grounds', 'negative', '2026-04-28T10:00:00Z');
    await refer(t, w.planner, p('P5'), 'nrm', true, '2026-04-02T10:00:00Z', fr);
    await decide(t, w.planner, p('P5'), 'reasonable_grounds', 'positive', '2026-04-07T10:00:00Z');
    await reportMissing(t, w.planner, p('P5'), '2026-04-20T10:00:00Z');
    await refer(t, w.planner, p('P6'), 'nrm', true, '2026-03-05T10:00:00Z', fr);
    await decide(t, w.planner, p('P6'), 'reasonable_grounds', 'negative', '2026-03-20T10:00:00Z');
    await exitSupport(t, w.planner, p('P6'), '2026-04-01T10:00:00Z', 'support_ended');
    await refer(t, w.planner, p('P7'), 'duty_to_notify', false, '2026-03-03T10:00:00Z', fr);
    await exitSupport(t, w.planner, p('P7'), '2026-03-20T10:00:00Z', 'declined_support');
    await refer(t, w.planner, p('P8'), 'nrm', false, '2026-03-02T16:00:00Z', fr);
    await decide(t, w.planner, p('P8'), 'reasonable_grounds', 'positive', '2026-03-06T10:00:00Z');
    await refer(t, w.planner, p('K1'), 'nrm', true, '2026-04-10T15:00:00Z', fr);
    await decide(t, w.planner, p('K1'), 'reasonable_grounds', 'positive', '2026-04-17T10:00:00Z');

    const hostel = await newSiteWithBeds(t, w.planner, { name: `Hostel ${suffix}`, type: 'hostel', address: '14 Wellington Street, Leeds LS1 4DL', beds: 6, nightlyCostPence: 2500 });
    const safeHouse = await newSiteWithBeds(t, w.planner, { name: `Safe house ${suffix}`, type: 'safe_house', address: '7 Chapel Allerton Lane, Leeds LS7 3QN', beds: 4, nightlyCostPence: 4000 });
    const bnb = await newSiteWithBeds(t, w.planner, { name: `Guest house ${suffix}`, type: 'bed_and_breakfast', address: '22 Headingley Road, Leeds LS6 2AA', beds: 2 });
    addresses.push('14 Wellington Street, Leeds LS1 4DL', '7 Chapel Allerton Lane, Leeds LS7 3QN', '22 Headingley Road, Leeds LS6 2AA');
    await place(t, w.planner, p('P1'), hostel.bedIds[0], '2026-03-02T20:00:00Z', '2026-03-10T12:00:00Z');
    await endPlacement(t, w.planner, await place(t, w.planner, p('P1'), safeHouse.bedIds[0], '2026-03-10T12:00:00Z'), '2026-04-28T10:00:00Z');
    await place(t, w.planner, p('P2'), hostel.bedIds[1], '2026-03-02T20:00:00Z', '2026-03-05T12:00:00Z');
    await endPlacement(t, w.planner, await place(t, w.planner, p('P2'), safeHouse.bedIds[1], '2026-03-05T12:00:00Z'), '2026-04-21T10:00:00Z');
    await endPlacement(t, w.planner, await place(t, w.planner, p('P3'), bnb.bedIds[0], '2026-03-03T20:00:00Z'), '2026-03-13T10:00:00Z');
    await place(t, w.planner, p('P4'), hostel.bedIds[2], '2026-03-03T20:00:00Z');
    await endPlacement(t, w.planner, await place(t, w.planner, p('P6'), hostel.bedIds[3], '2026-03-05T20:00:00Z'), '2026-03-21T10:00:00Z');
  });

  afterAll(async () => {
    await t?.close();
  });

  const tableOf = (stats: any, name: string) => stats.tables.find((x: { table: string }) => x.table === name) as Record<string, unknown>;

  describe('statistics of one operation over March and April, as worked by hand', () => {
    let stats: any;
    beforeAll(async () => {
      const res = await get(`/reports/statistics?${PERIOD}&operationId=${rav.id}`, w.planner.token).expect(200);
      stats = res.body;
    });

    it('covers the operation asked for, with the filters it used', () => {
      expect(stats.filters).toEqual({ from: '2026-03-01', to: '2026-04-30', localAuthorityCode: null, operationId: rav.id });
      expect(stats.operations).toEqual([{ id: rav.id, code: 'RAV', name: 'Operation RAV' }]);
    });

    it('people encountered by triage outcome (the May registration is outside the period)', () => {
      expect(tableOf(stats, 'people_by_triage_outcome')).toEqual({
        table: 'people_by_triage_outcome',
        rowDimension: 'triage_outcome',
        rows: ['potential_victim', 'suspect', 'witness', 'not_victim', 'untriaged'],
        counts: [[8], [1], [1], [1], [1]],
        total: 12,
      });
    });

    it('potential victims by age group and sex', () => {
      expect(tableOf(stats, 'potential_victims_by_age_group_and_sex')).toEqual({
        table: 'potential_victims_by_age_group_and_sex',
        rowDimension: 'age_group',
        rows: ['adult', 'child', 'age_disputed'],
        columnDimension: 'sex',
        columns: ['female', 'male', 'other', 'unknown'],
        counts: [
          [2, 5, 0, 0],
          [1, 0, 0, 0],
          [0, 0, 0, 0],
        ],
        rowTotals: [7, 1, 0],
        columnTotals: [3, 5, 0, 0],
        total: 8,
      });
    });

    it('potential victims by nationality (" albanian " and "Albanian" are one) and by exploitation type', () => {
      expect(tableOf(stats, 'potential_victims_by_nationality')).toMatchObject({ rows: ['Albanian', 'Romanian', 'unknown'], counts: [[2], [5], [1]], total: 8 });
      expect(tableOf(stats, 'potential_victims_by_exploitation_type')).toMatchObject({
        rows: ['labour', 'sexual', 'criminal', 'domestic_servitude', 'organ_harvesting', 'multiple', 'unknown'],
        counts: [[6], [1], [0], [0], [0], [0], [1]],
        total: 8,
      });
    });

    it('NRM referrals against Duty to Notify, adults and children; decisions by outcome', () => {
      expect(tableOf(stats, 'referrals_by_kind_and_age_group')).toMatchObject({
        rows: ['nrm', 'duty_to_notify'],
        columns: ['adult', 'child', 'age_disputed'],
        counts: [
          [6, 1, 0],
          [1, 0, 0],
        ],
        total: 8,
      });
      expect(tableOf(stats, 'decisions_by_kind_and_outcome')).toMatchObject({
        rows: ['reasonable_grounds', 'conclusive_grounds'],
        columns: ['positive', 'negative'],
        counts: [
          [6, 1],
          [2, 1],
        ],
        rowTotals: [7, 3],
        columnTotals: [8, 2],
        total: 10,
      });
    });

    it('days from referral to RG (working days) and from RG to CG (calendar days) against the policy', () => {
      expect(stats.durations.referralToReasonableGrounds).toEqual({
        unit: 'working_days',
        count: 7,
        median: 5,
        p90: 8.6,
        targetDays: 5,
        withinTarget: 5,
        rule: 'rg_decision_target',
        policyVersion: 'councilPractice45@2009-04-01',
        beyondHolidayData: false,
      });
      expect(stats.durations.reasonableToConclusiveGrounds).toEqual({
        unit: 'calendar_days',
        count: 3,
        median: 49,
        p90: 49,
        targetDays: null,
        withinTarget: null,
        recoveryPeriodMinimumDays: 45,
        policyVersion: 'councilPractice45@2009-04-01',
      });
    });

    it('length of stay by stage, for stage spells that ended in the period', () => {
      const byStage = Object.fromEntries(stats.lengthOfStayByStage.map((s: any) => [s.stage, [s.count, s.median, s.p90]]));
      expect(byStage).toEqual({
        // eleven people triaged an hour after they were registered
        encountered: [11, 0, 0],
        // 0 0 1 1 1 3 31: P5 waited a month for a referral
        pre_nrm: [7, 1, 14.2],
        children_services: [1, 0, 0],
        // 2 4 5 7 7 9 15
        awaiting_rg: [7, 7, 11.4],
        // P3 went missing two days in; P5 after 13 days; 47 49 49 ended by CG decisions
        recovery_period: [5, 47, 49],
        move_on: [1, 12, 12],
        duty_to_notify: [1, 17, 17],
        missing: [1, 1, 1],
      });
    });

    it('placements by site type, missing episodes and exits', () => {
      const placements = tableOf(stats, 'placements_by_site_type') as { rows: string[]; counts: number[][]; total: number };
      const placed = Object.fromEntries(placements.rows.map((r, i) => [r, placements.counts[i][0]]));
      expect(placed).toMatchObject({ hostel: 4, safe_house: 2, bed_and_breakfast: 1, refuge: 0, reception_centre: 0 });
      expect(placements.total).toBe(7);
      expect(tableOf(stats, 'missing_episodes')).toMatchObject({ rows: ['found', 'still_missing'], counts: [[1], [1]], total: 2 });
      const exits = tableOf(stats, 'exits_by_outcome') as { rows: string[]; counts: number[][]; total: number };
      expect(Object.fromEntries(exits.rows.map((r, i) => [r, exits.counts[i][0]]))).toMatchObject({
        support_ended: 1,
        declined_support: 1,
        settled_accommodation: 0,
      });
      expect(exits.total).toBe(2);
    });

    it('nights by site type and the cost of them, to the pound', () => {
      expect(stats.nights).toEqual({
        bySiteType: [
          { siteType: 'hostel', nights: 86, people: 4 },
          { siteType: 'bed_and_breakfast', nights: 10, people: 1 },
          { siteType: 'safe_house', nights: 96, people: 2 },
        ],
        total: 192,
        people: 5,
      });
      expect(stats.accommodationCost).toEqual({
        lines: [
          { operationId: rav.id, operationCode: 'RAV', siteType: 'bed_and_breakfast', nights: 10, people: 1, costPence: 0, costPounds: 0, nightsWithoutCost: 10 },
          { operationId: rav.id, operationCode: 'RAV', siteType: 'hostel', nights: 86, people: 4, costPence: 215000, costPounds: 2150, nightsWithoutCost: 0 },
          { operationId: rav.id, operationCode: 'RAV', siteType: 'safe_house', nights: 96, people: 2, costPence: 384000, costPounds: 3840, nightsWithoutCost: 0 },
        ],
        byOperation: [{ operationId: rav.id, operationCode: 'RAV', nights: 192, people: 5, costPounds: 5990, nightsWithoutCost: 10 }],
        bySiteType: [
          { siteType: 'hostel', nights: 86, people: 4, costPounds: 2150, nightsWithoutCost: 0 },
          { siteType: 'bed_and_breakfast', nights: 10, people: 1, costPounds: 0, nightsWithoutCost: 10 },
          { siteType: 'safe_house', nights: 96, people: 2, costPounds: 3840, nightsWithoutCost: 0 },
        ],
        totalPounds: 5990,
        nightsWithoutCost: 10,
      });
    });
  });

  describe('scope: which operations a report covers', () => {
    it('the area covers both of the council’s operations, and the medians change accordingly', async () => {
      const res = await get(`/reports/statistics?${PERIOD}&localAuthorityCode=${LEEDS}`, w.planner.token).expect(200);
      expect(res.body.operations.map((o: { code: string }) => o.code)).toEqual(['KES', 'RAV']);
      expect(tableOf(res.body, 'potential_victims_by_nationality')).toMatchObject({ rows: ['Albanian', 'Romanian', 'Vietnamese', 'unknown'], counts: [[2], [5], [2], [1]] });
      expect(res.body.durations.referralToReasonableGrounds).toMatchObject({ count: 8, median: 5, p90: 8.2, withinTarget: 6 });
    });

    it('without a period: everything up to today, the May registration included', async () => {
      const res = await get(`/reports/statistics?operationId=${rav.id}`, w.planner.token).expect(200);
      expect(tableOf(res.body, 'people_by_triage_outcome')).toMatchObject({ total: 13 });
    });

    it('an agency on the roster sees the operation’s figures; another council sees none of them', async () => {
      const police = await get(`/reports/statistics?${PERIOD}&operationId=${rav.id}`, w.policeLead.token).expect(200);
      expect(tableOf(police.body, 'people_by_triage_outcome')).toMatchObject({ total: 12 });
      const bradford = await get(`/reports/statistics?${PERIOD}&localAuthorityCode=${LEEDS}`, w.outsiderPlanner.token).expect(200);
      expect(bradford.body.operations).toEqual([]);
      expect(tableOf(bradford.body, 'people_by_triage_outcome')).toMatchObject({ total: 0 });
      await get(`/reports/statistics?operationId=${rav.id}`, w.outsiderPlanner.token).expect(404);
    });

    it('an admin sees every operation, Bradford’s too', async () => {
      const res = await get(`/reports/statistics?${PERIOD}`, t.adminToken).expect(200);
      expect(res.body.operations.map((o: { code: string }) => o.code)).toEqual(['BRA', 'KES', 'RAV']);
      expect(tableOf(res.body, 'people_by_triage_outcome')).toMatchObject({ total: 15 });
    });

    it('partners work from the live picture, not reports', async () => {
      for (const path of ['/reports/statistics', '/reports/export.csv', '/reports/export.json', '/reports/cases.csv', `/forecast?localAuthorityCode=${LEEDS}`]) {
        await get(path, w.partner.token).expect(403);
      }
    });
  });

  describe('bad filters are refused, whatever the report', () => {
    it.each([
      ['a day that does not exist', 'from=2026-02-30'],
      ['a timestamp instead of a day', 'to=2026-03-01T00:00:00Z'],
      ['a period that ends before it starts', 'from=2026-04-01&to=2026-03-01'],
      ['a malformed area code', 'localAuthorityCode=leeds'],
      ['an operation id that is not a UUID', 'operationId=RAV'],
      ['an unknown filter', 'personId=123'],
      ['a suppression threshold of 1', 'suppressionThreshold=1'],
    ])('%s → 400', async (_, query) => {
      const path = query.startsWith('suppression') ? '/reports/export.json' : '/reports/statistics';
      const res = await get(`${path}?${query}`, w.planner.token).expect(400);
      expect(res.body.statusCode).toBe(400);
    });

    it('a threshold below the configured one → 422, a higher one applies', async () => {
      const low = await get(`/reports/export.json?suppressionThreshold=3&operationId=${rav.id}`, w.planner.token).expect(422);
      expect(low.body.code).toBe('SUPPRESSION_TOO_LOW');
      const high = await get(`/reports/export.json?${PERIOD}&suppressionThreshold=10&operationId=${rav.id}`, w.planner.token).expect(200);
      expect(high.body.suppression).toEqual({ threshold: 10, primaryLabel: '<10', secondaryLabel: '[c]' });
      const triage = high.body.rows.filter((r: any) => r.table === 'people_by_triage_outcome').map((r: any) => r.value);
      expect(triage).toEqual(['<10', '<10', '<10', '<10', '<10', 12]);
    });
  });

  describe('aggregate export: suppressed for sharing, and no personal data in any cell', () => {
    let json: any;
    let csv: string;
    beforeAll(async () => {
      json = (await get(`/reports/export.json?${PERIOD}&operationId=${rav.id}`, w.planner.token).expect(200)).body;
      const res = await get(`/reports/export.csv?${PERIOD}&operationId=${rav.id}`, w.planner.token).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toMatch(/attachment/);
      csv = res.text;
    });

    const value = (table: string, measure: string, dimensions: Record<string, string>) => {
      const row = json.rows.find((r: any) => r.table === table && r.measure === measure && JSON.stringify(r.dimensions) === JSON.stringify(dimensions));
      if (!row) throw new Error(`no row ${table} ${measure} ${JSON.stringify(dimensions)}`);
      return row.value;
    };

    it('potential victims by age group and sex: small cells hidden, and enough others that none can be worked out', () => {
      const t2 = 'potential_victims_by_age_group_and_sex';
      const cell = (age: string, sex: string) => value(t2, 'count', { age_group: age, sex });
      // adult women 2 (<5) → adult men 5 hidden with them ([c]); girls 1 (<5) and the children total (<5);
      // women's column 3 (<5) → the men's column total 5 ([c]); the children total → the adults total 7 ([c]).
      expect([cell('adult', 'female'), cell('adult', 'male'), cell('adult', 'other'), cell('child', 'female'), cell('child', 'male')]).toEqual(['<5', '[c]', 0, '<5', 0]);
      expect([cell('adult', 'total'), cell('child', 'total'), cell('age_disputed', 'total')]).toEqual(['[c]', '<5', 0]);
      expect([cell('total', 'female'), cell('total', 'male'), cell('total', 'other'), cell('total', 'total')]).toEqual(['<5', '[c]', 0, 8]);
    });

    it('decisions: every cell hidden, the grand total shown', () => {
      const d = (decision: string, outcome: string) => value('decisions_by_kind_and_outcome', 'count', { decision, outcome });
      expect([d('reasonable_grounds', 'positive'), d('reasonable_grounds', 'negative'), d('conclusive_grounds', 'positive'), d('conclusive_grounds', 'negative')]).toEqual([
        '[c]',
        '<5',
        '<5',
        '<5',
      ]);
      expect([d('reasonable_grounds', 'total'), d('conclusive_grounds', 'total'), d('total', 'positive'), d('total', 'negative'), d('total', 'total')]).toEqual([
        '[c]',
        '<5',
        '[c]',
        '<5',
        10,
      ]);
    });

    it('durations: shown when five or more people lie behind them; "over target" 2 hidden, and "within" with it', () => {
      const rg = (m: string) => value('referral_to_reasonable_grounds', m, { unit: 'working_days' });
      expect([rg('decisions'), rg('median'), rg('p90'), rg('target'), rg('within_target'), rg('over_target')]).toEqual([7, 5, 8.6, 5, '[c]', '<5']);
      const cg = (m: string) => value('reasonable_to_conclusive_grounds', m, { unit: 'calendar_days' });
      expect([cg('decisions'), cg('median'), cg('p90'), cg('recovery_period_minimum')]).toEqual(['<5', '[c]', '[c]', 45]);
      const stay = (stage: string, m: string) => value('length_of_stay_by_stage', m, { stage, unit: 'calendar_days' });
      expect([stay('awaiting_rg', 'stays'), stay('awaiting_rg', 'median'), stay('awaiting_rg', 'p90')]).toEqual([7, 7, 11.4]);
      expect([stay('recovery_period', 'stays'), stay('recovery_period', 'median')]).toEqual([5, 47]);
      expect([stay('move_on', 'stays'), stay('move_on', 'median')]).toEqual(['<5', '[c]']);
    });

    it('nights and cost: hidden where fewer than five people stayed, the totals kept', () => {
      const n = (siteType: string) => value('nights_by_site_type', 'nights', { site_type: siteType });
      expect([n('hostel'), n('bed_and_breakfast'), n('safe_house'), n('total')]).toEqual(['[c]', '[c]', '[c]', 192]);
      const c = (operation: string, siteType: string) => value('accommodation_cost_by_operation_and_site_type', 'cost_pounds', { operation, site_type: siteType });
      expect([c('RAV', 'hostel'), c('RAV', 'safe_house'), c('RAV', 'bed_and_breakfast'), c('RAV', 'total'), c('total', 'hostel'), c('total', 'total')]).toEqual([
        '[c]',
        '[c]',
        '[c]',
        5990,
        '[c]',
        5990,
      ]);
    });

    it('the CSV holds the same figures as the JSON, one per row', () => {
      const lines = csv.trim().split('\n');
      expect(lines[0]).toBe('table,measure,dimension_1,category_1,dimension_2,category_2,value');
      expect(lines.length - 1).toBe(json.rows.length);
      expect(lines).toContain('potential_victims_by_age_group_and_sex,count,age_group,total,sex,total,8');
      expect(lines).toContain('accommodation_cost_by_operation_and_site_type,cost_pounds,operation,RAV,site_type,total,5990');
    });

    it('no name, date of birth, reference or address appears in any cell of either export', async () => {
      const forbidden = [
        ...Object.values(specs).flatMap((s) => [s.givenName, s.familyName, `${s.givenName} ${s.familyName}`, ...dateOfBirthSpellings(s.dateOfBirth)]),
        ...Object.values(people).map((p) => p.reference),
        ...addresses,
        // the street and postcode alone, in case an address were cut up
        ...addresses.flatMap((a) => a.split(', ')),
      ];
      expect(forbidden.length).toBeGreaterThan(100);
      // The check itself finds them where they are: a case-level export carries every one.
      const cases = (await get(`/reports/cases.csv?${PERIOD}&operationId=${rav.id}`, w.planner.token).expect(200)).text;
      const found = findPersonalData(csvCells(cases), [specs.P1.givenName, people.P1.reference, '1990-03-04']).map((h) => h.forbidden);
      expect(found.sort()).toEqual(['1990-03-04', 'Andrei', people.P1.reference].sort());

      const everywhere = [
        ...csvCells(csv),
        ...jsonCells(json),
        ...csvCells((await get(`/reports/export.csv?localAuthorityCode=${LEEDS}`, w.planner.token).expect(200)).text),
        ...jsonCells((await get(`/reports/export.json`, t.adminToken).expect(200)).body),
      ];
      expect(everywhere.length).toBeGreaterThan(1000);
      expect(findPersonalData(everywhere, forbidden)).toEqual([]);
    });
  });

  describe('case-level export: the lead organisation’s planners and admins only, audited', () => {
    const auditCount = async () => (await t.db.query(`select count(*)::int as n from audit_event`)).rows[0].n as number;

    it('a planner of the lead council gets every person of its operations, with names, and the export is audited', async () => {
      const before = await t.db.query(`select coalesce(max(id), 0) as id from audit_event`);
      const res = await get(`/reports/cases.csv?${PERIOD}&operationId=${rav.id}`, w.planner.token).expect(200);
      expect(res.headers['cache-control']).toBe('no-store');
      const lines = csvCells(res.text);
      const records = res.text.trim().split('\n');
      expect(records[0].split(',').slice(0, 6)).toEqual(['operation', 'reference', 'given_name', 'family_name', 'date_of_birth', 'sex']);
      expect(records).toHaveLength(1 + 12);
      expect(lines).toEqual(expect.arrayContaining(['Andrei', 'Popescu', '1990-03-04', people.P1.reference]));
      const p1 = records.find((r) => r.includes(people.P1.reference))!.split(',');
      const header = records[0].split(',');
      const field = (name: string) => p1[header.indexOf(name)];
      expect([field('stage'), field('reasonable_grounds'), field('conclusive_grounds'), field('placements'), field('nights')]).toEqual([
        'move_on',
        'positive',
        'positive',
        '2',
        '57',
      ]);

      const { rows } = await t.db.query(
        `select action, entity_type as "entityType", entity_id as "entityId", actor_user_id as "actor", details from audit_event where id > $1 order by id`,
        [before.rows[0].id],
      );
      expect(rows[0]).toMatchObject({ action: 'export_cases', entityType: 'report', actor: w.planner.id, details: { operations: ['RAV'], people: 12 } });
      expect(rows.slice(1).map((r) => r.action)).toEqual(Array(12).fill('read_personal_data'));
      expect(rows.slice(1).map((r) => r.entityId).sort()).toEqual(
        Object.entries(people).filter(([k]) => /^P([1-9]|1[0-2])$/.test(k)).map(([, p]) => p.id).sort(),
      );
    });

    it('without a filter, a planner gets the operations their council leads and nothing of others', async () => {
      const res = await get(`/reports/cases.csv?${PERIOD}`, w.planner.token).expect(200);
      const operations = new Set(res.text.trim().split('\n').slice(1).map((r) => r.split(',')[0]));
      expect([...operations].sort()).toEqual(['KES', 'RAV']);
    });

    it.each([
      ['a housing officer of the lead council', 403, (x: ReportingWorld) => x.housingOfficer],
      ['the police operation lead on the roster', 403, (x: ReportingWorld) => x.policeLead],
      ['a police planner (the police are on the roster, but do not lead)', 403, (x: ReportingWorld) => x.policePlanner],
      ['a planner of another council', 404, (x: ReportingWorld) => x.outsiderPlanner],
    ])('%s is refused (%i), and nothing is written', async (_, status, who) => {
      const before = await auditCount();
      const res = await get(`/reports/cases.csv?operationId=${rav.id}`, who(w).token).expect(status);
      expect(res.text).not.toContain('Popescu');
      expect(await auditCount()).toBe(before);
    });
  });

  describe('exploitation type: recorded at registration or triage, validated', () => {
    it('an unknown type is refused at registration and at triage, and nothing changes', async () => {
      const { rows: before } = await t.db.query(`select count(*)::int as n, md5(string_agg(coalesce(exploitation_type, '-'), ',' order by id)) as h from person`);
      await t.http
        .post(`/api/v1/operations/${rav.id}/people`)
        .set(bearer(w.planner.token))
        .send({ sex: 'male', ageCategory: 'adult', languages: [], interpreterNeeded: false, needs: {}, exploitationType: 'slavery' })
        .expect(400);
      await t.http.post(`/api/v1/people/${people.P12.id}/triage`).set(bearer(w.planner.token)).send({ outcome: 'potential_victim', exploitationType: 'forced' }).expect(400);
      const { rows: after } = await t.db.query(`select count(*)::int as n, md5(string_agg(coalesce(exploitation_type, '-'), ',' order by id)) as h from person`);
      expect(after).toEqual(before);
    });

    it('can be corrected, or cleared when it turns out not to be known', async () => {
      const set = await t.http.patch(`/api/v1/people/${people.K2.id}`).set(bearer(w.planner.token)).send({ exploitationType: 'multiple' }).expect(200);
      expect(set.body.exploitationType).toBe('multiple');
      const cleared = await t.http.patch(`/api/v1/people/${people.K2.id}`).set(bearer(w.planner.token)).send({ exploitationType: null }).expect(200);
      expect(cleared.body.exploitationType).toBeNull();
      await t.http.patch(`/api/v1/people/${people.K2.id}`).set(bearer(w.planner.token)).send({ exploitationType: 'criminal' }).expect(200);
    });
  });
});
