import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequestId } from '../auth/current-user.decorator';
import { ANY_ROLE, AuthUser, Role, Roles } from '../auth/roles';
import { Idempotent } from '../common/idempotency.interceptor';
import {
  AdultConsentDto,
  GuardianReferralDto,
  AgeAssessmentDto,
  DecisionDto,
  DisqualificationDto,
  ExitDto,
  FoundDto,
  MissingDto,
  ReconsiderationDto,
  ReconsiderationOutcomeDto,
  RecoveryNeedsAssessmentDto,
  RecoveryNeedsAssessmentOutcomeDto,
  ReferralDto,
  WithdrawalDto,
} from './pathway.dto';
import { PathwayFactsService } from './pathway-facts.service';
import { TimelineService } from './timeline.service';

/** Staff of first-responder and lead organisations on the operation; partners only read the timeline. */
const RECORDERS: Role[] = ['admin', 'emergency_planner', 'operation_lead', 'housing_officer', 'case_worker'];
/** Missing and found are also recorded at the reception centre's desk. */
const CENTRE_RECORDERS: Role[] = [...RECORDERS, 'reception_officer'];

@ApiTags('pathway')
@ApiBearerAuth()
@Controller('people/:id')
export class PathwayController {
  constructor(
    private readonly facts: PathwayFactsService,
    private readonly timelines: TimelineService,
  ) {}

  @Post('referrals')
  @Roles(...RECORDERS)
  @Idempotent()
  referral(@CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', ParseUUIDPipe) id: string, @Body() body: ReferralDto) {
    return this.facts.referral({ user, requestId }, id, body);
  }

  @Post('decisions')
  @Roles(...RECORDERS)
  @Idempotent()
  decision(@CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', ParseUUIDPipe) id: string, @Body() body: DecisionDto) {
    return this.facts.decision({ user, requestId }, id, body);
  }

  @Post('missing')
  @Roles(...CENTRE_RECORDERS)
  @Idempotent()
  missing(@CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', ParseUUIDPipe) id: string, @Body() body: MissingDto) {
    return this.facts.missing({ user, requestId }, id, body);
  }

  @Post('found')
  @Roles(...CENTRE_RECORDERS)
  @HttpCode(200)
  @Idempotent()
  found(@CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', ParseUUIDPipe) id: string, @Body() body: FoundDto) {
    return this.facts.found({ user, requestId }, id, body);
  }

  @Post('exit')
  @Roles(...RECORDERS)
  @Idempotent()
  exit(@CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', ParseUUIDPipe) id: string, @Body() body: ExitDto) {
    return this.facts.exit({ user, requestId }, id, body);
  }

  @Post('reconsiderations')
  @Roles(...RECORDERS)
  @Idempotent()
  reconsideration(@CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', ParseUUIDPipe) id: string, @Body() body: ReconsiderationDto) {
    return this.facts.reconsideration({ user, requestId }, id, body);
  }

  @Post('reconsiderations/:rid/outcome')
  @Roles(...RECORDERS)
  @Idempotent()
  reconsiderationOutcome(
    @CurrentUser() user: AuthUser,
    @RequestId() requestId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('rid', ParseUUIDPipe) rid: string,
    @Body() body: ReconsiderationOutcomeDto,
  ) {
    return this.facts.reconsiderationOutcome({ user, requestId }, id, rid, body);
  }

  @Post('age-assessments')
  @Roles(...RECORDERS)
  @Idempotent()
  ageAssessment(@CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', ParseUUIDPipe) id: string, @Body() body: AgeAssessmentDto) {
    return this.facts.ageAssessment({ user, requestId }, id, body);
  }

  @Post('recovery-needs-assessments')
  @Roles(...RECORDERS)
  @Idempotent()
  recoveryNeedsAssessment(@CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', ParseUUIDPipe) id: string, @Body() body: RecoveryNeedsAssessmentDto) {
    return this.facts.recoveryNeedsAssessment({ user, requestId }, id, body);
  }

  @Post('recovery-needs-assessments/:aid/outcome')
  @Roles(...RECORDERS)
  @Idempotent()
  recoveryNeedsAssessmentOutcome(
    @CurrentUser() user: AuthUser,
    @RequestId() requestId: string,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('aid', ParseUUIDPipe) aid: string,
    @Body() body: RecoveryNeedsAssessmentOutcomeDto,
  ) {
    return this.facts.recoveryNeedsAssessmentOutcome({ user, requestId }, id, aid, body);
  }

  @Post('adult-consent')
  @Roles(...RECORDERS)
  @Idempotent()
  adultConsent(@CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', ParseUUIDPipe) id: string, @Body() body: AdultConsentDto) {
    return this.facts.adultConsent({ user, requestId }, id, body);
  }

  @Post('guardian-referrals')
  @Roles(...RECORDERS)
  @Idempotent()
  guardianReferral(@CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', ParseUUIDPipe) id: string, @Body() body: GuardianReferralDto) {
    return this.facts.guardianReferral({ user, requestId }, id, body);
  }

  @Post('withdrawals')
  @Roles(...RECORDERS)
  @Idempotent()
  withdrawal(@CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', ParseUUIDPipe) id: string, @Body() body: WithdrawalDto) {
    return this.facts.withdrawal({ user, requestId }, id, body);
  }

  @Post('disqualifications')
  @Roles(...RECORDERS)
  @Idempotent()
  disqualification(@CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', ParseUUIDPipe) id: string, @Body() body: DisqualificationDto) {
    return this.facts.disqualification({ user, requestId }, id, body);
  }

  @Get('timeline')
  @Roles(...ANY_ROLE)
  timeline(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.timelines.timeline(user, id);
  }
}
