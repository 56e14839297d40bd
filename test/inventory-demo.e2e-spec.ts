import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@safe-harbour/database';
import { loadConfig } from '../apps/api/src/config/config.schema';
import { DEMO_STEPS, DemoStep, loadDemoData } from '../apps/api/src/demo/demo-loader';
import { DEMO_ORGANISATIONS, demoInventory } from '../apps/api/src/sites/demo-inventory';
import { newSite } from './support/inventory-factories';
import { bearer, startTestApp, TestApp } from './support/test-app';


describe('demo inventory', () => {
  let t: TestApp;
  let dataSource: DataSource;
  const count = async (sql: string) => Number((await t.db.query(`select count(*) from ${sql}`)).rows[0].count);

  beforeAll(async () => {
    t = await startTestApp({ DEMO_DATA: '1' });
    dataSource = await new DataSource(dataSourceOptions(t.database.url, { extra: { max: 2 } })).initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await t.close();
  });

  it('is loaded on start: two neighbouring council areas, ~25 sites of mixed types, ~200 beds', async () => {
    const areas = await t.db.query(`select local_authority_code, count(*)::int as sites from site group by 1 order by 1`);
    expect(areas.rows).toEqual([
      { local_authority_code: 'E08000032', sites: 11 },
      { local_authority_code: 'E08000035', sites: 15 },
    ]);
    expect(await count(`site where not is_demo`)).toBe(0);
    expect(await count(`(select distinct type from site) types`)).toBe(10);
    const beds = await count('bed');
    expect(beds).toBeGreaterThanOrEqual(180);
    expect(beds).toBeLessThanOrEqual(220);
    expect(await count(`bed where status = 'out_of_service'`)).toBeGreaterThanOrEqual(5);
    const orgs = await t.db.query(`select name from organisation where name like '%(demo)'`);
    expect(orgs.rows.map((o) => o.name)).toEqual(expect.arrayContaining(Object.values(DEMO_ORGANISATIONS).map((o) => o.name)));
  });

  it('includes one void property half-way through its readiness checks', async () => {
    const { rows } = await t.db.query(`
      select s.name, count(v.completed_at)::int as done
      from site s join void_readiness_item v on v.site_id = s.id
      where s.type = 'void_property' and s.readiness = 'not_ready' group by s.name`);
    expect(rows).toEqual([{ name: 'Gipton Void House', done: 2 }]);
  });

  it('shows through the API, clearly marked as demo, with addresses only for those who may see them', async () => {
    const res = await t.http.get('/api/v1/sites?isDemo=true&limit=500').set(bearer(t.adminToken)).expect(200);
    expect(res.body.items).toHaveLength(26);
    expect(res.body.items.every((s: { isDemo: boolean; address: string }) => s.isDemo && /demo address/.test(s.address))).toBe(true);
    const leedsWithBeds = await t.http.get('/api/v1/sites?localAuthorityCode=E08000035&hasAvailableBed=true&limit=500').set(bearer(t.adminToken)).expect(200);
    expect(leedsWithBeds.body.items.length).toBeGreaterThan(5);
    expect(leedsWithBeds.body.items.map((s: { name: string }) => s.name)).not.toContain('Gipton Void House');
  });

  it('is idempotent: loading again creates nothing', async () => {
    const before = { sites: await count('site'), beds: await count('bed'), orgs: await count('organisation') };
    const result = await loadDemoData(dataSource, { onlyWithoutRealData: false });
    expect(result.skipped).toBe(false);
    expect(result.steps[0]).toEqual({ name: 'inventory', outcome: 'present' });
    expect(result.steps.every((s) => s.outcome === 'present')).toBe(true);
    expect({ sites: await count('site'), beds: await count('bed'), orgs: await count('organisation') }).toEqual(before);
  });

  it('lets later features add their own step after the inventory, finding demo sites by name', async () => {
    const seen: string[] = [];
    const laterStep: DemoStep = {
      name: 'later feature',
      async load({ manager }) {
        const [site] = await manager.query(`select id from site where is_demo and name = 'Leeds Civic Hall Reception Centre'`);
        seen.push(site.id);
        return 'loaded';
      },
    };
    const result = await loadDemoData(dataSource, { onlyWithoutRealData: false, steps: [demoInventory, laterStep] });
    expect(result.steps).toEqual([
      { name: 'inventory', outcome: 'present' },
      { name: 'later feature', outcome: 'loaded' },
    ]);
    expect(DEMO_STEPS[0]).toBe(demoInventory);
    expect(seen).toHaveLength(1);
  });

  it('is never mixed into a real inventory on start', async () => {
    const org = (await t.db.query(`select id from organisation where name = 'Leeds City Council (demo)'`)).rows[0];
    await newSite(t, t.adminToken, org.id, { name: 'A real hostel' });
    const result = await loadDemoData(dataSource, { onlyWithoutRealData: true });
    expect(result).toMatchObject({ skipped: true, steps: [] });
  });

  it('is off in production and, unless asked, with an external database', () => {
    const prod = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), ADMIN_EMAIL: 'a@b.c', ADMIN_PASSWORD: 'granite meadow lantern forty' };
    expect(loadConfig({ ...prod, DEMO_DATA: '1' }).DEMO_DATA).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://x@localhost/db' }).DEMO_DATA).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://x@localhost/db', DEMO_DATA: '1' }).DEMO_DATA).toBe(true);
    expect(loadConfig({}).DEMO_DATA).toBe(true);
  });
});

describe('demo inventory when DEMO_DATA is off', () => {
  it('is not loaded', async () => {
    const t = await startTestApp({ DEMO_DATA: '0' });
    try {
      expect(Number((await t.db.query(`select count(*) from site`)).rows[0].count)).toBe(0);
    } finally {
      await t.close();
    }
  });
});
