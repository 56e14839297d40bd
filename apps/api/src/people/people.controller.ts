import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequestId } from '../auth/current-user.decorator';
import { ANY_ROLE, AuthUser, Role, Roles } from '../auth/roles';
import { Idempotent } from '../common/idempotency.interceptor';
import { IdentityService } from './identity.service';
import { MergeService } from './merge.service';
import { CorrectIdentityDto, CreateGroupDto, GetPersonQuery, ListPeopleQuery, MergePeopleDto, ReadReasonQuery, RegisterPersonDto, TriageDto, UpdatePersonDto, UpdateStationDto } from './people.dto';
import { PeopleService } from './people.service';
import { RegistrationService } from './registration.service';
import { StationsService } from './stations.service';
import { TriageService } from './triage.service';

/** Staff who work with people at the centre; the services narrow this to the operation's organisations. */
const CENTRE_STAFF: Role[] = ['admin', 'emergency_planner', 'operation_lead', 'housing_officer', 'reception_officer'];
/** Names and dates of birth: centre staff, and case workers who follow the person through the NRM. */
const IDENTITY_READERS: Role[] = [...CENTRE_STAFF, 'case_worker'];

@ApiTags('people')
@ApiBearerAuth()
@Controller('operations/:operationId')
export class OperationPeopleController {
  constructor(
    private readonly registration: RegistrationService,
    private readonly people: PeopleService,
    private readonly stations: StationsService,
  ) {}

  @Post('people')
  @Roles(...CENTRE_STAFF)
  @Idempotent()
  register(
    @CurrentUser() user: AuthUser,
    @RequestId() requestId: string,
    @Param('operationId', ParseUUIDPipe) operationId: string,
    @Body() body: RegisterPersonDto,
  ) {
    return this.registration.register({ user, requestId }, operationId, body);
  }

  @Get('people')
  @Roles(...ANY_ROLE)
  list(@CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('operationId', ParseUUIDPipe) operationId: string, @Query() query: ListPeopleQuery) {
    return this.people.list({ user, requestId }, operationId, query);
  }

  @Post('groups')
  @Roles(...CENTRE_STAFF)
  @Idempotent()
  createGroup(
    @CurrentUser() user: AuthUser,
    @RequestId() requestId: string,
    @Param('operationId', ParseUUIDPipe) operationId: string,
    @Body() body: CreateGroupDto,
  ) {
    return this.registration.createGroup({ user, requestId }, operationId, body);
  }

  @Get('groups')
  @Roles(...ANY_ROLE)
  groups(@CurrentUser() user: AuthUser, @Param('operationId', ParseUUIDPipe) operationId: string) {
    return this.registration.listGroups(user, operationId);
  }

  @Get('stations')
  @Roles(...ANY_ROLE)
  stationBoard(@CurrentUser() user: AuthUser, @Param('operationId', ParseUUIDPipe) operationId: string) {
    return this.stations.board(user, operationId);
  }
}

@ApiTags('people')
@ApiBearerAuth()
@Controller('people/:id')
export class PeopleController {
  constructor(
    private readonly people: PeopleService,
    private readonly triageService: TriageService,
    private readonly stations: StationsService,
    private readonly identity: IdentityService,
    private readonly merges: MergeService,
  ) {}

  @Get()
  @Roles(...ANY_ROLE)
  get(@CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', ParseUUIDPipe) id: string, @Query() query: GetPersonQuery) {
    return this.people.get({ user, requestId }, id, query.includeIdentity ?? false, query.reason);
  }

  @Patch()
  @Roles(...CENTRE_STAFF)
  update(@CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdatePersonDto) {
    return this.people.update({ user, requestId }, id, body);
  }

  @Post('triage')
  @Roles(...CENTRE_STAFF)
  @HttpCode(200)
  triage(@CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', ParseUUIDPipe) id: string, @Body() body: TriageDto) {
    return this.triageService.triage({ user, requestId }, id, body);
  }

  @Get('identity')
  @Roles(...IDENTITY_READERS)
  readIdentity(@CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', ParseUUIDPipe) id: string, @Query() query: ReadReasonQuery) {
    return this.identity.read({ user, requestId }, id, query.reason);
  }

  @Patch('identity')
  @Roles(...CENTRE_STAFF)
  correctIdentity(@CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', ParseUUIDPipe) id: string, @Body() body: CorrectIdentityDto) {
    return this.identity.correct({ user, requestId }, id, body);
  }

  @Post('merge')
  @Roles(...CENTRE_STAFF)
  @HttpCode(200)
  merge(@CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', ParseUUIDPipe) id: string, @Body() body: MergePeopleDto) {
    return this.merges.merge({ user, requestId }, id, body);
  }

  @Get('stations')
  @Roles(...ANY_ROLE)
  checklist(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.stations.checklist(user, id);
  }

  @Patch('stations/:station')
  @Roles(...CENTRE_STAFF)
  moveStation(
    @CurrentUser() user: AuthUser,
    @RequestId() requestId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('station') station: string,
    @Body() body: UpdateStationDto,
  ) {
    return this.stations.move({ user, requestId }, id, station, body);
  }
}
