import {
  AgeCategory,
  formatPersonReference,
  Station,
  stationsFor,
  treatedAsChild,
  TriageOutcome,
  triageEffects,
} from '@safe-harbour/domain';
import { addHours, addMinutes } from 'date-fns';
import type { DemoContext, DemoStep } from '../demo/demo-loader';
import { PeopleRepository } from '../people/people.repository';
import { OperationsRepository } from './operations.repository';

/**
 * The demo operation, shaped on the reported one: a labour-exploitation raid near Leeds, the Civic Hall
 * reception centre booked for its five nights, police and health on site, the Red Cross and the safe-house
 * provider on call. Eleven people were de-briefed overnight (six potential victims, one of them age
 * disputed, three suspects, two witnesses) and two more have just arrived. Names are obviously fictional.
 */
export const DEMO_OPERATION = { code: 'KES', name: 'Operation Kestrel (demo)' } as const;

const DEMO_AGENCIES = [
  { name: 'West Yorkshire Police (demo)', kind: 'police', attendance: 'present', contact: 'DS Example (demo)', phone: '01234 000001' },
  { name: 'Leeds Community Healthcare (demo)', kind: 'health', attendance: 'present', contact: 'Duty nurse (demo)', phone: '01234 000002' },
  { name: 'British Red Cross (demo)', kind: 'ngo', attendance: 'on_call', contact: 'Emergency response (demo)', phone: '01234 000003' },
  { name: 'Yorkshire Safe Houses (demo)', kind: 'ngo', attendance: 'on_call', contact: 'Referrals desk (demo)', phone: '01234 000004' },
] as const;

interface DemoPerson {
  given: string;
  sex: 'female' | 'male';
  age: AgeCategory;
  languages: string[];
  outcome: TriageOutcome | null;
  /** Hours after the centre opened that they were registered (and, if triaged, triaged 1 h later). */
  arrivedAfter: number;
  controller?: boolean;
  needs?: Record<string, unknown>;
  /** Stations already finished. */
  done?: Station[];
}

const DEMO_PEOPLE: DemoPerson[] = [
  { given: 'Andrei', sex: 'male', age: 'adult', languages: ['ro'], outcome: 'potential_victim', arrivedAfter: 1, done: ['interpreter', 'police_debrief', 'health_check'] },
  { given: 'Bogdan', sex: 'male', age: 'adult', languages: ['ro'], outcome: 'potential_victim', arrivedAfter: 1, done: ['interpreter', 'police_debrief'] },
  { given: 'Ioana', sex: 'female', age: 'adult', languages: ['ro'], outcome: 'potential_victim', arrivedAfter: 2, needs: { medical: true }, done: ['interpreter', 'police_debrief', 'health_check', 'first_responder'] },
  { given: 'Tomasz', sex: 'male', age: 'adult', languages: ['pl'], outcome: 'potential_victim', arrivedAfter: 2, done: ['police_debrief'] },
  { given: 'Piotr', sex: 'male', age: 'adult', languages: ['pl'], outcome: 'potential_victim', arrivedAfter: 3, needs: { additionalVulnerability: true } },
  { given: 'Elira', sex: 'female', age: 'age_disputed', languages: ['sq'], outcome: 'potential_victim', arrivedAfter: 3, done: ['interpreter'] },
  { given: 'Marius', sex: 'male', age: 'adult', languages: ['ro', 'en'], outcome: 'suspect', arrivedAfter: 1, controller: true, done: ['police_debrief'] },
  { given: 'Viktor', sex: 'male', age: 'adult', languages: ['ro'], outcome: 'suspect', arrivedAfter: 2, done: ['police_debrief'] },
  { given: 'Daniel', sex: 'male', age: 'adult', languages: ['en'], outcome: 'suspect', arrivedAfter: 2 },
  { given: 'Kasia', sex: 'female', age: 'adult', languages: ['pl'], outcome: 'witness', arrivedAfter: 4, done: ['police_debrief'] },
  { given: 'Florin', sex: 'male', age: 'adult', languages: ['ro'], outcome: 'witness', arrivedAfter: 4 },
  { given: 'Mihai', sex: 'male', age: 'adult', languages: ['ro'], outcome: null, arrivedAfter: 20 },
  { given: 'Arben', sex: 'male', age: 'child', languages: ['sq'], outcome: null, arrivedAfter: 21 },
];

