import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuthUser } from '../auth/roles';
import { DomainError } from '../common/domain-error';
import { decodeCursor, Page, toPage } from '../common/pagination';
import { AuditRepository, AuditRow, AuditFilter } from './audit.repository';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  details?: Record<string, unknown>;
}

export interface Actor {
  user?: AuthUser | null;
  requestId?: string;
}

export interface AuditQuery extends AuditFilter {
  limit?: number;
  cursor?: string;
}

/** Keyset position in the newest-first order: the instant to the microsecond (as text) and the id. */
interface AuditCursor {
  at: string;
  id: string;
}

/**
 * The audit trail. Writes are recorded through the caller's transaction manager so that the audit row
 * commits or rolls back with the change it describes.
 */
@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly trail: AuditRepository,
  ) {}

  async record(manager: EntityManager | null, actor: Actor, entry: AuditEntry): Promise<void> {
    await this.recordMany(manager, actor, [entry]);
  }

  async recordMany(manager: EntityManager | null, actor: Actor, entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.trail.insert(manager ?? this.dataSource.manager, actor.user?.id ?? null, actor.user?.organisationId ?? null, actor.requestId ?? null, entries);
  }

  /** Newest first by time (ties by id), so a page boundary between equal instants neither skips nor repeats. */
  async list(query: AuditQuery): Promise<Page<AuditRow>> {
    const limit = query.limit ?? 100;
    const after = decodeCursor<AuditCursor>(query.cursor);
    const rows = await this.trail.page(this.dataSource.manager, query, validCursor(after, query.cursor), limit + 1);
    return toPage(rows, limit, (last) => ({ at: last.cursorAt, id: last.id }));
  }

  /**
   * Every matching row, newest first, in pages of `batch`: the CSV export streams through this without
   * holding the whole trail in memory. The export itself is audited before the first row is read.
   */
  async *exportRows(actor: Actor, filter: AuditFilter, batch = 1000): AsyncGenerator<AuditRow[]> {
    await this.record(null, actor, { action: 'export_audit', entityType: 'audit', details: { filter: { ...filter } } });
    let cursor: AuditCursor | undefined;
    for (;;) {
      const rows = await this.trail.page(this.dataSource.manager, filter, cursor, batch);
      if (rows.length === 0) return;
      yield rows;
      if (rows.length < batch) return;
      const last = rows[rows.length - 1];
      cursor = { at: last.cursorAt, id: last.id };
    }
  }
}

/** A cursor is opaque to clients: one this server did not hand out is refused, never read as "from the start". */
function validCursor(cursor: AuditCursor | undefined, given: string | undefined): AuditCursor | undefined {
  if (!given) return undefined;
  if (!cursor || typeof cursor.at !== 'string' || typeof cursor.id !== 'string' || !/^\d{1,19}$/.test(cursor.id) || Number.isNaN(Date.parse(cursor.at))) {
    throw new DomainError(HttpStatus.BAD_REQUEST, 'BAD_CURSOR', 'cursor is not one this list handed out: start again without it');
  }
  return cursor;
}
