import { normaliseClaimCode } from '../../modules/credentials/credential-secrets.js';

/** A verify or share link's token: what the verification page's address carries after /v/. */
const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;

// A claim code as printed (`7K2M-9QXH-…`), with or without separators; longer than this and it
// is something else. Tokens are 32 or 43 characters, so the two never look alike.
const CLAIM_CODE_SHAPE = /^[0-9A-Za-z]{4}(?:[\s-]?[0-9A-Za-z]{4}){3}$/;
const CLAIM_CODE = /^[0-9A-HJKMNP-TV-Z]{16}$/;

/**
 * Whether what a person pasted is one of the holder's claim codes (by its format only: nothing
 * is looked up, so the answer says nothing about whether such a code exists).
 */
export function isClaimCodeFormat(input: unknown): boolean {
  if (typeof input !== 'string') return false;
  const text = input.trim();
  return CLAIM_CODE_SHAPE.test(text) && CLAIM_CODE.test(normaliseClaimCode(text));
}

/**
 * The token in what a person pasted or a QR code held: a whole link (of any host: the page
 * that opens is ours), a path, or the bare token; null for anything else, a claim code included.
 */
export function linkTokenOf(input: unknown): string | null {
  if (typeof input !== 'string' || isClaimCodeFormat(input)) return null;
  const text = input.trim();
  if (TOKEN.test(text)) return text;
  const match = /\/v\/([^/?#\s]+)/.exec(text);
  return match && TOKEN.test(match[1]) ? match[1] : null;
}
