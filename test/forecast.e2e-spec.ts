import { addDaysToCalendarDay, toLondonDay } from '@safe-harbour/domain';
import { randomUUID } from 'node:crypto';
import {
  addToRoster,
  decide,
  LEEDS,
  newReportingOperation,
  newReportingWorld,
  newSiteWithBeds,
  place,
  refer,
  ReportingWorld,
  SeededPerson,
} from './support/reporting-factories';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { bearer, startTestApp, TestApp } from './support/test-app';

/**
 * The forecast through the API, on the scenario the pure projection was worked out on by hand, moved to
 * today (T). Six potential victims of one operation, referred today. Five await their Reasonable Grounds
 * decision, expected at the end of T+2 (P1, P2), T+7 (P3) and T+9 (P4, P5); P6 had a negative decision and
 * leaves at the end of move-on, T+10. P1–P3 and P6 are in a place of safety (4 beds), P4 and P5 in a void flat
 * the council hands back on T+7. A safe house has 2 beds. The expected decision dates are the pathway's
 * live deadlines, pinned to those days.
 *
 * By hand: P1, P2 move to the safe house on T+3. The void flat's last night is T+6: P4, P5 take the place of
 * safety beds P1 and P2 left. P3 needs a recovery bed from T+8: none (short 1); P4 and P5 from T+10 (short
 * 3); P6 leaves on T+11.
 */
