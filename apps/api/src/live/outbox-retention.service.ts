import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AppConfig } from '../config/config.schema';
import { LiveRepository } from './live.repository';

const EVERY_MS = 3600_000;

/**
 * The outbox is a delivery queue, not the record (that is audit_event): events older than
 * LIVE_OUTBOX_RETENTION_DAYS go, hourly. A client resuming from before them is told to `resync`.
 */
@Injectable()
export class OutboxRetention implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(OutboxRetention.name);
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly repository: LiveRepository,
    private readonly config: ConfigService<AppConfig, true>,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.prune(), EVERY_MS);
    this.timer.unref();
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

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }
}
