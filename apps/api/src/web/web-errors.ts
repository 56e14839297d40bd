import type { Request, Response } from 'express';
import { WEB_PREFIX } from './web-keys';

/** Thrown to send the browser elsewhere from anywhere in a page request (sign in, change password). */
export class RedirectTo extends Error {
  constructor(readonly url: string) {
    super(`Redirect to ${url}`);
  }
}

const PAGES: Record<number, { title: string; advice: string }> = {
  400: { title: 'Something in that request was not right', advice: 'Go back, check what you entered and try again.' },
  403: { title: 'You cannot do this', advice: 'Your role or organisation does not allow it. Ask your administrator if you think it should.' },
  404: { title: 'Page not found', advice: 'If you typed the web address, check it is correct. If you followed a link, the record may not exist or you may not be allowed to see it.' },
  409: { title: 'This could not be done', advice: 'Go back and check the current state of the record.' },
  413: { title: 'That was too large', advice: 'Go back and send something smaller.' },
  422: { title: 'This could not be done', advice: 'Go back, check what you entered and try again.' },
  429: { title: 'Too many attempts', advice: 'Too many attempts, wait a minute and try again.' },
  500: { title: 'Sorry, there is a problem with the service', advice: 'Try again later.' },
};

/** The public address of the page being answered (the internal routing prefix taken off). */
export function publicUrl(req: Request): string {
  const url = req.originalUrl ?? req.url;
  return url.startsWith(`/${WEB_PREFIX}`) ? url.slice(WEB_PREFIX.length + 1) || '/' : url;
}

/**
 * A failure on a page request, as a page: never a raw framework error or a JSON body. A missing or
 * expired session sends the person to sign in and back to where they were (for a form post, the page
 * the form was on, from the Referer of this same site).
 */
export function renderPageError(req: Request, res: Response, status: number, message: unknown, requestId?: string): void {
  if (status === 401) {
    const back = req.method === 'GET' ? publicUrl(req) : refererPath(req);
    res.redirect(303, `/sign-in?returnTo=${encodeURIComponent(back ?? '/')}&expired=1`);
    return;
  }
  const page = PAGES[status] ?? (status >= 500 ? PAGES[500] : PAGES[400]);
  // Our own refusals are written for people; a framework's words (ThrottlerException...) are not shown.
  const detail = status < 500 && status !== 404 && status !== 429 && typeof message === 'string' && !/Exception|Cannot (GET|POST)/.test(message) ? message : undefined;
  res.status(status).render('error', {
    title: page.title,
    detail,
    advice: page.advice,
    requestId: status >= 500 ? requestId : undefined,
    user: (req as { user?: unknown }).user,
  });
}

function refererPath(req: Request): string | undefined {
  const referer = req.headers.referer;
  if (!referer) return undefined;
  try {
    const url = new URL(referer);
    return url.host === req.headers.host ? `${url.pathname}${url.search}` : undefined;
  } catch {
    return undefined;
  }
}
