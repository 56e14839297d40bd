import { Global, Module } from '@nestjs/common';
import { LiveRepository } from './live.repository';
import { OutboxRelay } from './outbox-relay.service';

/**
 * The outbox relay on its own, global: features that return a snapshot with its live position
 * (`OutboxRelay.positionIn`: the operation summary, occupancy) inject it without importing the live
 * gateway's module (which imports theirs).
 */
@Global()
@Module({
  providers: [LiveRepository, OutboxRelay],
  exports: [LiveRepository, OutboxRelay],
})
export class LiveRelayModule {}
