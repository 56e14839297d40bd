import { Body, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  bedStatusTag,
  pounds,
  waitedFor,
  OUT_OF_SERVICE_REASON_WORDS,
  OUT_OF_SERVICE_REASONS,
  READINESS_ITEMS,
  ROOM_KINDS,
  roomHoldsBeds,
  SITE_TYPE_WORDS,
  SiteType,
  STAFFED_HOURS_WORDS,
  StaffedHours,
} from '@safe-harbour/domain';
import type { Request, Response } from 'express';
import { CurrentUser, RequestId } from '../../auth/current-user.decorator';
import { ANY_ROLE, AuthUser, hasRole } from '../../auth/roles';
import { Roles } from '../../auth/roles';
import { BedsService } from '../../sites/beds.service';
import { SiteImportService } from '../../sites/site-import.service';
import { CreateBedDto, CreateRoomDto, CreateSiteDto, SiteQueryDto, UpdateSiteDto } from '../../sites/sites.dto';
import { INVENTORY_KEEPERS } from '../../sites/sites.controller';
import { SitesService } from '../../sites/sites.service';
import { VoidReadinessService } from '../../sites/void-readiness.service';
import { attempt, formErrors, FormErrors, validateForm } from '../forms';
import { PageIdPipe } from '../params';
import { redirect, render } from '../render';
import { WebController } from '../web-routing';
import { SITE_FIELD_IDS, SITE_FLAG_FIELDS, SITE_MESSAGES, SITE_TYPE_ITEMS, siteBodyFrom, siteFormValues, STAFFED_HOURS_ITEMS } from './site-form';

type Form = Record<string, unknown>;
const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const ROOM_KIND_ITEMS = ROOM_KINDS.map((k) => ({ value: k, text: k.replace(/_/g, ' ').replace(/^abe/, 'ABE').replace(/^./, (c) => c.toUpperCase()) }));
const REASON_ITEMS = OUT_OF_SERVICE_REASONS.map((r) => ({ value: r, text: OUT_OF_SERVICE_REASON_WORDS[r] }));

/**
 * The housing officer's inventory: the sites list with its filters, a site with its rooms, beds and void
 * checklist, adding and editing sites, rooms and beds, taking beds out of service, importing a spreadsheet.
 * Thin: every page calls the inventory's own services as the signed-in user.
 */
@WebController('sites')
export class SitesPages {
  constructor(
    private readonly sites: SitesService,
    private readonly beds: BedsService,
    private readonly readiness: VoidReadinessService,
    private readonly importer: SiteImportService,
  ) {}

  @Get()
  @Roles(...ANY_ROLE)
  async list(@Res() res: Response, @CurrentUser() user: AuthUser, @RequestId() requestId: string, @Query() query: Form) {
    const filters = {
      type: text(query.type),
      area: text(query.area).toUpperCase(),
      freeBed: text(query.freeBed) === 'yes',
      readiness: ['ready', 'not_ready'].includes(text(query.readiness)) ? text(query.readiness) : '',
    };
    const q: SiteQueryDto = { limit: 200 };
    if (filters.type && (SITE_TYPE_WORDS as Record<string, string>)[filters.type]) q.type = [filters.type];
    const errors: Array<[string, string]> = [];
    if (filters.area) {
      if (/^[A-Z][0-9]{8}$/.test(filters.area)) q.localAuthorityCode = [filters.area];
      else errors.push(['area', 'Enter the area as an ONS code, like E08000035']);
    }
    if (filters.freeBed) q.hasAvailableBed = true;
    if (filters.readiness) q.readiness = filters.readiness;
    const page = await this.sites.list({ user, requestId }, q);
    render(res, 'sites/list', {
      title: 'Accommodation',
      sites: page.items.map((s) => ({ ...s, typeWords: typeWords(s.type) })),
      more: page.nextCursor !== null,
      filters,
      typeItems: [{ value: '', text: 'Any type' }, ...SITE_TYPE_ITEMS],
      canKeep: hasRole(user, ...INVENTORY_KEEPERS),
      errors: errors.length ? formErrors(errors) : undefined,
    }, 200);
  }

