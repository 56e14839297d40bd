import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppConfig } from '../config/config.schema';
import { BROWSER_JS_DIR, configureViews, STATIC_DIRS } from './views-setup';
import { webRouting } from './web-routing';

/** Before anything else: cookies are read and page requests are marked (helmet's CSP reads their nonce). */
export function configureWebRequests(app: INestApplication): void {
  app.use(cookieParser());
  app.use(webRouting);
}

/** The web application's templates and static files (GOV.UK Frontend, MoJ Frontend, ours, the dashboard's). */
export function configureWebPages(app: INestApplication, config: AppConfig): void {
  const express = app as NestExpressApplication;
  configureViews(express, config);
  const maxAge = config.NODE_ENV === 'production' ? '1d' : 0;
  express.useStaticAssets(STATIC_DIRS.govuk, { prefix: '/static/govuk/', maxAge, index: false });
  express.useStaticAssets(STATIC_DIRS.moj, { prefix: '/static/moj/', maxAge, index: false });
  express.useStaticAssets(BROWSER_JS_DIR, { prefix: '/static/app/js/', maxAge, index: false });
  // Built by `npm run build:web` (part of `npm run build`).
  const built = resolve(process.cwd(), 'dist/web');
  if (existsSync(built)) express.useStaticAssets(built, { prefix: '/static/app/', maxAge, index: false });
  // The live picture (Preact) is built to dist/dashboard; its page is served at /operations/:id/live.
  const dashboard = resolve(process.cwd(), 'dist/dashboard');
  if (existsSync(join(dashboard, 'assets'))) express.useStaticAssets(join(dashboard, 'assets'), { prefix: '/assets/', maxAge: '1h', index: false });
}

export const DASHBOARD_INDEX = () => resolve(process.cwd(), 'dist/dashboard/index.html');
