import { TZDate } from '@date-fns/tz';

/** Form fields arrive as strings (or arrays of them for repeated names). These read them for a DTO. */
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v.trim() : Array.isArray(v) ? str(v[v.length - 1]) : undefined);

export const list = (v: unknown): string[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === 'string' && x.trim() !== '').map((x) => x.trim());

/** A whole number, or the text itself so the DTO's @IsInt refuses it with its message. */
export const int = (v: unknown): number | string | undefined => {
  const s = str(v);
  if (s === undefined || s === '') return undefined;
  return /^-?\d+$/.test(s) ? Number(s) : s;
};

/** A checkbox: present (any value) is true. */
export const checked = (v: unknown): boolean => v !== undefined && v !== '' && v !== 'false';

/**
 * A `datetime-local` value ("2026-12-01T14:05"), read as London wall-clock time, as an ISO instant with
 * its offset. Anything else is returned as it came, for the DTO's @IsISO8601 to refuse.
 */
export function londonDateTime(v: unknown): string | undefined {
  const s = str(v);
  if (!s) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(s);
  if (!m) return s;
  const [, y, mo, d, h, mi] = m.map(Number);
  const at = new TZDate(y, mo - 1, d, h, mi, 'Europe/London');
  // A date that does not exist (31 February) rolls over: refuse it rather than guess.
  if (at.getDate() !== d || at.getMonth() !== mo - 1) return s;
  return new Date(at.getTime()).toISOString();
}
