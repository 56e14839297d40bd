import { Body, Get, Param, Post, Query, Res } from '@nestjs/common';
import { distanceBand, pounds, SITE_TYPE_WORDS, SiteType } from '@safe-harbour/domain';
import type { Response } from 'express';
import { CurrentUser, RequestId } from '../../auth/current-user.decorator';
import { AuthUser, hasRole, Roles } from '../../auth/roles';
import { DomainError } from '../../common/domain-error';
import { OperationsService } from '../../operations/operations.service';
import { PeopleService } from '../../people/people.service';
import { BedOptionsService } from '../../placements/bed-options.service';
import { CostsService } from '../../placements/costs.service';
import { END_REASONS } from '../../placements/placements.dto';
import { PlacementRow } from '../../placements/placements.repository';
import { PlacementsService } from '../../placements/placements.service';
import { BedsService } from '../../sites/beds.service';
import { SitesService } from '../../sites/sites.service';
import { attempt, formErrors, FormErrors, refusalAsFormErrors } from '../forms';
import { PageIdPipe } from '../params';
import { redirect, render } from '../render';
import { WebController } from '../web-routing';
import { fromLondonInput } from './site-form';

type Form = Record<string, unknown>;
type Actor = { user: AuthUser; requestId: string };
const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const PLACERS = ['housing_officer', 'emergency_planner', 'operation_lead', 'admin'] as const;

const END_REASON_WORDS: Record<(typeof END_REASONS)[number], string> = {
  moved_on: 'Moved on to other accommodation',
  left_support: 'Left support',
  returned_home: 'Returned home',
  children_services: 'Went to children’s services',
  non_arrival: 'Did not arrive',
  other: 'Other',
};

/** What the bed finder shows about a refusal: the message, and for a clash or an unsuitable bed what to do next. */
interface Refusal {
  errors: FormErrors;
  clash?: { message: string; nextOption: { bedId: string; bedLabel: string; roomName: string | null; siteName: string } | null };
  unsuitable?: { bedId: string; siteId?: string; kind: string; rules: Array<{ code: string; reason: string; overridable: boolean }>; canOverride: boolean };
}

/**
 * The bed finder for a person and the placements made from it: reserve, place, place a family together,
 * confirm, arrival or non-arrival, transfer, end; and the costs table. Thin: the placement services decide.
 */
@WebController()
export class PlacementPages {
  constructor(
    private readonly people: PeopleService,
    private readonly options: BedOptionsService,
    private readonly placements: PlacementsService,
    private readonly beds: BedsService,
    private readonly sites: SitesService,
    private readonly costs: CostsService,
    private readonly operations: OperationsService,
  ) {}

  @Get('people/:id/beds')
  @Roles(...PLACERS)
  async finder(@Res() res: Response, @CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', PageIdPipe) id: string, refusal?: Refusal) {
    const actor = { user, requestId };
    const person = (await this.people.get(actor, id)) as Record<string, any>;
    const found = await this.options.forPerson(user, id, { limit: 10 });
    const items: Array<Record<string, any>> = await Promise.all(
      found.items.map(async (o: Record<string, any>) => {
        const bed = o.bedLabel ? null : await this.beds.getBed(actor, o.bedId).catch(() => null);
        return {
          ...o,
          bedLabel: o.bedLabel ?? bed?.label ?? 'a bed',
          roomName: o.roomName ?? bed?.roomName ?? null,
          siteTypeWords: o.siteType ? (SITE_TYPE_WORDS[o.siteType as SiteType] ?? o.siteType) : null,
          distanceWords: o.distanceBand ?? distanceBand(o.distanceKm ?? null),
        };
      }),
    );
    const family = await this.familyOf(actor, person);
    const familySites = family.size > 1 ? [...new Map(items.map((o) => [o.siteId, { siteId: o.siteId, siteName: o.siteName }])).values()] : [];
    render(
      res,
      'people/beds',
      {
        title: 'Find a bed',
        person,
        needs: needsInWords(person),
        recourse: recourseInWords(person.recourseToPublicFunds),
        items,
        excluded: found.excluded,
        family,
        familySites,
        canPlace: hasRole(user, ...PLACERS),
        errors: refusal?.errors,
        clash: refusal?.clash,
        unsuitable: refusal?.unsuitable,
      },
      refusal ? 422 : 200,
    );
  }

