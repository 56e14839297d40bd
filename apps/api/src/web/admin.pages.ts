import { Body, Get, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ListUsersQuery } from '../accounts/accounts.dto';
import { PasswordResetService } from '../accounts/password-reset.service';
import { UserDirectoryService } from '../accounts/user-directory.service';
import { AuditCsvService } from '../audit/audit-csv.service';
import { AuditFilterDto, AuditQueryDto } from '../audit/audit.dto';
import { AuditService } from '../audit/audit.service';
import { CurrentUser, RequestId } from '../auth/current-user.decorator';
import { AuthUser, ROLES, Roles } from '../auth/roles';
import { PlaceLegalHoldDto } from '../governance/governance.dto';
import { LegalHoldsService } from '../governance/legal-holds.service';
import { RetentionService } from '../governance/retention.service';
import { OperationsService } from '../operations/operations.service';
import { CreateOrganisationDto, ORGANISATION_KINDS } from '../organisations/organisations.dto';
import { OrganisationsService } from '../organisations/organisations.service';
import { CreateUserDto, UpdateUserDto } from '../users/users.dto';
import { UsersService } from '../users/users.service';
import { attempt, FormErrors, validateForm } from './forms';
import { PageIdPipe } from './params';
import { redirect, render } from './render';
import { WebController } from './web-routing';

type Form = Record<string, unknown>;
const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v ? [v] : []);
/** Query values as typed, minus the empty ones a GET form sends for fields left blank. */
const present = (q: Record<string, unknown>) => Object.fromEntries(Object.entries(q).filter(([, v]) => typeof v === 'string' && v.trim() !== ''));
const ROLE_ITEMS = ROLES.map((r) => ({ value: r, text: r.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase()) }));

/** Users and organisations: who has access (issue 17). */
@WebController('admin')
export class AdminUsersPages {
  constructor(
    private readonly directory: UserDirectoryService,
    private readonly users: UsersService,
    private readonly resets: PasswordResetService,
    private readonly organisations: OrganisationsService,
  ) {}

  @Get('users')
  @Roles('admin')
  async list(@Res() res: Response, @Query() query: Record<string, unknown>) {
    const filter = present(query);
    const parsed = await validateForm(ListUsersQuery, filter, { q: 'Search for 1 to 200 characters', cursor: 'Start again from the first page' });
    if (!parsed.ok) return render(res, 'admin/users', { title: 'Users', values: filter, users: [], errors: parsed.errors });
    const page = await this.directory.list({ ...parsed.value, limit: 50 });
    const base = Object.fromEntries(Object.entries(filter).filter(([k]) => k !== 'cursor')) as Record<string, string>;
    const nextQuery = page.nextCursor ? new URLSearchParams({ ...base, cursor: page.nextCursor }).toString() : null;
    render(res, 'admin/users', { title: 'Users', values: filter, users: page.items, nextQuery });
  }

  @Get('users/new')
  @Roles('admin')
  async newUser(@Res() res: Response, @CurrentUser() user: AuthUser) {
    render(res, 'admin/user-new', { title: 'Add a user', values: { roles: [] }, organisations: await this.organisations.list(user), roleItems: ROLE_ITEMS });
  }

  @Post('users/new')
  @Roles('admin')
  async addUser(@Res() res: Response, @CurrentUser() user: AuthUser, @RequestId() requestId: string, @Body() form: Form) {
    const values = { email: text(form.email), displayName: text(form.displayName), organisationId: text(form.organisationId), roles: list(form.roles), password: text(form.password) };
    const show = async (errors: FormErrors) =>
      render(res, 'admin/user-new', { title: 'Add a user', values: { ...values, password: '' }, errors, organisations: await this.organisations.list(user), roleItems: ROLE_ITEMS });
    const parsed = await validateForm(CreateUserDto, values, {
      email: 'Enter an email address, like name@leeds.gov.uk',
      displayName: 'Enter the person’s full name',
      organisationId: 'Select the organisation they work for',
      roles: 'Select at least one role',
      password: 'Enter a first password of 12 characters or more',
    });
    if (!parsed.ok) return show(parsed.errors);
    const created = await attempt(() => this.users.create({ user, requestId }, parsed.value), {
      ALREADY_EXISTS: 'email',
      PASSWORD_TOO_WEAK: 'password',
      UNKNOWN_ORGANISATION: 'organisationId',
    });
    if (!created.ok) return show(created.errors);
    redirect(res, `/admin/users/${created.value.id}`, `${created.value.displayName} can now sign in`);
  }

  @Get('users/:id')
  @Roles('admin')
  async show(@Res() res: Response, @CurrentUser() user: AuthUser, @Param('id', PageIdPipe) id: string) {
    const account = await this.users.get(user, id);
    const organisations = await this.organisations.list(user);
    render(res, 'admin/user', {
      title: account.displayName,
      account,
      organisationName: organisations.find((o) => o.id === account.organisationId)?.name ?? '',
      roleItems: ROLE_ITEMS,
    });
  }

