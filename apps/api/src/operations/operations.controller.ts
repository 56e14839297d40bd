import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequestId } from '../auth/current-user.decorator';
import { ANY_ROLE, AuthUser, Role, Roles } from '../auth/roles';
import { Idempotent } from '../common/idempotency.interceptor';
import { AgenciesService } from './agencies.service';
import { OperationSummaryService } from './operation-summary.service';
import { AddAgencyDto, BookReceptionCentreDto, CreateOperationDto, ListOperationsQuery, UpdateAgencyDto, UpdateOperationDto } from './operations.dto';
import { OperationsService } from './operations.service';
import { ReceptionCentresService } from './reception-centres.service';

/** Planning roles; the services narrow this to the operation's lead organisation. */
const PLANNERS: Role[] = ['admin', 'emergency_planner', 'operation_lead'];

@ApiTags('operations')
@ApiBearerAuth()
@Controller('operations')
export class OperationsController {
  constructor(
    private readonly operations: OperationsService,
    private readonly centres: ReceptionCentresService,
    private readonly agencies: AgenciesService,
    private readonly summaries: OperationSummaryService,
  ) {}

  @Post()
  @Roles(...PLANNERS)
  @Idempotent()
  create(@CurrentUser() user: AuthUser, @RequestId() requestId: string, @Body() body: CreateOperationDto) {
    return this.operations.create({ user, requestId }, body);
  }

  @Get()
  @Roles(...ANY_ROLE)
  list(@CurrentUser() user: AuthUser, @Query() query: ListOperationsQuery) {
    return this.operations.list(user, query);
  }

  @Get(':id')
  @Roles(...ANY_ROLE)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.operations.get(user, id);
  }

  @Patch(':id')
  @Roles(...PLANNERS)
  update(@CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateOperationDto) {
    return this.operations.update({ user, requestId }, id, body);
  }

  @Get(':id/summary')
  @Roles(...ANY_ROLE)
  summary(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.summaries.summary(user, id);
  }

  @Post(':id/reception-centres')
  @Roles(...PLANNERS)
  @Idempotent()
  bookReceptionCentre(
    @CurrentUser() user: AuthUser,
    @RequestId() requestId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: BookReceptionCentreDto,
  ) {
    return this.centres.book({ user, requestId }, id, body);
  }

  @Get(':id/reception-centres')
  @Roles(...ANY_ROLE)
  receptionCentres(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.centres.list(user, id);
  }

  @Get(':id/readiness')
  @Roles(...ANY_ROLE)
  readiness(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.centres.readiness(user, id);
  }

  @Post(':id/agencies')
  @Roles(...PLANNERS)
  @Idempotent()
  addAgency(@CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', ParseUUIDPipe) id: string, @Body() body: AddAgencyDto) {
    return this.agencies.add({ user, requestId }, id, body);
  }

  @Get(':id/agencies')
  @Roles(...ANY_ROLE)
  listAgencies(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.agencies.list(user, id);
  }

  @Patch(':id/agencies/:agencyId')
  @Roles(...PLANNERS)
  updateAgency(
    @CurrentUser() user: AuthUser,
    @RequestId() requestId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Body() body: UpdateAgencyDto,
  ) {
    return this.agencies.update({ user, requestId }, id, agencyId, body);
  }
}
