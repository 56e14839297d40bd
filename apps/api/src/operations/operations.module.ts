import { Module } from '@nestjs/common';
import { AgenciesService } from './agencies.service';
import { OperationAccess } from './operation-access';
import { OperationSummaryRepository } from './operation-summary.repository';
import { OperationSummaryService } from './operation-summary.service';
import { OperationsController } from './operations.controller';
import { OperationsRepository } from './operations.repository';
import { OperationsService } from './operations.service';
import { ReceptionCentresService } from './reception-centres.service';

/** Operations, their reception centres, agency roster and summary. Exports the access rules for people. */
@Module({
  controllers: [OperationsController],
  providers: [
    OperationsRepository,
    OperationAccess,
    OperationsService,
    ReceptionCentresService,
    AgenciesService,
    OperationSummaryRepository,
    OperationSummaryService,
  ],
  // The services are shared with the web pages (web/), so both go through the same access rules.
  exports: [OperationAccess, OperationsRepository, OperationsService, ReceptionCentresService, AgenciesService, OperationSummaryService],
})
export class OperationsModule {}
