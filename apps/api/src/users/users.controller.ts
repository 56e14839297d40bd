import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequestId } from '../auth/current-user.decorator';
import { ANY_ROLE, AuthUser, Roles } from '../auth/roles';
import { Idempotent } from '../common/idempotency.interceptor';
import { CreateUserDto, UpdateUserDto } from './users.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @Roles('admin')
  @Idempotent()
  create(@CurrentUser() user: AuthUser, @RequestId() requestId: string, @Body() body: CreateUserDto) {
    return this.users.create({ user, requestId }, body);
  }

  @Get('me')
  @Roles(...ANY_ROLE)
  me(@CurrentUser() user: AuthUser) {
    return this.users.get(user, user.id);
  }

  @Patch(':id')
  @Roles('admin')
  update(@CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateUserDto) {
    return this.users.update({ user, requestId }, id, body);
  }

  @Get(':id')
  @Roles(...ANY_ROLE)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.users.get(user, id);
  }
}
