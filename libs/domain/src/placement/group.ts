import { PersonPlacementProfile, PlacedWith, PlacementTriageOutcome } from './placement.types';
import { isKeptApart } from './stay';

export interface GroupMemberFacts {
  personId: string;
  operationId: string;
  /** The site of the bed this member is to be placed in. */
  siteId: string;
  triageOutcome: PlacementTriageOutcome | null;
  possibleController: boolean;
  suspectedOffender?: boolean;
}

/**
 * For each member of one placement request, who else of their operation goes to the same site with them:
 * the keep-apart rules read these as if those people were already placed there (#11, hole 1: sharing a
 * group never exempts anyone). Members of other operations or going to other sites do not count.
 */
export function placedWithFacts(members: readonly GroupMemberFacts[]): Map<string, PlacedWith> {
  const facts = new Map<string, PlacedWith>();
  for (const member of members) {
    const others = members.filter(
      (o) => o.personId !== member.personId && o.operationId === member.operationId && o.siteId === member.siteId,
    );
    facts.set(member.personId, {
      keepApart: others.some((o) => isKeptApart(o)),
      potentialVictim: others.some((o) => o.triageOutcome === 'potential_victim'),
    });
  }
  return facts;
}

/**
 * Would the keep-apart rules refuse this person a site shared with `placedWith`? Then their group cannot be
 * placed together, and bed options rank beds for the person alone rather than for a group that may not share.
 */
export function cannotShareWith(
  person: Pick<PersonPlacementProfile, 'triageOutcome' | 'possibleController' | 'suspectedOffender'>,
  placedWith: PlacedWith,
): boolean {
  const notVictim = person.triageOutcome === 'witness' || person.triageOutcome === 'not_victim';
  return placedWith.keepApart || ((isKeptApart(person) || notVictim) && placedWith.potentialVictim);
}
