import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AGE_CATEGORIES,
  CountTable,
  countTableOfGroups,
  DECISION_KINDS,
  DECISION_OUTCOMES,
  EXIT_OUTCOMES,
  EXPLOITATION_TYPES,
  FORECAST_SITE_TYPES,
  GroupedTableSpec,
  medianOf,
  p90Of,
  REFERRAL_KINDS,
  summariseDurations,
  toLondonDay,
  TRIAGE_OUTCOMES,
  workingDaysElapsed,
} from '@safe-harbour/domain';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser } from '../auth/roles';
import { DomainError } from '../common/domain-error';
import { FIRST_RESPONDER_TYPES } from '../organisations/organisations.dto';
import { SEXES } from '../people/people.dto';
import { ReportQuery } from './reports.dto';
import { Group, PeriodParams, ReportsRepository, ScopedOperation } from './reports.repository';
import { ReportScope } from './report-scope';
import { ReportingPolicy } from './reporting-policy';
import { CostLine, Statistics, StatisticsTable } from './statistics.types';

/** The stages a length of stay is reported for, in the order of the journey. */
const STAGES = ['encountered', 'pre_nrm', 'children_services', 'awaiting_rg', 'recovery_period', 'move_on', 'duty_to_notify', 'missing'];

export interface ReportFilters {
  from: string | null;
  to: string;
  localAuthorityCode: string | null;
  operationId: string | null;
}

