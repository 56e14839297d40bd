import { IdentityRow, PersonRow } from './people.repository';

export type IdentityView = Omit<IdentityRow, 'personId' | 'updatedAt'>;

/** The operational record; names and date of birth are added only for viewers allowed to see them. */
export type PersonView = Omit<PersonRow, 'seq' | 'triageNotes' | 'keepAwayFrom'> & {
  triageNotes?: string | null;
  /** Notes exist but the reader is outside the usual path: ask again with a `reason` (break-glass). */
  triageNotesWithheld?: true;
  /** Where the person must be kept away from reveals where family or exploiters live: personal data. */
  keepAwayFrom?: PersonRow['keepAwayFrom'];
  identity?: IdentityView | null;
};

/** What a partner agency sees: references and where someone is on their journey, nothing that identifies them. */
export type NarrowPersonView = Pick<
  PersonRow,
  'id' | 'operationId' | 'reference' | 'ageCategory' | 'stage' | 'stageSince' | 'triageOutcome' | 'interpreterNeeded' | 'languages' | 'awaitingBedSince' | 'mergedIntoPersonId'
>;

export function fullView(person: PersonRow, options: { personalData: boolean; identity?: IdentityRow | null }): PersonView {
  const { seq: _seq, triageNotes, keepAwayFrom, ...rest } = person;
  const view: PersonView = { ...rest };
  if (options.personalData) {
    view.triageNotes = triageNotes;
    view.keepAwayFrom = keepAwayFrom;
  }
  if (options.identity !== undefined) view.identity = options.identity ? identityView(options.identity) : null;
  return view;
}

export function narrowView(person: PersonRow): NarrowPersonView {
  return {
    id: person.id,
    operationId: person.operationId,
    reference: person.reference,
    ageCategory: person.ageCategory,
    stage: person.stage,
    stageSince: person.stageSince,
    triageOutcome: person.triageOutcome,
    interpreterNeeded: person.interpreterNeeded,
    languages: person.languages,
    awaitingBedSince: person.awaitingBedSince,
    mergedIntoPersonId: person.mergedIntoPersonId,
  };
}

export function identityView(identity: IdentityRow): IdentityView {
  return {
    givenName: identity.givenName,
    familyName: identity.familyName,
    dateOfBirth: identity.dateOfBirth,
    aliases: identity.aliases,
  };
}
