/**
 * Per-account backoff after failed sign-ins: the first few failures cost nothing (people mistype), then
 * each further failure doubles the wait before the account may try again, up to a ceiling. While an account
 * waits, every attempt is refused, the right password included, so guessing gains nothing.
 */
export const FREE_FAILURES = 4;
export const MAX_BACKOFF_MS = 15 * 60_000;

/** How long the account waits after its `failures`-th consecutive failure (0: no wait). */
export function loginBackoffMs(failures: number, baseMs: number): number {
  if (failures <= FREE_FAILURES) return 0;
  return Math.min(MAX_BACKOFF_MS, baseMs * 2 ** (failures - FREE_FAILURES - 1));
}
