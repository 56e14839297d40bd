import { applyDecorators, Controller, SetMetadata, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { randomBytes } from 'node:crypto';
import { PENDING_PASSWORD_KEY, WEB_KEY, WEB_PREFIX } from './web-keys';
import { WebPageInterceptor } from './web-page.interceptor';

/**
 * The web application's pages share their URLs' first words with the API (`/operations/:id` is a page,
 * `/api/v1/operations/:id` the API). Nest's global prefix cannot tell two controllers with the same path
 * apart, so page requests are routed internally under this prefix (excluded from `api/v1`): the browser
 * and every link only ever see the public URL, and a request that names the prefix itself finds nothing.
 */
export { WEB_PREFIX } from './web-keys';

/** Paths that are not pages: the API, the live socket, static files. */
const NOT_PAGES = /^\/(api|socket\.io|static|assets)(\/|$)/;

export const isPagePath = (path: string) => !NOT_PAGES.test(path);

export interface WebRequest extends Request {
  /** Set for page requests by the routing middleware (the error filter answers these with a page). */
  isWebPage?: boolean;
}

/** Express middleware, first in the chain: marks page requests, routes them internally, gives each a CSP nonce. */
export function webRouting(req: WebRequest, res: Response, next: NextFunction): void {
  if (isPagePath(req.path)) {
    req.isWebPage = true;
    req.url = `/${WEB_PREFIX}${req.url}`;
    // GOV.UK Frontend's template adds its `govuk-frontend-supported` class with one inline script.
    res.locals.cspNonce = randomBytes(16).toString('base64');
  }
  next();
}

/**
 * A controller of web pages at `path` (public URL). Pages are signed in with the session cookie (the same
 * guard and @Roles as the API), get the layout's locals and CSRF checks, and stay out of the API docs.
 */
export function WebController(path = ''): ClassDecorator {
  return applyDecorators(
    Controller(path ? `${WEB_PREFIX}/${path}` : WEB_PREFIX),
    SetMetadata(WEB_KEY, true),
    UseInterceptors(WebPageInterceptor),
    ApiExcludeController(),
  );
}

/** The few pages a user who must change their password may still open (the form itself, sign out). */
export const AllowPendingPassword = () => SetMetadata(PENDING_PASSWORD_KEY, true);
