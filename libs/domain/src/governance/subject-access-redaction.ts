/**
 * Redaction for a subject access export: the subject gets everything held about them, and nobody else's
 * personal data (UK GDPR Art. 15(4); DPA 2018 Sch. 2 para. 16). Three kinds of other people appear in a
 * person's records:
 * - staff, as user ids in `*_by` / `*_user_id` fields: replaced by "Staff member, <their organisation>";
 * - other people at the same operation, as ids in `*person_id` fields: replaced by "[another person]";
 * - other people's names typed into free text: each replaced by "[name redacted]", except words that are
 *   also the subject's own names (a shared family name stays: it is the subject's too).
 */
export interface RedactionContext {
  /** The subject's own record ids (their registration and any merged with it). */
  selfPersonIds: ReadonlySet<string>;
  /** Names (given, family, aliases) of other people of the same operation. */
  otherNames: readonly string[];
  /** The subject's own names, never redacted. */
  ownNames: readonly string[];
  /** Organisation name of each member of staff, by user id. */
  staffOrganisation: ReadonlyMap<string, string>;
}

export const ANOTHER_PERSON = '[another person]';
export const NAME_REDACTED = '[name redacted]';

const STAFF_KEY = /(_by|By|_user_id|UserId)$/;
const PERSON_KEY = /(person_id|PersonId|personId)$/;

export function staffLabel(userId: string, ctx: RedactionContext): string {
  const organisation = ctx.staffOrganisation.get(userId);
  return organisation ? `Staff member, ${organisation}` : 'Staff member';
}

/** Words of the names to redact, longest first so "Maria Elena" goes before "Maria". */
export function redactionTerms(ctx: Pick<RedactionContext, 'otherNames' | 'ownNames'>): string[] {
  const own = new Set(ctx.ownNames.flatMap(words).map((w) => w.toLowerCase()));
  const terms = new Set<string>();
  for (const name of ctx.otherNames) {
    for (const word of words(name)) if (word.length >= 2 && !own.has(word.toLowerCase())) terms.add(word);
  }
  return [...terms].sort((a, b) => b.length - a.length || a.localeCompare(b));
}

function words(name: string): string[] {
  return name.split(/[\s,]+/).filter(Boolean);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function redactText(text: string, terms: readonly string[]): string {
  if (terms.length === 0) return text;
  // Letters on either side mean part of another word ("Ana" inside "Banana" stays).
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${terms.map(escape).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  return text.replace(pattern, NAME_REDACTED);
}

/** A deep copy of `value` with other people taken out, per the rules above. */
export function redactForSubject(value: unknown, ctx: RedactionContext, terms = redactionTerms(ctx), key = ''): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === 'string') {
    if (STAFF_KEY.test(key)) return staffLabel(value, ctx);
    if (PERSON_KEY.test(key)) return ctx.selfPersonIds.has(value) ? value : ANOTHER_PERSON;
    return redactText(value, terms);
  }
  if (Array.isArray(value)) return value.map((v) => redactForSubject(v, ctx, terms, key));
  if (typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, redactForSubject(v, ctx, terms, k)]));
  }
  return value;
}
