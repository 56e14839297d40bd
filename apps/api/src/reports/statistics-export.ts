import {
  AggregateRow,
  aggregateRowsOf,
  CountTable,
  PublishedCount,
  suppressCells,
  suppressCount,
  suppressMeasureTable,
  SuppressionPolicy,
  suppressStatistic,
  suppressTable,
} from '@safe-harbour/domain';
import { Statistics } from './statistics.types';

/**
 * The statistics as the rows of the aggregate export, every figure suppressed for sharing: count tables by
 * cell suppression, medians and p90s by the number of people behind them, nights and pounds by the people
 * behind them (with their totals protected like counts). Built from the aggregates only: there is nothing
 * about a person here to leak.
 */
export function statisticsExportRows(stats: Statistics, policy: SuppressionPolicy): AggregateRow[] {
  const rows: AggregateRow[] = [];
  for (const table of stats.tables) {
    const counts: CountTable = {
      table: table.table,
      rowDimension: table.rowDimension,
      rows: table.rows,
      ...(table.columns ? { columnDimension: table.columnDimension, columns: table.columns } : {}),
      counts: table.counts,
    };
    rows.push(...aggregateRowsOf(suppressTable(counts, policy)));
  }

  const rg = stats.durations.referralToReasonableGrounds;
  const onTime = rg.withinTarget ?? 0;
  // decisions = within target + over target: hiding a small "over" alone would let subtraction give it back.
  const [decisions, within, over] = suppressCells([rg.count, onTime, rg.count - onTime], [{ total: 0, parts: [1, 2] }], policy).published;
  const rgRow = (measure: string, value: PublishedCount | null): AggregateRow => ({
    table: 'referral_to_reasonable_grounds',
    measure,
    dimensions: { unit: 'working_days' },
    value,
  });
  rows.push(
    rgRow('decisions', decisions),
    rgRow('median', suppressStatistic(rg.median, rg.count, policy)),
    rgRow('p90', suppressStatistic(rg.p90, rg.count, policy)),
    rgRow('target', rg.targetDays),
  );
  if (rg.targetDays !== null) rows.push(rgRow('within_target', within), rgRow('over_target', over));

  const cg = stats.durations.reasonableToConclusiveGrounds;
  const cgRow = (measure: string, value: PublishedCount | null): AggregateRow => ({
    table: 'reasonable_to_conclusive_grounds',
    measure,
    dimensions: { unit: 'calendar_days' },
    value,
  });
  rows.push(
    cgRow('decisions', suppressCount(cg.count, policy)),
    cgRow('median', suppressStatistic(cg.median, cg.count, policy)),
    cgRow('p90', suppressStatistic(cg.p90, cg.count, policy)),
    cgRow('recovery_period_minimum', cg.recoveryPeriodMinimumDays),
  );

  for (const stay of stats.lengthOfStayByStage) {
    const row = (measure: string, value: PublishedCount | null): AggregateRow => ({
      table: 'length_of_stay_by_stage',
      measure,
      dimensions: { stage: stay.stage, unit: 'calendar_days' },
      value,
    });
    rows.push(
      row('stays', suppressCount(stay.count, policy)),
      row('median', suppressStatistic(stay.median, stay.count, policy)),
      row('p90', suppressStatistic(stay.p90, stay.count, policy)),
    );
  }

  const nights = stats.nights;
  if (nights.bySiteType.length > 0) {
    rows.push(
      ...aggregateRowsOf(
        suppressMeasureTable(
          {
            table: 'nights_by_site_type',
            rowDimension: 'site_type',
            rows: nights.bySiteType.map((n) => n.siteType),
            counts: nights.bySiteType.map((n) => [n.nights]),
            people: nights.bySiteType.map((n) => [n.people]),
            totalPeople: nights.people,
          },
          policy,
        ),
        'nights',
      ),
    );
  }

  const cost = stats.accommodationCost;
  if (cost.lines.length > 0) {
    const operations = cost.byOperation;
    const siteTypes = cost.bySiteType;
    const line = (operationId: string, siteType: string) => cost.lines.find((l) => l.operationId === operationId && l.siteType === siteType);
    rows.push(
      ...aggregateRowsOf(
        suppressMeasureTable(
          {
            table: 'accommodation_cost_by_operation_and_site_type',
            rowDimension: 'operation',
            rows: operations.map((o) => o.operationCode),
            columnDimension: 'site_type',
            columns: siteTypes.map((t) => t.siteType),
            counts: operations.map((o) => siteTypes.map((t) => line(o.operationId, t.siteType)?.costPounds ?? 0)),
            people: operations.map((o) => siteTypes.map((t) => line(o.operationId, t.siteType)?.people ?? 0)),
            rowPeople: operations.map((o) => o.people),
            columnPeople: siteTypes.map((t) => t.people),
            totalPeople: nights.people,
          },
          policy,
        ),
        'cost_pounds',
      ),
    );
  }
  return rows;
}
