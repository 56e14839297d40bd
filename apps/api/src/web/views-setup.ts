import type { NestExpressApplication } from '@nestjs/platform-express';
import { dirname, join } from 'node:path';
import nunjucks from 'nunjucks';
import { AppConfig } from '../config/config.schema';
import { FormErrors } from './forms';

export const VIEWS_DIR = join(__dirname, 'views');
export const BROWSER_JS_DIR = join(__dirname, 'assets', 'js');
const GOVUK_DIR = dirname(require.resolve('govuk-frontend/package.json'));
const MOJ_DIR = dirname(require.resolve('@ministryofjustice/frontend/package.json'));
export const STATIC_DIRS = {
  govuk: join(GOVUK_DIR, 'dist', 'govuk'),
  moj: join(MOJ_DIR, 'moj'),
};

const LONDON = 'Europe/London';
const dateTime = new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const dateOnly = new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, day: 'numeric', month: 'long', year: 'numeric' });
const timeOnly = new Intl.DateTimeFormat('en-GB', { timeZone: LONDON, hour: '2-digit', minute: '2-digit' });
// `datetime-local` inputs show and take London wall-clock time: "2026-12-01T14:05".
const inputParts = new Intl.DateTimeFormat('en-CA', { timeZone: LONDON, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

const asDate = (value: unknown): Date | null => {
  if (value === null || value === undefined || value === '') return null;
  const d = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(d.getTime()) ? null : d;
};

export function toDateTimeInput(value: unknown): string {
  const d = asDate(value);
  if (!d) return typeof value === 'string' ? value : '';
  const p = Object.fromEntries(inputParts.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** Words for the codes the API speaks in: `stood_down` -> "Stood down". */
export function humanise(value: unknown): string {
  const text = String(value ?? '').replace(/_/g, ' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Nunjucks with GOV.UK Frontend's and MoJ Frontend's own templates on the search path, so views import
 * their macros (`govuk/components/button/macro.njk`, `moj/components/...`) exactly as their docs show.
 */
export function configureViews(app: NestExpressApplication, config: AppConfig): nunjucks.Environment {
  const env = nunjucks.configure([VIEWS_DIR, join(GOVUK_DIR, 'dist'), MOJ_DIR], {
    autoescape: true,
    throwOnUndefined: false,
    noCache: config.NODE_ENV !== 'production',
    express: app.getHttpAdapter().getInstance(),
  });
  app.setViewEngine('njk');
  env.addFilter('dateTime', (v: unknown) => (asDate(v) ? dateTime.format(asDate(v)!) : ''));
  env.addFilter('date', (v: unknown) => (asDate(v) ? dateOnly.format(asDate(v)!) : ''));
  env.addFilter('time', (v: unknown) => (asDate(v) ? timeOnly.format(asDate(v)!) : ''));
  env.addFilter('dateTimeInput', toDateTimeInput);
  env.addFilter('humanise', humanise);
  env.addFilter('isoDateTime', (v: unknown) => asDate(v)?.toISOString() ?? '');
  /** `errorMessage: errors | fieldError('name')` for a GOV.UK macro: the message, or false for none. */
  env.addFilter('fieldError', (errors: FormErrors | undefined, field: string) => {
    const text = errors?.fields?.[field];
    return text ? { text } : false;
  });
  env.addGlobal('serviceName', 'Safe Harbour');
  return env;
}
