import { Body, Get, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Actor } from '../../audit/audit.service';
import { CurrentUser, RequestId } from '../../auth/current-user.decorator';
import { ANY_ROLE, AuthUser, hasRole, Roles } from '../../auth/roles';
import { CaseRepository } from '../../casework/case.repository';
import { CaseService } from '../../casework/case.service';
import { forbidden, notFound, unprocessable } from '../../common/domain-error';
import {
  AdultConsentDto,
  AgeAssessmentDto,
  DecisionDto,
  ExitDto,
  FoundDto,
  MissingDto,
  ReconsiderationDto,
  ReconsiderationOutcomeDto,
  RecoveryNeedsAssessmentDto,
  RecoveryNeedsAssessmentOutcomeDto,
  ReferralDto,
  WithdrawalDto,
} from '../../pathway/pathway.dto';
import { PathwayFactsService } from '../../pathway/pathway-facts.service';
import { TriageDto } from '../../people/people.dto';
import { TriageService } from '../../people/triage.service';
import { FormErrors, refusalAsFormErrors, validateForm } from '../forms';
import { redirect, render } from '../render';
import { toDateTimeInput } from '../views-setup';
import { PageIdPipe } from '../params';
import { WebController } from '../web-routing';
import { presentCase } from './case-presenter';
import { stageWords } from './case-words';
import { FACT_FORMS, FactForm, factForm, FormField, formInput, renderedNowField } from './fact-forms';
import { FormSubmissions, newSubmissionKey } from './form-submissions';

/**
 * A person's case (`/people/:id`), a form for every fact (`/people/:id/record/:fact`), and the printable
 * hand-over summary (`/people/:id/handover`). Pages call the same services as the API, so access, the
 * pathway's rules and the audit are the API's; forms validate with the API's own DTOs.
 */
@WebController('people')
export class CasePages {
  constructor(
    private readonly cases: CaseService,
    private readonly caseRepository: CaseRepository,
    private readonly facts: PathwayFactsService,
    private readonly triage: TriageService,
    private readonly submissions: FormSubmissions,
  ) {}

  @Get(':id')
  @Roles(...ANY_ROLE)
  async casePage(
    @CurrentUser() user: AuthUser,
    @RequestId() requestId: string,
    @Param('id', PageIdPipe) id: string,
    @Query('identity') identity: unknown,
    @Res() res: Response,
  ) {
    // "Show identity" is a deliberate action: the names are read (and the read audited) only then.
    const summary = await this.cases.summary({ user, requestId }, id, { includeIdentity: identity === 'show' });
    const c = presentCase(summary, recordableBy(user));
    render(res, 'casework/case', { title: c.reference, c });
  }

  @Get(':id/handover')
  @Roles(...ANY_ROLE)
  async handover(
    @CurrentUser() user: AuthUser,
    @RequestId() requestId: string,
    @Param('id', PageIdPipe) id: string,
    @Query('identity') identity: unknown,
    @Res() res: Response,
  ) {
    const summary = await this.cases.summary({ user, requestId }, id, { includeIdentity: identity === 'include' });
    render(res, 'casework/handover', { title: `Hand-over summary: ${summary.reference}`, c: presentCase(summary), person: summary.person, generatedAt: summary.generatedAt });
  }

  @Get(':id/record/:fact')
  @Roles(...ANY_ROLE)
  async factFormPage(
    @CurrentUser() user: AuthUser,
    @RequestId() requestId: string,
    @Param('id', PageIdPipe) id: string,
    @Param('fact') slug: string,
    @Res() res: Response,
  ) {
    const form = factForm(slug);
    if (!form) throw notFound('Page');
    const page = await this.formPage({ user, requestId }, id, form);
    const now = toDateTimeInput(new Date());
    const values = Object.fromEntries(form.fields.filter((f) => f.kind === 'datetime').map((f) => [f.name, now]));
    render(res, 'casework/fact-form', { ...page, values, offered: values, submissionKey: newSubmissionKey() });
  }

  @Post(':id/record/:fact')
  @Roles(...ANY_ROLE)
  async recordFact(
    @CurrentUser() user: AuthUser,
    @RequestId() requestId: string,
    @Param('id', PageIdPipe) id: string,
    @Param('fact') slug: string,
    @Body() body: Record<string, unknown>,
    @Res() res: Response,
  ) {
    const form = factForm(slug);
    if (!form) throw notFound('Page');
    if (!hasRole(user, ...form.roles)) throw forbidden('Your role may not record this');
    const actor = { user, requestId };
    const again = async (errors: FormErrors) =>
      render(res, 'casework/fact-form', { ...(await this.formPage(actor, id, form)), values: body, offered: offeredTimes(form, body), submissionKey: body.submissionKey, errors });
    const parsed = await validateForm(form.dto, formInput(form, body), form.messages);
    if (!parsed.ok) return again(parsed.errors);
    try {
      const done = await this.submissions.once(user.id, body.submissionKey, `/people/${id}/record/${slug}`, async () => {
        const reference = await this.record(actor, id, form.slug, parsed.value);
        return { location: `/people/${id}`, message: form.done(reference) };
      });
      redirect(res, done.location, done.message);
    } catch (err) {
      return again(refusalAsFormErrors(err, form.fieldFor));
    }
  }

