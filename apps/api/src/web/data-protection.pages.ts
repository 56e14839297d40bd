import { Body, Get, Param, Post, Res, UseGuards } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { describeRetentionPeriod } from '@safe-harbour/domain';
import type { Response } from 'express';
import { RedeemPasswordResetDto } from '../accounts/accounts.dto';
import { PasswordResetService } from '../accounts/password-reset.service';
import { CurrentUser, RequestId } from '../auth/current-user.decorator';
import { AuthUser, Public, Roles } from '../auth/roles';
import { RetentionService } from '../governance/retention.service';
import { SubjectAccessService } from '../governance/subject-access.service';
import { PersonAccess } from '../people/person-access';
import { attempt, FormErrors, validateForm } from './forms';
import { PageIdPipe } from './params';
import { redirect, render } from './render';
import { WebController } from './web-routing';

type Form = Record<string, unknown>;
const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

/** A person's subject access request and "who viewed this record" (issue 17). */
@WebController('people')
export class PersonDataProtectionPages {
  constructor(
    private readonly sar: SubjectAccessService,
    private readonly personAccess: PersonAccess,
  ) {}

  @Get(':id/subject-access')
  @Roles('admin', 'emergency_planner')
  async request(@Res() res: Response, @CurrentUser() user: AuthUser, @Param('id', PageIdPipe) id: string) {
    const { person } = await this.personAccess.visible(user, id);
    render(res, 'people/subject-access', { title: `Subject access request for ${person.reference}`, person });
  }

  /** The export itself, as a file; producing it is audited by the service. */
  @Get(':id/subject-access-export.json')
  @Roles('admin', 'emergency_planner')
  async download(@Res() res: Response, @CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', PageIdPipe) id: string) {
    const body = await this.sar.export({ user, requestId }, id);
    res.setHeader('Content-Disposition', `attachment; filename="subject-access-${body.subject.reference}.json"`);
    res.setHeader('Cache-Control', 'no-store');
    res.type('application/json').send(JSON.stringify(body, null, 2));
  }

  @Get(':id/viewed-by')
  @Roles('admin', 'emergency_planner', 'operation_lead', 'housing_officer', 'reception_officer', 'case_worker')
  async viewedBy(@Res() res: Response, @CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', PageIdPipe) id: string) {
    const { person } = await this.personAccess.visible(user, id);
    const views = await this.sar.viewedBy({ user, requestId }, id);
    render(res, 'people/viewed-by', { title: `Who viewed ${person.reference}`, person, views: views.items });
  }
}

/** Public governance pages: the privacy notice, and redeeming a password reset code. */
@WebController()
export class GovernancePublicPages {
  constructor(
    private readonly resets: PasswordResetService,
    private readonly retention: RetentionService,
  ) {}

  /** The notice states this deployment's own retention period, from the validated schedule. */
  @Get('privacy')
  @Public()
  privacy(@Res() res: Response) {
    render(res, 'privacy', { title: 'Privacy notice', privacyRetention: describeRetentionPeriod(this.retention.schedule.personal_data) });
  }

  @Get('reset-password')
  @Public()
  resetPage(@Res() res: Response) {
    render(res, 'account/reset-password', { title: 'Reset your password', values: {} });
  }

  @Post('reset-password')
  @Public()
  @UseGuards(ThrottlerGuard)
  async reset(@Res() res: Response, @RequestId() requestId: string, @Body() form: Form) {
    const values = { email: text(form.email), resetCode: text(form.resetCode) };
    const show = (errors: FormErrors) => render(res, 'account/reset-password', { title: 'Reset your password', values, errors });
    const newPassword = typeof form.newPassword === 'string' ? form.newPassword : '';
    const parsed = await validateForm(RedeemPasswordResetDto, { ...values, newPassword }, {
      email: 'Enter your email address, like name@leeds.gov.uk',
      resetCode: 'Enter the reset code your administrator gave you, like K7QD-3M9X-A2PT-HW4E',
      newPassword: 'Enter a new password of 12 characters or more',
    });
    if (!parsed.ok) return show(parsed.errors);
    const done = await attempt(() => this.resets.redeem(requestId, parsed.value.email, parsed.value.resetCode, parsed.value.newPassword), {
      RESET_CODE_INVALID: 'resetCode',
      PASSWORD_TOO_WEAK: 'newPassword',
    });
    if (!done.ok) return show(done.errors);
    redirect(res, '/sign-in', 'Your password has been set: sign in with it');
  }
}
