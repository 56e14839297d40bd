import type { Response } from 'express';
import { FormErrors } from './forms';

/** What every page view gets besides the layout's locals: its name (for `<title>` and usually `<h1>`). */
export interface PageData {
  title: string;
  errors?: FormErrors;
  [key: string]: unknown;
}

const FLASH_COOKIE = 'sh_flash';

/** Renders a page. A form shown again with errors gets 422, so tests and tools can tell it was refused. */
export function render(res: Response, view: string, data: PageData, status?: number): void {
  res.status(status ?? (data.errors?.list.length ? 422 : 200)).render(view, data);
}

/** After a successful post: see-other to the next page (reload never resubmits), with an optional banner. */
export function redirect(res: Response, url: string, success?: string): void {
  if (success) res.cookie(FLASH_COOKIE, success.slice(0, 300), { httpOnly: true, sameSite: 'strict', secure: res.req.secure, path: '/' });
  res.redirect(303, url);
}

/** The success message left by the previous post, read once. */
export function takeFlash(req: { cookies?: Record<string, unknown> }, res: Response): string | undefined {
  const value = req.cookies?.[FLASH_COOKIE];
  if (typeof value !== 'string' || value === '') return undefined;
  res.clearCookie(FLASH_COOKIE, { path: '/' });
  return value;
}

/** Only paths on this site: a return-to address is never a way to send someone elsewhere. */
export function safeReturnTo(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  if (/^\/(sign-in|sign-out)(\/|\?|$)/.test(value) || value.length > 1000) return fallback;
  return value;
}