  @Get('new')
  @Roles(...INVENTORY_KEEPERS)
  newPage(@Res() res: Response) {
    this.showSiteForm(res, { title: 'Add a site', action: '/sites/new', button: 'Add site', values: siteFormValues(null) });
  }

  @Post('new')
  @Roles(...INVENTORY_KEEPERS)
  async create(@Res() res: Response, @CurrentUser() user: AuthUser, @RequestId() requestId: string, @Body() form: Form) {
    const show = (errors: FormErrors) => this.showSiteForm(res, { title: 'Add a site', action: '/sites/new', button: 'Add site', values: siteFormValues(form), errors });
    const parsed = await validateForm(CreateSiteDto, siteBodyFrom(form, user.organisationId), SITE_MESSAGES, SITE_FIELD_IDS);
    if (!parsed.ok) return show(parsed.errors);
    const created = await attempt(() => this.sites.create({ user, requestId }, parsed.value), { ALREADY_EXISTS: 'name', VALIDATION_FAILED: 'name' });
    if (!created.ok) return show(created.errors);
    redirect(res, `/sites/${created.value.id}`, `${created.value.name} added. Add its rooms and beds.`);
  }

  @Get('import')
  @Roles(...INVENTORY_KEEPERS)
  importPage(@Res() res: Response) {
    render(res, 'sites/import', { title: 'Import sites' });
  }

  /** "Check file": the import's own checks, writing nothing; the page then offers "Import" with the same file. */
  @Post('import')
  @Roles(...INVENTORY_KEEPERS)
  async importCheck(@Req() req: Request & { file?: { buffer: Buffer; originalname: string } }, @Res() res: Response, @CurrentUser() user: AuthUser, @RequestId() requestId: string, @Body() form: Form) {
    const csv = req.file ? req.file.buffer.toString('utf8') : text(form.csvText);
    const fileName = req.file?.originalname ?? text(form.fileName);
    if (!csv) return render(res, 'sites/import', { title: 'Import sites', errors: formErrors([['csvFile', 'Choose a CSV file to check']]) });
    const actor = { user, requestId };
    if (text(form.step) === 'import') {
      const done = await attempt(() => this.importer.import(actor, csv));
      if (!done.ok) return render(res, 'sites/import', { title: 'Import sites', errors: done.errors });
      const r = done.value;
      const parts = [`${r.sites.created} site${r.sites.created === 1 ? '' : 's'}`, `${r.rooms.created} room${r.rooms.created === 1 ? '' : 's'}`, `${r.beds.created} bed${r.beds.created === 1 ? '' : 's'}`];
      const skipped = r.rejected.length ? ` ${r.rejected.length} row${r.rejected.length === 1 ? ' was' : 's were'} left out.` : '';
      return redirect(res, '/sites', r.created === 0 ? `Nothing new to import: everything in the file is already here.${skipped}` : `Imported ${parts.join(', ')}.${skipped}`);
    }
    const preview = await attempt(() => this.importer.preview(actor, csv));
    if (!preview.ok) return render(res, 'sites/import', { title: 'Import sites', errors: { ...preview.errors, list: preview.errors.list.map((e) => ({ ...e, href: '#csvFile' })) } });
    render(res, 'sites/import', { title: 'Import sites', preview: preview.value, csvText: csv, fileName });
  }

  @Get('turnaround')
  @Roles(...INVENTORY_KEEPERS)
  async turnaround(@Res() res: Response, @CurrentUser() user: AuthUser, @RequestId() requestId: string, @Query('area') area?: string) {
    const code = text(area).toUpperCase();
    const board = await this.beds.turnaround({ user, requestId }, { localAuthorityCode: /^[A-Z][0-9]{8}$/.test(code) ? code : undefined });
    render(res, 'sites/turnaround', { title: 'Turnaround', items: board.items.map((i) => ({ ...i, waitingWords: waitedFor(i.waitingMinutes) })), area: code });
  }

  @Post('turnaround/:bedId/ready')
  @Roles(...INVENTORY_KEEPERS)
  async markReady(@Res() res: Response, @CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('bedId', PageIdPipe) bedId: string, @Body() form: Form) {
    const done = await attempt(() => this.beds.changeStatus({ user, requestId }, bedId, { status: 'available' }));
    const back = text(form.returnTo).startsWith('/sites/') ? text(form.returnTo) : '/sites/turnaround';
    if (!done.ok) return redirect(res, back, done.errors.list.map((e) => e.text).join(' '));
    redirect(res, back, `Bed ${done.value.label} is ready for the next person`);
  }

