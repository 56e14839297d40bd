import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface LivePersonRow {
  stage: string;
  /** Europe/London day the current stage began. */
  stageSince: string;
  triageOutcome: string | null;
  ageCategory: string;
  /** Type of the site whose bed they hold tonight (placed or reserved), if any. */
  occupying: string | null;
  deadlines: Array<{ kind: string; dueAt: string }>;
}

export interface SupplyRow {
  siteType: string;
  beds: number;
  availableFrom: string | null;
  availableUntil: string | null;
}

const day = (column: string) => `to_char((${column} at time zone 'Europe/London')::date, 'YYYY-MM-DD')`;

/** What the forward projection reads: the live people of an area and its beds. */
@Injectable()
export class ForecastRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Everyone still in support from the area's operations, with their live deadlines and the bed they hold
   * tonight. No names, no references: the projection needs stages and dates only.
   */
  /** Live people of the area's operations among `scope` (the access layer's answer; null = all). */
  async livePeople(m: EntityManager, localAuthorityCode: string, scope: string[] | null): Promise<LivePersonRow[]> {
    return m.query(
      `select pe.stage, ${day('pe.stage_since')} as "stageSince", pe.triage_outcome as "triageOutcome",
              pe.age_category as "ageCategory",
              (select s.type from placement pl join site s on s.id = pl.site_id
               where pl.person_id = pe.id and pl.status in ('reserved','active') and pl.period @> now()
               order by lower(pl.period) limit 1) as occupying,
              coalesce((select json_agg(json_build_object('kind', d.kind, 'dueAt', d.due_at) order by d.due_at)
                        from deadline d where d.person_id = pe.id and d.state in ('pending','due_soon','overdue')), '[]'::json) as deadlines
       from person pe join operation o on o.id = pe.operation_id
       where o.local_authority_code = $1 and pe.merged_into_person_id is null and pe.stage <> 'exited'
         and ($2::uuid[] is null or o.id = any($2::uuid[]))
       order by pe.registered_at, pe.id`,
      [localAuthorityCode, scope],
    );
  }

  /**
   * Calendar days of every ended stage spell of the deployment's recorded people (all areas: the more
   * spells the truer the median), by stage. A spell runs from the move into a stage to the move out of it.
   * Spells still running are not counted: long recovery periods that have not ended yet are missing from
   * the median, which therefore errs short (documented in docs/reporting.md).
   */
  async measuredStageDays(m: EntityManager): Promise<Array<{ stage: string; days: number[] }>> {
    return m.query(
      `with moves as (
         select e.person_id, e.to_stage as stage, e.at, e.id from pathway_event e
         join person pe on pe.id = e.person_id
         where pe.merged_into_person_id is null and e.from_stage <> e.to_stage
       ), spells as (
         select stage, at as started, lead(at) over (partition by person_id order by at, id) as ended from moves
       )
       select case stage when 'children_services' then 'pre_nrm' else stage end as stage,
              array_agg(((ended at time zone 'Europe/London')::date - (started at time zone 'Europe/London')::date) order by 1) as days
       from spells where ended is not null
       group by 1`,
    );
  }

  /**
   * Beds in service per site of the area, with the site's availability window as Europe/London days. A void
   * property counts only once its readiness checklist is complete; sites whose window has closed are left
   * out.
   */
  async supply(m: EntityManager, localAuthorityCode: string): Promise<SupplyRow[]> {
    return m.query(
      `select s.type as "siteType",
              (select count(*)::int from bed b where b.site_id = s.id and b.status not in ('out_of_service','closed')) as beds,
              ${day('s.available_from')} as "availableFrom", ${day('s.available_until')} as "availableUntil"
       from site s
       where s.local_authority_code = $1 and s.readiness = 'ready'
         and (s.available_until is null or s.available_until > now())
       order by s.type, s.id`,
      [localAuthorityCode],
    );
  }
}
