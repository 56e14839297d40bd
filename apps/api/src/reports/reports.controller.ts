import { Controller, Get, Header, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequestId } from '../auth/current-user.decorator';
import { AuthUser, Role, Roles } from '../auth/roles';
import { ExportsService } from './exports.service';
import { ForecastService } from './forecast.service';
import { HistoryService } from './history.service';
import { ExportQuery, ForecastQuery, FunnelHistoryQuery, OccupancyHistoryQuery, ReportQuery } from './reports.dto';
import { StatisticsService } from './statistics.service';

/** Reports cover the operations the caller's organisation may see; partners work from the live picture only. */
const REPORTERS: Role[] = ['admin', 'emergency_planner', 'operation_lead', 'housing_officer'];
/** Names and dates of birth leave the system only for the lead organisation's planners (and admins). */
const CASE_EXPORTERS: Role[] = ['admin', 'emergency_planner'];
/** The charts' snapshots are counts, as the live occupancy and summary are. */
const CHART_VIEWERS: Role[] = [...REPORTERS, 'partner'];

@ApiTags('reports')
@ApiBearerAuth()
@Controller()
export class ReportsController {
  constructor(
    private readonly statistics: StatisticsService,
    private readonly exports: ExportsService,
    private readonly history: HistoryService,
    private readonly forecasts: ForecastService,
  ) {}

  @Get('reports/statistics')
  @Roles(...REPORTERS)
  statisticsReport(@CurrentUser() user: AuthUser, @Query() query: ReportQuery) {
    return this.statistics.statistics(user, query);
  }

  @Get('reports/export.json')
  @Roles(...REPORTERS)
  exportJson(@CurrentUser() user: AuthUser, @Query() query: ExportQuery) {
    return this.exports.aggregateJson(user, query);
  }

  @Get('reports/export.csv')
  @Roles(...REPORTERS)
  @ApiProduces('text/csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="safe-harbour-statistics.csv"')
  exportCsv(@CurrentUser() user: AuthUser, @Query() query: ExportQuery) {
    return this.exports.aggregateCsv(user, query);
  }

  @Get('reports/cases.csv')
  @Roles(...CASE_EXPORTERS)
  @ApiProduces('text/csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="safe-harbour-cases.csv"')
  @Header('Cache-Control', 'no-store')
  casesCsv(@CurrentUser() user: AuthUser, @RequestId() requestId: string, @Query() query: ReportQuery) {
    return this.exports.casesCsv({ user, requestId }, query);
  }

  @Get('reports/occupancy-history')
  @Roles(...CHART_VIEWERS)
  occupancyHistory(@CurrentUser() user: AuthUser, @Query() query: OccupancyHistoryQuery) {
    return this.history.occupancy(user, query);
  }

  @Get('reports/funnel-history')
  @Roles(...CHART_VIEWERS)
  funnelHistory(@CurrentUser() user: AuthUser, @Query() query: FunnelHistoryQuery) {
    return this.history.funnel(user, query);
  }

  @Get('forecast')
  @Roles(...REPORTERS)
  forecast(@CurrentUser() user: AuthUser, @Query() query: ForecastQuery) {
    return this.forecasts.forecast(user, query);
  }
}