  /** The form page's data; a viewer who may not record on this case is told so before filling it in. */
  private async formPage(actor: Actor & { user: AuthUser }, personId: string, form: FactForm) {
    const summary = await this.cases.summary(actor, personId);
    if (!summary.viewer.mayRecord || !hasRole(actor.user, ...form.roles)) throw forbidden('Your role may only view this case');
    const fields: FormField[] = await Promise.all(
      form.fields.map(async (f) =>
        f.kind === 'select' && f.name === 'firstResponderOrganisationId'
          ? { ...f, items: (await this.caseRepository.firstResponders(summary.operation.id)).map((o) => ({ value: o.id, text: o.name })) }
          : f,
      ),
    );
    return {
      title: form.title,
      form,
      fields,
      person: { id: personId, reference: summary.reference, stageWords: stageWords(summary.timeline.stage) },
      maxDateTime: toDateTimeInput(new Date(Date.now() + 60_000)),
    };
  }

  /** The request an outcome form answers: the person's one still open (refused in words when there is none). */
  private async pending(what: 'reconsideration' | 'recovery needs assessment', personId: string): Promise<string> {
    const id =
      what === 'reconsideration'
        ? await this.caseRepository.pendingReconsiderationId(personId)
        : await this.caseRepository.pendingRecoveryNeedsAssessmentId(personId);
    if (!id) throw unprocessable('NOTHING_PENDING', `There is no ${what} request waiting for an outcome: record the request first`);
    return id;
  }

  /** Records one fact through the service the API uses; answers the person's reference. */
  private async record(actor: Actor & { user: AuthUser }, personId: string, slug: string, dto: object): Promise<string> {
    switch (slug) {
      case 'triage':
        return (await this.triage.triage(actor, personId, dto as TriageDto)).reference;
      case 'referral':
        return (await this.facts.referral(actor, personId, dto as ReferralDto)).reference;
      case 'decision':
        return (await this.facts.decision(actor, personId, dto as DecisionDto)).reference;
      case 'missing':
        return (await this.facts.missing(actor, personId, dto as MissingDto)).reference;
      case 'found':
        return (await this.facts.found(actor, personId, dto as FoundDto)).reference;
      case 'exit':
        return (await this.facts.exit(actor, personId, dto as ExitDto)).reference;
      case 'reconsideration':
        return (await this.facts.reconsideration(actor, personId, dto as ReconsiderationDto)).reference;
      case 'reconsideration-outcome':
        return (await this.facts.reconsiderationOutcome(actor, personId, await this.pending('reconsideration', personId), dto as ReconsiderationOutcomeDto)).reference;
      case 'age-assessment':
        return (await this.facts.ageAssessment(actor, personId, dto as AgeAssessmentDto)).reference;
      case 'recovery-needs-assessment':
        return (await this.facts.recoveryNeedsAssessment(actor, personId, dto as RecoveryNeedsAssessmentDto)).reference;
      case 'recovery-needs-assessment-outcome':
        return (
          await this.facts.recoveryNeedsAssessmentOutcome(actor, personId, await this.pending('recovery needs assessment', personId), dto as RecoveryNeedsAssessmentOutcomeDto)
        ).reference;
      case 'adult-consent':
        return (await this.facts.adultConsent(actor, personId, dto as AdultConsentDto)).reference;
      case 'withdrawal':
        return (await this.facts.withdrawal(actor, personId, dto as WithdrawalDto)).reference;
      default:
        throw notFound('Page');
    }
  }
}

/** The "now" each time field was first offered with, carried through a form shown again with errors. */
function offeredTimes(form: FactForm, body: Record<string, unknown>) {
  return Object.fromEntries(form.fields.filter((f) => f.kind === 'datetime').map((f) => [f.name, body[renderedNowField(f.name)]]));
}

/** The facts this user's roles may record (each form admits the roles of its API route). */
export const recordableBy = (user: AuthUser) => new Set(FACT_FORMS.filter((f) => hasRole(user, ...f.roles)).map((f) => f.slug));
