import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequestId } from '../auth/current-user.decorator';
import { AuthUser, Roles } from '../auth/roles';
import { Idempotent } from '../common/idempotency.interceptor';
import {
  ArrivalDto,
  BedOptionsQuery,
  CreateFamilyPlacementDto,
  CreateGroupPlacementDto,
  CostsQuery,
  CreatePlacementDto,
  EndPlacementDto,
  OccupancyQuery,
  TransferPlacementDto,
} from './placements.dto';
import { PlacementsService } from './placements.service';
import { BedOptionsService } from './bed-options.service';
import { CostsService } from './costs.service';

// Housing officers allocate beds; emergency planners and operation leads may too on the night; admins always.
const PLACERS = ['housing_officer', 'emergency_planner', 'operation_lead', 'admin'] as const;

@ApiTags('placements')
@ApiBearerAuth()
@Controller()
export class PlacementsController {
  constructor(
    private readonly placements: PlacementsService,
    private readonly bedOptions: BedOptionsService,
    private readonly costs: CostsService,
  ) {}

  @Post('placements')
  @Roles(...PLACERS)
  @Idempotent()
  create(@CurrentUser() user: AuthUser, @RequestId() requestId: string, @Body() body: CreatePlacementDto) {
    return this.placements.create({ user, requestId }, body);
  }

  @Post('placements/group')
  @Roles(...PLACERS)
  @Idempotent()
  createGroup(@CurrentUser() user: AuthUser, @RequestId() requestId: string, @Body() body: CreateGroupPlacementDto) {
    return this.placements.createGroup({ user, requestId }, body);
  }

  /** Everyone in the person's group, in free beds of one site, chosen by the server: the bed finder's "Place the family". */
  @Post('placements/family')
  @Roles(...PLACERS)
  @Idempotent()
  placeFamily(@CurrentUser() user: AuthUser, @RequestId() requestId: string, @Body() body: CreateFamilyPlacementDto) {
    return this.placements.placeFamily({ user, requestId }, body);
  }

  @Get('placements/:id')
  @Roles(...PLACERS, 'partner')
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.placements.get(user, id);
  }

  @Post('placements/:id/confirm')
  @Roles(...PLACERS)
  @HttpCode(200)
  confirm(@CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', ParseUUIDPipe) id: string) {
    return this.placements.confirm({ user, requestId }, id);
  }

  @Post('placements/:id/end')
  @Roles(...PLACERS)
  @HttpCode(200)
  end(@CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', ParseUUIDPipe) id: string, @Body() body: EndPlacementDto) {
    return this.placements.end({ user, requestId }, id, body);
  }

  @Post('placements/:id/transfer')
  @Roles(...PLACERS)
  @HttpCode(200)
  transfer(@CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', ParseUUIDPipe) id: string, @Body() body: TransferPlacementDto) {
    return this.placements.transfer({ user, requestId }, id, body);
  }

  @Post('placements/:id/arrival')
  @Roles(...PLACERS)
  @HttpCode(200)
  arrival(@CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', ParseUUIDPipe) id: string, @Body() body: ArrivalDto) {
    return this.placements.recordArrival({ user, requestId }, id, body);
  }

  @Get('people/:id/bed-options')
  @Roles(...PLACERS)
  options(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Query() query: BedOptionsQuery) {
    return this.bedOptions.forPerson(user, id, query);
  }

  @Get('occupancy')
  @Roles(...PLACERS, 'partner')
  occupancy(@CurrentUser() user: AuthUser, @Query() query: OccupancyQuery) {
    return this.placements.occupancy(user, query);
  }

  /** Nightly cost of spot-purchased beds per operation and per site, with totals. */
  @Get('costs')
  @Roles(...PLACERS)
  costTable(@CurrentUser() user: AuthUser, @Query() query: CostsQuery) {
    return this.costs.table(user, query);
  }
}
