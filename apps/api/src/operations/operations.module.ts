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
  exports: [OperationAccess, OperationsRepository],
})
export class OperationsModule {}
