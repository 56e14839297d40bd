import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Client } from 'pg';
import { EntityManager } from 'typeorm';
import { AppConfig } from '../config/config.schema';
import { LiveEvent, toLiveEvent } from './live-events';
import { LiveRepository } from './live.repository';

const BATCH = 500;
const GAP_RECHECK_MS = 15;
const GAP_WARN_MS = 5000;
const LISTEN_RETRY_MS = 1000;
const END_RETRY_MS = 1000;

export type RelayListener = (events: LiveEvent[]) => void;

/**
 * Turns committed outbox rows into live events, in `seq` order, with no gaps and none skipped that may
 * still commit. Every server process runs its own relay over the shared table and hands the events to
 * its own sockets only, so N servers deliver each event once to each client, whichever server it is on.
 *
 * Wake-ups: LISTEN `outbox_event` (the insert trigger NOTIFYs; NOTIFY arrives only after commit), plus
 * a poll every LIVE_POLL_INTERVAL_MS as a safety net for a dropped LISTEN connection.
 *
 * Ordering. A seq is drawn at insert, so seq 11 can be visible while seq 10 is still in flight. When the
 * relay meets such a gap it does not guess. It looks again shortly (the holder usually commits within
 * milliseconds and its NOTIFY wakes the relay); if the gap is still there it lists the transactions that
 * hold the outbox writers' lock (pg_locks; every writer takes it before drawing its seq, migration
 * 1764100005100) and waits for exactly those to end. Whoever drew a seq below the highest visible one and
 * had not finished is on that list; once they have all ended, each missing seq has either committed (and
 * is read on the next pass) or rolled back (and is stepped over for good). So a gap lasts as long as its
 * holder takes to commit or roll back, and nothing else: other transactions, in this database or any
 * other on the server, never hold the feed back. A writer that stays open would: a warning names it after
 * 5 s, and once it has sat idle in its transaction for LIVE_WRITER_MAX_WAIT_MS the relay ends it (our own
 * sessions already end themselves by DB_IDLE_IN_TRANSACTION_TIMEOUT_MS).
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly listeners = new Set<RelayListener>();
  /** Every seq up to here has been published, or is final and will never exist. */
  private published = 0;
  /** Every seq up to here is final: committed and visible, or never to be. */
  private finalUpTo = 0;
  private gap: { lastVisible: number; writers: string[] | null; since: number; warned: boolean; lastEndAttempt: number } | null = null;
  private running: Promise<void> | null = null;
  private wakeAgain = false;
  private stopped = false;
  private listenClient: Client | null = null;
  private pollTimer?: NodeJS.Timeout;
  private retryTimer?: NodeJS.Timeout;
  private resolveReady!: () => void;
  /** Resolves once the starting point is final; subscriptions wait for it. */
  readonly ready = new Promise<void>((resolve) => (this.resolveReady = resolve));

  constructor(
    private readonly repository: LiveRepository,
    private readonly config: ConfigService<AppConfig, true>,
  ) {}

  /** The stream position: every event with a seq above it is still to come, in order. */
  get cursor(): number {
    return this.published;
  }

  onEvents(listener: RelayListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * For endpoints that return a snapshot with the live position (summary, occupancy): call inside the
   * snapshot's transaction (REPEATABLE READ when it takes several statements) so it sees what they saw.
   * A client subscribes first, fetches the snapshot, then applies only events with a seq above `seq` or
   * listed in `pending`: every other event is already in the snapshot. (`max(seq)` alone is not enough:
   * a lower seq may still be in flight when the snapshot is read, and would then be skipped.)
   */
  async positionIn(manager: EntityManager): Promise<{ seq: number; pending: number[] }> {
    await this.ready;
    return this.repository.positionIn(manager, this.published);
  }

  onApplicationBootstrap(): void {
    // Not awaited: a stuck writer must not stop the API from starting; subscriptions await `ready`.
    void this.start();
  }

  private async start(): Promise<void> {
    while (!this.stopped) {
      try {
        // Start at the head, but only once every seq below it is final: a reconnecting client's
        // replay reads (sinceSeq, cursor] from the table and must not miss one that commits later.
        const head = await this.repository.highestSeq();
        const writers = await this.repository.outboxWriters();
        while (!this.stopped && (await this.repository.anyStillWriting(writers))) await sleep(GAP_RECHECK_MS);
        this.published = head;
        this.finalUpTo = head;
        break;
      } catch (err) {
        this.logger.error(`Live relay cannot start yet: ${(err as Error).message}`);
        await sleep(LISTEN_RETRY_MS);
      }
    }
    if (this.stopped) return;
    this.resolveReady();
    void this.listen();
    this.pollTimer = setInterval(() => this.wake(), this.config.get('LIVE_POLL_INTERVAL_MS', { infer: true }));
    this.pollTimer.unref();
    this.wake();
  }

  /** Read and publish whatever has committed; coalesces wake-ups that arrive while a pass runs. */
  wake(): void {
    if (this.stopped || !this.pollTimer) return;
    if (this.running) {
      this.wakeAgain = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = null;
    });
  }

  private async drain(): Promise<void> {
    do {
      this.wakeAgain = false;
      try {
        while (!this.stopped && (await this.pass()));
      } catch (err) {
        if (this.stopped) return;
        this.logger.error(`Live relay pass failed (retrying): ${(err as Error).message}`);
        this.scheduleRetry(LISTEN_RETRY_MS);
        return;
      }
    } while (this.wakeAgain && !this.stopped);
  }

  /** One pass; true when there may be more to do at once. */
  private async pass(): Promise<boolean> {
    const rows = await this.repository.readAfter(this.published, BATCH);
    const events: LiveEvent[] = [];
    let blocked = false;
    for (const row of rows) {
      // Missing seqs between `published` and this row are stepped over only once they are final.
      if (row.seq !== this.published + 1 && row.seq - 1 > this.finalUpTo) {
        blocked = true;
        break;
      }
      events.push(toLiveEvent(row));
      this.published = row.seq;
    }
    // Published before any further await, so `cursor` and what the sockets have seen move together.
    this.publish(events);
    if (!blocked) {
      if (this.gap && this.published >= this.gap.lastVisible) this.closeGap('filled');
      return rows.length === BATCH;
    }

    // Usually the holder of the missing seq commits a moment later and its NOTIFY brings us back here
    // with the gap filled: no extra round trip. Only a gap that outlasts one recheck asks who holds it.
    const lastVisible = rows[rows.length - 1].seq;
    if (!this.gap) {
      this.gap = { lastVisible, writers: null, since: Date.now(), warned: false, lastEndAttempt: 0 };
      this.scheduleRetry(GAP_RECHECK_MS);
      return false;
    }
    if (this.gap.writers === null) {
      // Listed after the read above: whoever drew a seq below `lastVisible` and is still running is here.
      this.gap.lastVisible = lastVisible;
      this.gap.writers = await this.repository.outboxWriters();
    }
    if (!(await this.repository.anyStillWriting(this.gap.writers))) {
      // Every seq up to lastVisible has committed or never will; the next read (after this check) sees which.
      this.finalUpTo = Math.max(this.finalUpTo, this.gap.lastVisible);
      this.closeGap('writers ended');
      return true;
    }
    this.warnIfStuck();
    if (await this.endIdleWriters()) return true;
    this.scheduleRetry(GAP_RECHECK_MS);
    return false;
  }

  /**
   * The wait is bounded: past LIVE_WRITER_MAX_WAIT_MS, a writer that sits idle in its transaction (it
   * holds the feed back and does nothing) is ended, and the log names it. A writer that is busy running a
   * statement is left to finish (statement_timeout bounds our own). True when one was ended.
   */
  private async endIdleWriters(): Promise<boolean> {
    const gap = this.gap;
    const maxWait = this.config.get('LIVE_WRITER_MAX_WAIT_MS', { infer: true });
    if (!gap || Date.now() - gap.since < maxWait || Date.now() - gap.lastEndAttempt < END_RETRY_MS) return false;
    gap.lastEndAttempt = Date.now();
    const ended = await this.repository.endIdleWriters(gap.writers ?? [], maxWait);
    if (ended.length === 0) return false;
    this.logger.warn(
      `Live events after seq ${this.published} waited ${Math.round((Date.now() - gap.since) / 1000)} s for outbox writers ` +
        `idle in their transactions; ended them (their changes roll back): ${JSON.stringify(ended)}`,
    );
    return ended.some((writer) => writer.ended);
  }

  private closeGap(how: 'filled' | 'writers ended'): void {
    if (this.gap) this.logger.debug(`Gap below seq ${this.gap.lastVisible} closed (${how}) after ${Date.now() - this.gap.since} ms`);
    this.gap = null;
  }

  private publish(events: LiveEvent[]): void {
    if (events.length === 0) return;
    for (const listener of this.listeners) {
      try {
        listener(events);
      } catch (err) {
        this.logger.error(`Live delivery failed: ${(err as Error).stack}`);
      }
    }
  }

  private scheduleRetry(ms: number): void {
    if (this.stopped || this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.wake();
    }, ms);
  }

  private warnIfStuck(): void {
    const gap = this.gap;
    if (!gap || gap.warned || Date.now() - gap.since < GAP_WARN_MS) return;
    gap.warned = true;
    this.repository
      .describeWriters(gap.writers ?? [])
      .then((writers) =>
        this.logger.warn(
          `Live events after seq ${this.published} have waited ${Math.round((Date.now() - gap.since) / 1000)} s ` +
            `for these outbox writers to commit or roll back: ${JSON.stringify(writers)}`,
        ),
      )
      .catch(() => undefined);
  }

  private async listen(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({
      connectionString: this.repository.databaseUrl(),
      application_name: 'safe-harbour-live-relay',
      keepAlive: true,
    });
    this.listenClient = client;
    let retried = false;
    const retry = (reason: string) => {
      if (retried || this.stopped) return;
      retried = true;
      this.logger.warn(`Live relay lost its LISTEN connection (${reason}); polling until it is back`);
      client.end().catch(() => undefined);
      setTimeout(() => void this.listen(), LISTEN_RETRY_MS).unref();
    };
    client.on('notification', () => this.wake());
    client.on('error', (err) => retry(err.message));
    client.on('end', () => retry('closed'));
    try {
      await client.connect();
      await client.query('listen outbox_event');
      this.wake(); // anything committed while we were not listening
    } catch (err) {
      retry((err as Error).message);
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearInterval(this.pollTimer);
    clearTimeout(this.retryTimer);
    this.listeners.clear();
    const client = this.listenClient;
    this.listenClient = null;
    await client?.end().catch(() => undefined);
    await this.running?.catch(() => undefined);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
