import { Injectable } from '@nestjs/common';
import { cannotShareWith, distanceBand, overridableBy, placedWithFacts, rankBeds, siteProfileFromRow } from '@safe-harbour/domain';
import { AccessService } from '../access/access.service';
import { AuthUser } from '../auth/roles';
import { notFound } from '../common/domain-error';
import { personProfile, placementPolicy } from './person-profile';
import { BedOptionsQuery } from './placements.dto';
import { PlacementsRepository } from './placements.repository';

const BEDS_PER_SITE = 3;

/**
 * Ranked beds for a person. SQL does the heavy part (free beds over the period and who else is there, per
 * site, in one statement); the pure rules of libs/domain then exclude, score and explain each site.
 * Sites are searched in the person's own area and the areas of councils the placing side has cross-boundary
 * agreements with, unless the caller names areas (`localAuthorityCode`, repeatable). Another council's beds
 * are offered exactly when an agreement covers the site and the period (the access layer decides).
 */
@Injectable()
export class BedOptionsService {
  constructor(
    private readonly placements: PlacementsRepository,
    private readonly access: AccessService,
  ) {}

  async forPerson(user: AuthUser, personId: string, query: BedOptionsQuery) {
    const person = await this.placements.findPerson(this.placements.dataSource.manager, personId);
    if (!person) throw notFound('Person');
    await this.access.assertMayPlacePerson(user, person.operationId);
    const from = query.from ? new Date(query.from) : new Date();
    const until = query.until ? new Date(query.until) : null;
    const group = await this.placements.groupMembers(null, person.groupId);
    const areas = query.localAuthorityCode?.length
      ? query.localAuthorityCode
      : [
          person.localAuthorityCode,
          ...placementPolicy.crossBoundaryAgreements.filter((a) => a.fromAuthority === person.localAuthorityCode).map((a) => a.toAuthority),
          ...(await this.access.partnerAreas(user, person.operationId)),
        ].filter((area, i, all) => all.indexOf(area) === i);
    const candidateRows = await this.placements.siteRows(null, {
      operationId: person.operationId,
      from,
      until,
      areas,
      // Only the person: their group's members already placed count like anyone else (#11, hole 1).
      excludePeople: [person.id],
      bedsPerSite: BEDS_PER_SITE,
    });
    // Other councils' beds are offered exactly when a cross-boundary agreement would let the placement through.
    const offerable = await this.access.offerableSites(user, person.operationId, candidateRows.map((r) => r.site_id), { from, until });
    const rows = candidateRows.filter((r) => offerable.has(r.site_id));
    // A group that may not share a site (a victim and a flagged controller posing as a partner) is ranked
    // for the person alone: beds for all of them together would be refused at placing anyway.
    const together = placedWithFacts(group.members.map((m) => ({ ...m, siteId: 'together' })));
    const groupSplit = group.members.length > 1 && cannotShareWith(personProfile(person, { from, until }, { kind: null, size: 1 }), together.get(person.id)!);
    const profile = personProfile(person, { from, until }, groupSplit ? { kind: null, size: 1 } : { kind: group.kind, size: group.ids.length || 1 });
    const sites = new Map(rows.map((r) => [r.site_id, { siteName: r.name, siteType: r.type, localAuthorityCode: r.local_authority_code }]));
    const beds = new Map(rows.flatMap((r) => (r.beds ?? []).map((b) => [b.id, b] as const)));
    const candidates = rows.flatMap((row) => {
      const site = siteProfileFromRow(row);
      // A site with no free bed still goes through the rules once, so it shows up as excluded with a reason.
      return row.bed_ids?.length ? row.bed_ids.map((bedId) => ({ bedId, site })) : [{ bedId: '', site }];
    });
    const ranking = rankBeds(profile, candidates, placementPolicy, { limit: query.limit ?? 20, maxBedsPerSite: BEDS_PER_SITE });
    return {
      personId: person.id,
      reference: person.reference,
      from,
      until,
      areas,
      policyVersion: placementPolicy.version,
      // Set when the person's group may not share a site: the beds below are for the person alone.
      group: groupSplit
        ? {
            code: 'GROUP_CANNOT_SHARE',
            reason: 'Someone in this person’s group must be kept apart from them (a suspect, possible controller, suspected offender, or a victim they may not be placed with): beds are for this person alone.',
          }
        : null,
      // What the bed finder shows: which bed and where, then why (stable codes with plain words).
      items: ranking.options.map(({ distanceKm, ...o }) => {
        const bed = beds.get(o.bedId);
        return {
          bedId: o.bedId,
          bedLabel: bed?.label ?? null,
          roomId: bed?.roomId ?? null,
          roomName: bed?.roomName ?? null,
          siteId: o.siteId,
          ...sites.get(o.siteId),
          // a band, not the kilometres: with the exploitation site known, an exact distance narrows down where a safe house is
          distanceBand: distanceBand(distanceKm),
          score: o.score,
          reasons: o.reasons,
          preferences: o.preferences,
          warnings: o.warnings,
        };
      }),
      excluded: ranking.excluded.map((e) => ({
        siteId: e.siteId,
        ...sites.get(e.siteId),
        reasons: e.rules.map((r) => r.reason),
        rules: e.rules.map((r) => ({ ...r, overridableBy: overridableBy(r.code, placementPolicy) })),
      })),
    };
  }
}
