import type { Request, Response } from 'express';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random value per browser; the form token is its HMAC, so a page on another site can know neither. */
export const BROWSER_COOKIE = 'sh_browser';
export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/**
 * CSRF protection for every form post: a synchronizer token derived from a per-browser secret cookie
 * (httpOnly, SameSite=Strict) with a server key. Stateless, so it survives restarts and many servers, and
 * it does not change when the session is renewed, so forms already on screen keep working. Sign-in
 * replaces the browser value, so a token planted before sign-in is worthless after it.
 */
export class CsrfTokens {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = createHmac('sha256', secret).update('safe-harbour:csrf').digest();
  }

  /** The token for this browser's forms, setting the browser cookie first if there is none. */
  tokenFor(req: Request, res: Response): string {
    let seed = readSeed(req);
    if (!seed) seed = this.renew(req, res);
    return this.sign(seed);
  }

  renew(req: Request, res: Response): string {
    const seed = randomBytes(24).toString('base64url');
    res.cookie(BROWSER_COOKIE, seed, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/' });
    // Later code in the same request (the page rendered after sign-in) sees the new value.
    (req.cookies as Record<string, string>)[BROWSER_COOKIE] = seed;
    return seed;
  }

  verify(req: Request): boolean {
    const seed = readSeed(req);
    const body = req.body as Record<string, unknown> | undefined;
    const given = typeof body?.[CSRF_FIELD] === 'string' ? (body[CSRF_FIELD] as string) : req.headers[CSRF_HEADER];
    if (!seed || typeof given !== 'string') return false;
    const expected = Buffer.from(this.sign(seed));
    const actual = Buffer.from(given);
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  }

  private sign(seed: string): string {
    return createHmac('sha256', this.key).update(seed).digest('base64url');
  }
}

function readSeed(req: Request): string | undefined {
  const value = (req.cookies as Record<string, unknown> | undefined)?.[BROWSER_COOKIE];
  return typeof value === 'string' && /^[A-Za-z0-9_-]{32}$/.test(value) ? value : undefined;
}
