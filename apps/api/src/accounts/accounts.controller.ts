import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { CurrentUser, RequestId } from '../auth/current-user.decorator';
import { AuthUser, Public, Roles } from '../auth/roles';
import { ListUsersQuery, RedeemPasswordResetDto } from './accounts.dto';
import { PasswordResetService } from './password-reset.service';
import { UserDirectoryService } from './user-directory.service';

@ApiTags('users')
@ApiBearerAuth()
@Controller('users')
export class UserDirectoryController {
  constructor(
    private readonly directory: UserDirectoryService,
    private readonly resets: PasswordResetService,
  ) {}

  @Get()
  @Roles('admin')
  list(@Query() query: ListUsersQuery) {
    return this.directory.list(query);
  }

  /** A one-time code for the admin to give the user; shown once, never stored in the clear. */
  @Post(':id/password-reset')
  @Roles('admin')
  issueReset(@CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', ParseUUIDPipe) id: string) {
    return this.resets.issue({ user, requestId }, id);
  }
}

@ApiTags('auth')
@Controller('auth')
export class PasswordResetController {
  constructor(private readonly resets: PasswordResetService) {}

  /** Public: the user is signed out. Rate-limited like sign-in. */
  @Post('password-reset')
  @Public()
  @HttpCode(200)
  @UseGuards(ThrottlerGuard)
  redeem(@RequestId() requestId: string, @Body() body: RedeemPasswordResetDto) {
    return this.resets.redeem(requestId, body.email, body.resetCode, body.newPassword);
  }
}
