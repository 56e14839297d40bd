import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/current-user.decorator';
import { ANY_ROLE, AuthUser, Roles } from '../auth/roles';
import { WorklistQuery } from './worklist.dto';
import { WorklistService } from './worklist.service';

@ApiTags('worklist')
@ApiBearerAuth()
@Controller('worklist')
export class WorklistController {
  constructor(private readonly worklists: WorklistService) {}

  /** Everything due soon, overdue, coming up or recently met in the operations you work on. */
  @Get()
  @Roles(...ANY_ROLE)
  worklist(@CurrentUser() user: AuthUser, @Query() query: WorklistQuery) {
    return this.worklists.worklist(user, query);
  }
}
