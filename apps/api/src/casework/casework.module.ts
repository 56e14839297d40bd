import { Module } from '@nestjs/common';
import { OperationsModule } from '../operations/operations.module';
import { PathwayModule } from '../pathway/pathway.module';
import { PeopleModule } from '../people/people.module';
import { CaseController } from './case.controller';
import { CaseRepository } from './case.repository';
import { CaseService } from './case.service';
import { WorklistController } from './worklist.controller';
import { WorklistRepository } from './worklist.repository';
import { WorklistService } from './worklist.service';

/** The case worker's reads: a person's whole case (and its hand-over summary) and the team's worklist. */
@Module({
  imports: [OperationsModule, PeopleModule, PathwayModule],
  controllers: [WorklistController, CaseController],
  providers: [WorklistRepository, WorklistService, CaseRepository, CaseService],
  exports: [WorklistService, CaseService, CaseRepository],
})
export class CaseworkModule {}
