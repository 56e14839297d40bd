import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface OccupancyHistoryRow {
  date: string;
  siteType: string;
  inService: number;
  occupied: number;
}

export interface FunnelHistoryRow {
  date: string;
  registered: number;
  triaged: number;
  potentialVictims: number;
  placed: number;
  referredOrNotified: number;
  rgDecided: number;
  cgDecided: number;
  exited: number;
}

const day = (column: string) => `(${column} at time zone 'Europe/London')::date`;

/** Day-by-day snapshots for the dashboard's charts. */
@Injectable()
export class HistoryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * For each day and site type: beds in service at the end of the day (from `bed_status_event`: the status
   * a bed was in at midnight; out of service and closed beds do not count) and beds
   * occupied that night (confirmed placements spanning it, as nights are counted in reports).
   * The sites are those of an area, or those an operation used (its reception centres and every site its
   * people were placed in).
   */
  /** `siteOrganisationId`: only that organisation's sites (the caller's site scope), null for all. */
  async occupancy(q: { from: string; to: string; localAuthorityCode: string | null; operationId: string | null; siteOrganisationId: string | null }): Promise<OccupancyHistoryRow[]> {
    return this.withoutJit((m) =>
      m.query(
        `with days as (
           select d::date as day, ((d::date + 1)::timestamp at time zone 'Europe/London') as day_end
           from generate_series($1::date, $2::date, interval '1 day') d
         ),
         scoped_site as (
           select s.id, s.type from site s
           where ($3::text is null or s.local_authority_code = $3)
             and ($5::uuid is null or s.organisation_id = $5)
             and ($4::uuid is null
                  or s.id in (select site_id from reception_centre where operation_id = $4)
                  or s.id in (select pl.site_id from placement pl join person pe on pe.id = pl.person_id where pe.operation_id = $4))
         ),
         -- each status a bed has been in, from its change to the next one
         bed_status_spell as (
           select s.type, e.to_status as status, e.at as since,
                  lead(e.at) over (partition by e.bed_id order by e.id) as until
           from bed_status_event e join bed b on b.id = e.bed_id join scoped_site s on s.id = b.site_id
         ),
         in_service as (
           select d.day, sp.type, count(*)::int as n
           from days d join bed_status_spell sp on sp.since < d.day_end and (sp.until is null or sp.until >= d.day_end)
           where sp.status not in ('out_of_service','closed')
           group by 1, 2
         ),
         occupied as (
           select d.day, s.type, count(*)::int as n
           from days d
           join placement pl on ${day('lower(pl.period)')} <= d.day
                            and (upper_inf(pl.period) or ${day('upper(pl.period)')} > d.day)
           join scoped_site s on s.id = pl.site_id
           where pl.kind = 'placement' and pl.status in ('active','ended') and pl.end_reason is distinct from 'non_arrival'
           group by 1, 2
         )
         select to_char(d.day, 'YYYY-MM-DD') as date, t.type as "siteType",
                coalesce(i.n, 0) as "inService", coalesce(o.n, 0) as occupied
         from days d
         cross join (select distinct type from scoped_site) t
         left join in_service i on i.day = d.day and i.type = t.type
         left join occupied o on o.day = d.day and o.type = t.type
         order by d.day, t.type`,
        [q.from, q.to, q.localAuthorityCode, q.operationId, q.siteOrganisationId],
      ),
    );
  }

  /**
   * Day-series queries are small but the planner cannot see it (generate_series is estimated at 1,000
   * rows), and just-in-time compilation of what it then thinks is a large plan costs seconds for
   * milliseconds of work.
   */
  private withoutJit<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (m) => {
      await m.query('set local jit = off');
      return work(m);
    });
  }

  /** The first day of an operation: the earliest of its planned start, activation and first registration. */
  async operationFirstDay(operationId: string): Promise<string | null> {
    const [row] = await this.dataSource.query(
      `select to_char(${day(`least(o.planned_start, o.activated_at,
                (select min(registered_at) from person pe where pe.operation_id = o.id))`)}, 'YYYY-MM-DD') as day
       from operation o where o.id = $1`,
      [operationId],
    );
    return row?.day ?? null;
  }

  /**
   * How many of an operation's people had reached each step of the journey by the end of each day. The
   * steps are cumulative milestones (someone placed then moved on still counts as placed), so the lines of
   * the chart never go down.
   */
  async funnel(operationId: string, from: string, to: string): Promise<FunnelHistoryRow[]> {
    return this.withoutJit((m) => m.query(
      `with milestones as (
         select ${day('pe.registered_at')} as registered,
                ${day('pe.triaged_at')} as triaged,
                case when pe.triage_outcome = 'potential_victim' then ${day('pe.triaged_at')} end as potential_victim,
                (select min(${day('lower(pl.period)')}) from placement pl
                 where pl.person_id = pe.id and pl.kind = 'placement' and pl.status in ('active','ended')
                   and pl.end_reason is distinct from 'non_arrival') as placed,
                (select min(${day('r.submitted_at')}) from referral r where r.person_id = pe.id) as referred,
                (select min(${day('d.decided_at')}) from decision d where d.person_id = pe.id and d.kind = 'reasonable_grounds') as rg,
                (select min(${day('d.decided_at')}) from decision d where d.person_id = pe.id and d.kind = 'conclusive_grounds') as cg,
                ${day('pe.exited_at')} as exited
         from person pe
         where pe.operation_id = $1 and pe.merged_into_person_id is null
       )
       select to_char(d.day, 'YYYY-MM-DD') as date,
              count(m.registered) filter (where m.registered <= d.day)::int as registered,
              count(m.triaged) filter (where m.triaged <= d.day)::int as triaged,
              count(m.potential_victim) filter (where m.potential_victim <= d.day)::int as "potentialVictims",
              count(m.placed) filter (where m.placed <= d.day)::int as placed,
              count(m.referred) filter (where m.referred <= d.day)::int as "referredOrNotified",
              count(m.rg) filter (where m.rg <= d.day)::int as "rgDecided",
              count(m.cg) filter (where m.cg <= d.day)::int as "cgDecided",
              count(m.exited) filter (where m.exited <= d.day)::int as exited
       from (select d::date as day from generate_series($2::date, $3::date, interval '1 day') d) d
       left join milestones m on true
       group by d.day
       order by d.day`,
      [operationId, from, to],
    ));
  }
}
