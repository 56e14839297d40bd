import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  buildRetentionSchedule,
  decidePersonRetention,
  describeRetentionPeriod,
  formatRetentionPeriod,
  RECORD_CLASS_NAMES,
  RECORD_CLASSES,
  retentionCutoff,
  retentionDueAt,
  RetentionSchedule,
} from '@safe-harbour/domain';
import { DataSource } from 'typeorm';
import { Actor, AuditService } from '../audit/audit.service';
import { conflict, notFound } from '../common/domain-error';
import { decodeCursor, Page, toPage } from '../common/pagination';
import { AppConfig } from '../config/config.schema';
import { RetentionRepository, RetentionRunItem, RetentionRunRow } from './retention.repository';

export interface RetentionReport extends RetentionRunRow {
  items: RetentionRunItem[];
}

/**
 * The retention schedule and its runs. A run anonymises every person whose personal data is due (see
 * `decidePersonRetention`), except those under a legal hold, and deletes stored idempotent responses past
 * their period; it records what it did to whom (by reference) as a report. Running twice changes nothing more.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger(RetentionService.name);
  readonly schedule: RetentionSchedule;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly retention: RetentionRepository,
    private readonly audit: AuditService,
    config: ConfigService<AppConfig, true>,
  ) {
    const built = buildRetentionSchedule({
      personal_data: config.get('RETENTION_PERSONAL_DATA', { infer: true }),
      idempotency_records: config.get('RETENTION_IDEMPOTENCY_RECORDS', { infer: true }),
    });
    // The config schema validated each period at start; this only fails if a class was added without its setting.
    if (!built.ok) throw new Error(`Retention schedule: ${built.errors.join('; ')}`);
    this.schedule = built.schedule;
  }

  describeSchedule() {
    return {
      classes: RECORD_CLASSES.map((recordClass) => ({
        recordClass,
        name: RECORD_CLASS_NAMES[recordClass],
        period: formatRetentionPeriod(this.schedule[recordClass]),
        description: describeRetentionPeriod(this.schedule[recordClass]),
      })),
    };
  }

  /** `null` when another run holds the lock (a second server's nightly job, or an admin's click). */
  async run(trigger: 'schedule' | 'admin', actor: Actor, now = new Date()): Promise<RetentionReport | null> {
    const report = await this.dataSource.transaction(async (m) => {
      if (!(await this.retention.tryLock(m))) return null;
      const scheduleText = Object.fromEntries(RECORD_CLASSES.map((c) => [c, formatRetentionPeriod(this.schedule[c])]));
      const runId = await this.retention.startRun(m, trigger, actor.user?.id ?? null, scheduleText);

      const period = this.schedule.personal_data;
      const candidates = await this.retention.personCandidates(m, retentionCutoff(now, period));
      const items: RetentionRunItem[] = [];
      for (const c of candidates) {
        const decision = decidePersonRetention({ ...c, anonymisedAt: null }, period, now);
        if (decision.outcome === 'anonymise') items.push({ personId: c.personId, reference: c.reference, outcome: 'anonymised', dueAt: decision.dueAt });
        if (decision.outcome === 'held') items.push({ personId: c.personId, reference: c.reference, outcome: 'held', dueAt: decision.dueAt });
      }
      const anonymised = items.filter((i) => i.outcome === 'anonymised');
      await this.retention.anonymise(m, anonymised.map((i) => i.personId));
      await this.retention.recordItems(m, runId, items);

      const idempotency = await this.retention.deleteIdempotencyRecords(m, retentionCutoff(now, this.schedule.idempotency_records));
      const counts = { anonymised: anonymised.length, held: items.length - anonymised.length, idempotency };
      await this.retention.finishRun(m, runId, counts);
      await this.audit.recordMany(m, actor, [
        { action: 'retention_run', entityType: 'retention_run', entityId: runId, details: { trigger, ...counts } },
        ...anonymised.map((i) => ({ action: 'anonymise', entityType: 'person', entityId: i.personId, details: { reference: i.reference, runId } })),
      ]);
      return { ...(await this.retention.findRun(m, runId))!, items };
    });
    if (report) {
      this.logger.log(`Retention run ${report.id}: ${report.peopleAnonymised} anonymised, ${report.peopleHeld} held, ${report.idempotencyRecordsDeleted} stored responses deleted`);
    }
    return report;
  }

  async runNow(actor: Actor): Promise<RetentionReport> {
    const report = await this.run('admin', actor);
    if (!report) throw conflict('RETENTION_RUN_IN_PROGRESS', 'A retention run is already in progress: try again in a minute');
    return report;
  }

  async report(id: string): Promise<RetentionReport> {
    const run = await this.retention.findRun(this.dataSource.manager, id);
    if (!run) throw notFound('Retention run');
    return { ...run, items: await this.retention.runItems(this.dataSource.manager, id) };
  }

  async list(limit = 20, cursor?: string): Promise<Page<RetentionRunRow>> {
    const after = decodeCursor<{ startedAt: string; id: string }>(cursor);
    const rows = await this.retention.listRuns(this.dataSource.manager, cursor ? after : undefined, limit + 1);
    const page = toPage(rows, limit, (last) => ({ startedAt: last.cursorAt, id: last.id }));
    return { ...page, items: page.items.map(({ cursorAt: _, ...run }) => run) };
  }

  /** When a person's personal data falls due, for their page ("kept until"); null while they are supported. */
  dueAt(exitedAt: Date | null, operationClosedAt: Date | null): Date | null {
    const start = exitedAt ?? operationClosedAt;
    return start ? retentionDueAt(start, this.schedule.personal_data) : null;
  }
}
