import { newOrganisation, newUser, TestUser } from './support/factories';
import { addAgency, connectLive, listen, LiveClient, newOperation, relayCaughtUp, sleep } from './support/live-factories';
import { bearer, startTestApp, TestApp } from './support/test-app';

jest.setTimeout(60_000);

const LEEDS = 'E08000035';

/**
 * Hole 2 of issue #13: the live area feed delivered one operation's events (person references, stage
 * changes, the possible-controller flag, the site placed) to an NGO in the area that is not on its roster,
 * replay from seq 0 included. An area subscription now carries only events of objects the subscriber may see.
 */
describe('live area feed: only what the subscriber may see', () => {
  let t: TestApp;
  let port: number;
  let council: { id: string };
  let ngo: { id: string };
  let officer: TestUser;
  let ngoPartner: TestUser;
  let hidden: { id: string };
  let rostered: { id: string };
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    port = await listen(t.app);
    council = await newOrganisation(t, { kind: 'council', localAuthorityCode: LEEDS });
    ngo = await newOrganisation(t, { kind: 'ngo', localAuthorityCode: LEEDS });
    officer = await newUser(t, council.id, ['housing_officer', 'emergency_planner']);
    ngoPartner = await newUser(t, ngo.id, ['partner']);
    hidden = await newOperation(t, { leadOrganisationId: council.id, localAuthorityCode: LEEDS });
    rostered = await newOperation(t, { leadOrganisationId: council.id, localAuthorityCode: LEEDS });
    await addAgency(t, rostered.id, ngo.id);
    for (const op of [hidden, rostered]) {
      await t.http.patch(`/api/v1/operations/${op.id}`).set(bearer(t.adminToken)).send({ status: 'active' }).expect(200);
    }
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
  });
  afterAll(() => t.close());

  const register = (operationId: string, fields: Record<string, unknown> = {}) =>
    t.http
      .post(`/api/v1/operations/${operationId}/people`)
      .set(bearer(officer.token))
      .send({ sex: 'male', ageCategory: 'adult', languages: ['ro'], interpreterNeeded: true, needs: {}, ...fields })
      .expect(201);

  const watchArea = async (user: TestUser, sinceSeq?: number) => {
    await relayCaughtUp(t.app, t.db);
    const client = await connectLive(port, { token: user.token });
    clients.push(client);
    const ack = await client.subscribe({ localAuthorityCode: LEEDS, ...(sinceSeq !== undefined ? { sinceSeq } : {}) });
    expect(ack.ok).toBe(true);
    return client;
  };

  it('live: the NGO gets the events of the operation it is rostered on, never the other one', async () => {
    const partner = await watchArea(ngoPartner);
    const council = await watchArea(officer);
    await sleep(300);
    const secret = await register(hidden.id, { possibleController: true });
    const shared = await register(rostered.id);
    await council.waitFor((c) => c.events.some((e) => e.data.personId === shared.body.id) && c.events.some((e) => e.data.personId === secret.body.id));
    await partner.waitFor((c) => c.events.some((e) => e.data.personId === shared.body.id));
    await sleep(200);
    expect(partner.events.filter((e) => e.operationId === hidden.id)).toEqual([]);
    expect(partner.events.every((e) => JSON.stringify(e).indexOf(secret.body.reference) < 0)).toBe(true);
  });

  it('replay from seq 0: the same', async () => {
    const partner = await watchArea(ngoPartner, 0);
    await partner.waitFor((c) => c.events.some((e) => e.operationId === rostered.id));
    expect(partner.events.filter((e) => e.operationId === hidden.id)).toEqual([]);
    // and a resume from 0 after subscribing
    const again = await watchArea(ngoPartner);
    const ack = await again.send('resume', { sinceSeq: 0 });
    expect(ack.ok).toBe(true);
    await again.waitFor((c) => c.events.some((e) => e.operationId === rostered.id));
    expect(again.events.filter((e) => e.operationId === hidden.id)).toEqual([]);
  });

  it('bed events of other organisations’ sites do not reach a partner (they see their own sites only)', async () => {
    const partner = await watchArea(ngoPartner);
    const council = await watchArea(officer);
    await sleep(300);
    const site = await t.http
      .post('/api/v1/sites')
      .set(bearer(officer.token))
      .send({
        name: 'A council hostel',
        type: 'hostel',
        organisationId: officer.organisationId,
        localAuthorityCode: LEEDS,
        address: '1 Example Street',
        attributes: { acceptsChildren: false, acceptsFamilies: false, wheelchairAccessible: false, selfContained: false, dormitory: true, staffedHours: '24h', traumaInformed: false, acceptsNoRecourseToPublicFunds: true, languages: [] },
      })
      .expect(201);
    await council.waitFor((c) => c.events.some((e) => e.siteId === site.body.id));
    await sleep(200);
    expect(partner.events.filter((e) => e.siteId === site.body.id)).toEqual([]);
  });
});
