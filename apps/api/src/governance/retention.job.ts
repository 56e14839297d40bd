import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { AppConfig } from '../config/config.schema';
import { RetentionService } from './retention.service';

const JOB = 'retention-daily';

/**
 * The daily retention run, at RETENTION_CRON (default 03:00). Every server schedules it; the run's advisory
 * lock lets one of them do the work and the others skip.
 */
@Injectable()
export class RetentionJob implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(RetentionJob.name);

  constructor(
    private readonly retention: RetentionService,
    private readonly scheduler: SchedulerRegistry,
    private readonly config: ConfigService<AppConfig, true>,
  ) {}

  onApplicationBootstrap(): void {
    const cron = this.config.get('RETENTION_CRON', { infer: true });
    if (cron === 'off') return;
    const job = CronJob.from({
      cronTime: cron,
      onTick: () => {
        this.retention.run('schedule', {}).catch((err) => this.logger.error(`Retention run failed: ${err}`));
      },
      start: true,
    });
    this.scheduler.addCronJob(JOB, job);
  }

  onModuleDestroy(): void {
    if (this.scheduler.doesExist('cron', JOB)) this.scheduler.deleteCronJob(JOB);
  }
}
