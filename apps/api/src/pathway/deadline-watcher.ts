import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { addCalendarDays, eighteenthBirthday, endOfLondonDay, londonDate } from '@safe-harbour/domain';
import { AuditService } from '../audit/audit.service';
import { JobScheduler } from '../common/job-scheduler';
import { AppConfig } from '../config/config.schema';
import { OutboxEventInput, OutboxService } from '../live/outbox.service';
import { PlacementsService } from '../placements/placements.service';
import { nextDeadlineState } from './deadline-plan';
import { deadlineData, pathwayEvent } from './pathway-events';
import { PathwayRepository, WatchedDeadline } from './pathway.repository';
import { PathwayService } from './pathway.service';

export interface WatchResult {
  dueSoon: number;
  overdue: number;
  bedsReleased: number;
  /** children who turned 18 and moved to the adult route this pass */
  turned18: number;
}

/** 00:00 Europe/London on `date`. */
const startOfLondonDay = (date: string) => new Date(endOfLondonDay(addCalendarDays(date, -1)).getTime() + 1);

/**
 * Moves deadlines to `due_soon` and `overdue` as time passes and raises one event per change. The state
 * column makes it idempotent (a deadline only moves forward, and only from the state it was read in), and
 * rows are claimed with SKIP LOCKED, so every server process may run it: two watchers never take the same
 * deadline. A missing person's bed hold running out ends their placement through the placement feature,
 * exactly as a departure would, in the same transaction as the deadline's change.
 */
@Injectable()
export class DeadlineWatcher implements OnApplicationBootstrap {
  private readonly logger = new Logger(DeadlineWatcher.name);
  private readonly intervalMs: number;
  /** Deadlines handled per transaction; a tick repeats until fewer are left. */
  static batchSize = 200;

  constructor(
    private readonly pathway: PathwayRepository,
    private readonly placements: PlacementsService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly scheduler: JobScheduler,
    private readonly pathwayService: PathwayService,
    config: ConfigService<AppConfig, true>,
  ) {
    this.intervalMs = config.get('DEADLINE_WATCH_INTERVAL_SECONDS', { infer: true }) * 1000;
  }

  onApplicationBootstrap(): void {
    this.scheduler.every('deadline-watch', this.intervalMs, () => this.tick());
  }

  /** One pass at `now` (tests pass their own clock; the timer passes none). */
  async tick(now: Date = new Date()): Promise<WatchResult> {
    const total: WatchResult = { dueSoon: 0, overdue: 0, bedsReleased: 0, turned18: 0 };
    // Birthdays first: turning 18 creates the "adult consent now needed" deadline that the pass then raises.
    total.turned18 = await this.birthdays(now);
    for (;;) {
      const { claimed, result } = await this.batch(now);
      total.dueSoon += result.dueSoon;
      total.overdue += result.overdue;
      total.bedsReleased += result.bedsReleased;
      if (claimed < DeadlineWatcher.batchSize) return total;
    }
  }

  private batch(now: Date): Promise<{ claimed: number; result: WatchResult }> {
    return this.pathway.dataSource.transaction(async (manager) => {
      const result: WatchResult = { dueSoon: 0, overdue: 0, bedsReleased: 0, turned18: 0 };
      const claimed = await this.pathway.claimDeadlinesToAdvance(manager, now, DeadlineWatcher.batchSize);
      const events: OutboxEventInput[] = [];
      for (const d of claimed) {
        const next = nextDeadlineState(d.state, d, now);
        if (!next || !(await this.pathway.advanceDeadline(manager, d.id, d.state, next))) continue;
        events.push(pathwayEvent(d, next === 'due_soon' ? 'deadline.due_soon' : 'deadline.overdue', deadlineData(d, { id: d.personId, reference: d.reference }, next)));
        if (next === 'due_soon') result.dueSoon++;
        else result.overdue++;
        if (next === 'overdue' && d.kind === 'bed_hold_ends') result.bedsReleased += await this.releaseHeldBed(manager, d);
      }
      await this.outbox.emit(manager, ...events);
      return { claimed: claimed.length, result };
    });
  }

  /** Children whose 18th birthday has come: each moves to the adult route in its own transaction. */
  private async birthdays(now: Date): Promise<number> {
    const candidates = await this.pathway.childrenTurning18(this.pathway.dataSource.manager, londonDate(now), DeadlineWatcher.batchSize);
    let moved = 0;
    for (const c of candidates) {
      const birthday = eighteenthBirthday(c.dateOfBirth);
      if (!birthday || startOfLondonDay(birthday).getTime() > now.getTime()) continue;
      try {
        const recorded = await this.pathway.dataSource.transaction((manager) => this.pathwayService.recordTurned18(manager, c.personId, startOfLondonDay(birthday), now));
        if (recorded) moved++;
      } catch (err) {
        // one person's refusal (e.g. a history that no longer replays) must not stop everyone else's deadlines
        this.logger.error({ err, personId: c.personId }, 'could not record an 18th birthday');
      }
    }
    return moved;
  }

  private async releaseHeldBed(manager: Parameters<PlacementsService['endForPerson']>[0], d: WatchedDeadline): Promise<number> {
    // The bed was free from the end of the hold; never later than now, so the bed's status is right today.
    const at = new Date(Math.min(d.dueAt.getTime(), Date.now()));
    const ended = await this.placements.endForPerson(manager, {}, d.personId, at, 'missing_hold_expired');
    await this.pathway.markBedReleased(manager, d.personId, at);
    await this.audit.record(manager, {}, {
      action: 'release_held_bed',
      entityType: 'person',
      entityId: d.personId,
      details: { reference: d.reference, deadlineId: d.id, holdEndedAt: d.dueAt.toISOString(), placementIds: ended.map((p) => p.id) },
    });
    return ended.length;
  }
}
