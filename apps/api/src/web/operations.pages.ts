import { Body, Get, Param, Post, Query, Res } from '@nestjs/common';
import { canMoveOperation, OPERATION_STATUSES, OperationStatus } from '@safe-harbour/domain';
import type { Response } from 'express';
import { readFileSync } from 'node:fs';
import { CurrentUser, RequestId } from '../auth/current-user.decorator';
import { ANY_ROLE, AuthUser, hasRole, Role, Roles } from '../auth/roles';
import { AgenciesService } from '../operations/agencies.service';
import { AddAgencyDto, BookReceptionCentreDto, CreateOperationDto, UpdateOperationDto } from '../operations/operations.dto';
import { OperationsService, OperationView } from '../operations/operations.service';
import { ReceptionCentresService } from '../operations/reception-centres.service';
import { OrganisationsService } from '../organisations/organisations.service';
import { SitesService } from '../sites/sites.service';
import { str, int, londonDateTime } from './form-values';
import { attempt, formErrors, FormErrors, validateForm } from './forms';
import { PageIdPipe } from './params';
import { redirect, render } from './render';
import { DASHBOARD_INDEX } from './web-setup';
import { WebController } from './web-routing';

type Form = Record<string, unknown>;
const PLANNERS: Role[] = ['admin', 'emergency_planner', 'operation_lead'];

/** The button for each next stage, in the planner's words. */
export const STAGE_ACTIONS: Record<OperationStatus, { to: OperationStatus; label: string } | null> = {
  planning: { to: 'active', label: 'Start operation' },
  active: { to: 'stood_down', label: 'Stand down' },
  stood_down: { to: 'closed', label: 'Close' },
  closed: null,
};

const OPERATION_MESSAGES = {
  name: 'Enter a name for the operation, like Operation Raven',
  leadOrganisationId: 'Select the lead agency',
  localAuthorityCode: 'Enter the local authority as an ONS code, like E08000035',
  plannedStart: 'Enter the planned start as a date and time',
  expectedPeople: 'Enter how many people are expected, as a whole number from 0 to 5000',
  hostCouncilIds: 'Select a council as the host council',
};

/** The planner's pages: the operations list, creating and editing an operation, its stages, venue and roster. */
@WebController('operations')
export class OperationsPages {
  constructor(
    private readonly operations: OperationsService,
    private readonly centres: ReceptionCentresService,
    private readonly agencies: AgenciesService,
    private readonly organisations: OrganisationsService,
    private readonly sites: SitesService,
  ) {}

  @Get()
  @Roles(...ANY_ROLE)
  async list(@Res() res: Response, @CurrentUser() user: AuthUser, @Query('status') status?: string) {
    const filter = (OPERATION_STATUSES as readonly string[]).includes(status ?? '') ? (status as OperationStatus) : undefined;
    const page = await this.operations.list(user, { limit: 200, status: filter });
    render(res, 'operations/list', {
      title: 'Operations',
      operations: page.items,
      canCreate: hasRole(user, ...PLANNERS),
    });
  }

  @Get('new')
  @Roles(...PLANNERS)
  async newPage(@Res() res: Response, @CurrentUser() user: AuthUser) {
    await this.showCreate(res, user, { leadOrganisationId: user.organisationId, hostCouncilId: user.organisationId });
  }

  @Post('new')
  @Roles(...PLANNERS)
  async create(@Res() res: Response, @CurrentUser() user: AuthUser, @RequestId() requestId: string, @Body() form: Form) {
    const host = str(form.hostCouncilId);
    const input: Record<string, unknown> = {
      name: str(form.name),
      leadOrganisationId: str(form.leadOrganisationId) || undefined,
      localAuthorityCode: str(form.localAuthorityCode)?.toUpperCase(),
      plannedStart: londonDateTime(form.plannedStart),
      expectedPeople: int(form.expectedPeople),
      // The host council (the council whose planners run the centre); the lead itself needs no entry.
      ...(host && host !== str(form.leadOrganisationId) ? { hostCouncilIds: [host] } : {}),
    };
    const parsed = await validateForm(CreateOperationDto, input, OPERATION_MESSAGES, { hostCouncilIds: 'hostCouncilId' });
    if (!parsed.ok) return this.showCreate(res, user, form, parsed.errors);
    const created = await attempt(() => this.operations.create({ user, requestId }, parsed.value), {
      UNKNOWN_ORGANISATION: 'leadOrganisationId',
      NOT_A_COUNCIL: 'hostCouncilId',
      CODE_TAKEN: 'name',
      FORBIDDEN: 'leadOrganisationId',
    });
    if (!created.ok) return this.showCreate(res, user, form, created.errors);
    redirect(res, `/operations/${created.value.id}`, `${created.value.name} created. People registered for it get references starting ${created.value.code}-.`);
  }

