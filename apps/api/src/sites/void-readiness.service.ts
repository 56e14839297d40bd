import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { READINESS_ITEMS } from '@safe-harbour/domain';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/roles';
import { unprocessable } from '../common/domain-error';
import { OutboxService } from '../live/outbox.service';
import { siteUpdatedEvent } from './inventory-events';
import { SiteAccess } from './site-access.service';
import { UpdateReadinessDto } from './sites.dto';
import { SiteRecord, SitesRepository } from './sites.repository';

type SignedIn = Actor & { user: AuthUser };

export interface ReadinessView {
  siteId: string;
  type: string;
  /** Only void properties have a checklist; every other site is ready (its window says when). */
  checklist: boolean;
  readiness: 'ready' | 'not_ready';
  items: Array<{
    item: string;
    label: string;
    done: boolean;
    completedAt: Date | null;
    completedBy: { id: string; displayName: string | null } | null;
    note: string | null;
  }>;
}

/** Bringing void council stock into use: a void property is usable once its four checks are done. */
@Injectable()
export class VoidReadinessService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sites: SitesRepository,
    private readonly access: SiteAccess,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  get(actor: SignedIn, siteId: string): Promise<ReadinessView> {
    return this.dataSource.transaction(async (manager) => {
      const site = await this.access.visibleSite(manager, actor.user, siteId);
      return this.view(manager, site);
    });
  }

  update(actor: SignedIn, siteId: string, dto: UpdateReadinessDto): Promise<ReadinessView> {
    const given = READINESS_ITEMS.filter((i) => dto[i.key] !== undefined);
    if (given.length === 0) {
      throw new BadRequestException({
        message: [`give at least one of ${READINESS_ITEMS.map((i) => i.key).join(', ')} (true to tick, false to untick)`],
        code: 'VALIDATION_FAILED',
      });
    }
    return this.dataSource.transaction(async (manager) => {
      const before = await this.access.manageableSite(manager, actor.user, siteId, true);
      if (before.type !== 'void_property') {
        throw unprocessable('NOT_A_VOID_PROPERTY', 'Only a void property has a readiness checklist');
      }
      const changes: Record<string, boolean> = {};
      for (const i of given) {
        const done = dto[i.key]!;
        if (await this.sites.setReadinessItem(manager, siteId, i.item, done, actor.user.id, dto.note)) changes[i.key] = done;
      }
      const site = (await this.sites.findById(manager, siteId))!;
      if (Object.keys(changes).length) {
        await this.audit.record(manager, actor, {
          action: 'update_readiness',
          entityType: 'site',
          entityId: siteId,
          details: { changes, readiness: site.readiness },
        });
        const changed = ['readinessChecklist', ...(site.readiness !== before.readiness ? ['readiness'] : [])];
        await this.outbox.emit(manager, siteUpdatedEvent(site, changed));
      }
      return this.view(manager, site);
    });
  }

  private async view(manager: EntityManager, site: SiteRecord): Promise<ReadinessView> {
    const stored = site.type === 'void_property' ? await this.sites.readinessItems(manager, site.id) : [];
    return {
      siteId: site.id,
      type: site.type,
      checklist: site.type === 'void_property',
      readiness: site.readiness,
      items:
        site.type !== 'void_property'
          ? []
          : READINESS_ITEMS.map((i) => {
              const row = stored.find((r) => r.item === i.item);
              return {
                item: i.key,
                label: i.label,
                done: !!row?.completedAt,
                completedAt: row?.completedAt ?? null,
                completedBy: row?.completedAt && row.completedBy ? { id: row.completedBy, displayName: row.completedByName } : null,
                note: row?.note ?? null,
              };
            }),
    };
  }
}