export const demoOperation: DemoStep = {
  name: 'operation',
  async load({ manager, now, log }: DemoContext) {
    const [present] = await manager.query(`select exists (select 1 from operation where is_demo) as present`);
    if (present.present) return 'present';
    const [venue] = await manager.query(
      `select s.id, s.organisation_id as "organisationId", s.available_from as "availableFrom", s.available_until as "availableUntil"
       from site s where s.is_demo and s.type = 'reception_centre' and s.local_authority_code = 'E08000035'
       order by s.name limit 1`,
    );
    if (!venue) throw new Error('demo operation: the demo inventory has no Leeds reception centre');

    const operations = new OperationsRepository(manager.connection);
    const people = new PeopleRepository(manager.connection);
    const opensAt: Date = venue.availableFrom ?? addHours(now, -22);
    const agencyIds = new Map<string, string>();
    for (const agency of DEMO_AGENCIES) {
      // demo councils, police and NGOs are designated first responders, as they would be in life
      await manager.query(
        `insert into organisation (name, kind, first_responder, first_responder_type) values ($1, $2::text, $2::text in ('council','police','ngo'),
          case $2::text when 'council' then 'local_authority' when 'police' then 'police' when 'ngo' then 'ngo' end) on conflict do nothing`,
        [agency.name, agency.kind],
      );
      const [org] = await manager.query(`select id from organisation where lower(name) = lower($1)`, [agency.name]);
      agencyIds.set(agency.name, org.id);
    }
    // Police-led; the council that booked the venue hosts the reception centre and owns the beds.
    const operationId = (await operations.insert(manager, {
      code: DEMO_OPERATION.code,
      name: DEMO_OPERATION.name,
      leadOrganisationId: agencyIds.get(DEMO_AGENCIES[0].name)!,
      localAuthorityCode: 'E08000035',
      plannedStart: opensAt.toISOString(),
      expectedPeople: 20,
      exploitationSite: { lat: 53.868, lng: -1.402 },
      createdBy: null,
      isDemo: true,
      status: 'active',
    }))!;
    if (!operationId) throw new Error(`demo operation: operation code ${DEMO_OPERATION.code} is already in use`);
    await operations.insertHostCouncils(manager, operationId, [venue.organisationId]);
    await operations.insertReceptionCentre(
      manager,
      operationId,
      venue.id,
      opensAt.toISOString(),
      (venue.availableUntil ?? addHours(now, 96)).toISOString(),
      null,
    );

    for (const agency of DEMO_AGENCIES) {
      await operations.insertAgency(manager, operationId, {
        organisationId: agencyIds.get(agency.name)!,
        attendance: agency.attendance,
        contactName: agency.contact,
        contactPhone: agency.phone,
        onSiteFrom: agency.attendance === 'present' ? opensAt.toISOString() : undefined,
      });
    }

    for (const [i, p] of DEMO_PEOPLE.entries()) {
      const registeredAt = addHours(opensAt, p.arrivedAfter);
      const seq = await operations.takePersonSeq(manager, operationId);
      const person = await people.insert(manager, {
        operationId,
        seq,
        reference: formatPersonReference(DEMO_OPERATION.code, seq),
        sex: p.sex,
        ageCategory: p.age,
        nationality: null,
        languages: p.languages,
        interpreterNeeded: !p.languages.includes('en'),
        needs: p.needs ?? {},
        groupId: null,
        possibleController: p.controller ?? false,
        childrenServicesReferred: treatedAsChild(p.age),
        registeredBy: null,
        registeredAt,
      });
      await people.insertIdentity(manager, person.id, { givenName: p.given, familyName: `Example-${String(i + 1).padStart(2, '0')}`, aliases: [] });
      if (p.outcome) {
        const triagedAt = addHours(registeredAt, 1);
        const effects = triageEffects(p.outcome, p.age, p.controller);
        await people.update(manager, person.id, {
          triageOutcome: p.outcome,
          triagedAt,
          stage: effects.stage,
          stageSince: triagedAt,
          awaitingBedSince: effects.needsBed ? triagedAt : null,
        });
      }
      const stations = stationsFor({ triageOutcome: p.outcome, ageCategory: p.age, interpreterNeeded: !p.languages.includes('en') });
      await people.addTasks(manager, person.id, stations, registeredAt);
      for (const station of p.done ?? []) {
        if (!stations.includes(station)) continue;
        await people.moveTask(manager, person.id, station, 'done', null);
        await manager.query(`update station_task set started_at = $3, done_at = $3 where person_id = $1 and station = $2`, [
          person.id,
          station,
          addMinutes(registeredAt, 30),
        ]);
      }
    }
    log(`demo operation: ${DEMO_OPERATION.name} (${DEMO_OPERATION.code}), ${DEMO_PEOPLE.length} people at the reception centre`);
    return 'loaded';
  },
};
