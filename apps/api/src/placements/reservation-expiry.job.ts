import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JobScheduler } from '../common/job-scheduler';
import { AppConfig } from '../config/config.schema';
import { PlacementsService } from './placements.service';

/**
 * Reservations lapse by themselves. Every process runs this; rows are claimed with FOR UPDATE SKIP LOCKED,
 * so several servers share the work without expiring one reservation twice.
 */
@Injectable()
export class ReservationExpiryJob implements OnApplicationBootstrap {
  private readonly logger = new Logger(ReservationExpiryJob.name);

  constructor(
    private readonly placements: PlacementsService,
    private readonly scheduler: JobScheduler,
    private readonly config: ConfigService<AppConfig, true>,
  ) {}

  onApplicationBootstrap(): void {
    const seconds = this.config.get('RESERVATION_EXPIRY_INTERVAL_SECONDS', { infer: true });
    this.scheduler.every('reservation-expiry', seconds * 1000, () => this.tick());
  }

  async tick(): Promise<number> {
    try {
      return await this.placements.expireReservations();
    } catch (err) {
      this.logger.error({ err }, 'reservation expiry failed');
      return 0;
    }
  }
}