  private async showCreate(res: Response, user: AuthUser, values: Form, errors?: FormErrors) {
    const directory = await this.organisations.directory();
    render(res, 'operations/new', {
      title: 'Create an operation',
      values,
      errors,
      leadOptions: options(directory, values.leadOrganisationId, 'Select the lead agency'),
      hostOptions: options(directory.filter((o) => o.kind === 'council'), values.hostCouncilId, 'Select the host council'),
    });
  }

  @Get(':id')
  @Roles(...ANY_ROLE)
  async show(@Res() res: Response, @CurrentUser() user: AuthUser, @Param('id', PageIdPipe) id: string) {
    const op = await this.operations.get(user, id);
    await this.showOperation(res, user, op);
  }

  private async showOperation(res: Response, user: AuthUser, op: OperationView, errors?: FormErrors) {
    const [centres, roster] = await Promise.all([this.centres.list(user, op.id), this.agencies.list(user, op.id)]);
    render(res, 'operations/show', {
      title: op.name,
      op,
      errors,
      centres,
      roster,
      canPlan: hasRole(user, ...PLANNERS),
      next: STAGE_ACTIONS[op.status],
      section: 'overview',
    });
  }

  @Post(':id/stage')
  @Roles(...PLANNERS)
  async moveStage(@Res() res: Response, @CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', PageIdPipe) id: string, @Body() form: Form) {
    const to = str(form.to) as OperationStatus;
    const current = await this.operations.get(user, id);
    if (!(OPERATION_STATUSES as readonly string[]).includes(to) || !canMoveOperation(current.status, to)) {
      // Two planners, one click each: the second sees where the operation is now, in words.
      return this.showOperation(res, user, current, formErrors([[null, `The operation is ${current.status.replace('_', ' ')} now: reload the page to see what can happen next`]]));
    }
    const moved = await attempt(() => this.operations.update({ user, requestId }, id, { status: to }));
    if (!moved.ok) return this.showOperation(res, user, current, moved.errors);
    redirect(res, `/operations/${id}`, `${moved.value.name} is now ${moved.value.status.replace('_', ' ')}`);
  }

  @Get(':id/edit')
  @Roles(...PLANNERS)
  async editPage(@Res() res: Response, @CurrentUser() user: AuthUser, @Param('id', PageIdPipe) id: string) {
    const op = await this.operations.get(user, id);
    render(res, 'operations/edit', { title: `Edit ${op.name}`, op, values: op });
  }

  @Post(':id/edit')
  @Roles(...PLANNERS)
  async edit(@Res() res: Response, @CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', PageIdPipe) id: string, @Body() form: Form) {
    const op = await this.operations.get(user, id);
    const show = (errors: FormErrors) => render(res, 'operations/edit', { title: `Edit ${op.name}`, op, values: form, errors });
    const parsed = await validateForm(
      UpdateOperationDto,
      { name: str(form.name), plannedStart: londonDateTime(form.plannedStart), expectedPeople: int(form.expectedPeople) },
      OPERATION_MESSAGES,
    );
    if (!parsed.ok) return show(parsed.errors);
    if (parsed.value.name === undefined) return show(formErrors([['name', OPERATION_MESSAGES.name]]));
    const updated = await attempt(() => this.operations.update({ user, requestId }, id, parsed.value));
    if (!updated.ok) return show(updated.errors);
    redirect(res, `/operations/${id}`, 'Operation updated');
  }

  @Get(':id/reception-centre')
  @Roles(...ANY_ROLE)
  async centrePage(@Res() res: Response, @CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', PageIdPipe) id: string) {
    await this.showCentre(res, user, requestId, id, {});
  }

  @Post(':id/reception-centre')
  @Roles(...PLANNERS)
  async book(@Res() res: Response, @CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', PageIdPipe) id: string, @Body() form: Form) {
    const parsed = await validateForm(
      BookReceptionCentreDto,
      { siteId: str(form.siteId) || undefined, opensAt: londonDateTime(form.opensAt), closesAt: londonDateTime(form.closesAt) },
      { siteId: 'Select the venue', opensAt: 'Enter when the centre opens, as a date and time', closesAt: 'Enter when the centre closes, as a date and time' },
    );
    if (!parsed.ok) return this.showCentre(res, user, requestId, id, form, parsed.errors);
    const booked = await attempt(() => this.centres.book({ user, requestId }, id, parsed.value), {
      UNKNOWN_SITE: 'siteId',
      VENUE_BOOKED: 'siteId',
      NOT_A_RECEPTION_VENUE: 'siteId',
      OUTSIDE_SITE_AVAILABILITY: 'siteId',
      WINDOW_TOO_LONG: 'closesAt',
      INVALID_WINDOW: 'closesAt',
    });
    if (!booked.ok) return this.showCentre(res, user, requestId, id, form, booked.errors);
    redirect(res, `/operations/${id}/reception-centre`, `${booked.value.siteName} booked for ${booked.value.nights} night(s)`);
  }

