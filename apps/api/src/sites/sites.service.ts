import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { normaliseLanguages, siteRuleViolations, SiteFacts } from '@safe-harbour/domain';
import { DataSource } from 'typeorm';
import { Actor, AuditService } from '../audit/audit.service';
import { AuthUser, hasRole } from '../auth/roles';
import { conflict, forbidden, unprocessable } from '../common/domain-error';
import { decodeCursor, Page, toPage } from '../common/pagination';
import { OutboxService } from '../live/outbox.service';
import { siteCreatedEvent, siteUpdatedEvent } from './inventory-events';
import { SiteAccess, SiteView } from './site-access.service';
import { CreateSiteDto, SiteQueryDto, UpdateSiteDto } from './sites.dto';
import { SITE_FLAGS, SiteRecord, SitesRepository } from './sites.repository';

type SignedIn = Actor & { user: AuthUser };

export const DEFAULT_SITE_PAGE = 50;

/** Throws the site rules' reasons as one 400, the same shape as the validation pipe's. */
export function assertSiteRules(facts: SiteFacts): void {
  const violations = siteRuleViolations(facts);
  if (violations.length) throw new BadRequestException({ message: violations.map((v) => v.message), code: 'VALIDATION_FAILED' });
}

@Injectable()
export class SitesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sites: SitesRepository,
    private readonly access: SiteAccess,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  create(actor: SignedIn, dto: CreateSiteDto): Promise<SiteView> {
    if (!hasRole(actor.user, 'admin') && dto.organisationId !== actor.user.organisationId) {
      throw forbidden('You may add sites only for your own organisation');
    }
    const facts = factsFrom(dto);
    assertSiteRules(facts);
    return this.dataSource.transaction(async (manager) => {
      const [organisation] = await manager.query(`select id from organisation where id = $1`, [dto.organisationId]);
      if (!organisation) throw unprocessable('UNKNOWN_ORGANISATION', 'organisationId names no organisation');
      const [site] = await this.sites.insertSites(manager, [{ ...facts, organisationId: dto.organisationId }]);
      if (!site) throw conflict('ALREADY_EXISTS', `The organisation already has a site named "${facts.name}"`);
      await this.audit.record(manager, actor, {
        action: 'create',
        entityType: 'site',
        entityId: site.id,
        details: { name: site.name, type: site.type, organisationId: site.organisationId, localAuthorityCode: site.localAuthorityCode },
      });
      await this.outbox.emit(manager, siteCreatedEvent(site));
      const [view] = await this.access.present(manager, actor, [site], new Map(), 'create');
      return view;
    });
  }

  update(actor: SignedIn, id: string, dto: UpdateSiteDto): Promise<SiteView> {
    return this.dataSource.transaction(async (manager) => {
      const current = await this.access.manageableSite(manager, actor.user, id, true);
      const before = factsOf(current);
      const after = mergeFacts(before, dto);
      assertSiteRules(after);
      const changes = diffFacts(before, after);
      let site = current;
      const changed = Object.keys(changes);
      if (changed.length) {
        if (changes.name) {
          const clash = (await this.sites.findByNames(manager, current.organisationId, [changes.name])).find((s) => s.id !== id);
          if (clash) throw conflict('ALREADY_EXISTS', `The organisation already has a site named "${changes.name}"`);
        }
        site = await this.sites.update(manager, id, changes);
        if (site.readiness !== current.readiness) changed.push('readiness');
        await this.audit.record(manager, actor, { action: 'update', entityType: 'site', entityId: id, details: { changed } });
        await this.outbox.emit(manager, siteUpdatedEvent(site, changed, current.localAuthorityCode));
      }
      const counts = await this.sites.bedCounts(manager, [id]);
      const [view] = await this.access.present(manager, actor, [site], counts, 'update');
      return view;
    });
  }

  get(actor: SignedIn, id: string): Promise<SiteView> {
    return this.dataSource.transaction(async (manager) => {
      const site = await this.access.visibleSite(manager, actor.user, id);
      const counts = await this.sites.bedCounts(manager, [id]);
      const [view] = await this.access.present(manager, actor, [site], counts, 'get');
      return view;
    });
  }

  list(actor: SignedIn, q: SiteQueryDto, now = new Date()): Promise<Page<SiteView>> {
    const limit = q.limit ?? DEFAULT_SITE_PAGE;
    const after = decodeCursor<{ n: string; id: string }>(q.cursor);
    const wantsPeriod = q.hasAvailableBed !== undefined || q.availableFrom !== undefined || q.availableUntil !== undefined;
    const periodFrom = wantsPeriod ? (q.availableFrom ? new Date(q.availableFrom) : now) : undefined;
    const periodUntil = q.availableUntil ? new Date(q.availableUntil) : undefined;
    if (periodFrom && periodUntil && periodUntil.getTime() <= periodFrom.getTime()) {
      throw new BadRequestException({ message: ['availableUntil must be after availableFrom (or after now)'], code: 'VALIDATION_FAILED' });
    }
    const flags = Object.fromEntries(SITE_FLAGS.map((f) => [f, q[f]]).filter(([, v]) => v !== undefined));
    return this.dataSource.transaction(async (manager) => {
      const rows = (await this.sites.search(manager, {
        scopeOrganisationId: this.access.scope(actor.user),
        organisationId: q.organisationId,
        types: q.type,
        localAuthorityCodes: q.localAuthorityCode,
        hasAvailableBed: q.hasAvailableBed,
        periodFrom,
        periodUntil,
        singleSex: q.singleSex,
        flags,
        staffedHours: q.staffedHours,
        language: q.language,
        readiness: q.readiness,
        isDemo: q.isDemo,
        after: after && typeof after.n === 'string' && typeof after.id === 'string' ? { name: after.n, id: after.id } : undefined,
        limit,
      })) as Array<SiteRecord & { sortName: string }>;
      const page = toPage(rows, limit, (last) => ({ n: last.sortName, id: last.id }));
      const counts = await this.sites.bedCounts(manager, page.items.map((s) => s.id));
      return { items: await this.access.present(manager, actor, page.items, counts, 'list'), nextCursor: page.nextCursor };
    });
  }
}

