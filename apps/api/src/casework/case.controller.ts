import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequestId } from '../auth/current-user.decorator';
import { ANY_ROLE, AuthUser, Roles } from '../auth/roles';
import { GetPersonQuery } from '../people/people.dto';
import { CaseService } from './case.service';

@ApiTags('people')
@ApiBearerAuth()
@Controller('people/:id')
export class CaseController {
  constructor(private readonly cases: CaseService) {}

  /**
   * The case summary for a hand-over to another council or support provider: record, stage, deadlines,
   * timeline and placements. `includeIdentity=true` adds names and date of birth for roles that may see
   * them (an audited read); for other roles they are withheld (`personalData: "withheld"`), not refused.
   */
  @Get('handover')
  @Roles(...ANY_ROLE)
  handover(@CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', ParseUUIDPipe) id: string, @Query() query: GetPersonQuery) {
    return this.cases.summary({ user, requestId }, id, { includeIdentity: query.includeIdentity ?? false });
  }
}
