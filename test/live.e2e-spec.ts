import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { LiveGateway } from '../apps/api/src/live/live.gateway';
import { newOrganisation, newUser, TestUser } from './support/factories';
import {
  addAgency,
  connectError,
  connectLive,
  emitEvents,
  listen,
  LiveClient,
  newOperation,
  relayCaughtUp,
  sleep,
} from './support/live-factories';
import { bearer, startTestApp, TestApp } from './support/test-app';

jest.setTimeout(30_000);

const LEEDS = 'E08000035';
const BRADFORD = 'E08000032';

const outboxCount = async (t: TestApp) => Number((await t.db.query(`select count(*) from outbox_event`)).rows[0].count);

describe('live gateway', () => {
  let t: TestApp;
  let port: number;
  let leeds: { id: string };
  let bradford: { id: string };
  let police: { id: string };
  let leedsOfficer: TestUser;
  let bradfordOfficer: TestUser;
  let policeLead: TestUser;
  const clients: LiveClient[] = [];

  const connect = async (token: string) => {
    await relayCaughtUp(t.app, t.db);
    const client = await connectLive(port, { token });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    t = await startTestApp();
    port = await listen(t.app);
    leeds = await newOrganisation(t, { kind: 'council', localAuthorityCode: LEEDS });
    bradford = await newOrganisation(t, { kind: 'council', localAuthorityCode: BRADFORD });
    police = await newOrganisation(t, { kind: 'police', localAuthorityCode: undefined });
    leedsOfficer = await newUser(t, leeds.id, ['housing_officer']);
    bradfordOfficer = await newUser(t, bradford.id, ['operation_lead']);
    policeLead = await newUser(t, police.id, ['operation_lead']);
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });
  afterAll(() => t.close());

  describe('handshake', () => {
    it('refuses a connection without a token', async () => {
      expect(await connectError(port, undefined)).toMatch(/token is required/);
      expect(await connectError(port, { token: '' })).toMatch(/token is required/);
    });

    it('refuses a forged, malformed or expired token', async () => {
      const claims = { sub: leedsOfficer.id, email: leedsOfficer.email, org: leeds.id, roles: ['admin'] };
      const forged = new JwtService({ secret: 'not-the-server-secret-not-the-server-secret' }).sign(claims);
      const expired = new JwtService({ secret: t.config.JWT_SECRET }).sign({ ...claims, exp: Math.floor(Date.now() / 1000) - 10 });
      for (const token of [forged, 'not-a-jwt', expired]) {
        expect(await connectError(port, { token })).toBe('The token is invalid or has expired');
      }
    });

    it('closes the connection when the token expires', async () => {
      const jwt = t.app.get(JwtService);
      const token = jwt.sign(
        { sub: leedsOfficer.id, email: leedsOfficer.email, org: leeds.id, roles: ['housing_officer'] },
        { expiresIn: 2 }, // whole seconds: 1 could already be over by the time the handshake is checked
      );
      const client = await connect(token);
      const expired = new Promise((resolve) => client.socket.once('token_expired', resolve));
      const closed = new Promise((resolve) => client.socket.once('disconnect', resolve));
      await expect(Promise.all([expired, closed])).resolves.toBeDefined();
    });
  });

  describe('who may subscribe to an area', () => {
    it('lets a user whose organisation is in the area subscribe, and answers with the stream position', async () => {
      const client = await connect(leedsOfficer.token);
      const ack = await client.subscribe({ localAuthorityCode: LEEDS });
      expect(ack).toEqual({ ok: true, seq: expect.any(Number) });
    });

    it('lets an admin watch any area', async () => {
      const client = await connect(t.adminToken);
      expect((await client.subscribe({ localAuthorityCode: BRADFORD })).ok).toBe(true);
    });

    it.each([
      ['another area', () => leedsOfficer, BRADFORD],
      ['an organisation with no area', () => policeLead, LEEDS],
    ])('refuses %s (FORBIDDEN) and sends it nothing', async (_, user, area) => {
      const client = await connect(user().token);
      const ack = await client.subscribe({ localAuthorityCode: area });
      expect(ack).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: expect.any(String) } });
      const watcher = await connect(t.adminToken);
      await watcher.subscribe({ localAuthorityCode: area });
      await emitEvents(t.app, { type: 'bed.status_changed', localAuthorityCode: area, siteId: randomUUID(), data: { status: 'available' } });
      await watcher.waitFor((c) => c.events.length === 1);
      await sleep(100);
      expect(client.events).toEqual([]);
    });
  });

  describe('who may subscribe to an operation', () => {
    let operation: { id: string };
    let onRoster: TestUser;

    beforeAll(async () => {
      operation = await newOperation(t, { leadOrganisationId: leeds.id, localAuthorityCode: LEEDS });
      const ngo = await newOrganisation(t, { kind: 'ngo', localAuthorityCode: undefined });
      onRoster = await newUser(t, ngo.id, ['partner']);
      await addAgency(t, operation.id, ngo.id);
    });

    it.each([
      ['its lead organisation', () => leedsOfficer],
      ['an organisation on its agency roster', () => onRoster],
      ['an admin', () => ({ token: t.adminToken })],
    ])('lets %s subscribe', async (_, user) => {
      const client = await connect(user().token);
      expect(await client.subscribe({ operationId: operation.id })).toEqual({ ok: true, seq: expect.any(Number) });
    });

    it('answers NOT_FOUND to an organisation neither leading nor on the roster, as for an unknown operation', async () => {
      const client = await connect(bradfordOfficer.token);
      const refused = await client.subscribe({ operationId: operation.id });
      const unknown = await client.subscribe({ operationId: randomUUID() });
      expect(refused).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'Operation not found' } });
      expect(unknown).toEqual(refused);
      const admin = await connect(t.adminToken);
      expect((await admin.subscribe({ operationId: randomUUID() })).error?.code).toBe('NOT_FOUND');
    });

    it('delivers operation events to the operation room only', async () => {
      const watcher = await connect(onRoster.token);
      const outsider = await connect(bradfordOfficer.token);
      await watcher.subscribe({ operationId: operation.id });
      await outsider.subscribe({ localAuthorityCode: BRADFORD });
      await emitEvents(t.app, {
        type: 'person.registered',
        operationId: operation.id,
        data: { personId: randomUUID(), reference: 'RAV-001', stage: 'encountered' },
      });
      await watcher.waitFor((c) => c.events.length === 1);
      expect(watcher.events[0]).toEqual({
        seq: expect.any(Number),
        type: 'person.registered',
        at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        operationId: operation.id,
        data: { personId: expect.any(String), reference: 'RAV-001', stage: 'encountered' },
      });
      await sleep(100);
      expect(outsider.events).toEqual([]);
    });

    it('sends an event once to a client watching both its operation and its area', async () => {
      const client = await connect(leedsOfficer.token);
      await client.subscribe({ operationId: operation.id });
      await client.subscribe({ localAuthorityCode: LEEDS });
      await emitEvents(t.app, {
        type: 'placement.created',
        operationId: operation.id,
        localAuthorityCode: LEEDS,
        siteId: randomUUID(),
        data: { placementId: randomUUID(), reference: 'RAV-002' },
      });
      await client.waitFor((c) => c.events.length === 1);
      await sleep(150);
      expect(client.events).toHaveLength(1);
      expect(client.events[0]).toMatchObject({ type: 'placement.created', operationId: operation.id, localAuthorityCode: LEEDS });
    });

    it('stops sending after unsubscribe', async () => {
      const client = await connect(leedsOfficer.token);
      await client.subscribe({ localAuthorityCode: LEEDS });
      expect((await client.send('unsubscribe', { localAuthorityCode: LEEDS })).ok).toBe(true);
      const watcher = await connect(leedsOfficer.token);
      await watcher.subscribe({ localAuthorityCode: LEEDS });
      await emitEvents(t.app, { type: 'bed.status_changed', localAuthorityCode: LEEDS, data: { status: 'closed' } });
      await watcher.waitFor((c) => c.events.length === 1);
      await sleep(100);
      expect(client.events).toEqual([]);
    });
  });

  describe('message validation', () => {
    it.each([
      ['neither target', {}],
      ['both targets', { operationId: randomUUID(), localAuthorityCode: LEEDS }],
      ['a malformed operation id', { operationId: 'op-1' }],
      ['a malformed area code', { localAuthorityCode: 'leeds' }],
      ['an unknown field', { localAuthorityCode: LEEDS, everything: true }],
      ['a negative sinceSeq', { localAuthorityCode: LEEDS, sinceSeq: -1 }],
      ['a fractional sinceSeq', { localAuthorityCode: LEEDS, sinceSeq: 1.5 }],
      ['a string', 'area:E08000035'],
      ['an array', [LEEDS]],
    ])('refuses a subscribe with %s (BAD_REQUEST) and joins nothing', async (_, body) => {
      const client = await connect(t.adminToken);
      const ack = await client.send('subscribe', body);
      expect(ack).toEqual({ ok: false, error: { code: 'BAD_REQUEST', message: expect.any(String) } });
      const sockets = await t.app.get(LiveGateway).server.in(`area:${LEEDS}`).fetchSockets();
      expect(sockets.map((s) => s.id)).not.toContain(client.socket.id);
    });

    it.each([
      ['no sinceSeq', {}],
      ['a text sinceSeq', { sinceSeq: 'yesterday' }],
      ['an unknown field', { sinceSeq: 1, operationId: randomUUID() }],
    ])('refuses a resume with %s (BAD_REQUEST) and keeps delivering live', async (_, body) => {
      const client = await connect(t.adminToken);
      await client.subscribe({ localAuthorityCode: LEEDS });
      expect((await client.send('resume', body)).error?.code).toBe('BAD_REQUEST');
      await emitEvents(t.app, { type: 'bed.status_changed', localAuthorityCode: LEEDS, data: { status: 'available' } });
      await client.waitFor((c) => c.events.length === 1);
    });
  });

  describe('personal data', () => {
    it.each([
      ['a given name', { reference: 'RAV-003', givenName: 'Maria' }],
      ['a date of birth, nested', { person: { reference: 'RAV-003', date_of_birth: '2001-02-03' } }],
      ['a site address', { siteId: randomUUID(), address: '1 Safe Street, Leeds' }],
      ['a location', { siteId: randomUUID(), location: { lat: 53.8, lng: -1.55 } }],
    ])('refuses to record an event carrying %s, and writes nothing', async (_, data) => {
      const before = await outboxCount(t);
      await expect(emitEvents(t.app, { type: 'person.registered', localAuthorityCode: LEEDS, data })).rejects.toThrow(
        /carries personal data/,
      );
      expect(await outboxCount(t)).toBe(before);
    });

    it('sends a person registered through the API by reference, never by name or date of birth', async () => {
      const operation = await newOperation(t, { leadOrganisationId: leeds.id, localAuthorityCode: LEEDS });
      const client = await connect(leedsOfficer.token);
      await client.subscribe({ operationId: operation.id });
      const registered = await t.http
        .post(`/api/v1/operations/${operation.id}/people`)
        .set(bearer(t.adminToken))
        .send({
          sex: 'female',
          ageCategory: 'adult',
          givenName: 'Ioana',
          familyName: 'Popescu',
          dateOfBirth: '1994-03-17',
          nationality: 'RO',
          languages: ['ro'],
          interpreterNeeded: true,
          needs: {},
        })
        .expect(201);
      await client.waitFor((c) => c.events.some((e) => e.type === 'person.registered'));
      const event = client.events.find((e) => e.type === 'person.registered')!;
      expect(event).toMatchObject({ operationId: operation.id, data: { personId: registered.body.id, reference: registered.body.reference } });
      expect(JSON.stringify(client.events)).not.toMatch(/Ioana|Popescu|1994-03-17/);
    });

    it('strips personal data from a row written around the OutboxService', async () => {
      const client = await connect(leedsOfficer.token);
      await client.subscribe({ localAuthorityCode: LEEDS });
      await t.db.query(
        `insert into outbox_event (type, local_authority_code, data) values ('person.registered', $1, $2)`,
        [LEEDS, { reference: 'RAV-004', familyName: 'Kowalski', needs: [{ dob: '1999-01-01', wheelchair: true }] }],
      );
      await client.waitFor((c) => c.events.length === 1);
      expect(client.events[0].data).toEqual({ reference: 'RAV-004', needs: [{ wheelchair: true }] });
      expect(JSON.stringify(client.events)).not.toMatch(/Kowalski|1999-01-01/);
    });
  });
});