  /** "Reserve" or "Place" one bed from the list; "Place anyway" with an override reason after an unsuitable choice. */
  @Post('people/:id/beds')
  @Roles(...PLACERS)
  async place(@Res() res: Response, @CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', PageIdPipe) id: string, @Body() form: Form) {
    const actor = { user, requestId };
    const bedId = text(form.bedId);
    const kind = text(form.kind) === 'reservation' ? 'reservation' : 'placement';
    const overrideReason = text(form.overrideReason);
    if (text(form.override) === 'yes' && overrideReason.length < 10) {
      const again = await this.refusalFor(actor, bedId, kind, new DomainError(422, 'UNSUITABLE_PLACEMENT', 'Give the reason for placing here anyway (at least 10 characters)', JSON.parse(text(form.rules) || '[]')));
      again.errors = formErrors([['overrideReason', 'Give the reason for placing here anyway (at least 10 characters)']]);
      return this.finder(res, user, requestId, id, again);
    }
    try {
      const placement = await this.placements.create(actor, {
        personId: id,
        bedId,
        from: new Date().toISOString(),
        kind,
        ...(overrideReason && text(form.override) === 'yes' ? { override: { reason: overrideReason } } : {}),
      });
      redirect(res, `/placements/${placement.id}`, placedWords(placement));
    } catch (err) {
      return this.finder(res, user, requestId, id, await this.refusalFor(actor, bedId, kind, err));
    }
  }

  /** "Place the family here": everyone in the person's group into free beds of one site, all or none. */
  @Post('people/:id/beds/family')
  @Roles(...PLACERS)
  async placeFamily(@Res() res: Response, @CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', PageIdPipe) id: string, @Body() form: Form) {
    const actor = { user, requestId };
    const kind = text(form.kind) === 'reservation' ? 'reservation' : 'placement';
    const siteId = text(form.siteId);
    const overrideReason = text(form.overrideReason);
    const overriding = text(form.override) === 'yes';
    if (overriding && overrideReason.length < 10) {
      const rules = JSON.parse(text(form.rules) || '[]');
      return this.finder(res, user, requestId, id, {
        errors: formErrors([['overrideReason', 'Give the reason for placing here anyway (at least 10 characters)']]),
        unsuitable: { bedId: '', siteId, kind, rules, canOverride: true },
      });
    }
    let done: { groupPlacementId: string; placements: PlacementRow[] };
    try {
      done = await this.placements.placeFamily(actor, { personId: id, siteId, from: new Date().toISOString(), kind, ...(overriding ? { override: { reason: overrideReason } } : {}) });
    } catch (err) {
      const refusal = await this.refusalFor(actor, '', kind, err);
      if (refusal.unsuitable) refusal.unsuitable.siteId = siteId;
      return this.finder(res, user, requestId, id, refusal);
    }
    if (done.placements.length === 1) return redirect(res, `/placements/${done.placements[0].id}`, placedWords(done.placements[0]));
    const first = done.placements.find((p) => p.personId === id) ?? done.placements[0];
    const byBed = [...done.placements].sort((a, b) => a.bedLabel.localeCompare(b.bedLabel, 'en', { numeric: true }));
    redirect(res, `/placements/${first.id}`, `The family (${byBed.map((p) => p.personReference).join(', ')}) ${kind === 'reservation' ? 'has beds reserved' : 'is placed together'}: beds ${byBed.map((p) => p.bedLabel).join(', ')}`);
  }

  @Get('placements/:id')
  @Roles(...PLACERS, 'partner')
  async show(@Res() res: Response, @CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', PageIdPipe) id: string, errors?: FormErrors) {
    const placement = (await this.placements.get(user, id)) as PlacementRow;
    const site = await this.sites.get({ user, requestId }, placement.siteId).catch(() => null);
    const history = await this.historyOf(user, placement);
    render(res, 'placements/show', {
      title: `Placement of ${placement.personReference}`,
      placement,
      siteName: site?.name ?? 'the site',
      placementStatus: placementStatus(placement),
      history,
      canAct: hasRole(user, ...PLACERS),
      endReasons: END_REASONS.filter((r) => r !== 'non_arrival').map((r) => ({ value: r, text: END_REASON_WORDS[r] })),
      nightlyCostWords: placement.nightlyCostPence === null ? null : `${pounds(placement.nightlyCostPence)} a night`,
      errors,
    }, errors ? 422 : 200);
  }

  @Post('placements/:id/confirm')
  @Roles(...PLACERS)
  async confirm(@Res() res: Response, @CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', PageIdPipe) id: string) {
    const done = await attempt(() => this.placements.confirm({ user, requestId }, id));
    if (!done.ok) return this.show(res, user, requestId, id, done.errors);
    redirect(res, `/placements/${id}`, `Placement confirmed: ${done.value.personReference} in bed ${done.value.bedLabel}`);
  }

