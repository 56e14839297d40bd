import { Module } from '@nestjs/common';
import { OperationsModule } from '../operations/operations.module';
import { PeopleModule } from '../people/people.module';
import { PathwayCoreModule } from './pathway-core.module';
import { PathwayController } from './pathway.controller';
import { PathwayFactsService } from './pathway-facts.service';
import { TimelineService } from './timeline.service';

/** The NRM pathway routes: referrals, decisions, missing and found, exit, and the timeline. */
@Module({
  imports: [PathwayCoreModule, PeopleModule, OperationsModule],
  controllers: [PathwayController],
  providers: [PathwayFactsService, TimelineService],
  // The desk and case pages record facts through the same services (web/).
  exports: [PathwayFactsService, TimelineService],
})
export class PathwayModule {}