  /** Shows the one-time code once; it is never stored in the clear, so reloading cannot show it again. */
  @Post('users/:id/password-reset')
  @Roles('admin')
  async reset(@Res() res: Response, @CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', PageIdPipe) id: string) {
    const account = await this.users.get(user, id);
    const issued = await attempt(() => this.resets.issue({ user, requestId }, id));
    if (!issued.ok) return render(res, 'admin/user', { title: account.displayName, account, roleItems: ROLE_ITEMS, errors: issued.errors });
    res.setHeader('Cache-Control', 'no-store');
    render(res, 'admin/reset-code', { title: 'Password reset code', account, resetCode: issued.value.resetCode, expiresAt: issued.value.expiresAt });
  }

  @Post('users/:id/deactivate')
  @Roles('admin')
  deactivate(@Res() res: Response, @CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', PageIdPipe) id: string) {
    return this.change(res, user, requestId, id, { active: false }, 'deactivated');
  }

  @Post('users/:id/reactivate')
  @Roles('admin')
  reactivate(@Res() res: Response, @CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', PageIdPipe) id: string) {
    return this.change(res, user, requestId, id, { active: true }, 'reactivated');
  }

  @Post('users/:id/roles')
  @Roles('admin')
  changeRoles(@Res() res: Response, @CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', PageIdPipe) id: string, @Body() form: Form) {
    return this.change(res, user, requestId, id, { roles: list(form.roles) }, 'given new roles');
  }

  /** Role and status changes go through the access layer's PATCH /users/:id service (issue 13): at once. */
  private async change(res: Response, user: AuthUser, requestId: string, id: string, changes: Record<string, unknown>, done: string) {
    const account = await this.users.get(user, id);
    const show = (errors: FormErrors) => render(res, 'admin/user', { title: account.displayName, account, roleItems: ROLE_ITEMS, errors });
    const parsed = await validateForm(UpdateUserDto, changes, { roles: 'Select at least one role' });
    if (!parsed.ok) return show(parsed.errors);
    const changed = await attempt(() => this.users.update({ user, requestId }, id, parsed.value), { LAST_ADMIN: 'roles' });
    if (!changed.ok) return show(changed.errors);
    redirect(res, `/admin/users/${id}`, `${account.displayName} has been ${done}`);
  }

  @Get('organisations')
  @Roles('admin')
  async organisationsList(@Res() res: Response, @CurrentUser() user: AuthUser) {
    render(res, 'admin/organisations', { title: 'Organisations', organisations: await this.organisations.list(user), values: {}, kinds: ORGANISATION_KINDS });
  }

  /** First-responder designation (the NRM's list), through the same service as PATCH /organisations/:id. */
  @Post('organisations/:id/first-responder')
  @Roles('admin')
  async designate(@Res() res: Response, @CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', PageIdPipe) id: string, @Body() form: Form) {
    const firstResponder = form.firstResponder === 'true';
    const changed = await attempt(() => this.organisations.update({ user, requestId }, id, { firstResponder }));
    if (!changed.ok) {
      return render(res, 'admin/organisations', { title: 'Organisations', organisations: await this.organisations.list(user), values: {}, errors: changed.errors, kinds: ORGANISATION_KINDS });
    }
    redirect(res, '/admin/organisations', `${changed.value.name} ${firstResponder ? 'is now designated a first responder' : 'is no longer a first responder'}`);
  }

  @Post('organisations')
  @Roles('admin')
  async addOrganisation(@Res() res: Response, @CurrentUser() user: AuthUser, @RequestId() requestId: string, @Body() form: Form) {
    const values = { name: text(form.name), kind: text(form.kind), localAuthorityCode: text(form.localAuthorityCode).toUpperCase() || undefined };
    const show = async (errors: FormErrors) =>
      render(res, 'admin/organisations', { title: 'Organisations', organisations: await this.organisations.list(user), values, errors, kinds: ORGANISATION_KINDS });
    const parsed = await validateForm(CreateOrganisationDto, values, {
      name: 'Enter the organisation’s name',
      kind: 'Select what kind of organisation it is',
      localAuthorityCode: 'Enter an ONS code like E08000035, or leave it empty',
    });
    if (!parsed.ok) return show(parsed.errors);
    const created = await attempt(() => this.organisations.create({ user, requestId }, parsed.value), { ALREADY_EXISTS: 'name' });
    if (!created.ok) return show(created.errors);
    redirect(res, '/admin/organisations', `${created.value.name} added`);
  }
}

/** The audit trail as an information governance lead reads it. */
@WebController('admin')
export class AdminAuditPages {
  constructor(
    private readonly audit: AuditService,
    private readonly csv: AuditCsvService,
    private readonly organisations: OrganisationsService,
  ) {}

