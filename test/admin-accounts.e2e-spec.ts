import { newOrganisation, newUser } from './support/factories';
import { bearer, startTestApp, TestApp } from './support/test-app';

const STRONG = 'correct horse battery staple';

describe('administering accounts', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const createUser = (body: Record<string, unknown>) => t.http.post('/api/v1/users').set(bearer(t.adminToken)).send(body);

  describe('GET /api/v1/users', () => {
    let leeds: { id: string; name: string };
    let bradford: { id: string; name: string };
    beforeAll(async () => {
      leeds = await newOrganisation(t, { name: 'Leeds City Council' });
      bradford = await newOrganisation(t, { name: 'Bradford Council', localAuthorityCode: 'E08000032' });
      for (const [name, org, roles] of [
        ['Amira Khan', leeds, ['housing_officer']],
        ['Ben Okafor', leeds, ['emergency_planner']],
        ['Chris Doyle', bradford, ['housing_officer']],
        ['Chris Doyle', leeds, ['partner']],
        ['Dana Price', bradford, ['operation_lead']],
      ] as const) {
        const email = `${name.toLowerCase().replace(' ', '.')}.${org.name.split(' ')[0].toLowerCase()}@e2e.test`;
        await createUser({ email, password: STRONG, displayName: name, organisationId: org.id, roles }).expect(201);
      }
    });

    it('is for admins only', async () => {
      const planner = await newUser(t, leeds.id, ['emergency_planner']);
      await t.http.get('/api/v1/users').set(bearer(planner.token)).expect(403);
      await t.http.get('/api/v1/users').expect(401);
    });

    it('searches by name, email, organisation and role, saying which organisation each user is in', async () => {
      const q = async (query: string) =>
        (await t.http.get(`/api/v1/users?${query}`).set(bearer(t.adminToken)).expect(200)).body.items.map(
          (u: { displayName: string; organisationName: string }) => `${u.displayName} (${u.organisationName})`,
        );
      expect(await q('q=amira')).toEqual(['Amira Khan (Leeds City Council)']);
      expect(await q('q=okafor.leeds%40')).toEqual(['Ben Okafor (Leeds City Council)']);
      expect(await q('q=bradford')).toEqual(['Chris Doyle (Bradford Council)', 'Dana Price (Bradford Council)']);
      expect(await q('q=operation%20lead')).toEqual(['Dana Price (Bradford Council)']);
      expect(await q(`role=housing_officer&organisationId=${bradford.id}`)).toEqual(['Chris Doyle (Bradford Council)']);
      // % and _ are matched as typed, not as wildcards
      expect(await q('q=%25')).toEqual([]);
    });

    it('pages by name with a cursor that never skips two people of the same name', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res: { body: { items: Array<{ id: string; displayName: string }>; nextCursor: string | null } } = await t.http
          .get(`/api/v1/users?limit=1${cursor ? `&cursor=${cursor}` : ''}`)
          .set(bearer(t.adminToken))
          .expect(200);
        seen.push(...res.body.items.map((u) => u.id));
        cursor = res.body.nextCursor;
        pages++;
      } while (cursor && pages < 50);
      const all = (await t.db.query(`select id from app_user order by lower(display_name), id`)).rows.map((r) => r.id);
      expect(seen).toEqual(all);
    });

    it('refuses a cursor it did not hand out, and bad filters, with 400', async () => {
      await t.http.get('/api/v1/users?cursor=bm90LWEtY3Vyc29y').set(bearer(t.adminToken)).expect(400);
      await t.http.get('/api/v1/users?role=superuser').set(bearer(t.adminToken)).expect(400);
      await t.http.get('/api/v1/users?active=maybe').set(bearer(t.adminToken)).expect(400);
      await t.http.get('/api/v1/users?limit=0').set(bearer(t.adminToken)).expect(400);
    });
  });

  describe('password policy', () => {
    let org: { id: string };
    beforeAll(async () => {
      org = await newOrganisation(t);
    });

    it.each([
      ['a breached favourite', 'iloveyou12345'],
      ['one of the most common passwords', 'qwertyuiop123'],
      ['a season and a year', 'Summer2024!!'],
      ['the password repeated', 'trustno1trustno1'],
      ['twelve spaces', '            '],
      ['the user\'s own name', 'Gwendolyn Fairweather 1'],
    ])('refuses %s with 422 PASSWORD_TOO_WEAK and creates no account', async (_, password) => {
      const before = (await t.db.query(`select count(*)::int as n from app_user`)).rows[0].n;
      const res = await createUser({ email: `weak-${Date.now()}@e2e.test`, password, displayName: 'Gwendolyn Fairweather', organisationId: org.id, roles: ['partner'] }).expect(422);
      expect(res.body.code).toBe('PASSWORD_TOO_WEAK');
      expect(res.body.details.reasons.length).toBeGreaterThan(0);
      expect((await t.db.query(`select count(*)::int as n from app_user`)).rows[0].n).toBe(before);
    });

    it('accepts a long passphrase', async () => {
      await createUser({ email: 'passphrase@e2e.test', password: 'violet kettle marches north', displayName: 'P Phrase', organisationId: org.id, roles: ['partner'] }).expect(201);
    });
  });

  describe('password reset codes', () => {
    let org: { id: string };
    beforeAll(async () => {
      org = await newOrganisation(t);
    });

    const redeem = (body: Record<string, unknown>) => t.http.post('/api/v1/auth/password-reset').send(body);

    it('an admin issues a one-time code; the user sets a new password with it and signs in', async () => {
      const user = await newUser(t, org.id, ['housing_officer']);
      const res = await t.http.post(`/api/v1/users/${user.id}/password-reset`).set(bearer(t.adminToken)).expect(201);
      expect(res.body.resetCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      expect(new Date(res.body.expiresAt).getTime()).toBeGreaterThan(Date.now());
      // The account must change its password; only a hash of the code is kept, and the audit never holds it.
      const stored = await t.db.query(`select must_change_password from app_user where id = $1`, [user.id]);
      expect(stored.rows[0].must_change_password).toBe(true);
      const dump = JSON.stringify((await t.db.query(`select * from password_reset`)).rows) + JSON.stringify((await t.db.query(`select details from audit_event`)).rows);
      expect(dump).not.toContain(res.body.resetCode);
      expect(dump).not.toContain(res.body.resetCode.replace(/-/g, ''));

      // A weak new password is refused without spending the code.
      const weak = await redeem({ email: user.email, resetCode: res.body.resetCode, newPassword: 'password1234' }).expect(422);
      expect(weak.body.code).toBe('PASSWORD_TOO_WEAK');

      // Read over the phone: lower case, spaces instead of dashes.
      const spoken = res.body.resetCode.toLowerCase().replace(/-/g, ' ');
      await redeem({ email: user.email.toUpperCase(), resetCode: spoken, newPassword: 'amber lighthouse seventeen gulls' }).expect(200, { passwordChanged: true });
      await t.http.post('/api/v1/auth/login').send({ email: user.email, password: 'amber lighthouse seventeen gulls' }).expect(200);
      await t.http.post('/api/v1/auth/login').send({ email: user.email, password: STRONG }).expect(401);
      expect((await t.db.query(`select must_change_password from app_user where id = $1`, [user.id])).rows[0].must_change_password).toBe(false);

      // Once only.
      const again = await redeem({ email: user.email, resetCode: res.body.resetCode, newPassword: 'another fine long passphrase' }).expect(422);
      expect(again.body.code).toBe('RESET_CODE_INVALID');
      const actions = (await t.db.query(`select action from audit_event where entity_id = $1 order by id`, [user.id])).rows.map((r) => r.action);
      expect(actions).toEqual(expect.arrayContaining(['issue_password_reset', 'redeem_password_reset']));
    });

    it('a new code revokes the earlier one', async () => {
      const user = await newUser(t, org.id, ['partner']);
      const first = await t.http.post(`/api/v1/users/${user.id}/password-reset`).set(bearer(t.adminToken)).expect(201);
      const second = await t.http.post(`/api/v1/users/${user.id}/password-reset`).set(bearer(t.adminToken)).expect(201);
      await redeem({ email: user.email, resetCode: first.body.resetCode, newPassword: 'amber lighthouse seventeen gulls' }).expect(422);
      await redeem({ email: user.email, resetCode: second.body.resetCode, newPassword: 'amber lighthouse seventeen gulls' }).expect(200);
    });

    it('an expired code, another user\'s code or a wrong email is refused alike', async () => {
      const user = await newUser(t, org.id, ['partner']);
      const other = await newUser(t, org.id, ['partner']);
      const code = (await t.http.post(`/api/v1/users/${user.id}/password-reset`).set(bearer(t.adminToken)).expect(201)).body.resetCode;
      await redeem({ email: other.email, resetCode: code, newPassword: 'amber lighthouse seventeen gulls' }).expect(422);
      await t.db.query(`update password_reset set issued_at = now() - interval '2 days', expires_at = now() - interval '1 second' where user_id = $1`, [user.id]);
      const expired = await redeem({ email: user.email, resetCode: code, newPassword: 'amber lighthouse seventeen gulls' }).expect(422);
      expect(expired.body.code).toBe('RESET_CODE_INVALID');
      await t.http.post('/api/v1/auth/login').send({ email: user.email, password: STRONG }).expect(200);
    });

    it('only admins issue codes; unknown users are 404; bad bodies 400', async () => {
      const user = await newUser(t, org.id, ['emergency_planner']);
      await t.http.post(`/api/v1/users/${user.id}/password-reset`).set(bearer(user.token)).expect(403);
      await t.http.post('/api/v1/users/00000000-0000-4000-8000-000000000000/password-reset').set(bearer(t.adminToken)).expect(404);
      await t.http.post('/api/v1/users/not-a-uuid/password-reset').set(bearer(t.adminToken)).expect(400);
      await redeem({ email: user.email, resetCode: 'x' }).expect(400);
      await redeem({ email: user.email, resetCode: 'AAAA-BBBB-CCCC-DDDD', newPassword: 'amber lighthouse seventeen gulls', extra: 1 }).expect(400);
    });
  });
});
