import { Module } from '@nestjs/common';
import { OperationsModule } from '../operations/operations.module';
import { CasesRepository } from './cases.repository';
import { ExportsService } from './exports.service';
import { ForecastRepository } from './forecast.repository';
import { ForecastService } from './forecast.service';
import { HistoryRepository } from './history.repository';
import { HistoryService } from './history.service';
import { ReportScope } from './report-scope';
import { ReportingPolicy } from './reporting-policy';
import { ReportsController } from './reports.controller';
import { ReportsRepository } from './reports.repository';
import { StatisticsService } from './statistics.service';

/** Statistics, exports with and without personal data, chart snapshots and the bed forecast (issue 8). */
@Module({
  imports: [OperationsModule],
  controllers: [ReportsController],
  providers: [
    ReportingPolicy,
    ReportsRepository,
    CasesRepository,
    HistoryRepository,
    ForecastRepository,
    ReportScope,
    StatisticsService,
    ExportsService,
    HistoryService,
    ForecastService,
  ],
})
export class ReportsModule {}
