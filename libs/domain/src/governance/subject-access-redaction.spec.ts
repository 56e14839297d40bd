import { ANOTHER_PERSON, NAME_REDACTED, redactForSubject, RedactionContext, redactText, redactionTerms } from './subject-access-redaction';

const ctx: RedactionContext = {
  selfPersonIds: new Set(['self-1', 'self-merged']),
  otherNames: ['Ion Popescu', 'Maria Elena Dobre', 'Ana'],
  ownNames: ['Elena Popescu'],
  staffOrganisation: new Map([['officer-1', 'Leeds City Council']]),
};

describe('redacting other people from a subject access export', () => {
  it('keeps the subject\'s own names even when another person shares them', () => {
    expect(redactionTerms(ctx)).toEqual(['Dobre', 'Maria', 'Ana', 'Ion']);
  });

  it.each([
    ['another person\'s name in triage notes', 'Travelled with Ion and Maria Dobre.', `Travelled with ${NAME_REDACTED} and ${NAME_REDACTED} ${NAME_REDACTED}.`],
    ['case does not matter', 'ION said so', `${NAME_REDACTED} said so`],
    ['a name inside another word stays', 'Banana, Ionic, Anatolia', 'Banana, Ionic, Anatolia'],
    ['the subject\'s shared family name stays', 'Elena Popescu, sister of Ion Popescu', `Elena Popescu, sister of ${NAME_REDACTED} Popescu`],
    ['accented letters are letters', 'Anaïs and Ana', `Anaïs and ${NAME_REDACTED}`],
    ['no names: unchanged', 'Needs an interpreter', 'Needs an interpreter'],
  ])('%s', (_, text, expected) => expect(redactText(text, redactionTerms(ctx))).toBe(expected));

  it('replaces staff by their organisation and other people by a placeholder, at any depth', () => {
    const row = {
      id: 'p-1',
      person_id: 'self-1',
      merged_into_person_id: 'self-merged',
      other_person_id: 'someone-else',
      registered_by: 'officer-1',
      recorded_by: 'unknown-user',
      fact: { type: 'triage', notes: 'Ana translated', byPersonId: 'someone-else' },
      languages: ['ro', 'Ana'],
      count: 3,
      flag: true,
    };
    expect(redactForSubject(row, ctx)).toEqual({
      id: 'p-1',
      person_id: 'self-1',
      merged_into_person_id: 'self-merged',
      other_person_id: ANOTHER_PERSON,
      registered_by: 'Staff member, Leeds City Council',
      recorded_by: 'Staff member',
      fact: { type: 'triage', notes: `${NAME_REDACTED} translated`, byPersonId: ANOTHER_PERSON },
      languages: ['ro', NAME_REDACTED],
      count: 3,
      flag: true,
    });
  });

  it('a null stays null, whatever its key', () => {
    expect(redactForSubject({ registered_by: null, person_id: null }, ctx)).toEqual({ registered_by: null, person_id: null });
  });
});
