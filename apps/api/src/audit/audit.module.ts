import { Global, Module } from '@nestjs/common';
import { OutboxService } from '../live/outbox.service';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';

/** Audit and outbox are needed by every feature's transactions, so they are global. */
@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditService, OutboxService],
  exports: [AuditService, OutboxService],
})
export class AuditModule {}
