import { Module } from '@nestjs/common';
import { OperationsModule } from '../operations/operations.module';
import { PathwayCoreModule } from '../pathway/pathway-core.module';
import { IdentityService } from './identity.service';
import { MergeService } from './merge.service';
import { OperationPeopleController, PeopleController } from './people.controller';
import { PeopleRepository } from './people.repository';
import { PeopleService } from './people.service';
import { PersonAccess } from './person-access';
import { RegistrationService } from './registration.service';
import { StationsService } from './stations.service';
import { TriageService } from './triage.service';

/** People at the reception centre: registration, triage, stations, personal data, merging duplicates. */
@Module({
  imports: [OperationsModule, PathwayCoreModule],
  controllers: [OperationPeopleController, PeopleController],
  providers: [PeopleRepository, PersonAccess, RegistrationService, PeopleService, TriageService, StationsService, IdentityService, MergeService],
  exports: [PeopleRepository, PersonAccess, RegistrationService, PeopleService, TriageService, StationsService, IdentityService, MergeService],
})
export class PeopleModule {}
