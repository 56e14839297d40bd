/**
 * Pseudonymous references: an operation code plus a sequence number, e.g. `RAV-007`. They stand in for
 * names everywhere names are not needed (dashboards, events, phone calls between agencies), so they must
 * not encode anything about the person, and a number once given is never given again.
 */
export const OPERATION_CODE = /^[A-Z]{3,6}$/;
export const PERSON_REFERENCE = /^([A-Z]{3,6})-(\d{3,})$/;

export function isOperationCode(code: string): boolean {
  return OPERATION_CODE.test(code);
}

/** Three digits keep references short on a whiteboard; past 999 they simply grow (`RAV-1000`). */
export function formatPersonReference(operationCode: string, seq: number): string {
  if (!isOperationCode(operationCode)) throw new RangeError(`Not an operation code: ${operationCode}`);
  if (!Number.isSafeInteger(seq) || seq < 1) throw new RangeError(`A reference number starts at 1, got ${seq}`);
  return `${operationCode}-${String(seq).padStart(3, '0')}`;
}

export function parsePersonReference(reference: string): { operationCode: string; seq: number } | null {
  const match = PERSON_REFERENCE.exec(reference);
  if (!match) return null;
  const seq = Number(match[2]);
  if (seq < 1 || !Number.isSafeInteger(seq)) return null;
  return { operationCode: match[1], seq };
}

// Words that name the kind of thing rather than the operation itself ("Operation Raven" is Raven).
const FILLER = new Set(['OPERATION', 'OP', 'OPS', 'THE', 'AND', 'OF']);

/**
 * Codes to try, best first, when a planner does not choose one: the operation's own name word first
 * (`Operation Raven` → RAV, RAVE, RAVEN), then its initials, then the name word with a letter suffix
 * (RAVA, RAVB...) so that a free code is always found.
 */
export function operationCodeCandidates(name: string): string[] {
  const words = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z\s]/g, ' ')
    .split(/\s+/)
    .filter((w) => w.length > 0);
  const meaningful = words.filter((w) => !FILLER.has(w));
  const base = (meaningful.length > 0 ? meaningful : words).join('');
  const stem = (base + 'XXX').slice(0, 3);
  const candidates: string[] = [];
  for (let length = 3; length <= Math.min(6, base.length); length++) candidates.push(base.slice(0, length));
  if (candidates.length === 0) candidates.push(stem);
  const initials = meaningful.map((w) => w[0]).join('');
  if (initials.length >= 3 && initials.length <= 6) candidates.push(initials);
  for (const letter of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') candidates.push(`${stem}${letter}`);
  for (const a of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') {
    for (const b of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') candidates.push(`${stem}${a}${b}`);
  }
  return [...new Set(candidates)].filter(isOperationCode);
}