function factsFrom(dto: CreateSiteDto): SiteFacts {
  const a = dto.attributes ?? {};
  return {
    name: dto.name.trim(),
    type: dto.type,
    localAuthorityCode: dto.localAuthorityCode,
    address: dto.address.trim(),
    latitude: dto.location?.lat ?? null,
    longitude: dto.location?.lng ?? null,
    availableFrom: dto.availableFrom ? new Date(dto.availableFrom) : null,
    availableUntil: dto.availableUntil ? new Date(dto.availableUntil) : null,
    singleSex: a.singleSex ?? null,
    acceptsChildren: a.acceptsChildren ?? false,
    acceptsFamilies: a.acceptsFamilies ?? false,
    wheelchairAccessible: a.wheelchairAccessible ?? false,
    selfContained: a.selfContained ?? false,
    dormitory: a.dormitory ?? false,
    staffedHours: a.staffedHours ?? 'none',
    traumaInformed: a.traumaInformed ?? false,
    acceptsNoRecourseToPublicFunds: a.acceptsNoRecourseToPublicFunds ?? false,
    acceptsPets: a.acceptsPets ?? false,
    substanceMisuseSupport: a.substanceMisuseSupport ?? false,
    languages: normaliseLanguages(a.languages ?? []),
    nightlyCostPence: dto.nightlyCostPence ?? null,
  };
}

function factsOf(s: SiteRecord): SiteFacts {
  return {
    name: s.name,
    type: s.type,
    localAuthorityCode: s.localAuthorityCode,
    address: s.address,
    latitude: s.latitude,
    longitude: s.longitude,
    availableFrom: s.availableFrom,
    availableUntil: s.availableUntil,
    singleSex: s.singleSex,
    acceptsChildren: s.acceptsChildren,
    acceptsFamilies: s.acceptsFamilies,
    wheelchairAccessible: s.wheelchairAccessible,
    selfContained: s.selfContained,
    dormitory: s.dormitory,
    staffedHours: s.staffedHours,
    traumaInformed: s.traumaInformed,
    acceptsNoRecourseToPublicFunds: s.acceptsNoRecourseToPublicFunds,
    acceptsPets: s.acceptsPets,
    substanceMisuseSupport: s.substanceMisuseSupport,
    languages: s.languages,
    nightlyCostPence: s.nightlyCostPence,
  };
}

function mergeFacts(before: SiteFacts, dto: UpdateSiteDto): SiteFacts {
  const a = dto.attributes ?? {};
  const pick = <T>(given: T | undefined, current: T): T => (given === undefined ? current : given);
  const date = (given: string | null | undefined, current: Date | null) =>
    given === undefined ? current : given === null ? null : new Date(given);
  return {
    name: dto.name !== undefined ? dto.name.trim() : before.name,
    type: pick(dto.type, before.type),
    localAuthorityCode: pick(dto.localAuthorityCode, before.localAuthorityCode),
    address: dto.address !== undefined ? dto.address.trim() : before.address,
    latitude: dto.location === undefined ? before.latitude : (dto.location?.lat ?? null),
    longitude: dto.location === undefined ? before.longitude : (dto.location?.lng ?? null),
    availableFrom: date(dto.availableFrom, before.availableFrom),
    availableUntil: date(dto.availableUntil, before.availableUntil),
    singleSex: a.singleSex === undefined ? before.singleSex : a.singleSex,
    acceptsChildren: pick(a.acceptsChildren, before.acceptsChildren),
    acceptsFamilies: pick(a.acceptsFamilies, before.acceptsFamilies),
    wheelchairAccessible: pick(a.wheelchairAccessible, before.wheelchairAccessible),
    selfContained: pick(a.selfContained, before.selfContained),
    dormitory: pick(a.dormitory, before.dormitory),
    staffedHours: pick(a.staffedHours, before.staffedHours),
    traumaInformed: pick(a.traumaInformed, before.traumaInformed),
    acceptsNoRecourseToPublicFunds: pick(a.acceptsNoRecourseToPublicFunds, before.acceptsNoRecourseToPublicFunds),
    acceptsPets: pick(a.acceptsPets, before.acceptsPets),
    substanceMisuseSupport: pick(a.substanceMisuseSupport, before.substanceMisuseSupport),
    languages: a.languages === undefined ? before.languages : normaliseLanguages(a.languages),
    nightlyCostPence: dto.nightlyCostPence === undefined ? before.nightlyCostPence : dto.nightlyCostPence,
  };
}

function diffFacts(before: SiteFacts, after: SiteFacts): Partial<SiteFacts> {
  const same = (a: unknown, b: unknown) =>
    a instanceof Date || b instanceof Date
      ? (a as Date | null)?.getTime() === (b as Date | null)?.getTime()
      : JSON.stringify(a) === JSON.stringify(b);
  return Object.fromEntries(
    (Object.keys(after) as Array<keyof SiteFacts>).filter((k) => !same(before[k], after[k])).map((k) => [k, after[k]]),
  ) as Partial<SiteFacts>;
}
