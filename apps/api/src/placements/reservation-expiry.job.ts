import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { PlacementsService } from './placements.service';

/**
 * Reservations lapse by themselves. Every process runs this; rows are claimed with FOR UPDATE SKIP LOCKED,
 * so several servers share the work without expiring one reservation twice.
 */
@Injectable()
export class ReservationExpiryJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ReservationExpiryJob.name);
  private timer?: NodeJS.Timeout;
  static intervalMs = 30_000;

  constructor(private readonly placements: PlacementsService) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), ReservationExpiryJob.intervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
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
