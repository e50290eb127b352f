import argon2 from 'argon2';
import { randomBytes } from 'node:crypto';

/**
 * argon2id at OWASP's first recommended setting (19 MiB, 2 passes, 1 lane): about 75 ms on one
 * of these cores, so a login costs little here and a stolen hash costs a lot to attack.
 */
export const ARGON2_OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export const hashPassword = (password: string): Promise<string> =>
  argon2.hash(password, ARGON2_OPTIONS);

/** Whether a stored hash was made with weaker or other parameters than today's. */
export const needsRehash = (hash: string): boolean => argon2.needsRehash(hash, ARGON2_OPTIONS);

let dummyHash: Promise<string> | undefined;

/**
 * Checks a password against a stored hash. With no hash (no such account) it still spends the
 * time of a real check, so the answer's timing does not tell which accounts exist.
 */
export async function verifyPassword(hash: string | null | undefined, password: string) {
  if (!hash) {
    dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
    await argon2.verify(await dummyHash, password);
    return false;
  }
  return argon2.verify(hash, password);
}