  @Get(':id')
  @Roles(...ANY_ROLE)
  async show(@Res() res: Response, @CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', PageIdPipe) id: string, errors?: FormErrors, values: Form = {}) {
    const actor = { user, requestId };
    const site = await this.sites.get(actor, id);
    const [rooms, beds, checklist] = await Promise.all([this.beds.listRooms(actor, id), this.beds.listBeds(actor, id, { limit: 500 }), this.readiness.get(actor, id)]);
    const history = await Promise.all(beds.items.map((b) => this.beds.history(actor, b.id, { limit: 20 })));
    const canKeep = hasRole(user, 'admin') || (hasRole(user, 'housing_officer', 'emergency_planner') && user.organisationId === site.organisationId);
    render(res, 'sites/show', {
      title: site.name,
      site: {
        ...site,
        typeWords: typeWords(site.type),
        staffedWords: STAFFED_HOURS_WORDS[site.attributes.staffedHours as StaffedHours] ?? site.attributes.staffedHours,
        nightlyCostWords: site.nightlyCostPence === null ? 'None (not spot-purchased)' : `${pounds(site.nightlyCostPence)} a night`,
      },
      rooms: rooms.items,
      bedRooms: rooms.items.filter((r) => roomHoldsBeds(r.kind as (typeof ROOM_KINDS)[number])),
      beds: beds.items.map((b, i) => ({
        ...b,
        tag: bedStatusTag(b.status, site.readiness, b.outOfServiceReason),
        history: history[i].items.slice().reverse(),
      })),
      checklist,
      canKeep,
      roomKindItems: ROOM_KIND_ITEMS,
      reasonItems: REASON_ITEMS,
      errors,
      values,
    }, errors ? 422 : 200);
  }

  @Get(':id/edit')
  @Roles(...INVENTORY_KEEPERS)
  async editPage(@Res() res: Response, @CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', PageIdPipe) id: string) {
    const site = await this.sites.get({ user, requestId }, id);
    this.showSiteForm(res, { title: `Change ${site.name}`, action: `/sites/${id}/edit`, button: 'Save changes', values: siteFormValues(site), site, addressWithheld: site.address === null });
  }

  @Post(':id/edit')
  @Roles(...INVENTORY_KEEPERS)
  async edit(@Res() res: Response, @CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', PageIdPipe) id: string, @Body() form: Form) {
    const actor = { user, requestId };
    const site = await this.sites.get(actor, id);
    const body: Record<string, unknown> = siteBodyFrom(form, site.organisationId);
    delete body.organisationId;
    // someone who may not see the address cannot have typed one: leave it as it is
    if (site.address === null) delete body.address;
    const show = (errors: FormErrors) =>
      this.showSiteForm(res, { title: `Change ${site.name}`, action: `/sites/${id}/edit`, button: 'Save changes', values: siteFormValues(form), site, addressWithheld: site.address === null, errors });
    const parsed = await validateForm(UpdateSiteDto, body, SITE_MESSAGES, SITE_FIELD_IDS);
    if (!parsed.ok) return show(parsed.errors);
    const saved = await attempt(() => this.sites.update(actor, id, parsed.value), { ALREADY_EXISTS: 'name', VALIDATION_FAILED: 'name' });
    if (!saved.ok) return show(saved.errors);
    redirect(res, `/sites/${id}`, 'Your changes have been saved');
  }

  @Post(':id/rooms')
  @Roles(...INVENTORY_KEEPERS)
  async addRoom(@Res() res: Response, @CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', PageIdPipe) id: string, @Body() form: Form) {
    const body = { name: text(form.roomName), kind: text(form.roomKind) || 'bedroom' };
    const parsed = await validateForm(CreateRoomDto, body, { name: 'Enter the room’s name', kind: 'Choose what kind of room it is' }, { name: 'roomName', kind: 'roomKind' });
    if (!parsed.ok) return this.show(res, user, requestId, id, parsed.errors, form);
    const made = await attempt(() => this.beds.createRoom({ user, requestId }, id, parsed.value), { ALREADY_EXISTS: 'roomName' });
    if (!made.ok) return this.show(res, user, requestId, id, made.errors, form);
    redirect(res, `/sites/${id}#rooms`, `Room ${made.value.name} added`);
  }

