import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { aggregateCsv, aggregateJson, AggregateJson, spreadsheetSafe } from '@safe-harbour/domain';
import { stringify } from 'csv-stringify/sync';
import { DataSource } from 'typeorm';
import { Actor, AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/roles';
import { CaseRow, CasesRepository } from './cases.repository';
import { ExportQuery, ReportQuery } from './reports.dto';
import { ReportScope } from './report-scope';
import { ReportingPolicy } from './reporting-policy';
import { statisticsExportRows } from './statistics-export';
import { reportFilters, StatisticsService } from './statistics.service';

const CASE_COLUMNS: Array<[keyof CaseRow, string]> = [
  ['operationCode', 'operation'],
  ['reference', 'reference'],
  ['givenName', 'given_name'],
  ['familyName', 'family_name'],
  ['dateOfBirth', 'date_of_birth'],
  ['sex', 'sex'],
  ['ageCategory', 'age_category'],
  ['nationality', 'nationality'],
  ['exploitationType', 'exploitation_type'],
  ['triageOutcome', 'triage_outcome'],
  ['registeredAt', 'registered_at'],
  ['stage', 'stage'],
  ['stageSince', 'stage_since'],
  ['nrmReferralAt', 'nrm_referral_at'],
  ['dutyToNotifyAt', 'duty_to_notify_at'],
  ['reasonableGrounds', 'reasonable_grounds'],
  ['reasonableGroundsAt', 'reasonable_grounds_at'],
  ['conclusiveGrounds', 'conclusive_grounds'],
  ['conclusiveGroundsAt', 'conclusive_grounds_at'],
  ['missingEpisodes', 'missing_episodes'],
  ['exitedAt', 'exited_at'],
  ['exitOutcome', 'exit_outcome'],
  ['currentSiteType', 'current_site_type'],
  ['placements', 'placements'],
  ['nights', 'nights'],
];

/** The two exports: aggregate figures anyone may share, and the council's own case-level records. */
@Injectable()
export class ExportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly statistics: StatisticsService,
    private readonly scope: ReportScope,
    private readonly cases: CasesRepository,
    private readonly audit: AuditService,
    private readonly policy: ReportingPolicy,
  ) {}

  async aggregateJson(user: AuthUser, query: ExportQuery): Promise<AggregateJson> {
    const { rows, filters, policy } = await this.aggregate(user, query);
    return aggregateJson(rows, filters, policy);
  }

  async aggregateCsv(user: AuthUser, query: ExportQuery): Promise<string> {
    return aggregateCsv((await this.aggregate(user, query)).rows);
  }

  private async aggregate(user: AuthUser, query: ExportQuery) {
    const policy = this.policy.suppressionFor(query.suppressionThreshold);
    const filters = reportFilters(query);
    const stats = await this.statistics.compute(await this.scope.operations(user, filters), filters);
    return { rows: statisticsExportRows(stats, policy), filters: { ...filters }, policy };
  }

  /**
   * Case-level records with names and dates of birth, for the lead organisation's own files. The export and
   * every person in it are written to the audit trail in the same transaction as the read, so no copy leaves
   * without a trace.
   */
  async casesCsv(actor: Actor & { user: AuthUser }, query: ReportQuery): Promise<string> {
    const filters = reportFilters(query);
    const operations = await this.scope.ledOperations(actor.user, filters);
    const rows = await this.dataSource.transaction('REPEATABLE READ', async (m) => {
      const found = await this.cases.cases(m, operations.map((o) => o.id), filters.from, filters.to);
      await this.audit.recordMany(m, actor, [
        {
          action: 'export_cases',
          entityType: 'report',
          entityId: null,
          details: { filters, operations: operations.map((o) => o.code), people: found.length },
        },
        ...found.map((c) => ({
          action: 'read_personal_data',
          entityType: 'person',
          entityId: c.personId,
          details: { reference: c.reference, via: 'export_cases' },
        })),
      ]);
      return found;
    });
    return stringify([CASE_COLUMNS.map(([, header]) => header), ...rows.map((r) => CASE_COLUMNS.map(([key]) => cell(r[key])))], {
      record_delimiter: 'unix',
    });
  }
}

/** A spreadsheet never runs a name typed as `=HYPERLINK(...)`; instants are ISO 8601 in UTC. */
function cell(value: unknown): string | number {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number') return value;
  return spreadsheetSafe(String(value));
}
