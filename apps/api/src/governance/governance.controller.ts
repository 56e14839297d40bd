import { Body, Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequestId } from '../auth/current-user.decorator';
import { AuthUser, Role, Roles } from '../auth/roles';
import { ListLegalHoldsQuery, ListRetentionRunsQuery, PlaceLegalHoldDto } from './governance.dto';
import { LegalHoldsService } from './legal-holds.service';
import { RetentionService } from './retention.service';
import { SubjectAccessService } from './subject-access.service';

/** Those who may see a person's personal data at all; the service narrows it to the operation's lead. */
// Everyone whose role may see a person's personal data in some operation; the service asks the access layer.
const PERSONAL_DATA_ROLES: Role[] = ['admin', 'emergency_planner', 'operation_lead', 'housing_officer', 'reception_officer', 'case_worker'];

@ApiTags('data protection')
@ApiBearerAuth()
@Controller('people/:id')
export class PersonDataProtectionController {
  constructor(private readonly sar: SubjectAccessService) {}

  @Get('subject-access-export')
  @Roles('admin', 'emergency_planner')
  @Header('Cache-Control', 'no-store')
  subjectAccessExport(@CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', ParseUUIDPipe) id: string) {
    return this.sar.export({ user, requestId }, id);
  }

  /** Who viewed this record: every read of the person's personal data, newest first. */
  @Get('viewed-by')
  @Roles(...PERSONAL_DATA_ROLES)
  viewedBy(@CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', ParseUUIDPipe) id: string) {
    return this.sar.viewedBy({ user, requestId }, id);
  }
}

@ApiTags('data protection')
@ApiBearerAuth()
@Controller()
export class RetentionController {
  constructor(
    private readonly retention: RetentionService,
    private readonly holds: LegalHoldsService,
  ) {}

  @Get('retention/schedule')
  @Roles('admin')
  schedule() {
    return this.retention.describeSchedule();
  }

  /** Runs retention now (the daily job does the same) and returns its report. */
  @Post('retention/runs')
  @Roles('admin')
  runNow(@CurrentUser() user: AuthUser, @RequestId() requestId: string) {
    return this.retention.runNow({ user, requestId });
  }

  @Get('retention/runs')
  @Roles('admin')
  runs(@Query() query: ListRetentionRunsQuery) {
    return this.retention.list(query.limit, query.cursor);
  }

  @Get('retention/runs/:runId')
  @Roles('admin')
  run(@Param('runId', ParseUUIDPipe) runId: string) {
    return this.retention.report(runId);
  }

  @Post('legal-holds')
  @Roles('admin')
  placeHold(@CurrentUser() user: AuthUser, @RequestId() requestId: string, @Body() body: PlaceLegalHoldDto) {
    return this.holds.place({ user, requestId }, body);
  }

  @Get('legal-holds')
  @Roles('admin')
  listHolds(@Query() query: ListLegalHoldsQuery) {
    return this.holds.list(query);
  }

  @Post('legal-holds/:holdId/release')
  @Roles('admin')
  @HttpCode(200)
  releaseHold(@CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('holdId', ParseUUIDPipe) holdId: string) {
    return this.holds.release({ user, requestId }, holdId);
  }
}
