import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequestId } from '../auth/current-user.decorator';
import { ANY_ROLE, AuthUser, Role, Roles } from '../auth/roles';
import { Idempotent } from '../common/idempotency.interceptor';
import { BedsService } from './beds.service';
import { SiteImportService } from './site-import.service';
import {
  BedQueryDto,
  CreateBedDto,
  CreateRoomDto,
  CreateSiteDto,
  ImportQueryDto,
  SiteQueryDto,
  UpdateReadinessDto,
  UpdateSiteDto,
} from './sites.dto';
import { SitesService } from './sites.service';
import { VoidReadinessService } from './void-readiness.service';

/** Who keeps the inventory; the services narrow this to the owning organisation. */
export const INVENTORY_KEEPERS: Role[] = ['admin', 'housing_officer', 'emergency_planner'];

@ApiTags('sites')
@ApiBearerAuth()
@Controller('sites')
export class SitesController {
  constructor(
    private readonly sites: SitesService,
    private readonly beds: BedsService,
    private readonly readiness: VoidReadinessService,
    private readonly importer: SiteImportService,
  ) {}

  @Post()
  @Roles(...INVENTORY_KEEPERS)
  @Idempotent()
  create(@CurrentUser() user: AuthUser, @RequestId() requestId: string, @Body() body: CreateSiteDto) {
    return this.sites.create({ user, requestId }, body);
  }

  @Get()
  @Roles(...ANY_ROLE)
  list(@CurrentUser() user: AuthUser, @RequestId() requestId: string, @Query() query: SiteQueryDto) {
    return this.sites.list({ user, requestId }, query);
  }

  @Post('import')
  @Roles(...INVENTORY_KEEPERS)
  @Idempotent()
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: 'site_name,site_type,local_authority_code,address,room_name,room_kind,bed_label\n' } })
  import(@CurrentUser() user: AuthUser, @RequestId() requestId: string, @Body() csv: string, @Query() query: ImportQueryDto) {
    return this.importer.import({ user, requestId }, csv, query.organisationId);
  }

  /** The same checks as the import, writing nothing: each row's errors by line and the sites it merges into. */
  @Post('import/preview')
  @Roles(...INVENTORY_KEEPERS)
  @HttpCode(200)
  @ApiConsumes('text/csv')
  @ApiBody({ schema: { type: 'string', example: 'site_name,site_type,local_authority_code,address,room_name,room_kind,bed_label\n' } })
  preview(@CurrentUser() user: AuthUser, @RequestId() requestId: string, @Body() csv: string, @Query() query: ImportQueryDto) {
    return this.importer.preview({ user, requestId }, csv, query.organisationId);
  }

  @Get(':id')
  @Roles(...ANY_ROLE)
  get(@CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', ParseUUIDPipe) id: string) {
    return this.sites.get({ user, requestId }, id);
  }

  @Patch(':id')
  @Roles(...INVENTORY_KEEPERS)
  update(@CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateSiteDto) {
    return this.sites.update({ user, requestId }, id, body);
  }

  @Get(':id/rooms')
  @Roles(...ANY_ROLE)
  listRooms(@CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', ParseUUIDPipe) id: string) {
    return this.beds.listRooms({ user, requestId }, id);
  }

  @Post(':id/rooms')
  @Roles(...INVENTORY_KEEPERS)
  @Idempotent()
  createRoom(@CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', ParseUUIDPipe) id: string, @Body() body: CreateRoomDto) {
    return this.beds.createRoom({ user, requestId }, id, body);
  }

  @Get(':id/beds')
  @Roles(...ANY_ROLE)
  listBeds(@CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', ParseUUIDPipe) id: string, @Query() query: BedQueryDto) {
    return this.beds.listBeds({ user, requestId }, id, query);
  }

  @Post(':id/beds')
  @Roles(...INVENTORY_KEEPERS)
  @Idempotent()
  createBed(@CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', ParseUUIDPipe) id: string, @Body() body: CreateBedDto) {
    return this.beds.createBed({ user, requestId }, id, body);
  }

  @Get(':id/readiness')
  @Roles(...ANY_ROLE)
  getReadiness(@CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', ParseUUIDPipe) id: string) {
    return this.readiness.get({ user, requestId }, id);
  }

  @Patch(':id/readiness')
  @Roles(...INVENTORY_KEEPERS)
  updateReadiness(
    @CurrentUser() user: AuthUser,
    @RequestId() requestId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateReadinessDto,
  ) {
    return this.readiness.update({ user, requestId }, id, body);
  }
}
