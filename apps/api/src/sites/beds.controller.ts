import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequestId } from '../auth/current-user.decorator';
import { ANY_ROLE, AuthUser, Roles } from '../auth/roles';
import { PageQuery } from '../common/pagination';
import { BedsService } from './beds.service';
import { TurnaroundQueryDto, UpdateBedDto } from './sites.dto';
import { INVENTORY_KEEPERS } from './sites.controller';

@ApiTags('sites')
@ApiBearerAuth()
@Controller('beds')
export class BedsController {
  constructor(private readonly beds: BedsService) {}

  @Get(':id')
  @Roles(...ANY_ROLE)
  get(@CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', ParseUUIDPipe) id: string) {
    return this.beds.getBed({ user, requestId }, id);
  }

  /** available | out_of_service (with reason) | closed. Reserved and occupied follow from placements. */
  @Patch(':id')
  @Roles(...INVENTORY_KEEPERS)
  update(@CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateBedDto) {
    return this.beds.changeStatus({ user, requestId }, id, body);
  }

  @Get(':id/history')
  @Roles(...ANY_ROLE)
  history(@CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', ParseUUIDPipe) id: string, @Query() query: PageQuery) {
    return this.beds.history({ user, requestId }, id, query);
  }
}

/** The turnaround board: beds out for cleaning after a departure, and how long they have waited. */
@ApiTags('sites')
@ApiBearerAuth()
@Controller('turnaround')
export class TurnaroundController {
  constructor(private readonly beds: BedsService) {}

  @Get()
  @Roles(...INVENTORY_KEEPERS)
  list(@CurrentUser() user: AuthUser, @RequestId() requestId: string, @Query() query: TurnaroundQueryDto) {
    return this.beds.turnaround({ user, requestId }, query);
  }
}