  @Post(':id/beds')
  @Roles(...INVENTORY_KEEPERS)
  async addBed(@Res() res: Response, @CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', PageIdPipe) id: string, @Body() form: Form) {
    const body: Record<string, unknown> = { label: text(form.bedLabel) };
    if (text(form.bedRoom)) body.roomId = text(form.bedRoom);
    const parsed = await validateForm(CreateBedDto, body, { label: 'Enter the bed’s label, like 1A' }, { label: 'bedLabel', roomId: 'bedRoom' });
    if (!parsed.ok) return this.show(res, user, requestId, id, parsed.errors, form);
    const made = await attempt(() => this.beds.createBed({ user, requestId }, id, parsed.value), {
      ALREADY_EXISTS: 'bedLabel',
      ROOM_NOT_IN_SITE: 'bedRoom',
      ROOM_HOLDS_NO_BEDS: 'bedRoom',
    });
    if (!made.ok) return this.show(res, user, requestId, id, made.errors, form);
    redirect(res, `/sites/${id}#beds`, `Bed ${made.value.label} added`);
  }

  /** "Take out of service" (with a reason) and "Return to service", per bed. */
  @Post(':id/beds/:bedId/status')
  @Roles(...INVENTORY_KEEPERS)
  async bedStatus(@Res() res: Response, @CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', PageIdPipe) id: string, @Param('bedId', PageIdPipe) bedId: string, @Body() form: Form) {
    const status = text(form.status);
    const reason = text(form.reason);
    const field = `reason-${bedId}`;
    if (status === 'out_of_service' && !reason) return this.show(res, user, requestId, id, formErrors([[field, 'Choose why the bed is out of service']]), form);
    const changed = await attempt(() => this.beds.changeStatus({ user, requestId }, bedId, { status, reason: status === 'out_of_service' ? reason : null }), {
      REASON_REQUIRED: field,
      UNKNOWN_REASON: field,
    });
    if (!changed.ok) return this.show(res, user, requestId, id, changed.errors, form);
    const words = status === 'out_of_service' ? `is out of service (${OUT_OF_SERVICE_REASON_WORDS[reason as keyof typeof OUT_OF_SERVICE_REASON_WORDS]?.toLowerCase() ?? reason})` : status === 'closed' ? 'is closed' : 'is back in service';
    redirect(res, `/sites/${id}#beds`, `Bed ${changed.value.label} ${words}`);
  }

  /** The void checklist: each task marked done or not done. */
  @Post(':id/readiness')
  @Roles(...INVENTORY_KEEPERS)
  async readinessItem(@Res() res: Response, @CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', PageIdPipe) id: string, @Body() form: Form) {
    const item = READINESS_ITEMS.find((i) => i.key === text(form.item));
    if (!item) return this.show(res, user, requestId, id, formErrors([[null, 'Choose a task of the checklist']]));
    const done = text(form.done) === 'yes';
    const saved = await attempt(() => this.readiness.update({ user, requestId }, id, { [item.key]: done }));
    if (!saved.ok) return this.show(res, user, requestId, id, saved.errors);
    const ready = saved.value.readiness === 'ready';
    redirect(res, `/sites/${id}#readiness`, `${item.label}: ${done ? 'done' : 'not done'}.${ready ? ' The property is ready: its beds can be given to people.' : ''}`);
  }

  private showSiteForm(res: Response, data: { title: string; action: string; button: string; values: Record<string, unknown>; errors?: FormErrors; site?: unknown; addressWithheld?: boolean }) {
    render(res, 'sites/form', { ...data, typeItems: SITE_TYPE_ITEMS, staffedItems: STAFFED_HOURS_ITEMS, flagFields: SITE_FLAG_FIELDS });
  }
}

const typeWords = (type: string) => SITE_TYPE_WORDS[type as SiteType] ?? type;
