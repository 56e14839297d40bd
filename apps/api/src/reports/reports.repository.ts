import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

export interface ScopedOperation {
  id: string;
  code: string;
  name: string;
  leadOrganisationId: string;
  localAuthorityCode: string;
}

/**
 * The reporting period as the SQL reads it: Europe/London days, both included. `from` null means from the
 * beginning. `nightsTo` is the last night counted: `to`, but never after today (a night not yet slept is
 * no night spent, nor a cost incurred).
 */
export interface PeriodParams {
  operationIds: string[];
  from: string | null;
  to: string;
  nightsTo: string;
}

export interface Group {
  row: string | null;
  column?: string | null;
  n: number;
}

export interface DayPair {
  from: string;
  to: string;
}

export interface StaySummaryRow {
  operationId: string;
  operationCode: string;
  siteType: string;
  nights: number;
  people: number;
  costPence: number;
  nightsWithoutCost: number;
}

/** A day of an instant column in Europe/London: every figure counts local days. */
const day = (column: string) => `(${column} at time zone 'Europe/London')::date`;
/** Keeps rows whose instant falls in the period ($2 from, $3 to: days, both included). */
const inPeriod = (column: string) => `($2::date is null or ${day(column)} >= $2::date) and ${day(column)} <= $3::date`;

/** A placement that put someone in a bed: confirmed, and not a booking nobody turned up to. */
const STAY = `pl.kind = 'placement' and pl.status in ('active','ended') and pl.end_reason is distinct from 'non_arrival'`;

/**
 * Each stay with its nights in the period ($2 from, $3 last night): a night belongs to the day it starts on,
 * and a stay ends on the day of departure (an ended placement's end, or the end it was booked until); an
 * open-ended one counts up to the last night. Only stays with at least one night are kept.
 */
const NIGHTS_CTE = `
  stays as (
    select pe.operation_id, s.type, pl.person_id,
           coalesce(pl.nightly_cost_pence, s.nightly_cost_pence) as cost,
           greatest(0,
             least(${day('upper(pl.period)')}, $3::date + 1)
               - greatest(${day('lower(pl.period)')}, coalesce($2::date, ${day('lower(pl.period)')})))::int as nights
    from placement pl join site s on s.id = pl.site_id join person pe on pe.id = pl.person_id
    where pe.operation_id = any($1::uuid[]) and ${STAY}
  ), nights as (select * from stays where nights > 0)`;

/**
 * All SQL of the reports. Every figure is aggregated here (group by, sums, day arithmetic); nothing that
 * identifies a person leaves the database through these queries except `referral to decision` day pairs,
 * which carry no identifier. People merged into another registration are counted once, as the survivor.
 */
