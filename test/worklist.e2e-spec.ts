import { WorklistService } from '../apps/api/src/casework/worklist.service';
import { DeadlineWatcher } from '../apps/api/src/pathway/deadline-watcher';
import { newOrganisation, newUser } from './support/factories';
import { iso, newPathwayPerson, newPathwayWorld, PathwayWorld } from './support/pathway-factories';
import { newSiteWithBeds } from './support/placement-world';
import { bearer, startTestApp, TestApp } from './support/test-app';

jest.setTimeout(120_000);

const H = 3_600_000;

interface Item {
  deadlineId: string;
  personId: string;
  reference: string;
  kind: string;
  what: string;
  state: string;
  dueAt: string;
  metAt: string | null;
  rule: string;
  explanation: string;
  source: string;
}

describe('the worklist: what is due soon and overdue, for the operations you work on', () => {
  let t: TestApp;
  let w: PathwayWorld;
  let awaiting: { id: string; reference: string };
  let missing: { id: string; reference: string };
  let recovering: { id: string; reference: string };
  const post = (personId: string, fact: string, body: Record<string, unknown>, token = w.officer.token) =>
    t.http.post(`/api/v1/people/${personId}/${fact}`).set(bearer(token)).send(body);
  const worklist = async (query = '', token = w.officer.token) =>
    (await t.http.get(`/api/v1/worklist${query}`).set(bearer(token)).expect(200)).body as { counts: Record<string, number>; items: Item[]; seq: number; nextCursor: string | null };
  const mine = (items: Item[], personId: string) => items.filter((i) => i.personId === personId);

  beforeAll(async () => {
    t = await startTestApp({ DEADLINE_WATCH_INTERVAL_SECONDS: '0' });
    w = await newPathwayWorld(t);
    // An adult referred into the NRM: the Reasonable Grounds target runs.
    awaiting = await newPathwayPerson(t, w);
    await post(awaiting.id, 'referrals', { kind: 'nrm', consent: true, submittedAt: iso(), firstResponderOrganisationId: w.police.id }).expect(201);
    // An adult in pre-NRM support, placed, then missing: their bed is held for 72 hours.
    missing = await newPathwayPerson(t, w);
    const site = await newSiteWithBeds(t, w.placement, 1);
    await t.http
      .post('/api/v1/placements')
      .set(bearer(w.officer.token))
      .send({ personId: missing.id, bedId: site.bedIds[0], from: iso(-60_000), kind: 'placement' })
      .expect(201);
    await post(missing.id, 'missing', { reportedAt: iso() }).expect(201);
    // An adult with a positive RG: the 45-day recovery period is well beyond any horizon.
    recovering = await newPathwayPerson(t, w);
    await post(recovering.id, 'referrals', { kind: 'nrm', consent: true, submittedAt: iso(), firstResponderOrganisationId: w.police.id }).expect(201);
    await post(recovering.id, 'decisions', { kind: 'reasonable_grounds', outcome: 'positive', decidedAt: iso() }).expect(201);
  });
  afterAll(() => t.close());

  it('lists each due item with the person\'s reference and id, what is due in words, its rule and source', async () => {
    const list = await worklist('?horizonDays=14');
    const [rg] = mine(list.items, awaiting.id);
    expect(rg).toMatchObject({
      reference: awaiting.reference,
      kind: 'rg_decision_expected',
      what: 'Reasonable Grounds decision expected (target)',
      state: 'upcoming',
      rule: 'rg_decision_target',
      metAt: null,
    });
    expect(rg.source).toMatch(/Statutory Guidance/);
    expect(rg.explanation).toMatch(/rule rg_decision_target/);
    // Missing: the bed hold, and the pre-NRM support that keeps running while they are away.
    expect(mine(list.items, missing.id).map((i) => i.kind).sort()).toEqual(['bed_hold_ends', 'pre_nrm_accommodation_ends']);
    expect(mine(list.items, missing.id).every((i) => i.reference === missing.reference)).toBe(true);
    // 45 days away: not on a 14-day horizon.
    expect(mine(list.items, recovering.id)).toEqual([]);
    expect(list.seq).toEqual(expect.any(Number));
  });

  it('the horizon decides what is coming up: a 60-day horizon shows the recovery period', async () => {
    expect(mine((await worklist('?horizonDays=60')).items, recovering.id).map((i) => i.kind)).toEqual(['recovery_period_minimum_ends']);
    expect(mine((await worklist('?horizonDays=0')).items, awaiting.id)).toEqual([]);
  });

  it('by the clock, not only by the watcher: just past the bed hold it is overdue, the day before the RG target it is due soon', async () => {
    const service = t.app.get(WorklistService);
    const before = await worklist('?horizonDays=14');
    const hold = mine(before.items, missing.id).find((i) => i.kind === 'bed_hold_ends')!;
    const rg = mine(before.items, awaiting.id)[0];
    const user = { id: w.officer.id, email: w.officer.email, organisationId: w.officer.organisationId, roles: ['housing_officer' as const] };

    const afterHold = await service.worklist(user, { horizonDays: 14 }, new Date(new Date(hold.dueAt).getTime() + 60_000));
    expect(afterHold.items.find((i) => i.deadlineId === hold.deadlineId)?.state).toBe('overdue');
    const dayBeforeRg = await service.worklist(user, { horizonDays: 14 }, new Date(new Date(rg.dueAt).getTime() - H));
    expect(dayBeforeRg.items.find((i) => i.deadlineId === rg.deadlineId)?.state).toBe('due_soon');
    // Overdue first (urgency order), and the counts say how many in each state.
    expect(afterHold.items[0].state).toBe('overdue');
    expect(afterHold.counts.overdue).toBeGreaterThanOrEqual(1);
  });

  it('the watcher\'s stored state is shown too, and the state filter narrows the rows but not the counts', async () => {
    const hold = mine((await worklist('?horizonDays=14')).items, missing.id).find((i) => i.kind === 'bed_hold_ends')!;
    // The watcher passes the hold's due time: the deadline is stored overdue and the held bed is released.
    const watched = await t.app.get(DeadlineWatcher).tick(new Date(new Date(hold.dueAt).getTime() + 60_000));
    expect(watched.overdue).toBeGreaterThanOrEqual(1);
    const overdue = await worklist('?state=overdue&horizonDays=14');
    expect(overdue.items.map((i) => i.deadlineId)).toContain(hold.deadlineId);
    expect(overdue.items.every((i) => i.state === 'overdue')).toBe(true);
    const all = await worklist('?horizonDays=14');
    expect(overdue.counts).toEqual(all.counts);
    expect(all.counts.overdue).toBe(all.items.filter((i) => i.state === 'overdue').length);
  });

  it('clears an item when it is met: a Reasonable Grounds decision moves the target to "met"', async () => {
    const before = await worklist('?horizonDays=14');
    const rg = mine(before.items, awaiting.id)[0];
    await post(awaiting.id, 'decisions', { kind: 'reasonable_grounds', outcome: 'negative', decidedAt: iso() }).expect(201);
    const after = await worklist('?horizonDays=14');
    expect(after.items.map((i) => i.deadlineId)).not.toContain(rg.deadlineId);
    expect(after.counts.met).toBe(before.counts.met + 1);
    // The negative decision starts move-on support (9 working days): a new item for the same person.
    const met = await worklist('?state=met');
    expect(met.items.find((i) => i.deadlineId === rg.deadlineId)).toMatchObject({ state: 'met', metAt: expect.any(String), reference: awaiting.reference });
  });

  it('a pending reconsideration waits on the worklist until its outcome, in the same scope', async () => {
    // `awaiting` had its negative RG above: the first responder asks for it to be reconsidered.
    const ask = await post(awaiting.id, 'reconsiderations', { decisionKind: 'reasonable_grounds', requestedAt: iso() }).expect(201);
    const list = (await t.http.get('/api/v1/worklist').set(bearer(w.officer.token)).expect(200)).body;
    const item = list.awaiting.items.find((a: { personId: string }) => a.personId === awaiting.id);
    expect(item).toMatchObject({
      kind: 'reconsideration',
      reference: awaiting.reference,
      decisionKind: 'reasonable_grounds',
      what: 'Reconsideration of the negative Reasonable Grounds decision: awaiting the outcome',
    });
    expect(list.awaiting.count).toBe(list.awaiting.items.length);
    expect((await t.http.get('/api/v1/worklist').set(bearer(w.outsider.token)).expect(200)).body.awaiting).toEqual({ count: 0, items: [] });
    expect((await t.http.get('/api/v1/worklist?localAuthorityCode=E08000032').set(bearer(w.officer.token)).expect(200)).body.awaiting.count).toBe(0);
    await post(awaiting.id, `reconsiderations/${ask.body.id}/outcome`, { outcome: 'upheld', decidedAt: iso() }).expect(201);
    const after = (await t.http.get('/api/v1/worklist').set(bearer(w.officer.token)).expect(200)).body;
    expect(after.awaiting.items.find((a: { personId: string }) => a.personId === awaiting.id)).toBeUndefined();
  });

  it('filters by kind, operation and area; sorts by reference', async () => {
    const holds = await worklist('?kind=bed_hold_ends&state=overdue,due_soon,upcoming&horizonDays=14');
    expect(holds.items.map((i) => i.kind)).toEqual(['bed_hold_ends']);
    expect((await worklist(`?operationId=${w.operationId}&horizonDays=14`)).items.length).toBeGreaterThan(0);
    expect((await worklist('?localAuthorityCode=E08000035&horizonDays=14')).items.length).toBeGreaterThan(0);
    expect((await worklist('?localAuthorityCode=E08000032&horizonDays=14')).items).toEqual([]);
    const byReference = (await worklist('?sort=reference&horizonDays=14')).items.map((i) => i.reference);
    expect(byReference).toEqual([...byReference].sort((a, b) => a.localeCompare(b, 'en-GB', { numeric: true })));
    const desc = (await worklist('?sort=reference&order=desc&horizonDays=14')).items.map((i) => i.reference);
    expect(desc[0]).toBe(byReference[byReference.length - 1]);
  });

  it('pages through long lists with a cursor', async () => {
    const first = await worklist('?limit=1&horizonDays=60');
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await worklist(`?limit=1&horizonDays=60&cursor=${first.nextCursor}`);
    expect(second.items[0].deadlineId).not.toBe(first.items[0].deadlineId);
  });

  it('is scoped like the timeline: a rostered partner sees the references, an outsider sees nothing and gets 404 for the operation', async () => {
    const partner = await worklist('?horizonDays=14', w.partner.token);
    expect(mine(partner.items, missing.id).length).toBeGreaterThan(0);
    const outsider = await worklist('?horizonDays=60', w.outsider.token);
    expect(outsider.items).toEqual([]);
    expect(outsider.counts).toEqual({ overdue: 0, due_soon: 0, upcoming: 0, met: 0 });
    await t.http.get(`/api/v1/worklist?operationId=${w.operationId}`).set(bearer(w.outsider.token)).expect(404);
    // Admins see every operation's deadlines.
    const admin = (await t.http.get('/api/v1/worklist?horizonDays=14').set(bearer(t.adminToken)).expect(200)).body;
    expect(mine(admin.items, missing.id).length).toBeGreaterThan(0);
  });

  it('refuses bad questions with 400 and names the field', async () => {
    for (const q of ['?state=late', '?localAuthorityCode=leeds', '?sort=name', '?horizonDays=-1', '?horizonDays=1000', '?operationId=nope', '?kind=DROP%20TABLE', '?order=up']) {
      const res = await t.http.get(`/api/v1/worklist${q}`).set(bearer(w.officer.token));
      expect([q, res.status]).toEqual([q, 400]);
    }
    await t.http.get('/api/v1/worklist').expect(401);
  });

  it("an agency on the operation's roster sees its items; a user of the same area on no roster does not", async () => {
    const health = await newUser(t, w.health.id, ['housing_officer']);
    expect((await worklist('?horizonDays=14', health.token)).items.length).toBeGreaterThan(0);
    // The outsider's council is in another area; give the lead council's area a second council on no roster.
    const neighbour = await newOrganisation(t, { kind: 'council', localAuthorityCode: 'E08000035' });
    const planner = await newUser(t, neighbour.id, ['emergency_planner']);
    expect((await worklist('?localAuthorityCode=E08000035&horizonDays=60', planner.token)).items).toEqual([]);
  });
});
