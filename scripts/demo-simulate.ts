/**
 * Plays a reported operation night through the public API, in accelerated real time, so anyone can watch
 * the dashboard move: a planned raid, a reception centre, 11 people de-briefed (6 potential victims,
 * 3 suspects, 2 witnesses), beds found for the victims, NRM referrals, one person going missing and a bed
 * taken out of service. Shape from the council case study in shared/docs/domain.md.
 *
 *   npm start                    # in one terminal (embedded database with demo data)
 *   npm run demo:simulate        # in another; open http://127.0.0.1:3000 and watch
 *
 * Options (environment): SIM_URL (default http://127.0.0.1:$PORT, PORT defaulting to 3000), SIM_EMAIL / SIM_PASSWORD (default the demo
 * admin), SIM_SPEED (simulated minutes per real second, default 2), SIM_AREA (default E08000035).
 */
// The server's own PORT (and HOST) when SIM_URL is not given: `PORT=3100 npm start` and `PORT=3100 npm run demo:simulate`.
const base = process.env.SIM_URL ?? `http://${process.env.HOST && process.env.HOST !== '0.0.0.0' ? process.env.HOST : '127.0.0.1'}:${process.env.PORT ?? 3000}`;
const email = process.env.SIM_EMAIL ?? 'admin@safe-harbour.test';
const password = process.env.SIM_PASSWORD ?? 'change-me-on-first-login';
const speed = Number(process.env.SIM_SPEED ?? 2);
const area = process.env.SIM_AREA ?? 'E08000035';

let token = '';

async function call<T = any>(method: string, path: string, body?: unknown, okIf: (s: number) => boolean = (s) => s < 300): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base}/api/v1${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const parsed = text ? JSON.parse(text) : null;
  if (!okIf(res.status)) throw new Error(`${method} ${path} -> ${res.status} ${text.slice(0, 300)}`);
  return { status: res.status, body: parsed };
}

const minutes = (n: number) => new Promise((r) => setTimeout(r, (n * 1000) / speed));
const log = (what: string) => console.log(`${new Date().toLocaleTimeString('en-GB')}  ${what}`);
const list = <T>(body: T[] | { items: T[] }): T[] => (Array.isArray(body) ? body : body.items);

async function main() {
  token = (await call('POST', '/auth/login', { email, password })).body.accessToken;
  const organisations = list<any>((await call('GET', '/organisations')).body);
  const council = organisations.find((o) => o.kind === 'council' && o.localAuthorityCode === area) ?? organisations.find((o) => o.kind === 'council');
  if (!council) throw new Error('No council organisation found: start the server with demo data (npm start) first');

  const code = `SIM${String.fromCharCode(65 + (Date.now() % 26))}`;
  const op = (await call('POST', '/operations', {
    name: `Operation Night Watch ${new Date().toISOString().slice(11, 16)}`,
    leadOrganisationId: council.id,
    localAuthorityCode: council.localAuthorityCode ?? area,
    plannedStart: new Date().toISOString(),
    expectedPeople: 20,
    exploitationSite: { lat: 53.7456, lng: -1.6036 },
  })).body;
  log(`Planned ${op.name} (${op.code ?? code}) — open ${base}/?operation=${op.id}`);

  // Book the first reception or respite centre that is free tonight.
  const venues = [
    ...list<any>((await call('GET', `/sites?type=reception_centre&limit=50`)).body),
    ...list<any>((await call('GET', `/sites?type=respite_centre&limit=50`)).body),
  ];
  const opensAt = new Date();
  const closesAt = new Date(opensAt.getTime() + 2 * 24 * 3600_000);
  for (const venue of venues) {
    const booked = await call('POST', `/operations/${op.id}/reception-centres`, { siteId: venue.id, opensAt: opensAt.toISOString(), closesAt: closesAt.toISOString() }, () => true);
    if (booked.status < 300) {
      log(`Booked ${venue.name} as the reception centre for two nights`);
      break;
    }
  }
  for (const agency of organisations.filter((o) => o.id !== council.id).slice(0, 4)) {
    const attendance = agency.kind === 'police' || agency.kind === 'health' ? 'present' : 'on_call';
    await call('POST', `/operations/${op.id}/agencies`, { organisationId: agency.id, attendance, contactName: 'Duty officer', contactPhone: '0113 496 0000' }, () => true);
  }
  await call('PATCH', `/operations/${op.id}`, { status: 'active' });
  log('Operation active: the raid is under way');
  await minutes(10);

  const outcomes = ['potential_victim', 'potential_victim', 'suspect', 'potential_victim', 'witness', 'potential_victim', 'suspect', 'potential_victim', 'witness', 'potential_victim', 'suspect'];
  const victims: Array<{ id: string; reference: string }> = [];
  for (const [i, outcome] of outcomes.entries()) {
    const person = (await call('POST', `/operations/${op.id}/people`, {
      sex: i % 3 === 0 ? 'female' : 'male',
      ageCategory: 'adult',
      nationality: ['Romanian', 'Vietnamese', 'Albanian', 'Polish'][i % 4],
      languages: [['ro'], ['vi'], ['sq'], ['pl']][i % 4],
      interpreterNeeded: true,
      needs: {},
    })).body;
    log(`Registered ${person.reference}`);
    await minutes(4);
    await call('POST', `/people/${person.id}/triage`, { outcome });
    log(`${person.reference} triaged: ${outcome.replace('_', ' ')}`);
    if (outcome === 'potential_victim') victims.push(person);
    await minutes(3);
  }

  for (const victim of victims) {
    const options = (await call('GET', `/people/${victim.id}/bed-options?limit=5`)).body;
    const best = options.items?.[0];
    if (!best) {
      log(`${victim.reference}: no suitable bed found — waits at the centre`);
      continue;
    }
    const placed = await call('POST', '/placements', { personId: victim.id, bedId: best.bedId, from: new Date().toISOString(), kind: 'placement' }, () => true);
    log(placed.status < 300 ? `${victim.reference} placed (score ${best.score})` : `${victim.reference}: bed taken meanwhile (${placed.status})`);
    await minutes(6);
  }

  for (const [i, victim] of victims.entries()) {
    const declines = i === victims.length - 1;
    const referral = await call(
      'POST',
      `/people/${victim.id}/referrals`,
      { kind: declines ? 'duty_to_notify' : 'nrm', consent: !declines, submittedAt: new Date().toISOString(), firstResponderOrganisationId: council.id },
      () => true,
    );
    log(referral.status < 300 ? `${victim.reference}: ${declines ? 'declined the NRM — Duty to Notify made' : 'NRM referral submitted'}` : `${victim.reference}: referral not recorded (${referral.status})`);
    await minutes(2);
  }

  if (victims[1]) {
    const missing = await call('POST', `/people/${victims[1].id}/missing`, { reportedAt: new Date().toISOString() }, () => true);
    log(missing.status < 300 ? `${victims[1].reference} reported MISSING — bed held` : `missing report not recorded (${missing.status})`);
  }

  const sites = list<any>((await call('GET', `/sites?localAuthorityCode=${council.localAuthorityCode ?? area}&limit=20`)).body);
  for (const site of sites) {
    const beds = list<any>((await call('GET', `/sites/${site.id}/beds`)).body);
    const free = beds.find((b) => b.status === 'available');
    if (free) {
      await call('PATCH', `/beds/${free.id}`, { status: 'out_of_service', reason: 'damaged' });
      log(`Bed ${free.label} at ${site.name} out of service (damaged)`);
      break;
    }
  }
  log('Night simulated. The dashboard keeps the picture; run again for another operation.');
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
