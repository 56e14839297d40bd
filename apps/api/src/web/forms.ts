import { HttpException } from '@nestjs/common';
import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import { DomainError } from '../common/domain-error';

/**
 * What a form page shows when it cannot go ahead: GOV.UK's error summary (`list`, each linking to its
 * field) and the message beside each field (`fields`, by the field's id). Messages say what to do.
 */
export interface FormErrors {
  list: Array<{ text: string; href?: string }>;
  fields: Record<string, string>;
}

export function formErrors(entries: Array<[field: string | null, message: string]>): FormErrors {
  const errors: FormErrors = { list: [], fields: {} };
  for (const [field, message] of entries) {
    if (field && errors.fields[field]) continue;
    errors.list.push(field ? { text: message, href: `#${field}` } : { text: message });
    if (field) errors.fields[field] = message;
  }
  return errors;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FormErrors };

/**
 * Checks a form against the same DTO class the API validates with, so the two can never disagree on what
 * is valid. `messages` gives the GOV.UK-style message for each property ("Enter a name"); a property
 * without one shows class-validator's. `fieldIds` maps a property to the id of its input when they differ.
 */
export async function validateForm<T extends object>(
  dto: ClassConstructor<T>,
  input: Record<string, unknown>,
  messages: Partial<Record<string, string>> = {},
  fieldIds: Partial<Record<string, string>> = {},
): Promise<Parsed<T>> {
  const value = plainToInstance(dto, input);
  const failures = await validate(value, { whitelist: true, forbidNonWhitelisted: false, validationError: { target: false, value: false } });
  if (failures.length === 0) return { ok: true, value };
  const entries: Array<[string, string]> = [];
  const walk = (list: ValidationError[], prefix: string) => {
    for (const failure of list) {
      const path = prefix ? `${prefix}.${failure.property}` : failure.property;
      if (failure.constraints) {
        const message = messages[path] ?? Object.values(failure.constraints)[0];
        entries.push([fieldIds[path] ?? path.replace(/\./g, '-'), message]);
      }
      if (failure.children?.length) walk(failure.children, path);
    }
  };
  walk(failures, '');
  return { ok: false, errors: formErrors(entries) };
}

/**
 * A refusal from a service (a DomainError or a 4xx), as form errors: shown on the form, in words, so the
 * person can put it right. `fieldFor` puts a code's message beside a field. Anything else is rethrown
 * (a 401 still signs the person in again; a 500 still gets the error page with its request id).
 */
export function refusalAsFormErrors(err: unknown, fieldFor: Partial<Record<string, string>> = {}): FormErrors {
  if (err instanceof DomainError && err.status < 500 && err.status !== 401 && err.status !== 404) {
    return formErrors([[fieldFor[err.code] ?? null, err.message]]);
  }
  if (err instanceof HttpException && [400, 409, 422].includes(err.getStatus())) {
    const response = err.getResponse();
    const message = typeof response === 'string' ? response : (response as { message?: unknown }).message;
    return formErrors([[null, [message ?? err.message].flat().join('. ')]]);
  }
  throw err;
}

/** Runs a service call; its refusal comes back as form errors, its result as `value`. */
export async function attempt<T>(call: () => Promise<T>, fieldFor: Partial<Record<string, string>> = {}): Promise<Parsed<T>> {
  try {
    return { ok: true, value: await call() };
  } catch (err) {
    return { ok: false, errors: refusalAsFormErrors(err, fieldFor) };
  }
}
