import { Module } from '@nestjs/common';
import { OperationsModule } from '../operations/operations.module';
import { LiveAccess } from './live-access.service';
import { LiveDelivery } from './live-delivery.service';
import { liveRedisProvider } from './live-redis';
import { LiveGateway } from './live.gateway';
import { LiveRelayModule } from './live-relay.module';
import { OutboxRetention } from './outbox-retention.service';

/**
 * Live updates: the outbox relay and the `/live` socket.io gateway. (OutboxService, which features call
 * inside their transactions, is provided globally by AuditModule.)
 */
@Module({
  imports: [OperationsModule, LiveRelayModule],
  providers: [OutboxRetention, LiveAccess, LiveDelivery, LiveGateway, liveRedisProvider],
})
export class LiveModule {}
