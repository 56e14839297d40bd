import { AccessRole, Capability, capabilitiesIn, OperationPart } from '@safe-harbour/domain';
import { randomUUID } from 'node:crypto';
import { Role } from '../apps/api/src/auth/roles';
import { newOrganisation, newUser, TestUser } from './support/factories';
import { DEFAULT_SITE_ATTRIBUTES } from './support/placement-world';
import { bearer, startTestApp, TestApp } from './support/test-app';

jest.setTimeout(600_000);

/**
 * The route matrix of issue #13: every route of the OpenAPI document, for every role in every relation to
 * one operation, with the status the rules say. Reads go against real objects (so object-level access is
 * exercised); writes go with an empty body, so they show who gets past the route's role check (403 before
 * validation) — what they may then change is the object-level check the feature tests exercise.
 *
 * The expectations are this file's RULES, written in terms of the capability table of
 * @safe-harbour/domain (docs/access.md). A route missing from RULES fails the test.
 */

type Relation = 'lead' | 'host' | 'agency' | 'partner_agency' | 'agreement' | 'unrelated';
const RELATIONS: Relation[] = ['lead', 'host', 'agency', 'partner_agency', 'agreement', 'unrelated'];
const ROLES: Role[] = ['emergency_planner', 'housing_officer', 'operation_lead', 'partner', 'reception_officer', 'case_worker'];

const PARTS: Record<Relation, OperationPart[]> = {
  lead: ['lead'],
  host: ['host'],
  agency: ['agency'],
  partner_agency: ['agency'],
  agreement: ['data_sharing'],
  unrelated: [],
};
/** What the matrix's data-sharing agreement shares. */
const SHARED = ['counts', 'references'] as const;

interface Caller {
  role: Role | 'admin';
  relation: Relation | 'admin';
}

const isAdmin = (c: Caller) => c.role === 'admin';
const caps = (c: Caller): Set<Capability> => capabilitiesIn({ roles: [c.role] }, isAdmin(c) ? [] : PARTS[c.relation as Relation], [...SHARED]);
const can = (c: Caller, capability: Capability) => caps(c).has(capability);
/** Housing officers, planners and operation leads find every site; others their own organisation's (the host's here). */
const seesHostSite = (c: Caller) => isAdmin(c) || ['housing_officer', 'emergency_planner', 'operation_lead'].includes(c.role) || c.relation === 'host';

const ANY: Array<Role | 'admin'> = ['admin', ...ROLES];
const PLACERS: Array<Role | 'admin'> = ['admin', 'housing_officer', 'emergency_planner', 'operation_lead'];
const REPORTERS: Array<Role | 'admin'> = ['admin', 'emergency_planner', 'operation_lead', 'housing_officer'];
const CENTRE_STAFF: Array<Role | 'admin'> = ['admin', 'emergency_planner', 'operation_lead', 'housing_officer', 'reception_officer'];
const RECORDERS: Array<Role | 'admin'> = ['admin', 'emergency_planner', 'operation_lead', 'housing_officer', 'case_worker'];
const INVENTORY_KEEPERS: Array<Role | 'admin'> = ['admin', 'housing_officer', 'emergency_planner'];

/** 200 when the caller may, else 404 (cannot see it) or 403 (sees it, may not do this). */
const ok = 200;
const opRead = (c: Caller, extra?: Capability) => (!can(c, 'view') ? 404 : extra && !can(c, extra) ? 403 : ok);

interface Rule {
  roles: Array<Role | 'admin'>;
  /** Reads: the expected status for a caller the route's roles admit. */
  read?: (c: Caller) => number | number[];
  /**
   * Writes whose empty body is a valid request (a PATCH of nothing, a confirm): the expected status for a
   * caller the route's roles admit, so the object-level check is exercised too. Other writes with an empty
   * body are 400 (or 403/404/422), never 2xx.
   */
  write?: (c: Caller) => number | number[];
}

