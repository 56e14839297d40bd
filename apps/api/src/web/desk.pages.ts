import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AGE_CATEGORIES, describeRetentionPeriod, STATION_STATUSES, STATIONS, TRIAGE_OUTCOMES } from '@safe-harbour/domain';
import { getMetadataStorage } from 'class-validator';
import type { Request, Response } from 'express';
import { createHash, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { CurrentUser, RequestId } from '../auth/current-user.decorator';
import { AuthUser, Role, Roles } from '../auth/roles';
import { canonicalJson } from '../common/idempotency.interceptor';
import { RetentionService } from '../governance/retention.service';
import { IdempotencyRepository } from '../common/idempotency.repository';
import { OperationsService } from '../operations/operations.service';
import { PathwayFactsService } from '../pathway/pathway-facts.service';
import { MergeService } from '../people/merge.service';
import { RegisterPersonDto, SEXES, TriageDto, UpdateStationDto } from '../people/people.dto';
import { PeopleService } from '../people/people.service';
import { RegistrationService } from '../people/registration.service';
import { StationsService } from '../people/stations.service';
import { TriageService } from '../people/triage.service';
import { checked, list, str } from './form-values';
import { attempt, formErrors, FormErrors, validateForm } from './forms';
import { PageIdPipe } from './params';
import { flash, redirect, render } from './render';
import { WebController } from './web-routing';

type Form = Record<string, unknown>;
/** Who works at the desk (the services decide which operations each may work on). */
const DESK: Role[] = ['admin', 'emergency_planner', 'operation_lead', 'housing_officer', 'reception_officer'];
const KEY = /^[A-Za-z0-9._:-]{8,200}$/;
/** The victim-and-suspect flag (#11) is offered once the API's triage takes it. */
const TRIAGE_TAKES_SUSPECTED_OFFENDER = getMetadataStorage()
  .getTargetValidationMetadatas(TriageDto, '', true, false)
  .some((m) => m.propertyName === 'suspectedOffender');

export const STATION_NAMES: Record<string, string> = {
  interpreter: 'Interpreter',
  police_debrief: 'Police de-brief',
  health_check: 'Health',
  first_responder: 'First responder',
  housing_needs: 'Housing needs',
  welfare: 'Welfare',
};

export const OUTCOME_NAMES: Record<string, string> = {
  potential_victim: 'Potential victim',
  suspect: 'Suspect',
  witness: 'Witness',
  not_victim: 'Not a victim',
};

/**
 * The reception-centre desk: register arrivals fast (keyboard first, the new reference shown large),
 * triage, the station queues, missing and found, merging a duplicate. Every submit carries an
 * idempotency key, so a retry (a double click, a resend after the connection came back) creates nothing
 * twice. The desk's script sends the same forms with `Accept: application/json` when it queues them offline.
 */
@WebController('operations/:id/desk')
export class DeskPages {
  private readonly keys: IdempotencyRepository;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly operations: OperationsService,
    private readonly registration: RegistrationService,
    private readonly people: PeopleService,
    private readonly triages: TriageService,
    private readonly stations: StationsService,
    private readonly merges: MergeService,
    private readonly facts: PathwayFactsService,
    private readonly retention: RetentionService,
  ) {
    this.keys = new IdempotencyRepository(dataSource);
  }

  @Get()
  @Roles(...DESK)
  async desk(@Res() res: Response, @CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', PageIdPipe) id: string, @Query('registered') registered?: string) {
    await this.showDesk(res, { user, requestId }, id, { values: {}, registeredId: registered });
  }

  private async showDesk(res: Response, actor: { user: AuthUser; requestId: string }, id: string, o: { values: Form; errors?: FormErrors; registeredId?: string }) {
    const op = await this.operations.get(actor.user, id);
    const [people, board, may] = await Promise.all([
      this.people.list(actor, id, { limit: 500 }),
      this.stations.board(actor.user, id),
      this.operations.abilities(actor.user, id),
    ]);
    const everyone = people.items.filter((p) => !p.mergedIntoPersonId);
    const registered = o.registeredId ? everyone.find((p) => p.id === o.registeredId) : undefined;
    render(res, 'desk/desk', {
      title: 'Reception desk',
      op,
      section: 'desk',
      values: o.values,
      errors: o.errors,
      registered,
      people: [...everyone].reverse(),
      board: board.map((b) => ({ ...b, name: STATION_NAMES[b.station] ?? b.station })),
      outcomeNames: OUTCOME_NAMES,
      idempotencyKey: randomUUID(),
      // Missing and found are recorded at the desk too (the access layer lets those who work with people at the
      // centre record these two facts, as well as those who record the pathway).
      canRecordMissing: may.workWithPeople || may.recordPathway,
      // The privacy notice read with the person at registration states the deployment's own retention period.
      privacyRetention: describeRetentionPeriod(this.retention.schedule.personal_data),
      sexes: SEXES,
      ages: AGE_CATEGORIES,
    });
  }

  @Post('people')
  @Roles(...DESK)
  async register(@Req() req: Request, @Res() res: Response, @CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', PageIdPipe) id: string, @Body() form: Form) {
    const actor = { user, requestId };
    const json = wantsJson(req);
    const input = {
      sex: str(form.sex),
      ageCategory: str(form.ageCategory),
      languages: list(form.languages).flatMap((l) => l.split(',')).map((l) => l.trim()).filter(Boolean),
      interpreterNeeded: checked(form.interpreterNeeded),
      needs: { wheelchair: checked(form.wheelchair), medical: checked(form.medical), additionalVulnerability: checked(form.additionalVulnerability) },
      ...(checked(form.possibleController) ? { possibleController: true } : {}),
    };
    const refuse = (errors: FormErrors, status = 422) =>
      json ? res.status(status).json({ ok: false, errors }) : this.showDesk(res, actor, id, { values: form, errors });
    const parsed = await validateForm(RegisterPersonDto, input, {
      sex: 'Select the person’s sex, or Unknown',
      ageCategory: 'Select adult, child or age disputed',
      languages: 'Enter the languages they speak, separated by commas',
    }, { sex: 'sex', ageCategory: 'ageCategory' });
    if (!parsed.ok) return refuse(parsed.errors);
    const done = await this.once(user, str(form.idempotencyKey), `/operations/${id}/people`, input, () => this.registration.register(actor, id, parsed.value));
    if (!done.ok) return refuse(done.errors, done.status);
    const person = done.value as { id: string; reference: string };
    if (json) return res.status(201).json({ ok: true, personId: person.id, reference: person.reference, replay: done.replay });
    // No #fragment: a fragment target would stop the browser autofocusing the first field for the next person.
    redirect(res, `/operations/${id}/desk?registered=${person.id}`);
  }

  @Get('people/:personId/triage')
  @Roles(...DESK)
  async triagePage(@Res() res: Response, @CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', PageIdPipe) id: string, @Param('personId', PageIdPipe) personId: string) {
    await this.showTriage(res, { user, requestId }, id, personId, {});
  }

  private async showTriage(res: Response, actor: { user: AuthUser; requestId: string }, id: string, personId: string, values: Form, errors?: FormErrors) {
    const op = await this.operations.get(actor.user, id);
    const person = await this.people.get(actor, personId);
    if (person.operationId !== id) return render(res, 'error', { title: 'Page not found', advice: 'This person is not registered for this operation.' }, 404);
    render(res, 'desk/triage', {
      title: `Triage ${person.reference}`,
      op,
      person,
      section: 'desk',
      values: { outcome: person.triageOutcome, ...values },
      errors,
      outcomes: TRIAGE_OUTCOMES.map((o) => ({ value: o, text: OUTCOME_NAMES[o] })),
      offerSuspectedOffender: TRIAGE_TAKES_SUSPECTED_OFFENDER,
      idempotencyKey: randomUUID(),
    });
  }

  @Post('people/:personId/triage')
  @Roles(...DESK)
  async triage(@Req() req: Request, @Res() res: Response, @CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', PageIdPipe) id: string, @Param('personId', PageIdPipe) personId: string, @Body() form: Form) {
    const actor = { user, requestId };
    const json = wantsJson(req);
    const input = {
      outcome: str(form.outcome),
      ...(str(form.notes) ? { notes: str(form.notes) } : {}),
      // The victim who is also suspected of offending (#11): sent when the API knows the field.
      ...(TRIAGE_TAKES_SUSPECTED_OFFENDER && checked(form.suspectedOffender) ? { suspectedOffender: true } : {}),
    };
    const refuse = (errors: FormErrors, status = 422) => (json ? res.status(status).json({ ok: false, errors }) : this.showTriage(res, actor, id, personId, form, errors));
    const parsed = await validateForm(TriageDto, input, { outcome: 'Select the outcome of triage' }, { outcome: 'outcome' });
    if (!parsed.ok) return refuse(parsed.errors);
    const dto = parsed.value;
    const done = await this.once(user, str(form.idempotencyKey), `/people/${personId}/triage`, input, () => this.triages.triage(actor, personId, dto));
    if (!done.ok) return refuse(done.errors, done.status);
    const person = done.value as { reference: string; triageOutcome: string };
    const saved = `${person.reference}: triage saved (${OUTCOME_NAMES[person.triageOutcome] ?? person.triageOutcome})`;
    if (json) {
      flash(res, saved);
      return res.status(200).json({ ok: true, reference: person.reference, outcome: person.triageOutcome });
    }
    redirect(res, `/operations/${id}/desk`, saved);
  }

  /** Moving someone along: start or finish them at a station (the API's PATCH /people/:id/stations/:station). */
  @Post('people/:personId/stations')
  @Roles(...DESK)
  async moveStation(@Res() res: Response, @CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', PageIdPipe) id: string, @Param('personId', PageIdPipe) personId: string, @Body() form: Form) {
    const actor = { user, requestId };
    const station = str(form.station) ?? '';
    const status = str(form.status);
    if (!(STATIONS as readonly string[]).includes(station) || !(STATION_STATUSES as readonly string[]).includes(status ?? '')) {
      return this.showDesk(res, actor, id, { values: {}, errors: formErrors([[null, 'Choose a station and what to do there']]) });
    }
    const moved = await attempt(() => this.stations.move(actor, personId, station, { status } as UpdateStationDto));
    if (!moved.ok) return this.showDesk(res, actor, id, { values: {}, errors: moved.errors });
    const person = await this.people.get(actor, personId);
    const what = status === 'in_progress' ? 'now at' : status === 'done' ? 'finished at' : 'back in the queue for';
    redirect(res, `/operations/${id}/desk`, `${person.reference} is ${what} ${STATION_NAMES[station] ?? station}`);
  }

  @Post('people/:personId/missing')
  @Roles(...DESK)
  async missing(@Res() res: Response, @CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', PageIdPipe) id: string, @Param('personId', PageIdPipe) personId: string, @Body() form: Form) {
    const actor = { user, requestId };
    const found = str(form.event) === 'found';
    const at = new Date().toISOString();
    const done = await attempt(() => (found ? this.facts.found(actor, personId, { foundAt: at }) : this.facts.missing(actor, personId, { reportedAt: at })));
    if (!done.ok) return this.showDesk(res, actor, id, { values: {}, errors: done.errors });
    const person = await this.people.get(actor, personId);
    redirect(res, `/operations/${id}/desk`, found ? `${person.reference} has been found` : `${person.reference} is reported missing`);
  }

  /** Merging a duplicate: choose the two registrations, then confirm on a page that shows both. */
  @Get('merge')
  @Roles(...DESK)
  async mergePage(@Res() res: Response, @CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', PageIdPipe) id: string, @Query() query: Form) {
    const actor = { user, requestId };
    const op = await this.operations.get(user, id);
    const people = (await this.people.list(actor, id, { limit: 500 })).items.filter((p) => !p.mergedIntoPersonId);
    const byRef = (ref: unknown) => people.find((p) => p.reference === str(ref)?.toUpperCase());
    const kept = byRef(query.kept);
    const duplicate = byRef(query.duplicate);
    const problems: Array<[string, string]> = [];
    if (query.kept !== undefined || query.duplicate !== undefined) {
      if (!kept) problems.push(['kept', 'Enter the reference of the registration to keep, like ' + op.code + '-001']);
      if (!duplicate) problems.push(['duplicate', 'Enter the reference of the duplicate registration']);
      if (kept && duplicate && kept.id === duplicate.id) problems.push(['duplicate', 'Enter two different references']);
    }
    const confirming = kept && duplicate && problems.length === 0;
    render(res, 'desk/merge', {
      title: confirming ? 'Check and merge the registrations' : 'Merge a duplicate registration',
      op,
      section: 'desk',
      values: query,
      errors: problems.length ? formErrors(problems) : undefined,
      kept: confirming ? kept : undefined,
      duplicate: confirming ? duplicate : undefined,
      outcomeNames: OUTCOME_NAMES,
    });
  }

  @Post('merge')
  @Roles(...DESK)
  async merge(@Res() res: Response, @CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', PageIdPipe) id: string, @Body() form: Form) {
    const actor = { user, requestId };
    const keptId = str(form.keptId) ?? '';
    const duplicateId = str(form.duplicateId) ?? '';
    const merged = await attempt(() => this.merges.merge(actor, keptId, { duplicatePersonId: duplicateId }));
    if (!merged.ok) {
      const op = await this.operations.get(user, id);
      return render(res, 'desk/merge', { title: 'Merge a duplicate registration', op, section: 'desk', values: {}, errors: merged.errors, outcomeNames: OUTCOME_NAMES });
    }
    redirect(res, `/operations/${id}/desk`, `Merged: ${merged.value.reference} is kept, the duplicate is retired`);
  }

  /**
   * Run `call` once per idempotency key: a repeat with the same key and the same form gets the first
   * result (nothing new is created); the same key with a different form is refused.
   */
  private async once<T>(user: AuthUser, key: string | undefined, path: string, input: unknown, call: () => Promise<T>): Promise<{ ok: true; value: T; replay: boolean } | { ok: false; errors: FormErrors; status: number }> {
    if (!key || !KEY.test(key)) {
      const value = await attempt(call);
      return value.ok ? { ok: true, value: value.value, replay: false } : { ok: false, errors: value.errors, status: 422 };
    }
    const scoped = `web:${key}`;
    const fingerprint = createHash('sha256').update(`POST ${path}\n${canonicalJson(input)}`).digest('hex');
    const claim = await this.keys.claim(user.id, scoped, 'POST', path, fingerprint);
    if (!claim.claimed) {
      if (!claim.sameRequest) return { ok: false, errors: formErrors([[null, 'This form was already sent with different answers: reload the page and enter them again']]), status: 422 };
      if (claim.inProgress || !claim.response) return { ok: false, errors: formErrors([[null, 'This is still being sent: wait a moment and reload the page']]), status: 409 };
      return { ok: true, value: claim.response.body as T, replay: true };
    }
    const result = await attempt(call);
    if (!result.ok) {
      await this.keys.release(user.id, scoped, claim.token);
      return { ok: false, errors: result.errors, status: 422 };
    }
    await this.keys.complete(user.id, scoped, claim.token, 201, result.value);
    return { ok: true, value: result.value, replay: false };
  }
}

const wantsJson = (req: Request) => (req.headers.accept ?? '').includes('application/json');