@Injectable()
export class ReportsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Operations a report may cover: those among `scope` (the access layer's answer; null = all, for admins). */
  async operationsInScope(
    scope: string[] | null,
    filter: { operationId?: string | null; localAuthorityCode?: string | null },
    manager?: EntityManager,
  ): Promise<ScopedOperation[]> {
    return (manager ?? this.dataSource.manager).query(
      `select o.id, o.code, o.name, o.lead_organisation_id as "leadOrganisationId", o.local_authority_code as "localAuthorityCode"
       from operation o
       where ($1::uuid[] is null or o.id = any($1::uuid[]))
         and ($2::uuid is null or o.id = $2)
         and ($3::text is null or o.local_authority_code = $3)
       order by o.code`,
      [scope, filter.operationId ?? null, filter.localAuthorityCode ?? null],
    );
  }

  /** People registered in the period, by triage outcome. */
  async peopleByTriageOutcome(m: EntityManager, p: PeriodParams): Promise<Group[]> {
    return m.query(
      `select coalesce(triage_outcome, 'untriaged') as row, count(*)::int as n
       from person pe
       where pe.operation_id = any($1::uuid[]) and pe.merged_into_person_id is null and ${inPeriod('pe.registered_at')}
       group by 1`,
      [p.operationIds, p.from, p.to],
    );
  }

  /**
   * Potential victims registered in the period, grouped by one or two of their recorded facts. Nationality
   * is compared without case or surrounding spaces ("romanian " and "Romanian" are one category).
   */
  async potentialVictimsBy(m: EntityManager, p: PeriodParams, row: PersonFact, column?: PersonFact): Promise<Group[]> {
    return m.query(
      `select ${PERSON_FACTS[row]} as row${column ? `, ${PERSON_FACTS[column]} as "column"` : ''}, count(*)::int as n
       from person pe
       where pe.operation_id = any($1::uuid[]) and pe.merged_into_person_id is null
         and pe.triage_outcome = 'potential_victim' and ${inPeriod('pe.registered_at')}
       group by ${column ? '1, 2' : '1'}`,
      [p.operationIds, p.from, p.to],
    );
  }

  /** NRM referrals and Duty to Notify reports submitted in the period, by kind and age group. */
  async referralsByKindAndAgeGroup(m: EntityManager, p: PeriodParams): Promise<Group[]> {
    return m.query(
      `select r.kind as row, pe.age_category as "column", count(*)::int as n
       from referral r join person pe on pe.id = r.person_id
       where pe.operation_id = any($1::uuid[]) and pe.merged_into_person_id is null and ${inPeriod('r.submitted_at')}
       group by 1, 2`,
      [p.operationIds, p.from, p.to],
    );
  }

  /**
   * NRM referrals and Duty to Notify reports submitted in the period, by the type of the first responder
   * organisation that made them (NRM statistics, first responder types); `not_designated` for an
   * organisation whose designation was removed since.
   */
  async referralsByFirstResponderType(m: EntityManager, p: PeriodParams): Promise<Group[]> {
    return m.query(
      `select coalesce(o.first_responder_type, 'not_designated') as row, r.kind as "column", count(*)::int as n
       from referral r join person pe on pe.id = r.person_id join organisation o on o.id = r.first_responder_organisation_id
       where pe.operation_id = any($1::uuid[]) and pe.merged_into_person_id is null and ${inPeriod('r.submitted_at')}
       group by 1, 2`,
      [p.operationIds, p.from, p.to],
    );
  }

  /** Reasonable and Conclusive Grounds decisions made in the period, by outcome. */
  async decisionsByKindAndOutcome(m: EntityManager, p: PeriodParams): Promise<Group[]> {
    return m.query(
      `select d.kind as row, d.outcome as "column", count(*)::int as n
       from decision d join person pe on pe.id = d.person_id
       where pe.operation_id = any($1::uuid[]) and pe.merged_into_person_id is null and ${inPeriod('d.decided_at')}
       group by 1, 2`,
      [p.operationIds, p.from, p.to],
    );
  }

  /** For each Reasonable Grounds decision made in the period: the day of the NRM referral and of the decision. */
  async referralToReasonableGrounds(m: EntityManager, p: PeriodParams): Promise<DayPair[]> {
    return m.query(
      `select to_char(${day('r.submitted_at')}, 'YYYY-MM-DD') as "from", to_char(${day('d.decided_at')}, 'YYYY-MM-DD') as "to"
       from decision d
       join person pe on pe.id = d.person_id
       join referral r on r.person_id = d.person_id and r.kind = 'nrm' and r.round = d.round
       where d.kind = 'reasonable_grounds' and pe.operation_id = any($1::uuid[]) and pe.merged_into_person_id is null
         and ${inPeriod('d.decided_at')}
       order by 2, 1`,
      [p.operationIds, p.from, p.to],
    );
  }

  /** Calendar days from a positive RG to the CG decision, for each CG decision made in the period. */
  async reasonableToConclusiveGroundsDays(m: EntityManager, p: PeriodParams): Promise<number[]> {
    const rows: Array<{ days: number }> = await m.query(
      `select (${day('cg.decided_at')} - ${day('rg.decided_at')})::int as days
       from decision cg
       join person pe on pe.id = cg.person_id
       join decision rg on rg.person_id = cg.person_id and rg.kind = 'reasonable_grounds' and rg.round = cg.round
       where cg.kind = 'conclusive_grounds' and pe.operation_id = any($1::uuid[]) and pe.merged_into_person_id is null
         and ${inPeriod('cg.decided_at')}
       order by 1`,
      [p.operationIds, p.from, p.to],
    );
    return rows.map((r) => r.days);
  }

  /**
   * Calendar days spent in each pathway stage, for every spell that ended in the period. A spell starts
   * when the pathway moves someone into a stage (the first, `encountered`, at registration) and ends when
   * it moves them on; spells still running are not lengths of stay yet.
   */
  async stageSpellDays(m: EntityManager, p: PeriodParams): Promise<Array<{ stage: string; days: number[] }>> {
    return m.query(
      `with people as (
         select id, registered_at from person pe
         where pe.operation_id = any($1::uuid[]) and pe.merged_into_person_id is null
       ), moves as (
         select e.person_id, e.to_stage as stage, e.at, e.id from pathway_event e
         where e.person_id in (select id from people) and e.from_stage <> e.to_stage
         union all
         select id, 'encountered', registered_at, 0 from people
       ), spells as (
         select stage, at as started, lead(at) over (partition by person_id order by at, id) as ended from moves
       )
       select stage, array_agg(days order by days) as days
       from (select stage, (${day('ended')} - ${day('started')})::int as days from spells
             where ended is not null and ${inPeriod('ended')}) d
       group by stage`,
      [p.operationIds, p.from, p.to],
    );
  }

  /** Confirmed placements that began in the period, by site type. */
  async placementsBySiteType(m: EntityManager, p: PeriodParams): Promise<Group[]> {
    return m.query(
      `select s.type as row, count(*)::int as n
       from placement pl join site s on s.id = pl.site_id join person pe on pe.id = pl.person_id
       where pe.operation_id = any($1::uuid[]) and ${STAY} and ${inPeriod('lower(pl.period)')}
       group by 1`,
      [p.operationIds, p.from, p.to],
    );
  }

  /**
   * Nights spent and what they cost, by operation and site type. A night belongs to the day it starts on
   * (arriving on the 1st and leaving on the 4th is 3 nights); a stay still going on counts up to the last
   * night of the period, never beyond tonight. The nightly cost is the one agreed when the bed was placed
   * (else the site's current one); nights at sites with no known cost are counted apart, not as free.
   */
  async staysByOperationAndSiteType(m: EntityManager, p: PeriodParams): Promise<StaySummaryRow[]> {
    const rows: Array<StaySummaryRow & { costPence: string }> = await m.query(
      `with ${NIGHTS_CTE}
       select n.operation_id as "operationId", o.code as "operationCode", n.type as "siteType",
              sum(n.nights)::int as nights, count(distinct n.person_id)::int as people,
              coalesce(sum(n.nights::bigint * n.cost), 0)::text as "costPence",
              coalesce(sum(n.nights) filter (where n.cost is null), 0)::int as "nightsWithoutCost"
       from nights n join operation o on o.id = n.operation_id
       group by n.operation_id, o.code, n.type
       order by o.code, n.type`,
      [p.operationIds, p.from, p.nightsTo],
    );
    return rows.map((r) => ({ ...r, costPence: Number(r.costPence) }));
  }

  /** People with nights in the period: by site type, by operation and overall (one person may be in several). */
  async peopleWithNights(m: EntityManager, p: PeriodParams): Promise<{ bySiteType: Record<string, number>; byOperation: Record<string, number>; total: number }> {
    const [row] = await m.query(
      `with ${NIGHTS_CTE}
       select (select coalesce(json_object_agg(type, n), '{}'::json) from (select type, count(distinct person_id)::int n from nights group by type) t) as "bySiteType",
              (select coalesce(json_object_agg(operation_id, n), '{}'::json) from (select operation_id, count(distinct person_id)::int n from nights group by operation_id) t) as "byOperation",
              (select count(distinct person_id)::int from nights) as total`,
      [p.operationIds, p.from, p.nightsTo],
    );
    return row;
  }

  /** Missing episodes reported in the period: found since, or still missing. */
  async missingEpisodes(m: EntityManager, p: PeriodParams): Promise<Group[]> {
    return m.query(
      `select case when me.found_at is null then 'still_missing' else 'found' end as row, count(*)::int as n
       from missing_episode me join person pe on pe.id = me.person_id
       where pe.operation_id = any($1::uuid[]) and pe.merged_into_person_id is null and ${inPeriod('me.reported_at')}
       group by 1`,
      [p.operationIds, p.from, p.to],
    );
  }

  /** Exits from support in the period, by outcome. */
  async exitsByOutcome(m: EntityManager, p: PeriodParams): Promise<Group[]> {
    return m.query(
      `select pe.exit_outcome as row, count(*)::int as n
       from person pe
       where pe.operation_id = any($1::uuid[]) and pe.merged_into_person_id is null and pe.exited_at is not null
         and ${inPeriod('pe.exited_at')}
       group by 1`,
      [p.operationIds, p.from, p.to],
    );
  }
}

export type PersonFact = 'ageGroup' | 'sex' | 'nationality' | 'exploitationType' | 'ageAtExploitation' | 'countyLines';

const PERSON_FACTS: Record<PersonFact, string> = {
  ageGroup: 'pe.age_category',
  sex: 'pe.sex',
  nationality: `initcap(lower(btrim(pe.nationality)))`,
  exploitationType: 'pe.exploitation_type',
  // as the NRM statistics: adult, child, or not specified
  ageAtExploitation: `coalesce(pe.age_at_exploitation, 'not_specified')`,
  countyLines: `case when pe.county_lines then 'county_lines' else 'other' end`,
};
