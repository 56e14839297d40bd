import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JobScheduler } from '../common/job-scheduler';
import { AppConfig } from '../config/config.schema';
import { RetentionService } from './retention.service';

/**
 * The daily retention run, at RETENTION_CRON (default 03:00). Every server schedules it; the run's advisory
 * try-lock lets one of them do the work and the others skip.
 */
@Injectable()
export class RetentionJob implements OnApplicationBootstrap {
  constructor(
    private readonly retention: RetentionService,
    private readonly scheduler: JobScheduler,
    private readonly config: ConfigService<AppConfig, true>,
  ) {}

  onApplicationBootstrap(): void {
    this.scheduler.cron('retention-daily', this.config.get('RETENTION_CRON', { infer: true }), () => this.retention.run('schedule', {}));
  }
}
