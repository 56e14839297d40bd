import { Module } from '@nestjs/common';
import { OperationsModule } from '../operations/operations.module';
import { PeopleModule } from '../people/people.module';
import { PersonDataProtectionController, RetentionController } from './governance.controller';
import { LegalHoldsRepository } from './legal-holds.repository';
import { LegalHoldsService } from './legal-holds.service';
import { RetentionJob } from './retention.job';
import { RetentionRepository } from './retention.repository';
import { RetentionService } from './retention.service';
import { SubjectAccessRepository } from './subject-access.repository';
import { SubjectAccessService } from './subject-access.service';

/** Data protection (issue 17): subject access, who viewed a record, retention and legal holds. */
@Module({
  imports: [OperationsModule, PeopleModule],
  controllers: [PersonDataProtectionController, RetentionController],
  providers: [SubjectAccessService, SubjectAccessRepository, RetentionService, RetentionRepository, RetentionJob, LegalHoldsService, LegalHoldsRepository],
  exports: [RetentionService, SubjectAccessService, LegalHoldsService],
})
export class GovernanceModule {}
