import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequestId } from '../auth/current-user.decorator';
import { ANY_ROLE, AuthUser, Roles } from '../auth/roles';
import { Idempotent } from '../common/idempotency.interceptor';
import { CreateOrganisationDto, UpdateOrganisationDto } from './organisations.dto';
import { OrganisationsService } from './organisations.service';

@ApiTags('organisations')
@ApiBearerAuth()
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Post()
  @Roles('admin')
  @Idempotent()
  create(@CurrentUser() user: AuthUser, @RequestId() requestId: string, @Body() body: CreateOrganisationDto) {
    return this.organisations.create({ user, requestId }, body);
  }

  @Patch(':id')
  @Roles('admin')
  update(@CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateOrganisationDto) {
    return this.organisations.update({ user, requestId }, id, body);
  }

  @Get()
  @Roles(...ANY_ROLE)
  list(@CurrentUser() user: AuthUser) {
    return this.organisations.list(user);
  }

  @Get(':id')
  @Roles(...ANY_ROLE)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.organisations.get(user, id);
  }
}
