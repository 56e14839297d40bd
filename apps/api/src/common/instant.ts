import { ValidateBy, ValidationOptions } from 'class-validator';

/**
 * Instants the API accepts: from 2000 (before any operation this service records; the NRM began in 2009)
 * to the end of 2099. A year like 9999 or 0001 is a typing slip, never a date someone meant.
 */
export const EARLIEST_INSTANT = Date.UTC(2000, 0, 1);
export const LATEST_INSTANT = Date.UTC(2100, 0, 1);

// Calendar date, `T`, hours and minutes, optional seconds and fraction, then an offset: `Z` or `+01:00`.
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/;

/** Why `value` is not an instant the API accepts, or null when it is one. Pure, for the decorator and tests. */
export function instantProblem(value: unknown): string | null {
  if (typeof value !== 'string') return 'must be a date and time with an offset, e.g. 2026-03-01T18:00:00Z';
  const m = INSTANT.exec(value);
  if (!m) return 'must be a date and time with an offset, e.g. 2026-03-01T18:00:00Z';
  const [, y, mo, d, h, mi, s, , oh, om] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return 'is not a real calendar date';
  if (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59) return 'is not a real time of day';
  if (oh !== undefined && (Number(oh) > 14 || Number(om) > 59)) return 'has an offset that no place uses';
  const at = Date.parse(value);
  if (Number.isNaN(at)) return 'must be a date and time with an offset, e.g. 2026-03-01T18:00:00Z';
  if (at < EARLIEST_INSTANT || at >= LATEST_INSTANT) return 'must lie between the years 2000 and 2099';
  return null;
}

/**
 * The one validator for every instant in the API (placements, operations, pathway, sites, people, audit):
 * an ISO 8601 date and time that carries its offset, on a real calendar day, in a sane range. A bare local
 * time is refused: deadlines follow from it as Europe/London dates, and without an offset it could be
 * either side of midnight.
 */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: (value: unknown) => instantProblem(value) === null,
        defaultMessage: (args) => `${args?.property} ${instantProblem(args?.value)}`,
      },
    },
    options,
  );
}
