import { Injectable } from '@nestjs/common';
import { ZxcvbnFactory, ZxcvbnResult } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import { unprocessable } from '../common/domain-error';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;
/** zxcvbn's top score: at least 10^10 guesses. Lower scores include "Summer2024!!"-style breach favourites. */
export const PASSWORD_MIN_SCORE = 4;

export type PasswordCheck = { ok: true } | { ok: false; reasons: string[] };

let estimator: ZxcvbnFactory | undefined;
// Loading the dictionaries takes about a second and tens of MB: once per process, on first use.
function zxcvbn(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    translations: english.translations,
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...english.dictionary },
  });
  return estimator;
}

/**
 * Every password set in Safe Harbour (a new account, a reset, a change) passes this, as NCSC and NIST SP 800-63B
 * advise: a length floor, no composition rules, and a refusal of passwords found in breach corpora or easy to
 * guess from them. The list and the guessing model are zxcvbn-ts's (its common-passwords list is drawn from
 * breached-password corpora and maintained with the library); `userInputs` (the person's email, name) count as
 * words an attacker would try first.
 */
export function checkPassword(password: string, userInputs: string[] = []): PasswordCheck {
  const reasons: string[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) reasons.push(`Use at least ${PASSWORD_MIN_LENGTH} characters`);
  if (password.length > PASSWORD_MAX_LENGTH) reasons.push(`Use at most ${PASSWORD_MAX_LENGTH} characters`);
  if (reasons.length > 0) return { ok: false, reasons };

  const inputs = userInputs.flatMap((i) => [i, ...i.split(/[@\s.]+/)]).filter((i) => i.length >= 4);
  const lowered = password.toLowerCase();
  if (inputs.some((i) => lowered.includes(i.toLowerCase()))) reasons.push('Do not use your name or email address in your password');

  const result: ZxcvbnResult = zxcvbn().check(password, inputs);
  if (isCommonPassword(result)) reasons.push('This is one of the most common passwords, found in data breaches: choose another');
  else if (result.score < PASSWORD_MIN_SCORE) {
    reasons.push(result.feedback.warning ? `This password is too easy to guess: ${result.feedback.warning}` : 'This password is too easy to guess');
  }
  if (reasons.length > 0 && result.feedback.suggestions.length > 0) reasons.push(...result.feedback.suggestions);
  return reasons.length > 0 ? { ok: false, reasons: [...new Set(reasons)] } : { ok: true };
}

/** The whole password (ignoring case and l33t) is one entry of the breached-passwords list. */
function isCommonPassword(result: ZxcvbnResult): boolean {
  return (
    result.sequence.length === 1 &&
    result.sequence[0].pattern === 'dictionary' &&
    (result.sequence[0] as { dictionaryName?: string }).dictionaryName === 'passwords-common'
  );
}

/** The policy as a provider, for the services that set passwords. */
@Injectable()
export class PasswordPolicy {
  check(password: string, userInputs: string[] = []): PasswordCheck {
    return checkPassword(password, userInputs);
  }

  /** 422 `PASSWORD_TOO_WEAK` with the reasons, in plain words, as `details.reasons`. */
  assertAcceptable(password: string, userInputs: string[] = []): void {
    const check = checkPassword(password, userInputs);
    if (!check.ok) throw unprocessable('PASSWORD_TOO_WEAK', check.reasons[0], { reasons: check.reasons });
  }
}
