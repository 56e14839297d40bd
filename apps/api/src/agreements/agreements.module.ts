import { Module } from '@nestjs/common';
import { AgreementsController } from './agreements.controller';
import { AgreementsRepository } from './agreements.repository';
import { AgreementsService } from './agreements.service';

/** Cross-boundary and data-sharing agreements between organisations (read by the access layer). */
@Module({
  controllers: [AgreementsController],
  providers: [AgreementsRepository, AgreementsService],
})
export class AgreementsModule {}
