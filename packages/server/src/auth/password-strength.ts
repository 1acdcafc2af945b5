/**
 * Password strength (issue 8 item 10): a password is refused when zxcvbn-ts (the maintained TypeScript port of
 * Dropbox's estimator, with its common-password, names and English word lists) can guess it in fewer than 10^8
 * tries (score < 3), i.e. it is a common or breached pattern (Password1!, qwertyuiop12, a keyboard walk, a word
 * with l33t and a year) or is built from the user's own name or the office's. The word lists are big: they are
 * loaded on the first check, never at start.
 */
import { createRequire } from 'node:module';
import type { ZxcvbnFactory as Factory } from '@zxcvbn-ts/core';

/** the score zxcvbn gives at about 10^8 guesses: "safely unguessable" against online attacks (NIST 800-63B 3.1.1.2) */
export const MIN_SCORE = 3;

let estimator: Factory | null = null;
function zxcvbn(): Factory {
  if (estimator) return estimator;
  const require = createRequire(import.meta.url);
  const { ZxcvbnFactory } = require('@zxcvbn-ts/core') as typeof import('@zxcvbn-ts/core');
  const common = require('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
  const en = require('@zxcvbn-ts/language-en') as typeof import('@zxcvbn-ts/language-en');
  estimator = new ZxcvbnFactory({
    translations: en.translations,
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...en.dictionary },
  });
  return estimator;
}

/** Why this password is too easy to guess, in words, or null when it is strong enough. */
export function weakPasswordProblem(password: string, userInputs: readonly string[] = []): string | null {
  const words = userInputs.flatMap((s) => s.toLowerCase().split(/[^a-z0-9]+/)).filter((s) => s.length >= 3);
  const result = zxcvbn().check(password, [...userInputs, ...words]);
  if (result.score >= MIN_SCORE) return null;
  const why = [result.feedback.warning, ...result.feedback.suggestions].filter(Boolean).join(' ');
  return `This password is too easy to guess${why ? `: ${why}` : ''}`;
}
