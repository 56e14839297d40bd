import { Module } from '@nestjs/common';
import { BedOptionsService } from './bed-options.service';
import { CostsRepository } from './costs.repository';
import { CostsService } from './costs.service';
import { PlacementsController } from './placements.controller';
import { PlacementsRepository } from './placements.repository';
import { PlacementsService } from './placements.service';
import { ReservationExpiryJob } from './reservation-expiry.job';
import { SuitabilityService } from './suitability.service';

@Module({
  controllers: [PlacementsController],
  providers: [CostsRepository, CostsService, PlacementsService, PlacementsRepository, SuitabilityService, BedOptionsService, ReservationExpiryJob],
  exports: [PlacementsService, BedOptionsService, CostsService],
})
export class PlacementsModule {}
