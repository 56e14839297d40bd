import { Module } from '@nestjs/common';
import { PlacementsModule } from '../placements/placements.module';
import { DeadlineWatcher } from './deadline-watcher';
import { PathwayRepository } from './pathway.repository';
import { PathwayService } from './pathway.service';

/**
 * The pathway's engine: recording facts, deadlines and the watcher. Kept apart from the HTTP routes so
 * that people (triage, age changes, merges) can record facts without a module cycle.
 */
@Module({
  imports: [PlacementsModule],
  providers: [PathwayRepository, PathwayService, DeadlineWatcher],
  exports: [PathwayRepository, PathwayService, DeadlineWatcher],
})
export class PathwayCoreModule {}
