import { BedCounts } from '@safe-harbour/domain';
import { OutboxEventInput } from '../live/outbox.service';

/**
 * The inventory's live events, built in one place so that every writer (the placement feature included)
 * sends the same shape. Pseudonymous only: ids, types, statuses and counts; never a site's address or name.
 */
type SiteRef = { id: string; organisationId: string; localAuthorityCode: string };

const onSite = (site: SiteRef) => ({
  siteId: site.id,
  organisationId: site.organisationId,
  localAuthorityCode: site.localAuthorityCode,
});

export function siteCreatedEvent(site: SiteRef & { type: string; readiness: string; isDemo: boolean }): OutboxEventInput {
  return {
    type: 'site.created',
    ...onSite(site),
    data: { siteId: site.id, organisationId: site.organisationId, localAuthorityCode: site.localAuthorityCode, type: site.type, readiness: site.readiness },
  };
}

export function siteUpdatedEvent(
  site: SiteRef & { type: string; readiness: string },
  changed: string[],
  previousLocalAuthorityCode?: string,
): OutboxEventInput {
  return {
    type: 'site.updated',
    ...onSite(site),
    data: {
      siteId: site.id,
      localAuthorityCode: site.localAuthorityCode,
      type: site.type,
      readiness: site.readiness,
      changed,
      ...(previousLocalAuthorityCode && previousLocalAuthorityCode !== site.localAuthorityCode ? { previousLocalAuthorityCode } : {}),
    },
  };
}

export function roomCreatedEvent(site: SiteRef, room: { id: string; kind: string }): OutboxEventInput {
  return { type: 'room.created', ...onSite(site), data: { siteId: site.id, roomId: room.id, kind: room.kind } };
}

export function bedCreatedEvent(site: SiteRef, bed: { id: string; status: string }, counts: BedCounts): OutboxEventInput {
  return { type: 'bed.created', ...onSite(site), data: { siteId: site.id, bedId: bed.id, status: bed.status, counts } };
}

/** `counts` are the site's beds by status after the change, so a dashboard needs no second fetch. */
export function bedStatusChangedEvent(
  site: SiteRef,
  bedId: string,
  from: string | null,
  to: string,
  reason: string | null,
  counts: BedCounts,
): OutboxEventInput {
  return { type: 'bed.status_changed', ...onSite(site), data: { siteId: site.id, bedId, from, to, reason, counts } };
}