  @Post('placements/:id/arrival')
  @Roles(...PLACERS)
  async arrival(@Res() res: Response, @CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', PageIdPipe) id: string, @Body() form: Form) {
    const arrived = text(form.outcome) !== 'not_arrived';
    const reason = text(form.nonArrivalReason);
    if (!arrived && reason.length < 3) return this.show(res, user, requestId, id, formErrors([['nonArrivalReason', 'Say why the person did not arrive']]));
    const done = await attempt(() => this.placements.recordArrival({ user, requestId }, id, arrived ? { arrivedAt: new Date().toISOString() } : { nonArrivalReason: reason }));
    if (!done.ok) return this.show(res, user, requestId, id, done.errors);
    redirect(res, `/placements/${id}`, arrived ? `${done.value.personReference} has arrived` : `Non-arrival recorded: bed ${done.value.bedLabel} is free again`);
  }

  @Post('placements/:id/end')
  @Roles(...PLACERS)
  async end(@Res() res: Response, @CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', PageIdPipe) id: string, @Body() form: Form) {
    const reason = text(form.reason);
    const destination = text(form.moveOnDestination);
    const at = fromLondonInput(text(form.endedAt)) ?? new Date().toISOString();
    const problems: Array<[string, string]> = [];
    if (!END_REASONS.includes(reason as (typeof END_REASONS)[number])) problems.push(['reason', 'Choose why the placement is ending']);
    if (reason === 'moved_on' && !destination) problems.push(['moveOnDestination', 'Say where the person has moved on to']);
    if (Number.isNaN(Date.parse(at))) problems.push(['endedAt', 'Enter when the person left, like 2026-12-01 10:30']);
    if (problems.length) return this.show(res, user, requestId, id, formErrors(problems));
    const done = await attempt(() => this.placements.end({ user, requestId }, id, { at, reason: reason as (typeof END_REASONS)[number], moveOnDestination: destination || undefined }), { END_BEFORE_START: 'endedAt' });
    if (!done.ok) return this.show(res, user, requestId, id, done.errors);
    redirect(res, `/placements/${id}`, `Placement ended. Bed ${done.value.bedLabel} is waiting for cleaning.`);
  }

  @Get('placements/:id/transfer')
  @Roles(...PLACERS)
  async transferPage(@Res() res: Response, @CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', PageIdPipe) id: string, refusal?: Refusal) {
    const actor = { user, requestId };
    const placement = (await this.placements.get(user, id)) as PlacementRow;
    const found = await this.options.forPerson(user, placement.personId, { limit: 10 });
    const items = await Promise.all(
      found.items
        .filter((o: Record<string, any>) => o.bedId !== placement.bedId)
        .map(async (o: Record<string, any>) => {
          const bed = o.bedLabel ? null : await this.beds.getBed(actor, o.bedId).catch(() => null);
          return { ...o, bedLabel: o.bedLabel ?? bed?.label ?? 'a bed', roomName: o.roomName ?? bed?.roomName ?? null, distanceWords: o.distanceBand ?? distanceBand(o.distanceKm ?? null) };
        }),
    );
    render(res, 'placements/transfer', { title: `Move ${placement.personReference}`, placement, items, errors: refusal?.errors, clash: refusal?.clash }, refusal ? 422 : 200);
  }

  @Post('placements/:id/transfer')
  @Roles(...PLACERS)
  async transfer(@Res() res: Response, @CurrentUser() user: AuthUser, @RequestId() requestId: string, @Param('id', PageIdPipe) id: string, @Body() form: Form) {
    const actor = { user, requestId };
    const bedId = text(form.bedId);
    try {
      const moved = await this.placements.transfer(actor, id, { bedId, at: new Date().toISOString() });
      redirect(res, `/placements/${moved.id}`, `${moved.personReference} moved to bed ${moved.bedLabel}. The old bed is waiting for cleaning.`);
    } catch (err) {
      const refusal = await this.refusalFor(actor, bedId, 'placement', err);
      return this.transferPage(res, user, requestId, id, refusal);
    }
  }

  @Get('costs')
  @Roles(...PLACERS)
  async costsPage(@Res() res: Response, @CurrentUser() user: AuthUser, @Query() query: Form) {
    const operationId = text(query.operationId);
    const area = text(query.area).toUpperCase();
    const ops = await this.operations.list(user, { limit: 200 });
    const operationItems = [{ value: '', text: 'Any operation' }, ...ops.items.map((o: { id: string; name: string }) => ({ value: o.id, text: o.name }))];
    const chosen = /^[0-9a-f-]{36}$/i.test(operationId) ? operationId : undefined;
    const areaCode = /^[A-Z][0-9]{8}$/.test(area) ? area : undefined;
    const errors = area && !areaCode ? formErrors([['area', 'Enter the area as an ONS code, like E08000035']]) : undefined;
    const table = chosen || areaCode ? await this.costs.table(user, { operationId: chosen, localAuthorityCode: areaCode }) : null;
    render(res, 'housing/costs', { title: 'Costs of spot-purchased beds', table, operationItems, operationId: chosen ?? '', area, errors, pounds }, errors ? 422 : 200);
  }

