import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequestId } from '../auth/current-user.decorator';
import { AuthUser, Roles } from '../auth/roles';
import { Idempotent } from '../common/idempotency.interceptor';
import { CreateAgreementDto, ListAgreementsQuery } from './agreements.dto';
import { AgreementsService } from './agreements.service';

@ApiTags('agreements')
@ApiBearerAuth()
@Controller('agreements')
export class AgreementsController {
  constructor(private readonly agreements: AgreementsService) {}

  @Post()
  @Roles('admin', 'emergency_planner')
  @Idempotent()
  create(@CurrentUser() user: AuthUser, @RequestId() requestId: string, @Body() body: CreateAgreementDto) {
    return this.agreements.create({ user, requestId }, body);
  }

  /** Admins: every agreement; others: those their organisation is party to. */
  @Get()
  @Roles('admin', 'emergency_planner', 'housing_officer', 'operation_lead')
  list(@CurrentUser() user: AuthUser, @Query() query: ListAgreementsQuery) {
    return this.agreements.list(user, query);
  }
}