describe('forecast: the beds an area will need, day by day', () => {
  let t: TestApp;
  let w: ReportingWorld;
  let op: { id: string; code: string };
  const T = toLondonDay(new Date());
  const day = (n: number) => addDaysToCalendarDay(T, n);
  const people: SeededPerson[] = [];
  let safeHouseBeds: string[] = [];

  const get = (path: string, token = w.planner.token) => t.http.get(`/api/v1${path}`).set(bearer(token));

  /** The expected decision (or end of move-on) falls at the end of `onDay`, Europe/London. */
  async function pinDeadline(personId: string, kind: string, onDay: string) {
    const { rowCount } = await t.db.query(
      `update deadline set due_at = (($3::date + 1)::timestamp at time zone 'Europe/London') - interval '1 millisecond',
              due_soon_at = (($3::date + 1)::timestamp at time zone 'Europe/London') - interval '1 day'
       where person_id = $1 and kind = $2 and state in ('pending','due_soon','overdue')`,
      [personId, kind, onDay],
    );
    if (rowCount !== 1) throw new Error(`no live ${kind} deadline for ${personId}`);
  }

  beforeAll(async () => {
    t = await startTestApp({ DEADLINE_WATCH_INTERVAL_SECONDS: '0' });
    w = await newReportingWorld(t, randomUUID().slice(0, 6));
    op = await newReportingOperation(t, w.planner, { code: 'FOR', plannedStart: `${day(-2)}T10:00:00Z` });
    const placeOfSafety = await newSiteWithBeds(t, w.planner, { name: 'Place of safety', type: 'place_of_safety', address: '1 Park Row, Leeds LS1 5HN', beds: 4 });
    const voidFlat = await newSiteWithBeds(t, w.planner, {
      name: 'Void flat',
      type: 'void_property',
      address: 'Flat 3, 9 Lovell Park Road, Leeds LS7 1DR',
      beds: 2,
      availableUntil: `${day(7)}T10:00:00Z`,
    });
    safeHouseBeds = (await newSiteWithBeds(t, w.planner, { name: 'Safe house', type: 'safe_house', address: '5 Spencer Place, Leeds LS7 4DQ', beds: 2 })).bedIds;

    for (let i = 1; i <= 6; i++) {
      const res = await t.http
        .post(`/api/v1/operations/${op.id}/people`)
        .set(bearer(w.planner.token))
        .send({ sex: 'male', ageCategory: 'adult', languages: ['ro'], interpreterNeeded: true, needs: {}, givenName: `Person${i}` })
        .expect(201);
      people.push({ id: res.body.id, reference: res.body.reference });
      await t.http.post(`/api/v1/people/${res.body.id}/triage`).set(bearer(w.planner.token)).send({ outcome: 'potential_victim' }).expect(200);
      await refer(t, w.planner, res.body.id, 'nrm', true, new Date().toISOString(), w.council.id);
    }
    await decide(t, w.planner, people[5].id, 'reasonable_grounds', 'negative', new Date().toISOString());
    const [p1, p2, p3, p4, p5, p6] = people.map((p) => p.id);
    await pinDeadline(p1, 'rg_decision_expected', day(2));
    await pinDeadline(p2, 'rg_decision_expected', day(2));
    await pinDeadline(p3, 'rg_decision_expected', day(7));
    await pinDeadline(p4, 'rg_decision_expected', day(9));
    await pinDeadline(p5, 'rg_decision_expected', day(9));
    await pinDeadline(p6, 'move_on_ends', day(10));

    const now = new Date(Date.now() - 60_000).toISOString();
    await place(t, w.planner, p1, placeOfSafety.bedIds[0], now);
    await place(t, w.planner, p2, placeOfSafety.bedIds[1], now);
    await place(t, w.planner, p3, placeOfSafety.bedIds[2], now);
    await place(t, w.planner, p6, placeOfSafety.bedIds[3], now);
    await place(t, w.planner, p4, voidFlat.bedIds[0], now, `${day(7)}T10:00:00Z`);
    await place(t, w.planner, p5, voidFlat.bedIds[1], now, `${day(7)}T10:00:00Z`);
  });

  afterAll(async () => {
    await t?.close();
  });

  /** [supply, needed, arriving, freed, available, shortBy] per site type and day */
  const figures = (forecast: any[]) =>
    Object.fromEntries(
      forecast.map((d) => [
        d.date,
        Object.fromEntries(d.bySiteType.map((s: any) => [s.siteType, [s.supply, s.needed, s.arriving, s.freed, s.available, s.shortBy]])),
      ]),
    );

  describe('the six, as worked by hand', () => {
    let body: any;
    beforeAll(async () => {
      body = (await get(`/forecast?localAuthorityCode=${LEEDS}`).expect(200)).body;
    });

    it('covers 14 days from today for the six people, under the named assumptions', () => {
      expect(body).toMatchObject({ localAuthorityCode: LEEDS, from: T, days: 14, policyVersion: 'forecast-2026-1', people: 6, surge: null });
      expect(body.forecast.map((d: any) => d.date)).toEqual(Array.from({ length: 14 }, (_, i) => day(i)));
    });

    it('day by day, by site type', () => {
      const f = figures(body.forecast);
      //                   place_of_safety        void_property        safe_house
      const expected: Record<number, [number[], number[], number[]]> = {
        0: [[4, 4, 0, 0, 0, 0], [2, 2, 0, 0, 0, 0], [2, 0, 0, 0, 2, 0]],
        2: [[4, 4, 0, 0, 0, 0], [2, 2, 0, 0, 0, 0], [2, 0, 0, 0, 2, 0]],
        3: [[4, 2, 0, 2, 2, 0], [2, 2, 0, 0, 0, 0], [2, 2, 2, 0, 0, 0]],
        6: [[4, 2, 0, 0, 2, 0], [2, 2, 0, 0, 0, 0], [2, 2, 0, 0, 0, 0]],
        7: [[4, 4, 2, 0, 0, 0], [0, 0, 0, 2, 0, 0], [2, 2, 0, 0, 0, 0]],
        8: [[4, 3, 0, 1, 1, 0], [0, 0, 0, 0, 0, 0], [2, 3, 0, 0, 0, 1]],
        10: [[4, 1, 0, 2, 3, 0], [0, 0, 0, 0, 0, 0], [2, 5, 0, 0, 0, 3]],
        11: [[4, 0, 0, 1, 4, 0], [0, 0, 0, 0, 0, 0], [2, 5, 0, 0, 0, 3]],
        13: [[4, 0, 0, 0, 4, 0], [0, 0, 0, 0, 0, 0], [2, 5, 0, 0, 0, 3]],
      };
      for (const [n, [pos, voids, safe]] of Object.entries(expected)) {
        expect({ day: Number(n), ...f[day(Number(n))] }).toEqual({ day: Number(n), place_of_safety: pos, void_property: voids, safe_house: safe });
      }
    });

    it('flags the shortfall days: from T+8, when P3’s decision is due and the safe house is full', () => {
      expect(body.shortfallDays).toEqual([8, 9, 10, 11, 12, 13].map(day));
      expect(body.forecast.map((d: any) => d.shortBy)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 3, 3, 3, 3]);
      expect(body.forecast.map((d: any) => d.shortfall)).toEqual(body.forecast.map((d: any) => d.shortBy > 0));
    });

    it('a bed taken out of service is supply lost from today', async () => {
      const patched = await t.http.patch(`/api/v1/beds/${safeHouseBeds[1]}`).set(bearer(w.planner.token)).send({ status: 'out_of_service', reason: 'repair' });
      expect(patched.status).toBe(200);
      try {
        const less = (await get(`/forecast?localAuthorityCode=${LEEDS}`).expect(200)).body;
        expect(less.forecast.map((d: any) => d.shortBy)).toEqual([0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 4, 4, 4, 4]);
      } finally {
        await t.http.patch(`/api/v1/beds/${safeHouseBeds[1]}`).set(bearer(w.planner.token)).send({ status: 'available' }).expect(200);
      }
    });

    it('another area has none of these people or beds', async () => {
      const other = (await get(`/forecast?localAuthorityCode=E08000032&days=3`).expect(200)).body;
      expect(other).toMatchObject({ people: 0, shortfallDays: [] });
      expect(other.forecast.map((d: any) => [d.supply, d.needed])).toEqual([[0, 0], [0, 0], [0, 0]]);
    });
  });

  describe('what if 3 more people arrive on T+4, with a reception centre booked for two nights', () => {
    let body: any;
    beforeAll(async () => {
      await newSiteWithBeds(t, w.planner, {
        name: 'Civic hall',
        type: 'reception_centre',
        address: 'Civic Hall, Calverley Street, Leeds LS1 1UR',
        beds: 10,
        availableFrom: `${day(4)}T08:00:00Z`,
        availableUntil: `${day(6)}T10:00:00Z`,
      });
      body = (await get(`/forecast?localAuthorityCode=${LEEDS}&days=14&surge=3&surgeOn=${day(4)}`).expect(200)).body;
    });

    it('they spend two nights at the reception centre, then move to pre-NRM beds; the shortfall starts on T+6', () => {
      const f = figures(body.forecast);
      expect(body.surge).toEqual({ count: 3, on: day(4), children: 0 });
      expect(body.people).toBe(6);
      expect(f[day(4)].reception_centre).toEqual([10, 3, 3, 0, 7, 0]);
      expect(f[day(5)].reception_centre).toEqual([10, 3, 0, 0, 7, 0]);
      expect(f[day(6)].reception_centre).toEqual([0, 0, 0, 3, 0, 0]);
      expect(f[day(6)].place_of_safety).toEqual([4, 5, 2, 0, 0, 1]);
      expect(f[day(7)].place_of_safety).toEqual([4, 7, 0, 0, 0, 3]);
      expect(body.forecast.map((d: any) => d.shortBy)).toEqual([0, 0, 0, 0, 0, 0, 1, 3, 3, 3, 3, 3, 3, 3]);
    });

    it('without the surge the reception centre stands empty and nothing else changes', async () => {
      const calm = (await get(`/forecast?localAuthorityCode=${LEEDS}`).expect(200)).body;
      expect(calm.forecast.map((d: any) => d.shortBy)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 3, 3, 3, 3]);
      expect(figures(calm.forecast)[day(4)].reception_centre).toEqual([10, 0, 0, 0, 10, 0]);
    });

    it('children in a surge need foster placements, which the area does not have', async () => {
      const kids = (await get(`/forecast?localAuthorityCode=${LEEDS}&surge=2&surgeOn=${day(4)}&surgeChildren=2`).expect(200)).body;
      expect(figures(kids.forecast)[day(4)].foster_placement).toEqual([0, 2, 0, 0, 0, 2]);
      expect(figures(kids.forecast)[day(4)].reception_centre).toEqual([10, 0, 0, 0, 10, 0]);
    });
  });

  describe('bad questions are refused', () => {
    it.each([
      ['no area', 'days=14', 400],
      ['a malformed area', 'localAuthorityCode=LEEDS', 400],
      ['no days', `localAuthorityCode=${LEEDS}&days=0`, 400],
      ['more than 90 days', `localAuthorityCode=${LEEDS}&days=91`, 400],
      ['a fraction of a day', `localAuthorityCode=${LEEDS}&days=2.5`, 400],
      ['a surge without its day', `localAuthorityCode=${LEEDS}&surge=3`, 400],
      ['a surge day without the surge', `localAuthorityCode=${LEEDS}&surgeOn=${T}`, 400],
      ['more children than the surge', `localAuthorityCode=${LEEDS}&surge=1&surgeOn=${T}&surgeChildren=2`, 400],
      ['a negative surge', `localAuthorityCode=${LEEDS}&surge=-1&surgeOn=${T}`, 400],
      ['a surge day that is no day', `localAuthorityCode=${LEEDS}&surge=1&surgeOn=2026-02-30`, 400],
      ['an unknown parameter', `localAuthorityCode=${LEEDS}&operation=x`, 400],
    ])('%s (%s) → %i', async (_, query, status) => {
      await get(`/forecast?${query}`).expect(status);
    });

    it.each([
      ['yesterday', -1],
      ['after the last day of the forecast', 14],
    ])('a surge %s → 422', async (_, offset) => {
      const res = await get(`/forecast?localAuthorityCode=${LEEDS}&surge=1&surgeOn=${day(offset)}`).expect(422);
      expect(res.body.code).toBe('SURGE_OUTSIDE_FORECAST');
    });
  });

  describe('chart snapshots', () => {
    it('occupancy by site type over the last 30 days: today’s beds and nights, nothing before they existed', async () => {
      const res = (await get(`/reports/occupancy-history?localAuthorityCode=${LEEDS}`).expect(200)).body;
      expect(res).toMatchObject({ from: day(-29), to: T, siteTypes: ['reception_centre', 'place_of_safety', 'void_property', 'safe_house'] });
      expect(res.days).toHaveLength(30);
      expect(res.days[0]).toEqual({
        date: day(-29),
        inService: 0,
        occupied: 0,
        bySiteType: res.siteTypes.map((siteType: string) => ({ siteType, inService: 0, occupied: 0 })),
      });
      expect(res.days[29]).toEqual({
        date: T,
        inService: 18,
        occupied: 6,
        bySiteType: [
          { siteType: 'reception_centre', inService: 10, occupied: 0 },
          { siteType: 'place_of_safety', inService: 4, occupied: 4 },
          { siteType: 'void_property', inService: 2, occupied: 2 },
          { siteType: 'safe_house', inService: 2, occupied: 0 },
        ],
      });
    });

    it('for an operation: the sites its people were placed in, over the days asked for', async () => {
      const res = (await get(`/reports/occupancy-history?operationId=${op.id}&days=3`).expect(200)).body;
      expect(res.siteTypes).toEqual(['place_of_safety', 'void_property']);
      expect(res.days.map((d: any) => [d.date, d.inService, d.occupied])).toEqual([
        [day(-2), 0, 0],
        [day(-1), 0, 0],
        [T, 6, 6],
      ]);
    });

    it('the funnel of an operation from its first day: everyone registered, triaged, placed and referred today', async () => {
      const res = (await get(`/reports/funnel-history?operationId=${op.id}`).expect(200)).body;
      expect(res.operation).toEqual({ id: op.id, code: 'FOR', name: 'Operation FOR', localAuthorityCode: LEEDS });
      expect(res.days.map((d: any) => d.date)).toEqual([day(-2), day(-1), T]);
      expect(res.days[0]).toEqual({ date: day(-2), registered: 0, triaged: 0, potentialVictims: 0, placed: 0, referredOrNotified: 0, rgDecided: 0, cgDecided: 0, exited: 0 });
      expect(res.days[2]).toEqual({ date: T, registered: 6, triaged: 6, potentialVictims: 6, placed: 6, referredOrNotified: 6, rgDecided: 1, cgDecided: 0, exited: 0 });
    });

    it('partners on the roster may see the charts (not the forecast); others are told the operation does not exist', async () => {
      await get(`/reports/funnel-history?operationId=${op.id}`, w.partner.token).expect(404);
      await addToRoster(t, w.planner, op.id, w.partner.organisationId);
      const seen = (await get(`/reports/funnel-history?operationId=${op.id}`, w.partner.token).expect(200)).body;
      expect(seen.days.at(-1)).toMatchObject({ registered: 6, placed: 6 });
      await get(`/reports/occupancy-history?operationId=${op.id}`, w.partner.token).expect(200);
      await get(`/forecast?localAuthorityCode=${LEEDS}`, w.partner.token).expect(403);
      await get(`/reports/funnel-history?operationId=${op.id}`, w.outsiderPlanner.token).expect(404);
      await get(`/reports/occupancy-history?operationId=${op.id}`, w.outsiderPlanner.token).expect(404);
      await get(`/reports/occupancy-history`, w.planner.token).expect(400);
      await get(`/reports/funnel-history`, w.planner.token).expect(400);
      await get(`/reports/occupancy-history?localAuthorityCode=${LEEDS}&days=91`, w.planner.token).expect(400);
    });
  });

  describe('on the dashboard: three charts, each with its table one click away', () => {
    it('the planner sees the funnel, occupancy and the forecast with its shortfall days marked in words', async () => {
      if (!existsSync('dist/dashboard/index.html')) throw new Error('build the dashboard first: npm run build:dashboard');
      await t.app.listen(0, '127.0.0.1');
      const base = (await t.app.getUrl()).replace('[::1]', '127.0.0.1');
      const browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'sh-chromium-')), {
        executablePath: '/usr/bin/chromium',
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        viewport: { width: 1400, height: 2400 },
      });
      try {
        const page = await browser.newPage();
        // The live picture is the operation's web page: signed in by the session cookie (web/session-cookie.ts).
        await browser.addCookies([{ name: 'sh_session', value: w.planner.token, url: base }]);
        await page.goto(`${base}/operations/${op.id}/live`);
        const funnel = page.getByTestId('chart-funnel');
        const occupancy = page.getByTestId('chart-occupancy');
        const forecast = page.getByTestId('chart-forecast');
        await forecast.getByText(/Shortfall on 6 of 14 days/).waitFor({ timeout: 20_000 });
        await funnel.getByText(/Registered 6, Triaged 6, Potential victims 6, Placed 6/).waitFor();
        await occupancy.getByText(/Tonight 6 of 6 beds in service are occupied/).waitFor();
        for (const card of [funnel, occupancy, forecast]) {
          expect(await card.locator('canvas[role="img"]').getAttribute('aria-label')).toBeTruthy();
        }
        mkdirSync('test-artifacts', { recursive: true });
        await page.screenshot({ path: 'test-artifacts/dashboard-charts.png', fullPage: true });

        // The table is one click away, and says which days are short in words, not only in red.
        const toggle = forecast.getByRole('button', { name: 'Show table' });
        expect(await toggle.getAttribute('aria-expanded')).toBe('false');
        await toggle.click();
        expect(await forecast.getByRole('button', { name: 'Show chart' }).getAttribute('aria-expanded')).toBe('true');
        const rows = forecast.locator('table tbody tr');
        expect(await rows.count()).toBe(14);
        expect(await rows.nth(8).innerText()).toMatch(/⚠ 1\s+safe house 1/);
        expect(await rows.nth(7).innerText()).not.toMatch(/⚠/);

        // "What if 3 more arrive on T+4?" from the chart itself.
        await forecast.locator('input[type="number"]').fill('3');
        await forecast.locator('input[type="date"]').fill(day(4));
        await forecast.getByRole('button', { name: 'Show', exact: true }).click();
        await forecast.getByText(/plus 3 arriving/).waitFor();
        const asked = (await get(`/forecast?localAuthorityCode=${LEEDS}&surge=3&surgeOn=${day(4)}`).expect(200)).body;
        expect(asked.shortfallDays.length).toBeGreaterThan(6);
        await forecast.getByText(`Shortfall on ${asked.shortfallDays.length} of 14 days`, { exact: false }).waitFor();
      } finally {
        await browser.close();
      }
    });
  });
});
