import { AccessRole } from './capabilities';

/**
 * Special-category and identifying data, and who reads it on the usual path of the work. Anyone else who may
 * see it (a deployment admin, a case worker reading triage notes...) reads it by "breaking the glass": the
 * request carries a reason, and the reason goes into the audit trail with the read.
 */
export const SENSITIVE_READS = ['identity', 'triage_notes'] as const;
export type SensitiveRead = (typeof SENSITIVE_READS)[number];

export const USUAL_READERS: Readonly<Record<SensitiveRead, readonly AccessRole[]>> = {
  // names and dates of birth: the centre's and the case's staff
  identity: ['emergency_planner', 'housing_officer', 'operation_lead', 'reception_officer', 'case_worker'],
  // what was said at triage (health, exploitation): those who triage and those who find the bed
  triage_notes: ['emergency_planner', 'housing_officer', 'operation_lead', 'reception_officer'],
};

/** Shortest reason accepted for a break-glass read: a word or two is not an explanation. */
export const MIN_REASON_LENGTH = 10;

export type ReadDecision = { kind: 'usual' } | { kind: 'break_glass'; reason: string } | { kind: 'reason_required' };

/**
 * How a user who may see the data reads it: on the usual path, by breaking the glass with a reason, or
 * not until they give one.
 */
export function decideSensitiveRead(roles: readonly string[], read: SensitiveRead, reason?: string | null): ReadDecision {
  if (roles.some((r) => (USUAL_READERS[read] as readonly string[]).includes(r))) return { kind: 'usual' };
  const given = reason?.trim() ?? '';
  if (given.length >= MIN_REASON_LENGTH) return { kind: 'break_glass', reason: given };
  return { kind: 'reason_required' };
}
