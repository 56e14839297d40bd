import { newOperation, newOperationWorld, OperationWorld, registerPerson } from './support/operations-factories';
import { bearer, startTestApp, TestApp } from './support/test-app';

interface Item {
  id: string;
  at: string;
  action: string;
  actorName: string | null;
  actorOrganisationName: string | null;
  personReference: string | null;
}

describe('the audit trail an information governance lead reads', () => {
  let t: TestApp;
  let w: OperationWorld;
  beforeAll(async () => {
    t = await startTestApp();
    w = await newOperationWorld(t);
  });
  afterAll(() => t.close());

  const get = async (query: string): Promise<{ items: Item[]; nextCursor: string | null }> =>
    (await t.http.get(`/api/v1/audit?${query}`).set(bearer(t.adminToken)).expect(200)).body;

  /** Every page of a query, following the cursor. */
  async function all(query: string, limit: number): Promise<Item[]> {
    const items: Item[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 100; i++) {
      const page = await get(`${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      items.push(...page.items);
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    return items;
  }

  const insertAt = (action: string, at: string) =>
    t.db.query(`insert into audit_event (action, entity_type, at) values ($1, 'test', $2::timestamptz) returning id`, [action, at]);

  it('lists newest first by time, not by insertion order', async () => {
    // A long transaction stamps its rows with its start time: a later id can carry an earlier instant.
    await insertAt('order_test', '2026-11-30T12:00:00Z');
    await insertAt('order_test', '2026-11-30T09:00:00Z');
    await insertAt('order_test', '2026-11-30T15:00:00Z');
    const items = (await get('action=order_test')).items;
    expect(items.map((i) => new Date(i.at).toISOString())).toEqual([
      '2026-11-30T15:00:00.000Z',
      '2026-11-30T12:00:00.000Z',
      '2026-11-30T09:00:00.000Z',
    ]);
  });

  it('pages through rows sharing one instant, and instants a microsecond apart, without skipping or repeating', async () => {
    await t.db.query(
      `insert into audit_event (action, entity_type, at)
       select 'tie_test', 'test', '2026-11-30T10:00:00.123456Z'::timestamptz from generate_series(1, 7)`,
    );
    await insertAt('tie_test', '2026-11-30T10:00:00.123789Z');
    await insertAt('tie_test', '2026-11-30T10:00:00.123001Z');
    for (const limit of [1, 2, 3, 4]) {
      const items = await all('action=tie_test', limit);
      const expected = (await t.db.query(`select id::text from audit_event where action = 'tie_test' order by at desc, id desc`)).rows.map((r) => r.id);
      expect(items.map((i) => i.id)).toEqual(expected);
      expect(new Set(items.map((i) => i.id)).size).toBe(9);
    }
  });

  it('filters by person reference, user, organisation, action and dates, naming who acted and for which organisation', async () => {
    const op = await newOperation(t, w.planner, { status: 'active' });
    const person = await registerPerson(t, w.planner, op.id, { givenName: 'Ana', familyName: 'Popescu' });
    await t.http.get(`/api/v1/people/${person.id}/identity`).set(bearer(w.housingOfficer.token)).expect(200);

    const about = await all(`personReference=${person.reference.toLowerCase()}`, 50);
    expect(about.map((i) => i.action)).toEqual(['read_personal_data', 'register']);
    expect(about.every((i) => i.personReference === person.reference)).toBe(true);
    expect(about[0]).toMatchObject({ actorName: 'Test housing_officer', actorOrganisationName: expect.stringMatching(/^Leeds City Council/) });

    const byOfficer = await all(`actorUserId=${w.housingOfficer.id}`, 50);
    expect(byOfficer.map((i) => i.action)).toEqual(['read_personal_data', 'login']);

    const byCouncil = await all(`organisationId=${w.council.id}&action=read_personal_data`, 50);
    expect(byCouncil).toHaveLength(1);

    const window = await all('action=order_test&from=2026-11-30T10:00:00Z&to=2026-11-30T15:00:00Z', 50);
    expect(window.map((i) => new Date(i.at).toISOString())).toEqual(['2026-11-30T12:00:00.000Z']);
  });

  it('refuses bad filters and a forged cursor with 400, and non-admins with 403', async () => {
    await t.http.get('/api/v1/audit?personReference=Robert%27);drop').set(bearer(t.adminToken)).expect(400);
    await t.http.get('/api/v1/audit?from=yesterday').set(bearer(t.adminToken)).expect(400);
    await t.http.get('/api/v1/audit?organisationId=leeds').set(bearer(t.adminToken)).expect(400);
    await t.http.get(`/api/v1/audit?cursor=${Buffer.from('{"id":"1"}').toString('base64url')}`).set(bearer(t.adminToken)).expect(400);
    await t.http.get('/api/v1/audit').set(bearer(w.planner.token)).expect(403);
    await t.http.get('/api/v1/audit/export.csv').set(bearer(w.planner.token)).expect(403);
  });

  it('exports the filtered trail as CSV, newest first, spreadsheet-safe, and audits the export', async () => {
    await t.db.query(`insert into audit_event (action, entity_type, details, at) values ('csv_test', 'test', '{"note":"=HYPERLINK(1)"}', '2026-11-29T08:00:00Z')`);
    await t.db.query(`insert into audit_event (action, entity_type, entity_id, at) values ('csv_test', 'test', '=cmd|x', '2026-11-29T09:00:00Z')`);
    const res = await t.http.get('/api/v1/audit/export.csv?action=csv_test').set(bearer(t.adminToken)).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment/);
    const lines = res.text.trim().split('\n');
    expect(lines[0]).toBe('When (UTC),User,User id,Organisation,Action,Record type,Record id,Person reference,Request id,Details');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^2026-11-29T09:00:00.000Z,.*,'=cmd\|x,/);
    expect(lines[2]).toMatch(/^2026-11-29T08:00:00.000Z/);
    const exports = await get('action=export_audit');
    expect(exports.items[0]).toMatchObject({ action: 'export_audit', actorName: 'Administrator' });
  });

  it('exports more rows than one batch in order', async () => {
    await t.db.query(
      `insert into audit_event (action, entity_type, at)
       select 'bulk_test', 'test', '2026-11-28T00:00:00Z'::timestamptz + (g % 50) * interval '1 second' from generate_series(1, 2500) g`,
    );
    const res = await t.http.get('/api/v1/audit/export.csv?action=bulk_test').set(bearer(t.adminToken)).expect(200);
    const ids = res.text.trim().split('\n').slice(1);
    expect(ids).toHaveLength(2500);
    const times = ids.map((l) => l.split(',')[0]);
    expect([...times].sort().reverse()).toEqual(times);
  });
});