  @Get('audit')
  @Roles('admin')
  async trail(@Res() res: Response, @CurrentUser() user: AuthUser, @Query() query: Record<string, unknown>) {
    const filter = present(query);
    const organisations = await this.organisations.list(user);
    const parsed = await validateForm(AuditQueryDto, toApiFilter(filter), {
      personReference: 'Enter a reference like RAV-007',
      actorUserId: 'Choose a user from the Users page',
      from: 'Enter the date as 2026-11-30',
      to: 'Enter the date as 2026-11-30',
      cursor: 'Start again from the first page',
    });
    if (!parsed.ok) return render(res, 'admin/audit', { title: 'Audit trail', values: filter, entries: [], organisations, errors: parsed.errors });
    const page = await this.audit.list({ ...parsed.value, limit: 50 });
    const base = Object.fromEntries(Object.entries(filter).filter(([k]) => k !== 'cursor')) as Record<string, string>;
    render(res, 'admin/audit', {
      title: 'Audit trail',
      values: filter,
      entries: page.items,
      organisations,
      nextQuery: page.nextCursor ? new URLSearchParams({ ...base, cursor: page.nextCursor }).toString() : null,
      csvQuery: new URLSearchParams(base).toString(),
    });
  }

  @Get('audit.csv')
  @Roles('admin')
  async download(@Res() res: Response, @CurrentUser() user: AuthUser, @RequestId() requestId: string, @Query() query: Record<string, unknown>) {
    const parsed = await validateForm(AuditFilterDto, toApiFilter(present(query)));
    if (!parsed.ok) return redirect(res, '/admin/audit');
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="safe-harbour-audit.csv"');
    res.setHeader('Cache-Control', 'no-store');
    this.csv.stream({ user, requestId }, parsed.value).pipe(res);
  }
}

/** Date fields on the page are calendar days (London); the API filter takes instants. */
function toApiFilter(filter: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...filter };
  for (const key of ['from', 'to'] as const) {
    const v = filter[key];
    if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) {
      const day = new Date(`${v}T00:00:00Z`);
      if (key === 'to') day.setUTCDate(day.getUTCDate() + 1); // "to 30 November" includes that day
      out[key] = day.toISOString();
    }
  }
  return out;
}

/** Retention schedule, legal holds and the runs' reports. */
@WebController('admin')
export class AdminRetentionPages {
  constructor(
    private readonly retention: RetentionService,
    private readonly holds: LegalHoldsService,
    private readonly operations: OperationsService,
  ) {}

  private async page(res: Response, user: AuthUser, extra: Record<string, unknown> = {}) {
    render(res, 'admin/retention', {
      title: 'Retention',
      schedule: this.retention.describeSchedule().classes,
      holds: (await this.holds.list({ active: true })).items,
      runs: (await this.retention.list(10)).items,
      operations: (await this.operations.list(user, { limit: 200 })).items,
      values: {},
      ...extra,
    });
  }

  @Get('retention')
  @Roles('admin')
  show(@Res() res: Response, @CurrentUser() user: AuthUser) {
    return this.page(res, user);
  }

  @Post('retention/runs')
  @Roles('admin')
  async run(@Res() res: Response, @CurrentUser() user: AuthUser, @RequestId() requestId: string) {
    const done = await attempt(() => this.retention.runNow({ user, requestId }));
    if (!done.ok) return this.page(res, user, { errors: done.errors });
    redirect(res, `/admin/retention/runs/${done.value.id}`, `Retention run finished: ${done.value.peopleAnonymised} anonymised, ${done.value.peopleHeld} held`);
  }

  @Get('retention/runs/:id')
  @Roles('admin')
  async report(@Res() res: Response, @Param('id', PageIdPipe) id: string) {
    const report = await this.retention.report(id);
    render(res, 'admin/retention-run', { title: 'Retention run report', report });
  }

  @Post('legal-holds')
  @Roles('admin')
  async placeHold(@Res() res: Response, @CurrentUser() user: AuthUser, @RequestId() requestId: string, @Body() form: Form) {
    const values = { personReference: text(form.personReference) || undefined, operationId: text(form.operationId) || undefined, reason: text(form.reason) };
    const show = (errors: FormErrors) => this.page(res, user, { values, errors });
    const parsed = await validateForm(PlaceLegalHoldDto, values, { personReference: 'Enter a reference like RAV-007', reason: 'Enter why the records must be kept' });
    if (!parsed.ok) return show(parsed.errors);
    const placed = await attempt(() => this.holds.place({ user, requestId }, parsed.value), {
      ONE_SUBJECT: 'personReference',
      UNKNOWN_PERSON: 'personReference',
      ALREADY_ANONYMISED: 'personReference',
      UNKNOWN_OPERATION: 'operationId',
    });
    if (!placed.ok) return show(placed.errors);
    redirect(res, '/admin/retention', `Legal hold placed on ${placed.value.personReference ?? placed.value.operationName}`);
  }

  @Post('legal-holds/:id/release')
  @Roles('admin')
  async releaseHold(@Res() res: Response, @CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', PageIdPipe) id: string) {
    const released = await attempt(() => this.holds.release({ user, requestId }, id));
    if (!released.ok) return this.page(res, user, { errors: released.errors });
    redirect(res, '/admin/retention', `Legal hold on ${released.value.personReference ?? released.value.operationName} released`);
  }
}
