import { HttpStatus } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { IncomingMessage, ServerResponse } from 'node:http';
import { DomainError } from './domain-error';

/** No request body of ours nests deeper than a handful of levels; 32 leaves room and refuses a bomb. */
export const MAX_JSON_DEPTH = 32;

/** How deep `raw` JSON nests, counted without parsing (brackets inside strings do not count). */
export function jsonDepth(raw: Buffer | string, stopAbove = Infinity): number {
  const text = typeof raw === 'string' ? raw : raw.toString('utf8');
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > deepest) {
        deepest = depth;
        if (deepest > stopAbove) return deepest;
      }
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return deepest;
}

/**
 * The JSON body parser's `verify` hook: runs on the raw bytes before `JSON.parse`. A body nested 100,000
 * levels deep parses, but then overflows the stack of every recursive walk after it (validation, the
 * idempotency fingerprint) and the request ended as a 500.
 */
export function refuseDeepJson(_req: IncomingMessage, _res: ServerResponse, raw: Buffer): void {
  if (jsonDepth(raw, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
    throw Object.assign(new Error(`The JSON body nests deeper than ${MAX_JSON_DEPTH} levels`), {
      status: HttpStatus.BAD_REQUEST,
      expose: true,
      code: 'JSON_TOO_DEEP',
    });
  }
}

/** Where in `value` a string (or key) holds a NUL character, as `a.b[2].c`; null when none does. */
export function nulCharacterAt(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path || '(body)' : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulCharacterAt(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      const at = path ? `${path}.${key}` : key;
      if (key.includes('\u0000')) return at;
      const found = nulCharacterAt(inner, at);
      if (found) return found;
    }
  }
  return null;
}

/**
 * PostgreSQL cannot store a NUL character in text (it answered with a 500). Nothing a person types holds
 * one, so a body or query string that does is refused as a whole, naming the field.
 */
export function refuseNulCharacters(req: Request, _res: Response, next: NextFunction): void {
  const field = nulCharacterAt(req.body) ?? nulCharacterAt(req.query);
  if (field) {
    next(new DomainError(HttpStatus.BAD_REQUEST, 'NUL_CHARACTER', `${field} contains a NUL character (\\u0000), which text may not hold`));
    return;
  }
  next();
}

/**
 * API responses carry personal data (names, dates of birth, placements): no browser or proxy keeps a
 * copy. Set before the handler so that refusals and errors carry it too; a handler may still override it.
 */
export function noStore(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('Cache-Control', 'no-store');
  next();
}

// A client's own id for a request, kept beside ours: a UUID or a short token of letters, digits and - _ .
const CLIENT_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{7,63}$/;

/**
 * The request id in every log line and in `x-request-id`: always ours and always new, so two requests
 * (or two users) never share one, whatever a client sends. A well-formed client id is echoed back as
 * `x-client-request-id` and logged beside ours; anything else a client sends there is dropped.
 */
export function requestId(req: IncomingMessage, res: ServerResponse): string {
  const id = randomUUID();
  res.setHeader('x-request-id', id);
  const given = req.headers['x-request-id'];
  if (typeof given === 'string' && CLIENT_REQUEST_ID.test(given)) {
    res.setHeader('x-client-request-id', given);
    (req as IncomingMessage & { clientRequestId?: string }).clientRequestId = given;
  }
  return id;
}
