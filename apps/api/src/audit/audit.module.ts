import { Global, Module } from '@nestjs/common';
import { OutboxService } from '../live/outbox.service';
import { AuditCsvService } from './audit-csv.service';
import { AuditController } from './audit.controller';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';

/** Audit and outbox are needed by every feature's transactions, so they are global. */
@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditService, AuditRepository, AuditCsvService, OutboxService],
  exports: [AuditService, AuditRepository, AuditCsvService, OutboxService],
})
export class AuditModule {}
