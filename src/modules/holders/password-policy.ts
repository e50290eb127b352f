import { zxcvbn, zxcvbnOptions } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import { AppError } from '../../common/errors/app-error.js';

export const MIN_PASSWORD_LENGTH = 10;
/** zxcvbn's 0–4 scale; 3 means about 10^10 guesses, out of reach online and costly offline. */
export const MIN_PASSWORD_SCORE = 3;
// zxcvbn's cost grows with length; past this many characters a password is strong anyway.
const SCORED_LENGTH = 100;

// zxcvbn ranks its dictionaries when given them (megabytes of heap): only once a password is
// checked, not in every replica that never sees one.
let dictionariesSet = false;

function scorePassword(password: string, inputs: string[]): number {
  if (!dictionariesSet) {
    zxcvbnOptions.setOptions({
      dictionary: { ...common.dictionary },
      graphs: common.adjacencyGraphs,
    });
    dictionariesSet = true;
  }
  return zxcvbn(password, inputs).score;
}

/**
 * Why a password is too weak, or an empty list. `related` are words the password must not lean
 * on, such as the holder's document number.
 */
export function passwordWeaknesses(password: string, related: string[] = []): string[] {
  const problems: string[] = [];
  if ([...password].length < MIN_PASSWORD_LENGTH) {
    problems.push(`must be at least ${MIN_PASSWORD_LENGTH} characters long`);
  }
  const inputs = related.filter((value) => value.length > 0);
  const score = scorePassword(password.slice(0, SCORED_LENGTH), ['reconoce', ...inputs]);
  if (score < MIN_PASSWORD_SCORE) {
    problems.push('is too easy to guess: use several unrelated words or a longer phrase');
  }
  return problems;
}

/** @throws AppError WEAK_PASSWORD naming every weakness. */
export function assertStrongPassword(password: string, related: string[] = []): void {
  const problems = passwordWeaknesses(password, related);
  if (problems.length > 0) {
    throw new AppError('WEAK_PASSWORD', 'The password is too weak.', {
      errors: problems.map((message) => ({ path: 'password', message })),
    });
  }
}
