import { Injectable } from '@nestjs/common';
import { Actor } from '../audit/audit.service';
import { AuthUser } from '../auth/roles';
import { OperationAccess } from '../operations/operation-access';
import { Timeline, TimelineService } from '../pathway/timeline.service';
import { PeopleService } from '../people/people.service';
import { PersonAccess } from '../people/person-access';
import { IdentityView, NarrowPersonView, PersonView } from '../people/person-views';
import { CasePlacementRow, CaseRepository } from './case.repository';

export interface CasePlacement {
  id: string;
  kind: string;
  status: string;
  from: Date;
  until: Date | null;
  endedAt: Date | null;
  endReason: string | null;
  current: boolean;
  /** the site and bed: not in the narrow view, where a placement says only that and when */
  siteId?: string;
  siteName?: string;
  siteType?: string;
  bedLabel?: string;
  localAuthorityCode?: string;
}

export interface CaseSummary {
  generatedAt: Date;
  personId: string;
  reference: string;
  operation: { id: string; name: string; code: string; localAuthorityCode: string; leadOrganisationName: string; status: string };
  person: PersonView | NarrowPersonView;
  /** names, date of birth and aliases: only when asked for by a role that may see them (audited) */
  identity: IdentityView | null;
  /** `shown`: identity is included; `withheld`: asked for by a role that may not see it; `not_requested` */
  personalData: 'shown' | 'withheld' | 'not_requested';
  timeline: Timeline;
  /** who recorded each fact, by user id: "name (organisation)"; empty in the narrow view */
  staffNames: Record<string, string>;
  currentPlacement: CasePlacement | null;
  placements: CasePlacement[];
  /** what the viewer may do on the case */
  viewer: { narrow: boolean; mayRecord: boolean; maySeeIdentity: boolean };
}

/**
 * A person's case in one read: the record, the pathway's timeline, placements, and what the viewer may
 * do. The case page and the hand-over summary are this. Access is the person's (their operation's);
 * the timeline and the record apply their own narrow view for partners; names are read only through the
 * people feature's audited read, and only when asked for by a role that may see them.
 */
@Injectable()
export class CaseService {
  constructor(
    private readonly personAccess: PersonAccess,
    private readonly access: OperationAccess,
    private readonly people: PeopleService,
    private readonly timelines: TimelineService,
    private readonly repository: CaseRepository,
  ) {}

  async summary(actor: Actor & { user: AuthUser }, personId: string, options: { includeIdentity?: boolean } = {}): Promise<CaseSummary> {
    const { person, op } = await this.personAccess.visible(actor.user, personId);
    const narrow = this.access.isNarrowView(actor.user, op);
    const maySeeIdentity = this.access.canSeePersonalData(actor.user, op);
    const withIdentity = options.includeIdentity === true && maySeeIdentity;
    const view = await this.people.get(actor, personId, withIdentity);
    const { identity = null, ...record } = view as PersonView;
    const timeline = await this.timelines.timeline(actor.user, personId);
    const staff = narrow ? [] : [...new Set(timeline.history.map((h) => h.recordedBy).filter((id): id is string => typeof id === 'string'))];
    const staffNames = Object.fromEntries(await this.repository.staffNames(staff));
    const now = new Date();
    const placements = (await this.repository.placements(personId, now)).map((p) => placementView(p, narrow));
    return {
      generatedAt: now,
      personId,
      reference: person.reference,
      operation: {
        id: op.id,
        name: op.name,
        code: op.code,
        localAuthorityCode: op.localAuthorityCode,
        leadOrganisationName: op.leadOrganisationName,
        status: op.status,
      },
      person: record as PersonView | NarrowPersonView,
      identity: withIdentity ? identity : null,
      personalData: withIdentity ? 'shown' : options.includeIdentity ? 'withheld' : 'not_requested',
      timeline,
      staffNames,
      currentPlacement: placements.find((p) => p.current) ?? null,
      placements,
      viewer: { narrow, mayRecord: this.access.canRecordPathway(actor.user, op), maySeeIdentity },
    };
  }
}

function placementView(p: CasePlacementRow, narrow: boolean): CasePlacement {
  const view: CasePlacement = {
    id: p.id,
    kind: p.kind,
    status: p.status,
    from: p.from,
    until: p.until,
    endedAt: p.endedAt,
    endReason: p.endReason,
    current: p.current,
  };
  // Never disclose where a victim is staying beyond those directly involved (domain notes): partners see
  // that a person is placed and since when, not where.
  if (!narrow) Object.assign(view, { siteId: p.siteId, siteName: p.siteName, siteType: p.siteType, bedLabel: p.bedLabel, localAuthorityCode: p.localAuthorityCode });
  return view;
}
