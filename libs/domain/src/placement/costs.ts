import { londonDate } from '../pathway/london-time';

/**
 * What spot-purchased beds cost. A B&B or guest house charges per night booked: a night is a Europe/London
 * date the person was in the bed at the end of (they slept there), and a stay that starts and ends on the
 * same day is still one night (the room was taken). A placement costs its nightly price as booked (copied
 * from the site when placed, so later price changes do not rewrite what was spent).
 */
export interface CostedPlacement {
  operationId: string | null;
  operationName: string | null;
  siteId: string;
  siteName: string;
  siteType: string;
  nightlyCostPence: number;
  from: Date;
  /** When the stay ended, or null while it goes on. */
  endedAt: Date | null;
}

export interface CostLine {
  placementsTonight: number;
  /** Sum of tonight's nightly prices: what the current placements cost per night. */
  costTonightPence: number;
  nightsToDate: number;
  costToDatePence: number;
}

export interface SiteCostLine extends CostLine {
  operationId: string | null;
  operationName: string | null;
  siteId: string;
  siteName: string;
  siteType: string;
  /** The site's nightly price; null when its placements were booked at different prices. */
  nightlyCostPence: number | null;
}

export interface OperationCostLine extends CostLine {
  operationId: string | null;
  operationName: string | null;
}

export interface CostTable {
  sites: SiteCostLine[];
  operations: OperationCostLine[];
  totals: CostLine;
}

const DAY = 86_400_000;

/** Nights charged from `from` up to `until` (exclusive end of the stay so far). */
export function nightsCharged(from: Date, until: Date): number {
  if (until.getTime() <= from.getTime()) return 0;
  const first = londonDate(from);
  const last = londonDate(until);
  const days = Math.round((Date.parse(`${last}T12:00:00Z`) - Date.parse(`${first}T12:00:00Z`)) / DAY);
  return Math.max(1, days);
}

/** Is the placement in the bed tonight, i.e. not yet ended at `now`? */
const isTonight = (p: CostedPlacement, now: Date) => p.from.getTime() <= now.getTime() && (p.endedAt === null || p.endedAt.getTime() > now.getTime());

const emptyLine = (): CostLine => ({ placementsTonight: 0, costTonightPence: 0, nightsToDate: 0, costToDatePence: 0 });

function add(line: CostLine, p: CostedPlacement, now: Date): void {
  if (p.from.getTime() > now.getTime()) return;
  const nights = nightsCharged(p.from, p.endedAt && p.endedAt < now ? p.endedAt : now);
  line.nightsToDate += nights;
  line.costToDatePence += nights * p.nightlyCostPence;
  if (isTonight(p, now)) {
    line.placementsTonight += 1;
    line.costTonightPence += p.nightlyCostPence;
  }
}

/** The costs table: one line per operation and site, one per operation, and the totals. */
export function costTable(placements: readonly CostedPlacement[], now: Date): CostTable {
  const sites = new Map<string, SiteCostLine>();
  const operations = new Map<string, OperationCostLine>();
  const totals = emptyLine();
  for (const p of placements) {
    const siteKey = `${p.operationId ?? ''}|${p.siteId}`;
    let site = sites.get(siteKey);
    if (!site) {
      site = { operationId: p.operationId, operationName: p.operationName, siteId: p.siteId, siteName: p.siteName, siteType: p.siteType, nightlyCostPence: p.nightlyCostPence, ...emptyLine() };
      sites.set(siteKey, site);
    } else if (site.nightlyCostPence !== p.nightlyCostPence) {
      site.nightlyCostPence = null;
    }
    const opKey = p.operationId ?? '';
    let operation = operations.get(opKey);
    if (!operation) {
      operation = { operationId: p.operationId, operationName: p.operationName, ...emptyLine() };
      operations.set(opKey, operation);
    }
    add(site, p, now);
    add(operation, p, now);
    add(totals, p, now);
  }
  const byName = <T extends { operationName: string | null }>(a: T, b: T) => (a.operationName ?? '').localeCompare(b.operationName ?? '');
  return {
    sites: [...sites.values()].sort((a, b) => byName(a, b) || a.siteName.localeCompare(b.siteName)),
    operations: [...operations.values()].sort(byName),
    totals,
  };
}
