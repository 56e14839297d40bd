import { DataSource } from 'typeorm';
import { DEMO_USER_PASSWORD, DEMO_USERS } from '../apps/api/src/auth/demo-users';
import { ROLES } from '../apps/api/src/auth/roles';
import { DEMO_STEPS, loadDemoData } from '../apps/api/src/demo/demo-loader';
import { DEMO_OPERATION } from '../apps/api/src/operations/demo-operation';
import { bearer, startTestApp, TestApp } from './support/test-app';

jest.setTimeout(120_000);

describe('demo operation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('loads an active operation at the demo reception centre, with people at several stages, once', async () => {
    const dataSource = t.app.get(DataSource);
    const first = await loadDemoData(dataSource, { onlyWithoutRealData: false, steps: DEMO_STEPS });
    expect(first.steps).toEqual([
      { name: 'inventory', outcome: 'loaded' },
      { name: 'operation', outcome: 'loaded' },
      { name: 'users', outcome: 'loaded' },
    ]);
    const again = await loadDemoData(dataSource, { onlyWithoutRealData: false, steps: DEMO_STEPS });
    expect(again.steps.map((s) => s.outcome)).toEqual(['present', 'present', 'present']);

    const list = await t.http.get('/api/v1/operations').set(bearer(t.adminToken)).expect(200);
    const demo = list.body.items.find((o: { code: string }) => o.code === DEMO_OPERATION.code);
    expect(demo).toMatchObject({ name: DEMO_OPERATION.name, status: 'active', isDemo: true });

    const summary = await t.http.get(`/api/v1/operations/${demo.id}/summary`).set(bearer(t.adminToken)).expect(200);
    expect(summary.body).toMatchObject({
      people: { total: 13, children: 2 },
      byTriageOutcome: { potential_victim: 6, suspect: 3, witness: 2, untriaged: 2 },
      byStage: { encountered: 7, pre_nrm: 5, children_services: 1 },
      awaitingBed: { count: 6 },
      agencies: { present: 2, onCall: 2 },
      beds: { total: 16 },
    });
    expect(summary.body.awaitingBed.longestWaitMinutes).toBeGreaterThan(60);

    const readiness = await t.http.get(`/api/v1/operations/${demo.id}/readiness`).set(bearer(t.adminToken)).expect(200);
    expect(readiness.body.receptionCentres).toBe(1);
    const board = await t.http.get(`/api/v1/operations/${demo.id}/stations`).set(bearer(t.adminToken)).expect(200);
    expect(board.body.find((s: { station: string }) => s.station === 'police_debrief').done).toBeGreaterThan(0);
    const { rows } = await t.db.query(`select count(*)::int as n from person p join operation o on o.id = p.operation_id where o.is_demo and p.keep_apart`);
    expect(rows[0].n).toBe(3);

    // One demo user per role, each signing in with the demo admin's password.
    for (const demoUser of DEMO_USERS) {
      const login = await t.http.post('/api/v1/auth/login').send({ email: demoUser.email, password: DEMO_USER_PASSWORD }).expect(200);
      expect(login.body.user.roles).toEqual([demoUser.role]);
      const org = await t.db.query(`select name from organisation where id = $1`, [login.body.user.organisationId]);
      expect(org.rows[0].name).toBe(demoUser.organisation);
    }
    expect(new Set(DEMO_USERS.map((u) => u.role))).toEqual(new Set(ROLES.filter((r) => r !== 'admin')));
    expect(DEMO_USERS.find((u) => u.role === 'operation_lead')!.organisation).toBe('West Yorkshire Police (demo)');
  });
});
