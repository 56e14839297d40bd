import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JobScheduler } from '../common/job-scheduler';
import { AppConfig } from '../config/config.schema';
import { LiveRepository } from './live.repository';

/**
 * The outbox is a delivery queue, not the record (that is audit_event): events older than
 * LIVE_OUTBOX_RETENTION_DAYS go, every OUTBOX_PRUNE_INTERVAL_SECONDS (hourly by default). A client resuming from before them is told to `resync`.
 */
@Injectable()
export class OutboxRetention implements OnApplicationBootstrap {
  private readonly logger = new Logger(OutboxRetention.name);

  constructor(
    private readonly repository: LiveRepository,
    private readonly config: ConfigService<AppConfig, true>,
    private readonly scheduler: JobScheduler,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.config.get('OUTBOX_PRUNE_INTERVAL_SECONDS', { infer: true });
    this.scheduler.every('outbox-retention', seconds * 1000, () => this.prune());
  }

  async prune(): Promise<number> {
    try {
      const deleted = await this.repository.pruneOlderThan(this.config.get('LIVE_OUTBOX_RETENTION_DAYS', { infer: true }));
      if (deleted > 0) this.logger.log(`Pruned ${deleted} outbox events past retention`);
      return deleted;
    } catch (err) {
      this.logger.error(`Outbox pruning failed: ${(err as Error).message}`);
      return 0;
    }
  }
}
