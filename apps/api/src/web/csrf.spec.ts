import type { Request, Response } from 'express';
import { BROWSER_COOKIE, CSRF_FIELD, CSRF_HEADER, CsrfTokens } from './csrf';

function browser() {
  const cookies: Record<string, string> = {};
  const res = { cookie: (name: string, value: string) => (cookies[name] = value) } as unknown as Response;
  const req = (body: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    ({ cookies: { ...cookies }, body, headers, secure: false }) as unknown as Request;
  return { cookies, res, req };
}

describe('CsrfTokens', () => {
  const tokens = new CsrfTokens('a-server-secret-a-server-secret-a-server-secret');

  it('accepts the token it gave this browser, in the form or the header', () => {
    const b = browser();
    const token = tokens.tokenFor(b.req(), b.res);
    expect(b.cookies[BROWSER_COOKIE]).toBeDefined();
    expect(tokens.verify(b.req({ [CSRF_FIELD]: token }))).toBe(true);
    expect(tokens.verify(b.req({}, { [CSRF_HEADER]: token }))).toBe(true);
  });

  it.each([
    ['no token', () => ({})],
    ['an empty token', () => ({ [CSRF_FIELD]: '' })],
    ['a token of another browser', () => ({ [CSRF_FIELD]: tokens.tokenFor(browser().req(), browser().res) })],
    ['a token as an array', () => ({ [CSRF_FIELD]: ['x'] })],
  ])('refuses %s', (_, body) => {
    const b = browser();
    tokens.tokenFor(b.req(), b.res);
    expect(tokens.verify(b.req(body()))).toBe(false);
  });

  it('refuses a post from a browser without the cookie, even with a well-formed token', () => {
    const b = browser();
    const token = tokens.tokenFor(b.req(), b.res);
    expect(tokens.verify({ cookies: {}, body: { [CSRF_FIELD]: token }, headers: {} } as unknown as Request)).toBe(false);
  });

  it('refuses the old token once the browser value is renewed (at sign-in)', () => {
    const b = browser();
    const before = tokens.tokenFor(b.req(), b.res);
    tokens.renew(b.req(), b.res);
    expect(tokens.verify(b.req({ [CSRF_FIELD]: before }))).toBe(false);
  });

  it('a server with another key refuses the token', () => {
    const b = browser();
    const token = tokens.tokenFor(b.req(), b.res);
    expect(new CsrfTokens('another-secret-another-secret-another-secret').verify(b.req({ [CSRF_FIELD]: token }))).toBe(false);
  });
});
