import type { Request, Response } from 'express';
import { SESSION_COOKIE } from './web-keys';

/** The access token as an httpOnly, SameSite=Strict cookie (Secure when the request came over HTTPS). */
export function setSessionCookie(req: Request, res: Response, accessToken: string, expiresInSeconds: number): void {
  res.cookie(SESSION_COOKIE, accessToken, {
    httpOnly: true,
    sameSite: 'strict',
    secure: req.secure,
    path: '/',
    maxAge: expiresInSeconds * 1000,
  });
}

export function clearSessionCookie(res: Response): void {
  res.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict' });
}