/** A write that needs `capability` in the operation: 404 when it is invisible, 403 when visible. */
const opWrite = (capability: Capability, done = ok) => (c: Caller) => (!can(c, 'view') ? 404 : can(c, capability) ? done : 403);
/** The host council's housing officers and planners (and admins) keep its sites. */
const manageHostSite = (c: Caller) => (isAdmin(c) || (c.relation === 'host' && ['housing_officer', 'emergency_planner'].includes(c.role)) ? ok : seesHostSite(c) ? 403 : 404);
/** A placement: the operation's placers and the bed's owner act (the placement is active: confirm is 409). */
const placementAct = (done: number) => (c: Caller) =>
  can(c, 'place_people') || (c.relation === 'host' && ['housing_officer', 'emergency_planner'].includes(c.role)) ? done : 404;

const RULES: Record<string, Rule> = {
  'GET /api/health': { roles: ANY, read: () => ok },
  'POST /api/v1/auth/login': { roles: ANY },
  'GET /api/v1/users/me': { roles: ANY, read: () => ok },
  'GET /api/v1/users/{id}': { roles: ANY, read: (c) => (isAdmin(c) || c.relation === 'host' ? ok : 404) },
  'POST /api/v1/users': { roles: ['admin'] },
  'PATCH /api/v1/users/{id}': { roles: ['admin'] },
  'GET /api/v1/organisations': { roles: ANY, read: () => ok },
  'GET /api/v1/organisations/{id}': { roles: ANY, read: (c) => (isAdmin(c) || c.relation === 'host' ? ok : 404) },
  'POST /api/v1/organisations': { roles: ['admin'] },
  // an admin's PATCH of nothing: a no-op (200) or refused as empty (400)
  'PATCH /api/v1/organisations/{id}': { roles: ['admin'], write: () => [200, 400] },
  'GET /api/v1/audit': { roles: ['admin'], read: () => ok },
  'POST /api/v1/agreements': { roles: ['admin', 'emergency_planner'] },
  'GET /api/v1/agreements': { roles: ['admin', 'emergency_planner', 'housing_officer', 'operation_lead'], read: () => ok },

  'GET /api/v1/sites': { roles: ANY, read: () => ok },
  'POST /api/v1/sites': { roles: INVENTORY_KEEPERS },
  // the CSV body parser answers a JSON body 415 before anything else (nothing is read or written)
  'POST /api/v1/sites/import': { roles: ANY, write: () => 415 },
  'POST /api/v1/sites/import/preview': { roles: ANY, write: () => 415 },
  // the inventory keepers' own beds waiting to be turned round (scoped by the service)
  'GET /api/v1/turnaround': { roles: INVENTORY_KEEPERS, read: () => ok },
  'GET /api/v1/sites/{id}': { roles: ANY, read: (c) => (seesHostSite(c) ? ok : 404) },
  'PATCH /api/v1/sites/{id}': { roles: INVENTORY_KEEPERS, write: manageHostSite },
  'GET /api/v1/sites/{id}/rooms': { roles: ANY, read: (c) => (seesHostSite(c) ? ok : 404) },
  'POST /api/v1/sites/{id}/rooms': { roles: INVENTORY_KEEPERS },
  'GET /api/v1/sites/{id}/beds': { roles: ANY, read: (c) => (seesHostSite(c) ? ok : 404) },
  'POST /api/v1/sites/{id}/beds': { roles: INVENTORY_KEEPERS },
  'GET /api/v1/sites/{id}/readiness': { roles: ANY, read: (c) => (seesHostSite(c) ? ok : 404) },
  'PATCH /api/v1/sites/{id}/readiness': { roles: INVENTORY_KEEPERS },
  'GET /api/v1/beds/{id}': { roles: ANY, read: (c) => (seesHostSite(c) ? ok : 404) },
  'PATCH /api/v1/beds/{id}': { roles: INVENTORY_KEEPERS },
  'GET /api/v1/beds/{id}/history': { roles: ANY, read: (c) => (seesHostSite(c) ? ok : 404) },

  'POST /api/v1/operations': { roles: ['admin', 'emergency_planner', 'operation_lead'] },
  'GET /api/v1/operations': { roles: ANY, read: () => ok },
  'GET /api/v1/operations/{id}': { roles: ANY, read: (c) => opRead(c) },
  'PATCH /api/v1/operations/{id}': { roles: ['admin', 'emergency_planner', 'operation_lead'], write: opWrite('plan') },
  'GET /api/v1/operations/{id}/summary': { roles: ANY, read: (c) => opRead(c) },
  'POST /api/v1/operations/{id}/reception-centres': { roles: ['admin', 'emergency_planner', 'operation_lead'] },
  'GET /api/v1/operations/{id}/reception-centres': { roles: ANY, read: (c) => opRead(c) },
  'GET /api/v1/operations/{id}/readiness': { roles: ANY, read: (c) => opRead(c) },
  'POST /api/v1/operations/{id}/agencies': { roles: ['admin', 'emergency_planner', 'operation_lead'] },
  'GET /api/v1/operations/{id}/agencies': { roles: ANY, read: (c) => opRead(c) },
  'PATCH /api/v1/operations/{id}/agencies/{agencyId}': { roles: ['admin', 'emergency_planner', 'operation_lead'], write: opWrite('plan') },

  'POST /api/v1/operations/{operationId}/people': { roles: CENTRE_STAFF },
  'GET /api/v1/operations/{operationId}/people': { roles: ANY, read: (c) => opRead(c) },
  'POST /api/v1/operations/{operationId}/groups': { roles: CENTRE_STAFF },
  'GET /api/v1/operations/{operationId}/groups': { roles: ANY, read: (c) => opRead(c) },
  'GET /api/v1/operations/{operationId}/stations': { roles: ANY, read: (c) => opRead(c) },
  'GET /api/v1/people/{id}': { roles: ANY, read: (c) => opRead(c) },
  'PATCH /api/v1/people/{id}': { roles: CENTRE_STAFF, write: opWrite('work_with_people') },
  'POST /api/v1/people/{id}/triage': { roles: CENTRE_STAFF },
  // names: the usual readers with see_personal_data; an admin without a reason breaks no glass (403)
  'GET /api/v1/people/{id}/identity': {
    roles: [...CENTRE_STAFF, 'case_worker'],
    read: (c) => (isAdmin(c) ? 403 : opRead(c, 'see_personal_data')),
  },
  'PATCH /api/v1/people/{id}/identity': {
    roles: CENTRE_STAFF,
    write: (c) => (!can(c, 'view') ? 404 : can(c, 'work_with_people') && can(c, 'see_personal_data') ? ok : 403),
  },
  'POST /api/v1/people/{id}/merge': { roles: CENTRE_STAFF },
  'GET /api/v1/people/{id}/stations': { roles: ANY, read: (c) => opRead(c) },
  'PATCH /api/v1/people/{id}/stations/{station}': { roles: CENTRE_STAFF },
  'POST /api/v1/people/{id}/referrals': { roles: RECORDERS },
  'POST /api/v1/people/{id}/decisions': { roles: RECORDERS },
  'POST /api/v1/people/{id}/missing': { roles: [...RECORDERS, 'reception_officer'] },
  'POST /api/v1/people/{id}/found': { roles: [...RECORDERS, 'reception_officer'] },
  'POST /api/v1/people/{id}/exit': { roles: RECORDERS },
  'POST /api/v1/people/{id}/reconsiderations': { roles: RECORDERS },
  'POST /api/v1/people/{id}/reconsiderations/{rid}/outcome': { roles: RECORDERS },
  'POST /api/v1/people/{id}/age-assessments': { roles: RECORDERS },
  'POST /api/v1/people/{id}/recovery-needs-assessments': { roles: RECORDERS },
  'POST /api/v1/people/{id}/recovery-needs-assessments/{aid}/outcome': { roles: RECORDERS },
  'POST /api/v1/people/{id}/adult-consent': { roles: RECORDERS },
  'POST /api/v1/people/{id}/guardian-referrals': { roles: RECORDERS },
  'POST /api/v1/people/{id}/withdrawals': { roles: RECORDERS },
  'POST /api/v1/people/{id}/disqualifications': { roles: RECORDERS },
  'GET /api/v1/people/{id}/timeline': { roles: ANY, read: (c) => opRead(c) },

  'POST /api/v1/placements': { roles: PLACERS },
  'POST /api/v1/placements/group': { roles: PLACERS },
  'POST /api/v1/placements/family': { roles: PLACERS },
  // what beds cost: the operation's own parties (lead, host, roster), never a data-sharing party
  'GET /api/v1/costs': { roles: PLACERS, read: (c) => (isAdmin(c) || (can(c, 'view') && c.relation !== 'agreement') ? ok : 404) },
  // the operation's placers and the council owning the bed (the host here) act; others who see it read narrowly
  'GET /api/v1/placements/{id}': { roles: [...PLACERS, 'partner'], read: (c) => opRead(c) },
  'POST /api/v1/placements/{id}/confirm': { roles: PLACERS, write: placementAct(409) },
  'POST /api/v1/placements/{id}/end': { roles: PLACERS },
  'POST /api/v1/placements/{id}/transfer': { roles: PLACERS },
  'POST /api/v1/placements/{id}/arrival': { roles: PLACERS },
  'GET /api/v1/people/{id}/bed-options': { roles: PLACERS, read: (c) => (!can(c, 'view') ? 404 : can(c, 'place_people') ? ok : 404) },
  'GET /api/v1/occupancy': { roles: [...PLACERS, 'partner'], read: (c) => opRead(c) },

  'GET /api/v1/reports/statistics': { roles: REPORTERS, read: () => ok },
  'GET /api/v1/reports/export.json': { roles: REPORTERS, read: () => ok },
  'GET /api/v1/reports/export.csv': { roles: REPORTERS, read: () => ok },
  'GET /api/v1/reports/cases.csv': { roles: ['admin', 'emergency_planner'], read: () => ok },
  'GET /api/v1/reports/occupancy-history': { roles: [...REPORTERS, 'partner'], read: (c) => opRead(c) },
  'GET /api/v1/reports/funnel-history': { roles: [...REPORTERS, 'partner'], read: (c) => opRead(c) },
  'GET /api/v1/forecast': { roles: REPORTERS, read: () => ok },
  // Casework (#16): the worklist is scoped to what the caller may see; the hand-over withholds names rather
  // than refusing them.
  'GET /api/v1/worklist': { roles: ANY, read: () => ok },
  'GET /api/v1/people/{id}/handover': { roles: ANY, read: (c) => opRead(c) },
  // Administration and data protection (#17).
  'GET /api/v1/users': { roles: ['admin'], read: () => ok },
  'POST /api/v1/users/{id}/password-reset': { roles: ['admin'], write: () => 201 },
  'POST /api/v1/auth/password-reset': { roles: ANY },
  'GET /api/v1/audit/export.csv': { roles: ['admin'], read: () => ok },
  'GET /api/v1/people/{id}/viewed-by': { roles: [...REPORTERS, 'reception_officer', 'case_worker'], read: (c) => (isAdmin(c) ? ok : opRead(c, 'see_personal_data')) },
  'GET /api/v1/people/{id}/subject-access-export': {
    roles: ['admin', 'emergency_planner'],
    // An admin, or an emergency planner of the organisation that leads the operation.
    read: (c) => (isAdmin(c) || c.relation === 'lead' ? ok : !can(c, 'view') ? 404 : 403),
  },
  'GET /api/v1/retention/schedule': { roles: ['admin'], read: () => ok },
  'POST /api/v1/retention/runs': { roles: ['admin'], write: () => 201 },
  'GET /api/v1/retention/runs': { roles: ['admin'], read: () => ok },
  'GET /api/v1/retention/runs/{runId}': { roles: ['admin'], read: () => 404 },
  'POST /api/v1/legal-holds': { roles: ['admin'] },
  'GET /api/v1/legal-holds': { roles: ['admin'], read: () => ok },
  'POST /api/v1/legal-holds/{holdId}/release': { roles: ['admin'] },
};