/** The statistics of issue 8: what happened to the people of the operations the caller may see. */
@Injectable()
export class StatisticsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reports: ReportsRepository,
    private readonly scope: ReportScope,
    private readonly policy: ReportingPolicy,
  ) {}

  async statistics(user: AuthUser, query: ReportQuery): Promise<Statistics> {
    const filters = reportFilters(query);
    const operations = await this.scope.operations(user, filters);
    return this.compute(operations, filters);
  }

  /** Every figure from one snapshot (a read-only repeatable-read transaction), so the tables agree. */
  async compute(operations: ScopedOperation[], filters: ReportFilters): Promise<Statistics> {
    const today = toLondonDay(new Date());
    const period: PeriodParams = {
      operationIds: operations.map((o) => o.id),
      from: filters.from,
      to: filters.to,
      nightsTo: filters.to < today ? filters.to : today,
    };
    return this.dataSource.transaction('REPEATABLE READ', async (m) => {
      await m.query('set transaction read only');
      return {
        filters,
        generatedAt: new Date().toISOString(),
        operations: operations.map((o) => ({ id: o.id, code: o.code, name: o.name })),
        tables: await this.tables(m, period),
        durations: await this.durations(m, period),
        lengthOfStayByStage: await this.lengthOfStay(m, period),
        ...(await this.staysAndCost(m, period)),
      };
    });
  }

  private async tables(m: EntityManager, p: PeriodParams): Promise<StatisticsTable[]> {
    const table = (groups: Group[], spec: GroupedTableSpec) => withTotals(countTableOfGroups(groups, spec));
    return [
      table(await this.reports.peopleByTriageOutcome(m, p), {
        table: 'people_by_triage_outcome',
        rowDimension: 'triage_outcome',
        rows: [...TRIAGE_OUTCOMES, 'untriaged'],
      }),
      table(await this.reports.potentialVictimsBy(m, p, 'ageGroup', 'sex'), {
        table: 'potential_victims_by_age_group_and_sex',
        rowDimension: 'age_group',
        rows: AGE_CATEGORIES,
        columnDimension: 'sex',
        columns: SEXES,
      }),
      table(await this.reports.potentialVictimsBy(m, p, 'nationality'), {
        table: 'potential_victims_by_nationality',
        rowDimension: 'nationality',
      }),
      table(await this.reports.potentialVictimsBy(m, p, 'exploitationType'), {
        table: 'potential_victims_by_exploitation_type',
        rowDimension: 'exploitation_type',
        rows: EXPLOITATION_TYPES,
      }),
      table(await this.reports.referralsByKindAndAgeGroup(m, p), {
        table: 'referrals_by_kind_and_age_group',
        rowDimension: 'referral_kind',
        rows: REFERRAL_KINDS,
        columnDimension: 'age_group',
        columns: AGE_CATEGORIES,
      }),
      table(await this.reports.referralsByFirstResponderType(m, p), {
        table: 'referrals_by_first_responder_type',
        rowDimension: 'first_responder_type',
        rows: [...FIRST_RESPONDER_TYPES, 'not_designated'],
        columnDimension: 'referral_kind',
        columns: REFERRAL_KINDS,
      }),
      table(await this.reports.potentialVictimsBy(m, p, 'ageAtExploitation', 'ageGroup'), {
        table: 'potential_victims_by_age_at_exploitation_and_age_group',
        rowDimension: 'age_at_exploitation',
        rows: ['adult', 'child', 'not_specified'],
        columnDimension: 'age_group',
        columns: AGE_CATEGORIES,
      }),
      table(await this.reports.potentialVictimsBy(m, p, 'countyLines', 'ageGroup'), {
        table: 'potential_victims_by_county_lines_and_age_group',
        rowDimension: 'county_lines',
        rows: ['county_lines', 'other'],
        columnDimension: 'age_group',
        columns: AGE_CATEGORIES,
      }),
      table(await this.reports.decisionsByKindAndOutcome(m, p), {
        table: 'decisions_by_kind_and_outcome',
        rowDimension: 'decision',
        rows: DECISION_KINDS,
        columnDimension: 'outcome',
        columns: DECISION_OUTCOMES,
      }),
      table(await this.reports.placementsBySiteType(m, p), {
        table: 'placements_by_site_type',
        rowDimension: 'site_type',
        rows: FORECAST_SITE_TYPES,
      }),
      table(await this.reports.missingEpisodes(m, p), {
        table: 'missing_episodes',
        rowDimension: 'status',
        rows: ['found', 'still_missing'],
      }),
      table(await this.reports.exitsByOutcome(m, p), {
        table: 'exits_by_outcome',
        rowDimension: 'exit_outcome',
        rows: EXIT_OUTCOMES,
      }),
    ];
  }

  private async durations(m: EntityManager, p: PeriodParams): Promise<Statistics['durations']> {
    const version = this.policy.pathwayVersion(p.to);
    const target = version.rules.rg_decision_target;
    const pairs = await this.reports.referralToReasonableGrounds(m, p);
    const elapsed = pairs.map((pair) => workingDaysElapsed(pair.from, pair.to, this.policy.holidays));
    const cg = await this.reports.reasonableToConclusiveGroundsDays(m, p);
    return {
      referralToReasonableGrounds: {
        unit: 'working_days',
        ...summariseDurations(
          elapsed.map((e) => e.days),
          target.unit === 'working_days' ? target.amount : null,
        ),
        rule: 'rg_decision_target',
        policyVersion: version.version,
        beyondHolidayData: elapsed.some((e) => e.beyondHolidayData),
      },
      reasonableToConclusiveGrounds: {
        unit: 'calendar_days',
        ...summariseDurations(cg, null),
        recoveryPeriodMinimumDays: version.rules.recovery_period_minimum.amount,
        policyVersion: version.version,
      },
    };
  }

  private async lengthOfStay(m: EntityManager, p: PeriodParams): Promise<Statistics['lengthOfStayByStage']> {
    const spells = new Map((await this.reports.stageSpellDays(m, p)).map((s) => [s.stage, s.days]));
    const stages = [...STAGES, ...[...spells.keys()].filter((s) => !STAGES.includes(s)).sort()];
    return stages.map((stage) => {
      const days = spells.get(stage) ?? [];
      return { stage, count: days.length, median: medianOf(days), p90: p90Of(days) };
    });
  }

  private async staysAndCost(m: EntityManager, p: PeriodParams): Promise<Pick<Statistics, 'nights' | 'accommodationCost'>> {
    const rows = await this.reports.staysByOperationAndSiteType(m, p);
    const people = await this.reports.peopleWithNights(m, p);
    const lines: CostLine[] = rows.map((r) => ({ ...r, costPounds: Math.round(r.costPence / 100) }));
    const sum = <T>(items: T[], of: (t: T) => number) => items.reduce((acc, t) => acc + of(t), 0);

    const siteTypes = FORECAST_SITE_TYPES.filter((t) => lines.some((l) => l.siteType === t));
    const bySiteType = siteTypes.map((siteType) => {
      const of = lines.filter((l) => l.siteType === siteType);
      return {
        siteType,
        nights: sum(of, (l) => l.nights),
        people: people.bySiteType[siteType] ?? 0,
        costPounds: sum(of, (l) => l.costPounds),
        nightsWithoutCost: sum(of, (l) => l.nightsWithoutCost),
      };
    });
    const operationIds = [...new Set(lines.map((l) => l.operationId))];
    const byOperation = operationIds.map((operationId) => {
      const of = lines.filter((l) => l.operationId === operationId);
      return {
        operationId,
        operationCode: of[0].operationCode,
        nights: sum(of, (l) => l.nights),
        people: people.byOperation[operationId] ?? 0,
        costPounds: sum(of, (l) => l.costPounds),
        nightsWithoutCost: sum(of, (l) => l.nightsWithoutCost),
      };
    });
    return {
      nights: {
        bySiteType: bySiteType.map(({ siteType, nights, people: n }) => ({ siteType, nights, people: n })),
        total: sum(lines, (l) => l.nights),
        people: people.total,
      },
      accommodationCost: {
        lines,
        byOperation,
        bySiteType,
        totalPounds: sum(lines, (l) => l.costPounds),
        nightsWithoutCost: sum(lines, (l) => l.nightsWithoutCost),
      },
    };
  }
}

/** The period and filters of a report; `to` defaults to today. A period that ends before it starts is refused. */
export function reportFilters(query: ReportQuery): ReportFilters {
  const to = query.to ?? toLondonDay(new Date());
  const from = query.from ?? null;
  if (from !== null && from > to) {
    throw new DomainError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', `from (${from}) must not be after to (${to})`);
  }
  return { from, to, localAuthorityCode: query.localAuthorityCode ?? null, operationId: query.operationId ?? null };
}

function withTotals(table: CountTable): StatisticsTable {
  const counts = table.counts.map((row) => [...row]);
  const rowTotals = counts.map((row) => row.reduce((a, b) => a + b, 0));
  const total = rowTotals.reduce((a, b) => a + b, 0);
  if (table.columns === undefined) return { table: table.table, rowDimension: table.rowDimension, rows: [...table.rows], counts, total };
  return {
    table: table.table,
    rowDimension: table.rowDimension,
    rows: [...table.rows],
    columnDimension: table.columnDimension,
    columns: [...table.columns],
    counts,
    rowTotals,
    columnTotals: table.columns.map((_, c) => counts.reduce((a, row) => a + row[c], 0)),
    total,
  };
}