  // --- internals ---------------------------------------------------------------------------------

  /** A refusal in words; a clash keeps its next option, an unsuitable bed its rules and (for roles that may) the override. */
  private async refusalFor(actor: Actor, bedId: string, kind: string, err: unknown): Promise<Refusal> {
    const errors = refusalAsFormErrors(err);
    if (err instanceof DomainError && err.code === 'BED_TAKEN') {
      const details = (err.details ?? {}) as { nextOption?: NonNullable<Refusal['clash']>['nextOption'] };
      return { errors, clash: { message: err.message, nextOption: details.nextOption ?? null } };
    }
    if (err instanceof DomainError && err.code === 'UNSUITABLE_PLACEMENT' && Array.isArray(err.details)) {
      const rules = err.details as Array<{ code: string; reason: string; overridable: boolean }>;
      return { errors, unsuitable: { bedId, kind, rules, canOverride: rules.length > 0 && rules.every((r) => r.overridable) } };
    }
    return { errors };
  }

  private async familyOf(actor: Actor, person: Record<string, any>): Promise<{ size: number; references: string[] }> {
    if (!person.groupId) return { size: 1, references: [person.reference] };
    const list = await this.people.list(actor, person.operationId, { limit: 200 } as never).catch(() => null);
    const members = (list?.items ?? []).filter((p: Record<string, any>) => p.groupId === person.groupId && !p.mergedIntoPersonId);
    return { size: Math.max(1, members.length), references: members.map((m: Record<string, any>) => m.reference) };
  }

  /** The chain of placements this one came from (transfers), newest first. */
  private async historyOf(user: AuthUser, placement: PlacementRow): Promise<PlacementRow[]> {
    const chain: PlacementRow[] = [];
    let from = placement.transferredFromId;
    while (from && chain.length < 20) {
      const earlier = (await this.placements.get(user, from).catch(() => null)) as PlacementRow | null;
      if (!earlier) break;
      chain.push(earlier);
      from = earlier.transferredFromId;
    }
    return chain;
  }
}

function placedWords(p: PlacementRow): string {
  if (p.kind === 'reservation') {
    const until = p.expiresAt ? ` until ${new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit' }).format(new Date(p.expiresAt))}` : '';
    return `Bed ${p.bedLabel} reserved for ${p.personReference}${until}`;
  }
  return `${p.personReference} placed in bed ${p.bedLabel}`;
}

function placementStatus(p: PlacementRow): { text: string; colour: string } {
  switch (p.status) {
    case 'reserved':
      return { text: 'Reserved', colour: 'blue' };
    case 'active':
      return p.arrivedAt ? { text: 'Arrived', colour: 'green' } : { text: 'Placed, not yet arrived', colour: 'turquoise' };
    case 'ended':
      return p.endReason === 'non_arrival' ? { text: 'Did not arrive', colour: 'orange' } : p.endReason === 'transferred' ? { text: 'Moved to another bed', colour: 'grey' } : { text: 'Ended', colour: 'grey' };
    case 'expired':
      return { text: 'Reservation lapsed', colour: 'grey' };
    default:
      return { text: 'Cancelled', colour: 'grey' };
  }
}

function needsInWords(person: Record<string, any>): string[] {
  const n = person.needs ?? {};
  const words: string[] = [];
  words.push(`${person.sex === 'female' ? 'Female' : person.sex === 'male' ? 'Male' : 'Sex not recorded'}, ${person.ageCategory === 'child' ? 'child' : person.ageCategory === 'age_disputed' ? 'age disputed' : 'adult'}`);
  if (n.wheelchair) words.push('Uses a wheelchair');
  if (n.medical) words.push('Medical needs');
  if (n.pregnant) words.push('Pregnant');
  if (n.dependants) words.push(`${n.dependants} dependant${n.dependants === 1 ? '' : 's'}`);
  if (Array.isArray(person.dependants) && person.dependants.length) words.push(`${person.dependants.length} dependant${person.dependants.length === 1 ? '' : 's'}`);
  if (n.additionalVulnerability) words.push('Additional vulnerability');
  if (n.pets) words.push('Has pets');
  if (n.substanceMisuseSupport) words.push('Needs substance misuse support');
  if (n.prefersSingleSex) words.push('Prefers single-sex accommodation');
  if (person.languages?.length) words.push(`Speaks ${person.languages.join(', ')}${person.interpreterNeeded ? ' (needs an interpreter)' : ''}`);
  return words;
}

function recourseInWords(value: unknown): string {
  if (value === 'yes') return 'Has recourse to public funds';
  if (value === 'no') return 'No recourse to public funds';
  return 'Recourse to public funds not known';
}