describe('the route matrix: every route x role x relation', () => {
  let t: TestApp;
  let routes: Array<{ method: string; path: string }>;
  const callers: Array<Caller & { user: TestUser | { token: string } }> = [];
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp({ LOGIN_RATE_LIMIT: '10000' });
    const doc = (await t.http.get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => ['get', 'post', 'patch', 'put', 'delete'].includes(m))
        .map((m) => ({ method: m.toUpperCase(), path })),
    );

    const s = randomUUID().slice(0, 6);
    const orgs: Record<Relation, { id: string }> = {
      lead: await newOrganisation(t, { name: `Police ${s}`, kind: 'police' }),
      host: await newOrganisation(t, { name: `Host council ${s}`, kind: 'council', localAuthorityCode: 'E08000035' }),
      agency: await newOrganisation(t, { name: `Health ${s}`, kind: 'health' }),
      partner_agency: await newOrganisation(t, { name: `Charity ${s}`, kind: 'ngo' }),
      agreement: await newOrganisation(t, { name: `Neighbour council ${s}`, kind: 'council', localAuthorityCode: 'E08000032' }),
      unrelated: await newOrganisation(t, { name: `Far council ${s}`, kind: 'council', localAuthorityCode: 'E06000001' }),
    };
    for (const relation of RELATIONS) {
      for (const role of ROLES) callers.push({ role, relation, user: await newUser(t, orgs[relation].id, [role]) });
    }
    callers.push({ role: 'admin', relation: 'admin', user: { token: t.adminToken } });
    const hostPlanner = callers.find((c) => c.relation === 'host' && c.role === 'emergency_planner')!.user as TestUser;
    const hostOfficer = callers.find((c) => c.relation === 'host' && c.role === 'housing_officer')!.user as TestUser;
    const as = (u: TestUser) => bearer(u.token);

    const op = await t.http
      .post('/api/v1/operations')
      .set(as(hostPlanner))
      .send({ name: `Operation ${s}`, leadOrganisationId: orgs.lead.id, hostCouncilIds: [orgs.host.id], localAuthorityCode: 'E08000035', plannedStart: new Date().toISOString(), expectedPeople: 5 })
      .expect(201);
    ids.operation = op.body.id;
    const policeLead = callers.find((c) => c.relation === 'lead' && c.role === 'operation_lead')!.user as TestUser;
    await t.http.patch(`/api/v1/operations/${op.body.id}`).set(as(policeLead)).send({ status: 'active' }).expect(200);
    const agency = await t.http
      .post(`/api/v1/operations/${op.body.id}/agencies`)
      .set(as(hostPlanner))
      .send({ organisationId: orgs.agency.id, attendance: 'present', contactName: 'Duty nurse', contactPhone: '0113 000 0000' })
      .expect(201);
    ids.agency = agency.body.id;
    await t.http
      .post(`/api/v1/operations/${op.body.id}/agencies`)
      .set(as(hostPlanner))
      .send({ organisationId: orgs.partner_agency.id, attendance: 'on_call', contactName: 'Desk', contactPhone: '0113 000 0001' })
      .expect(201);
    await t.http
      .post('/api/v1/agreements')
      .set(as(hostPlanner))
      .send({ kind: 'data_sharing', organisationIds: [orgs.host.id, orgs.agreement.id], from: new Date(Date.now() - 60_000).toISOString(), reference: 'DSA-M', scope: { classes: SHARED } })
      .expect(201);

    const site = await t.http
      .post('/api/v1/sites')
      .set(as(hostOfficer))
      .send({ name: `Safe house ${s}`, type: 'safe_house', organisationId: orgs.host.id, localAuthorityCode: 'E08000035', address: '1 Example Street', attributes: DEFAULT_SITE_ATTRIBUTES })
      .expect(201);
    ids.site = site.body.id;
    const room = await t.http.post(`/api/v1/sites/${site.body.id}/rooms`).set(as(hostOfficer)).send({ name: 'Bedroom', kind: 'bedroom' }).expect(201);
    ids.bed = (await t.http.post(`/api/v1/sites/${site.body.id}/beds`).set(as(hostOfficer)).send({ roomId: room.body.id, label: 'B1' }).expect(201)).body.id;
    const person = await t.http
      .post(`/api/v1/operations/${op.body.id}/people`)
      .set(as(hostOfficer))
      .send({ sex: 'female', ageCategory: 'adult', languages: ['en'], interpreterNeeded: false, needs: {}, givenName: 'Matrix' })
      .expect(201);
    ids.person = person.body.id;
    await t.http.post(`/api/v1/people/${person.body.id}/triage`).set(as(hostOfficer)).send({ outcome: 'potential_victim' }).expect(200);
    ids.placement = (
      await t.http.post('/api/v1/placements').set(as(hostOfficer)).send({ personId: person.body.id, bedId: ids.bed, from: new Date().toISOString(), kind: 'placement' }).expect(201)
    ).body.id;
    ids.hostUser = hostPlanner.id;
    ids.hostOrganisation = orgs.host.id;
  });
  afterAll(() => t.close());

  /** A concrete URL for a documented path: ids of the matrix's own objects, queries the route needs. */
  function urlFor(path: string): string {
    const id = (): string => {
      if (path.startsWith('/api/v1/users/')) return ids.hostUser;
      if (path.startsWith('/api/v1/organisations/')) return ids.hostOrganisation;
      if (path.startsWith('/api/v1/sites/')) return ids.site;
      if (path.startsWith('/api/v1/beds/')) return ids.bed;
      if (path.startsWith('/api/v1/placements/')) return ids.placement;
      if (path.startsWith('/api/v1/people/')) return ids.person;
      return ids.operation;
    };
    const url = path
      .replace('{operationId}', ids.operation)
      .replace('{agencyId}', ids.agency)
      .replace('{station}', 'interpreter')
      .replace('{rid}', '00000000-0000-4000-8000-000000000001')
      .replace('{aid}', '00000000-0000-4000-8000-000000000002')
      .replace('{runId}', '00000000-0000-4000-8000-000000000003')
      .replace('{holdId}', '00000000-0000-4000-8000-000000000004')
      .replace('{id}', id());
    const query: Record<string, string> = {
      '/api/v1/occupancy': `operationId=${ids.operation}`,
      '/api/v1/reports/occupancy-history': `operationId=${ids.operation}`,
      '/api/v1/reports/funnel-history': `operationId=${ids.operation}`,
      '/api/v1/forecast': 'localAuthorityCode=E08000035',
      '/api/v1/costs': `operationId=${ids.operation}`,
    };
    return query[path] ? `${url}?${query[path]}` : url;
  }

  it('knows every route of the OpenAPI document', () => {
    const documented = routes.map((r) => `${r.method} ${r.path}`);
    expect(documented.filter((r) => !RULES[r])).toEqual([]);
    expect(Object.keys(RULES).filter((r) => !documented.includes(r))).toEqual([]);
  });

  it('every caller gets the status the rules say', async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      const rule = RULES[`${route.method} ${route.path}`];
      if (!rule || route.path === '/api/v1/auth/login' || route.path === '/api/health') continue;
      const url = urlFor(route.path);
      for (const caller of callers) {
        const req = t.http[route.method.toLowerCase() as 'get' | 'post' | 'patch'](url).set(bearer(caller.user.token));
        const res = route.method === 'GET' ? await req : await req.send({});
        const admitted = rule.roles.includes(caller.role);
        let expected: number[];
        if (!admitted) expected = [route.path.startsWith('/api/v1/sites/import') ? 415 : 403];
        else if (route.method === 'GET') expected = ([] as number[]).concat(rule.read!(caller));
        else if (rule.write) expected = ([] as number[]).concat(rule.write(caller));
        else expected = [400, 403, 404, 415, 422]; // an empty body never changes anything
        if (!expected.includes(res.status)) {
          wrong.push(`${route.method} ${url.replace(/[0-9a-f-]{36}/g, ':id')} as ${caller.role}@${caller.relation}: ${res.status}, expected ${expected.join('|')}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