  private async showCentre(res: Response, user: AuthUser, requestId: string, id: string, values: Form, errors?: FormErrors) {
    const op = await this.operations.get(user, id);
    const canPlan = hasRole(user, ...PLANNERS);
    const [centres, readiness, venues] = await Promise.all([
      this.centres.list(user, id),
      this.centres.readiness(user, id),
      canPlan ? this.sites.list({ user, requestId }, { type: ['reception_centre', 'respite_centre'], limit: 200 }) : Promise.resolve({ items: [] }),
    ]);
    render(res, 'operations/reception-centre', {
      title: 'Reception centre',
      op,
      centres,
      readiness,
      canPlan,
      values,
      errors,
      siteOptions: options(venues.items.map((s) => ({ id: s.id, name: `${s.name} (${s.type.replace(/_/g, ' ')}, ${s.localAuthorityCode})` })), values.siteId, 'Select the venue'),
      section: 'reception-centre',
    });
  }

  @Get(':id/agencies')
  @Roles(...ANY_ROLE)
  async agenciesPage(@Res() res: Response, @CurrentUser() user: AuthUser, @Param('id', PageIdPipe) id: string) {
    await this.showAgencies(res, user, id, {});
  }

  @Post(':id/agencies')
  @Roles(...PLANNERS)
  async addAgency(@Res() res: Response, @CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', PageIdPipe) id: string, @Body() form: Form) {
    const parsed = await validateForm(
      AddAgencyDto,
      { organisationId: str(form.organisationId) || undefined, attendance: str(form.attendance), contactName: str(form.contactName), contactPhone: str(form.contactPhone) },
      {
        organisationId: 'Select the organisation',
        attendance: 'Select whether they are present or on call',
        contactName: 'Enter the name of the person to contact',
        contactPhone: 'Enter a phone number, like 0113 496 0000',
      },
    );
    if (!parsed.ok) return this.showAgencies(res, user, id, form, parsed.errors);
    const added = await attempt(() => this.agencies.add({ user, requestId }, id, parsed.value), {
      ALREADY_ON_ROSTER: 'organisationId',
      UNKNOWN_ORGANISATION: 'organisationId',
    });
    if (!added.ok) return this.showAgencies(res, user, id, form, added.errors);
    redirect(res, `/operations/${id}/agencies`, `${added.value.organisationName} added to the roster`);
  }

  private async showAgencies(res: Response, user: AuthUser, id: string, values: Form, errors?: FormErrors) {
    const op = await this.operations.get(user, id);
    const canPlan = hasRole(user, ...PLANNERS);
    const [roster, directory] = await Promise.all([this.agencies.list(user, id), canPlan ? this.organisations.directory() : Promise.resolve([])]);
    const onRoster = new Set(roster.items.map((a) => a.organisationId));
    render(res, 'operations/agencies', {
      title: 'Agencies',
      op,
      roster,
      canPlan,
      values,
      errors,
      organisationOptions: options(directory.filter((o) => !onRoster.has(o.id) && o.id !== op.leadOrganisationId), values.organisationId, 'Select the organisation'),
      section: 'agencies',
    });
  }

  /** The live picture (the Preact dashboard), inside the service: it borrows this session's token. */
  @Get(':id/live')
  @Roles(...ANY_ROLE)
  async live(@Res() res: Response, @CurrentUser() user: AuthUser, @Param('id', PageIdPipe) id: string) {
    const op = await this.operations.get(user, id);
    const csrf = String(res.locals.csrfToken);
    const html = readFileSync(DASHBOARD_INDEX(), 'utf8')
      .replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(op.name)}: live picture – Safe Harbour</title>`)
      .replace('</head>', `<meta name="csrf-token" content="${escapeHtml(csrf)}"></head>`);
    res.type('html').send(html);
  }
}

/** `<select>` items for a govukSelect, the current value selected, a first "Select ..." item. */
export function options(items: Array<{ id: string; name: string }>, selected: unknown, prompt: string) {
  return [{ value: '', text: prompt }, ...items.map((o) => ({ value: o.id, text: o.name, selected: o.id === selected }))];
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
