import { HttpStatus, Injectable } from '@nestjs/common';
import { addDaysToCalendarDay, calendarDaysBetween, calendarDaysFrom, FORECAST_SITE_TYPES, toLondonDay } from '@safe-harbour/domain';
import { AccessService } from '../access/access.service';
import { AuthUser } from '../auth/roles';
import { DomainError } from '../common/domain-error';
import { OperationAccess } from '../operations/operation-access';
import { FunnelHistoryRow, HistoryRepository } from './history.repository';
import { FunnelHistoryQuery, OccupancyHistoryQuery } from './reports.dto';

export interface OccupancyHistory {
  from: string;
  to: string;
  siteTypes: string[];
  days: Array<{
    date: string;
    inService: number;
    occupied: number;
    bySiteType: Array<{ siteType: string; inService: number; occupied: number }>;
  }>;
}

export interface FunnelHistory {
  operation: { id: string; code: string; name: string; localAuthorityCode: string };
  from: string;
  to: string;
  days: FunnelHistoryRow[];
}

/** Snapshots over time for the charts; counts only, never a person. */
@Injectable()
export class HistoryService {
  constructor(
    private readonly history: HistoryRepository,
    private readonly operationAccess: OperationAccess,
    private readonly access: AccessService,
  ) {}

  async occupancy(user: AuthUser, query: OccupancyHistoryQuery): Promise<OccupancyHistory> {
    if (!query.localAuthorityCode && !query.operationId) {
      throw new DomainError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', 'Give localAuthorityCode or operationId');
    }
    if (query.operationId) await this.operationAccess.visible(user, query.operationId);
    const to = toLondonDay(new Date());
    const from = addDaysToCalendarDay(to, -((query.days ?? 30) - 1));
    const rows = await this.history.occupancy({
      from,
      to,
      localAuthorityCode: query.localAuthorityCode ?? null,
      operationId: query.operationId ?? null,
      // The sites the caller may see, as in the inventory and the live occupancy (partners: their own).
      siteOrganisationId: this.access.siteScope(user),
    });
    const siteTypes = FORECAST_SITE_TYPES.filter((t) => rows.some((r) => r.siteType === t));
    const dates = calendarDaysFrom(from, calendarDaysBetween(from, to) + 1);
    return {
      from,
      to,
      siteTypes,
      days: dates.map((date) => {
        const bySiteType = siteTypes.map((siteType) => {
          const row = rows.find((r) => r.date === date && r.siteType === siteType);
          return { siteType, inService: row?.inService ?? 0, occupied: row?.occupied ?? 0 };
        });
        return {
          date,
          inService: bySiteType.reduce((a, t) => a + t.inService, 0),
          occupied: bySiteType.reduce((a, t) => a + t.occupied, 0),
          bySiteType,
        };
      }),
    };
  }

  /** From the operation's first day (or `days` back, whichever is later) to today. */
  async funnel(user: AuthUser, query: FunnelHistoryQuery): Promise<FunnelHistory> {
    const op = await this.operationAccess.visible(user, query.operationId);
    const to = toLondonDay(new Date());
    const earliest = addDaysToCalendarDay(to, -((query.days ?? 30) - 1));
    const first = (await this.history.operationFirstDay(op.id)) ?? to;
    const from = first > to ? to : first < earliest ? earliest : first;
    return {
      operation: { id: op.id, code: op.code, name: op.name, localAuthorityCode: op.localAuthorityCode },
      from,
      to,
      days: await this.history.funnel(op.id, from, to),
    };
  }
}
