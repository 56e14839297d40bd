import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface SummaryFacts {
  at: Date;
  people: { total: number; children: number; ageDisputed: number; adults: number; possibleControllers: number; keepApart: number };
  byTriageOutcome: Record<string, number>;
  byStage: Record<string, number>;
  awaitingBed: Array<{ personId: string; reference: string; stage: string; since: Date; waitingMinutes: number }>;
  beds: { total: number; available: number; reserved: number; occupied: number; outOfService: number; closed: number };
  agencies: { present: number; onCall: number };
  stations: Array<{ station: string; queued: number; inProgress: number; done: number; longestWaitMinutes: number | null }>;
  missingPeople: Array<{ personId: string; reference: string; reportedAt: string; bedHoldEndsAt: string | null; bedReleased: boolean }>;
  nextDeadlines: Array<{ personId: string; reference: string; kind: string; dueAt: string; rule: string; policyVersion: string; state: string; effect: string }>;
  funnel: { registered: number; triaged: number; potentialVictims: number; placed: number; referredOrNotified: number; rgDecided: number };
  agencyRoster: Array<{ organisationId: string; name: string; kind: string; attendance: 'present' | 'on_call'; contactName: string | null; contactPhone: string | null }>;
  stillInCentre: Array<{ personId: string; reference: string; bedLabel: string; since: string; centreClosesAt: string; pastCentreWindow: boolean }>;
}

/**
 * The operation's picture in one statement, read in the same REPEATABLE READ snapshot as its live
 * position (OperationSummaryService): a client that applies the events after it never double-counts or
 * misses a person.
 */
@Injectable()
export class OperationSummaryRepository {
  async facts(manager: EntityManager, operationId: string): Promise<SummaryFacts> {
    const [row] = await manager.query(
      `with people as (
         select * from person where operation_id = $1 and merged_into_person_id is null
       ), centre_beds as (
         select b.status from bed b where b.site_id in (select site_id from reception_centre where operation_id = $1)
       )
       select now() as at,
              (select json_build_object(
                 'total', count(*),
                 'children', count(*) filter (where age_category <> 'adult'),
                 'ageDisputed', count(*) filter (where age_category = 'age_disputed'),
                 'adults', count(*) filter (where age_category = 'adult'),
                 'possibleControllers', count(*) filter (where possible_controller),
                 'keepApart', count(*) filter (where keep_apart)) from people) as people,
              (select coalesce(json_object_agg(outcome, n), '{}'::json) from (
                 select coalesce(triage_outcome, 'untriaged') as outcome, count(*) as n from people group by 1) t) as "byTriageOutcome",
              (select coalesce(json_object_agg(stage, n), '{}'::json) from (
                 select stage, count(*) as n from people group by stage) s) as "byStage",
              (select coalesce(json_agg(w order by w.since, w.reference), '[]'::json) from (
                 select id as "personId", reference, stage, awaiting_bed_since as since,
                        floor(extract(epoch from now() - awaiting_bed_since) / 60)::int as "waitingMinutes"
                 from people where awaiting_bed_since is not null) w) as "awaitingBed",
              (select json_build_object(
                 'total', count(*),
                 'available', count(*) filter (where status = 'available'),
                 'reserved', count(*) filter (where status = 'reserved'),
                 'occupied', count(*) filter (where status = 'occupied'),
                 'outOfService', count(*) filter (where status = 'out_of_service'),
                 'closed', count(*) filter (where status = 'closed')) from centre_beds) as beds,
              (select json_build_object(
                 'present', count(*) filter (where attendance = 'present'),
                 'onCall', count(*) filter (where attendance = 'on_call'))
               from operation_agency where operation_id = $1) as agencies,
              (select coalesce(json_agg(q order by q.station), '[]'::json) from (
                 select st.station,
                        count(*) filter (where st.status = 'queued') as queued,
                        count(*) filter (where st.status = 'in_progress') as "inProgress",
                        count(*) filter (where st.status = 'done') as done,
                        floor(extract(epoch from now() - min(st.queued_at) filter (where st.status = 'queued')) / 60)::int as "longestWaitMinutes"
                 from station_task st join people p on p.id = st.person_id
                 group by st.station) q) as stations,
              (select coalesce(json_agg(m order by m."reportedAt", m.reference), '[]'::json) from (
                 select p.id as "personId", p.reference, me.reported_at as "reportedAt",
                        (select d.due_at from deadline d
                         where d.person_id = p.id and d.kind = 'bed_hold_ends' and d.state in ('pending','due_soon','overdue')) as "bedHoldEndsAt",
                        me.bed_released_at is not null as "bedReleased"
                 from missing_episode me join people p on p.id = me.person_id
                 where me.found_at is null and p.stage = 'missing') m) as "missingPeople",
              -- what needs attention: overdue, or due within the next 72 hours
              (select coalesce(json_agg(n order by n."dueAt", n.reference, n.kind), '[]'::json) from (
                 select p.id as "personId", p.reference, d.kind, d.due_at as "dueAt", d.rule, d.policy_version as "policyVersion",
                        d.state, d.effect
                 from deadline d join people p on p.id = d.person_id
                 where d.state in ('pending','due_soon','overdue') and d.due_at <= now() + interval '72 hours') n) as "nextDeadlines",
              -- the operation funnel: registered -> triaged -> potential victims -> placed -> referred/notified -> RG decided
              (select json_build_object(
                 'registered', count(*),
                 'triaged', count(*) filter (where triage_outcome is not null),
                 'potentialVictims', count(*) filter (where triage_outcome = 'potential_victim'),
                 'placed', count(*) filter (where exists (
                    select 1 from placement pl where pl.person_id = people.id and pl.status in ('reserved','active','ended'))),
                 'referredOrNotified', count(*) filter (where exists (select 1 from referral r where r.person_id = people.id)),
                 'rgDecided', count(*) filter (where exists (
                    select 1 from decision d where d.person_id = people.id and d.kind = 'reasonable_grounds')))
               from people) as funnel,
              -- who is on site and whom to call, at a glance (agency staff contacts, not personal data of victims)
              (select coalesce(json_agg(a order by a.attendance desc, a.name), '[]'::json) from (
                 select oa.organisation_id as "organisationId", o.name, o.kind, oa.attendance,
                        oa.contact_name as "contactName", oa.contact_phone as "contactPhone"
                 from operation_agency oa join organisation o on o.id = oa.organisation_id
                 where oa.operation_id = $1) a) as "agencyRoster",
              -- people sleeping in the reception centre's own beds, and when the centre's booking ends
              (select coalesce(json_agg(c order by c."centreClosesAt", c.reference), '[]'::json) from (
                 select p.id as "personId", p.reference, b.label as "bedLabel", lower(pl.period) as since,
                        rc.closes_at as "centreClosesAt", rc.closes_at <= now() as "pastCentreWindow"
                 from placement pl join people p on p.id = pl.person_id join bed b on b.id = pl.bed_id
                 join reception_centre rc on rc.site_id = pl.site_id and rc.operation_id = $1
                 where pl.status in ('reserved','active') and pl.period @> now()) c) as "stillInCentre"`,
      [operationId],
    );
    return row;
  }
}
