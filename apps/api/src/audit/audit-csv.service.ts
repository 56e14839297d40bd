import { Injectable } from '@nestjs/common';
import { spreadsheetSafe } from '@safe-harbour/domain';
import { stringify } from 'csv-stringify/sync';
import { Readable } from 'node:stream';
import { AuditFilter, AuditRow } from './audit.repository';
import { Actor, AuditService } from './audit.service';

export const AUDIT_CSV_COLUMNS: Array<[keyof AuditRow, string]> = [
  ['at', 'When (UTC)'],
  ['actorName', 'User'],
  ['actorUserId', 'User id'],
  ['actorOrganisationName', 'Organisation'],
  ['action', 'Action'],
  ['entityType', 'Record type'],
  ['entityId', 'Record id'],
  ['personReference', 'Person reference'],
  ['requestId', 'Request id'],
  ['details', 'Details'],
];

/** The audit trail as CSV, streamed page by page, every cell spreadsheet-safe. */
@Injectable()
export class AuditCsvService {
  constructor(private readonly audit: AuditService) {}

  stream(actor: Actor, filter: AuditFilter): Readable {
    const audit = this.audit;
    async function* lines() {
      yield stringify([AUDIT_CSV_COLUMNS.map(([, header]) => header)], { record_delimiter: 'unix' });
      for await (const rows of audit.exportRows(actor, filter)) {
        yield stringify(rows.map(auditCsvRecord), { record_delimiter: 'unix' });
      }
    }
    return Readable.from(lines());
  }
}

export function auditCsvRecord(row: AuditRow): string[] {
  return AUDIT_CSV_COLUMNS.map(([key]) => {
    const value = row[key];
    if (value === null || value === undefined) return '';
    if (value instanceof Date) return value.toISOString();
    if (typeof value === 'object') return spreadsheetSafe(JSON.stringify(value));
    return spreadsheetSafe(String(value));
  });
}
