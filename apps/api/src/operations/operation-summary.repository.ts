import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface SummaryFacts {
  at: Date;
  seq: string;
  people: { total: number; children: number; ageDisputed: number; adults: number; possibleControllers: number; keepApart: number };
  byTriageOutcome: Record<string, number>;
  byStage: Record<string, number>;
  awaitingBed: Array<{ personId: string; reference: string; stage: string; since: Date; waitingMinutes: number }>;
  beds: { total: number; available: number; reserved: number; occupied: number; outOfService: number; closed: number };
  agencies: { present: number; onCall: number };
  stations: Array<{ station: string; queued: number; inProgress: number; done: number; longestWaitMinutes: number | null }>;
}

/**
 * The operation's picture in one statement, so every count comes from the same snapshot as `seq`: a
 * client that applies live events after `seq` to this summary never double-counts or misses a person.
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
              (select coalesce(max(seq), 0)::text from outbox_event) as seq,
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
                 group by st.station) q) as stations`,
      [operationId],
    );
    return row;
  }
}
