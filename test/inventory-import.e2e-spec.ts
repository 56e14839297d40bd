import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { newOrganisation, newUser, TestUser } from './support/factories';
import { newSite } from './support/inventory-factories';
import { bearer, startTestApp, TestApp } from './support/test-app';


const EXAMPLE = readFileSync(join(__dirname, '..', 'examples', 'sites-import.csv'), 'utf8');
const HEADER = 'site_name,site_type,local_authority_code,address,room_name,room_kind,bed_label';

describe('accommodation inventory: CSV import', () => {
  let t: TestApp;
  let officer: TestUser;

  const count = async (sql: string, params: unknown[] = []) => Number((await t.db.query(`select count(*) from ${sql}`, params)).rows[0].count);
  const snapshot = async () => ({
    sites: await count('site'),
    rooms: await count('room'),
    beds: await count('bed'),
    outbox: await count('outbox_event'),
    audit: await count(`audit_event where action not in ('login', 'login_failed')`),
  });
  const upload = (body: string | Buffer, user: { token: string } = officer, query = '', type = 'text/csv') =>
    t.http.post(`/api/v1/sites/import${query}`).set(bearer(user.token)).set('Content-Type', type).send(body);
  /** A fresh council with its own housing officer, so each test's imports start from an empty inventory. */
  const freshCouncil = async () => {
    const org = await newOrganisation(t, { kind: 'council' });
    return { org, user: await newUser(t, org.id, ['housing_officer']) };
  };

  beforeAll(async () => {
    t = await startTestApp();
    officer = (await freshCouncil()).user;
  });
  afterAll(() => t.close());

  describe('a good file', () => {
    let council: { org: { id: string }; user: TestUser };
    beforeAll(async () => {
      council = await freshCouncil();
    });

    it('imports the README example: sites, rooms and beds in one go', async () => {
      const res = await upload(EXAMPLE, council.user).expect(201);
      expect(res.body).toEqual({ created: 29, rejected: [], sites: { created: 4 }, rooms: { created: 10 }, beds: { created: 15 }, unchanged: 0, rows: 23, merged: [] });
      const sites = await t.db.query(`select name, type, local_authority_code, readiness, single_sex, languages, nightly_cost_pence, available_from, available_until
                                      from site where organisation_id = $1 order by name`, [council.org.id]);
      expect(sites.rows).toEqual([
        expect.objectContaining({ name: 'Gipton Void House', type: 'void_property', readiness: 'not_ready', available_from: new Date('2026-12-01T00:00:00Z'), available_until: new Date('2027-05-30T23:00:00Z') }),
        expect.objectContaining({ name: 'Harehills Place of Safety', single_sex: 'female', languages: ['English', 'Romanian'] }),
        expect.objectContaining({ name: 'Kirkstall Guest House', single_sex: null, nightly_cost_pence: 4500 }),
        expect.objectContaining({ name: 'Victoria Hall Reception Centre', local_authority_code: 'E08000032', languages: ['English', 'Urdu', 'Slovak'], available_from: new Date('2027-03-01T12:00:00Z') }),
      ]);
      const beds = await t.db.query(
        `select b.label, r.name as room from bed b join site s on s.id = b.site_id left join room r on r.id = b.room_id
         where s.name = 'Harehills Place of Safety' and s.organisation_id = $1 order by b.label`,
        [council.org.id],
      );
      expect(beds.rows).toEqual([
        { label: '1A', room: 'Bedroom 1' },
        { label: '1B', room: 'Bedroom 1' },
        { label: '2A', room: 'Bedroom 2' },
      ]);
      expect(await count(`bed_status_event e join bed b on b.id = e.bed_id join site s on s.id = b.site_id where s.organisation_id = $1 and e.reason = 'imported' and e.actor_user_id = $2`, [council.org.id, council.user.id])).toBe(15);
    });

    it('audits the import and announces one event per site, not per bed', async () => {
      const audit = await t.db.query(`select details from audit_event where action = 'import' and entity_id = $1`, [council.org.id]);
      expect(audit.rows).toEqual([{ details: { sites: 4, rooms: 10, beds: 15, rejected: 0, rows: 23 } }]);
      expect(await count(`audit_event where action = 'create' and details->>'via' = 'import' and actor_user_id = $1`, [council.user.id])).toBe(29);
      const events = await t.db.query(`select type, local_authority_code from outbox_event where organisation_id = $1 order by seq`, [council.org.id]);
      expect(events.rows.map((e) => e.type)).toEqual(['site.created', 'site.created', 'site.created', 'site.created']);
      expect(events.rows.map((e) => e.local_authority_code).sort()).toEqual(['E08000032', 'E08000035', 'E08000035', 'E08000035']);
    });

    it('creates nothing new when the same file is imported again', async () => {
      const before = await snapshot();
      const res = await upload(EXAMPLE, council.user).expect(201);
      expect(res.body).toEqual({
        created: 0, rejected: [], sites: { created: 0 }, rooms: { created: 0 }, beds: { created: 0 }, unchanged: 23, rows: 23,
        // every site of the file is there already: the second import says it merged into them
        merged: expect.arrayContaining([expect.objectContaining({ siteName: 'Harehills Place of Safety', lines: [2, 3, 4, 5, 6] })]),
      });
      expect(res.body.merged).toHaveLength(4);
      const after = await snapshot();
      expect({ ...after, audit: before.audit }).toEqual(before);
      expect(after.audit).toBe(before.audit + 1); // only the "import" row itself
    });

    it('adds only the new beds of a later file, leaving existing sites as they are', async () => {
      const later = `${HEADER},latitude\n` +
        'Harehills Place of Safety,hostel,E08000032,A different address,Bedroom 2,,2B,\n' +
        'harehills place of safety,,,,Bedroom 3,bedroom,3A,\n' +
        'Kirkstall Guest House,,,,,,Room 3,\n';
      const res = await upload(later, council.user).expect(201);
      expect(res.body).toMatchObject({ created: 3, rejected: [], sites: { created: 0 }, rooms: { created: 1 }, beds: { created: 2 }, unchanged: 1 });
      const site = await t.db.query(`select type, address, local_authority_code from site where organisation_id = $1 and name = 'Harehills Place of Safety'`, [council.org.id]);
      expect(site.rows[0]).toEqual({ type: 'place_of_safety', address: '12 Example Street, Harehills, Leeds LS8 1AA', local_authority_code: 'E08000035' });
      const events = await t.db.query(`select type, data from outbox_event where organisation_id = $1 and type = 'site.updated'`, [council.org.id]);
      expect(events.rows).toEqual([{ type: 'site.updated', data: expect.objectContaining({ changed: ['rooms', 'beds'] }) }]);
    });

    it('reads a file saved by Excel: byte-order mark, CRLF line ends, accents, a multi-line address', async () => {
      const { org, user } = await freshCouncil();
      const csv =
        '\uFEFF' +
        [HEADER, 'Piątek House,hostel,E08000035,"Flat 1\r\n2 Żółć Street\r\nLeeds",,,A1', 'Piątek House,,,,,,A2', 'Bad Row,castle,E08000035,x,,,'].join('\r\n') +
        '\r\n';
      const res = await upload(Buffer.from(csv, 'utf8'), user).expect(201);
      expect(res.body).toMatchObject({ created: 3, rejected: [{ line: 6, errors: [expect.stringMatching(/site_type: 'castle'/)] }] });
      const site = await t.db.query(`select name, address from site where organisation_id = $1`, [org.id]);
      expect(site.rows).toEqual([{ name: 'Piątek House', address: 'Flat 1\r\n2 Żółć Street\r\nLeeds' }]);
    });

    it('accepts a header row alone (nothing to do)', async () => {
      const res = await upload(`${HEADER}\n`).expect(201);
      expect(res.body).toMatchObject({ created: 0, rejected: [], rows: 0 });
    });

    it('replays a retried upload with the same Idempotency-Key', async () => {
      const { user } = await freshCouncil();
      const csv = `${HEADER}\nRetry House,hostel,E08000035,1 Road,,,1\n`;
      const first = await upload(csv, user).set('Idempotency-Key', 'import-1').expect(201);
      const again = await upload(csv, user).set('Idempotency-Key', 'import-1').expect(201);
      expect(again.body).toEqual(first.body);
      expect(again.headers['idempotent-replay']).toBe('true');
    });

    it('lets an admin import for a named organisation', async () => {
      const org = await newOrganisation(t, { kind: 'council' });
      const res = await upload(`${HEADER}\nAdmin Import House,refuge,E08000035,1 Road,,,\n`, { token: t.adminToken }, `?organisationId=${org.id}`).expect(201);
      expect(res.body.sites.created).toBe(1);
      expect(await count(`site where organisation_id = $1`, [org.id])).toBe(1);
    });

    it('imports a large spreadsheet (300 sites, 3,000 beds) in one transaction', async () => {
      const { org, user } = await freshCouncil();
      const lines = [HEADER];
      for (let s = 1; s <= 300; s++) {
        lines.push(`Site ${s},hostel,E08000035,${s} Example Road,Dormitory,dormitory,1`);
        for (let b = 2; b <= 10; b++) lines.push(`Site ${s},,,,Dormitory,,${b}`);
      }
      const started = Date.now();
      const res = await upload(lines.join('\n'), user).expect(201);
      expect(res.body).toMatchObject({ rejected: [], sites: { created: 300 }, rooms: { created: 300 }, beds: { created: 3000 } });
      expect(await count(`bed b join site s on s.id = b.site_id where s.organisation_id = $1`, [org.id])).toBe(3000);
      expect(Date.now() - started).toBeLessThan(30_000);
    });
  });

  describe('bad rows', () => {
    it('rejects each bad row with its line number and reasons, and creates the good rows', async () => {
      const { org, user } = await freshCouncil();
      const csv = [
        `${HEADER},latitude,longitude,dormitory,self_contained,available_from,available_until`, // line 1
        'Good Hostel,hostel,E08000035,1 Road,Dorm,dormitory,D1,,,,,,', // 2
        'Castle,castle,E08000035,1 Road,,,,,,,,,', // 3 unknown type
        'Far Away,hostel,E08000035,1 Road,,,,95,1,,,,', // 4 bad latitude
        'Half Located,hostel,E08000035,1 Road,,,,53.8,,,,,', // 5 half a location
        'Both,hostel,E08000035,1 Road,,,,,,yes,yes,,', // 6 dormitory and self-contained
        'Backwards,hostel,E08000035,1 Road,,,,,,,,2026-03-06,2026-03-01', // 7 window backwards
        'Good Hostel,,,,Interview,interview,X1,,,,,,', // 8 bed in interview room
        'Good Hostel,,,,Dorm,,d1,,,,,,', // 9 duplicate bed label
        'No Type Yet,,,,,,B1,,,,,,', // 10 new site without its details
        'Short,row', // 11 wrong number of cells
        'Nowhere,hostel,Leeds,1 Road,,,,,,,,,', // 12 area not an ONS code
        'Good Hostel,,,,Dorm,,D2,,,,,,', // 13 good
      ].join('\n');
      const before = await snapshot();
      const res = await upload(csv, user).expect(201);
      expect(res.body.rejected).toEqual([
        { line: 3, errors: [expect.stringMatching(/^site_type: 'castle' is not one of place_of_safety/)] },
        { line: 4, errors: [expect.stringMatching(/^latitude: latitude must be between -90 and 90/)] },
        { line: 5, errors: [expect.stringMatching(/^latitude: a location needs both latitude and longitude/)] },
        { line: 6, errors: [expect.stringMatching(/^dormitory: a site cannot be both dormitory and selfContained/)] },
        { line: 7, errors: [expect.stringMatching(/^available_until: availableUntil must be after availableFrom/)] },
        { line: 8, errors: [expect.stringMatching(/^bed_label: room 'Interview' is a interview room, which cannot hold beds/)] },
        { line: 9, errors: [expect.stringMatching(/^bed_label: bed 'd1' of site 'Good Hostel' is already on line 2/)] },
        { line: 10, errors: [expect.stringMatching(/site 'No Type Yet' is new: its first row needs site_type, local_authority_code, address/)] },
        { line: 11, errors: ['the row has 2 cells but the header has 13'] },
        { line: 12, errors: [expect.stringMatching(/^local_authority_code: 'Leeds' is not an ONS code/)] },
      ]);
      expect(res.body).toMatchObject({ created: 4, sites: { created: 1 }, rooms: { created: 1 }, beds: { created: 2 } });
      const after = await snapshot();
      expect(after.sites - before.sites).toBe(1);
      expect(after.beds - before.beds).toBe(2);
      const names = await t.db.query(`select name from site where organisation_id = $1`, [org.id]);
      expect(names.rows).toEqual([{ name: 'Good Hostel' }]);
      // The rejected row 8 created neither the interview room nor its bed.
      expect(await count(`room r join site s on s.id = r.site_id where s.organisation_id = $1 and r.name = 'Interview'`, [org.id])).toBe(0);
    });

    it('reports the line where a row starts when an earlier cell spans several lines', async () => {
      const csv = `${HEADER}\nA,hostel,E08000035,"line one\nline two\nline three",,,\nB,castle,E08000035,x,,,\n`;
      const res = await upload(csv).expect(201);
      expect(res.body.rejected).toEqual([{ line: 5, errors: [expect.stringMatching(/castle/)] }]);
      const blankLines = `\n\n${HEADER}\n\nC,castle,E08000035,x,,,\r\n`;
      const again = await upload(blankLines).expect(201);
      expect(again.body.rejected).toEqual([{ line: 5, errors: [expect.stringMatching(/castle/)] }]);
    });
  });

  describe('a bad file changes nothing', () => {
    it.each<[string, () => string | Buffer, string, number, string, RegExp]>([
      ['a misspelt header', () => 'site_name,site_typ,local_authority_code,address\nA,hostel,E08000035,x\n', 'text/csv', 400, 'BAD_CSV_HEADER', /unknown columns: site_typ; missing required columns: site_type/],
      ['a header with a stranger column', () => `${HEADER},colour\nA,hostel,E08000035,x,,,,red\n`, 'text/csv', 400, 'BAD_CSV_HEADER', /unknown columns: colour/],
      ['no header at all (data first)', () => 'A,hostel,E08000035,x\n', 'text/csv', 400, 'BAD_CSV_HEADER', /missing required columns: site_name, site_type, local_authority_code, address/],
      ['an empty file', () => '', 'text/csv', 400, 'BAD_CSV', /The file is empty/],
      ['an unclosed quote', () => `${HEADER}\nA,hostel,E08000035,"1 Road,,,\n`, 'text/csv', 400, 'BAD_CSV', /not valid CSV: Quote Not Closed/],
      ['a Latin-1 file', () => Buffer.from(`${HEADER}\nPi\u00eatrowski House,hostel,E08000035,x,,,\n`, 'latin1'), 'text/csv', 415, 'NOT_UTF8', /not UTF-8 text \(first bad character on line 2\)/],
      ['a UTF-16 file from Excel "Unicode text"', () => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${HEADER}\n`, 'utf16le')]), 'text/csv', 415, 'NOT_UTF8', /not UTF-8/],
      ['a declared non-UTF-8 charset', () => `${HEADER}\n`, 'text/csv; charset=iso-8859-1', 415, 'NOT_UTF8', /Only UTF-8 CSV is accepted, not iso-8859-1/],
      ['JSON instead of CSV', () => JSON.stringify({ sites: [] }), 'application/json', 415, 'NOT_CSV', /Content-Type: text\/csv/],
      ['a spreadsheet file', () => Buffer.from('PK\u0003\u0004 not really a zip'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 415, 'NOT_CSV', /CSV UTF-8/],
    ])('refuses %s with a clear 4xx', async (_, body, type, status, code, message) => {
      const before = await snapshot();
      const res = await upload(body(), officer, '', type).expect(status);
      expect(res.body).toMatchObject({ statusCode: status, code });
      expect(JSON.stringify(res.body.message)).toMatch(message);
      expect(await snapshot()).toEqual(before);
    });

    it('refuses a 20 MB upload with 413', async () => {
      const before = await snapshot();
      const row = 'Big House,hostel,E08000035,1 Example Road,Dormitory,dormitory,';
      const lines = [HEADER];
      let size = HEADER.length;
      for (let i = 0; size < 20 * 1024 * 1024; i++) {
        const line = `${row}${i}`;
        lines.push(line);
        size += line.length + 1;
      }
      const res = await upload(lines.join('\n')).expect(413);
      expect(res.body).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: expect.stringMatching(/larger than 5 MB/) });
      expect(await snapshot()).toEqual(before);
    });
  });

  describe('who may import', () => {
    let org: { id: string };
    beforeAll(async () => {
      org = await newOrganisation(t, { kind: 'council' });
    });
    const csv = `${HEADER}\nWho House,hostel,E08000035,1 Road,,,\n`;

    it.each<[string, () => Promise<{ token: string }>, string, number]>([
      ['an operation lead', () => newUser(t, org.id, ['operation_lead']), '', 403],
      ['a partner', () => newUser(t, org.id, ['partner']), '', 403],
      ["a housing officer for another council's organisation", () => newUser(t, org.id, ['housing_officer']), `?organisationId=${'00000000-0000-4000-8000-000000000001'}`, 403],
      ['an admin naming an organisation that does not exist', async () => ({ token: t.adminToken }), '?organisationId=00000000-0000-4000-8000-000000000000', 422],
      ['anyone with a malformed organisation id', async () => ({ token: t.adminToken }), '?organisationId=leeds', 400],
    ])('refuses %s, changing nothing', async (_, who, query, status) => {
      const user = await who();
      const before = await snapshot();
      await upload(csv, user, query).expect(status);
      expect(await snapshot()).toEqual(before);
    });

    it('lets an emergency planner import for their own council', async () => {
      const planner = await newUser(t, org.id, ['emergency_planner']);
      const res = await upload(csv, planner).expect(201);
      expect(res.body.sites.created).toBe(1);
    });

    it('does not collide with a site of the same name in another organisation', async () => {
      const { org: other, user } = await freshCouncil();
      await newSite(t, user.token, other.id, { name: 'Shared Name' });
      const res = await upload(`${HEADER}\nShared Name,hostel,E08000035,1 Road,,,\n`).expect(201);
      expect(res.body.sites.created).toBe(1);
    });
  });
});
