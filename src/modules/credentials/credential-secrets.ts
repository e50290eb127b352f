import { createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { masterKeyFromBase64, openSecret, sealSecret } from '../../vc/keys.js';

// Crockford's base32: no I, L, O, U, so a code read aloud or typed from paper survives.
const CLAIM_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CLAIM_GROUPS = 4;
const CLAIM_GROUP_LENGTH = 4;

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** A one-time claim code of 80 random bits, `XXXX-XXXX-XXXX-XXXX`. */
export function newClaimCode(): string {
  // Five random bits per character: the low bits of a random byte (256 is a multiple of 32).
  const bytes = randomBytes(CLAIM_GROUPS * CLAIM_GROUP_LENGTH);
  let code = '';
  for (const [i, byte] of bytes.entries()) {
    if (i > 0 && i % CLAIM_GROUP_LENGTH === 0) code += '-';
    code += CLAIM_ALPHABET[byte & 31];
  }
  return code;
}

/** The form a claim code is hashed in: upper case, no separators, ambiguous letters folded. */
export function normaliseClaimCode(code: string): string {
  return code
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

export const hashClaimCode = (code: string) => sha256(normaliseClaimCode(code));

/**
 * Derives the permanent verify tokens: 192 bits from an HMAC of the credential id under a key
 * derived from KEY_ENCRYPTION_KEY, so a token can be shown again (PDF, portal) without being
 * stored; only its SHA-256 is kept, for lookup.
 */
export class VerifyTokens {
  private readonly key: Buffer;

  constructor(masterKeyBase64: string) {
    this.key = Buffer.from(
      hkdfSync(
        'sha256',
        Buffer.from(masterKeyBase64, 'base64'),
        '',
        'reconoce verify-token v1',
        32,
      ),
    );
  }

  forCredential(credentialId: string): string {
    return createHmac('sha256', this.key).update(credentialId).digest('base64url').slice(0, 32);
  }
}

/**
 * Keeps the claim codes of batch-issued credentials until their issuer downloads them: sealed
 * with AES-256-GCM under KEY_ENCRYPTION_KEY and bound to their job row, so a code can be neither
 * read from the database nor moved to another row.
 */
export class ClaimCodeVault {
  private readonly master: { id: string; key: Buffer };
  private readonly keys: ReadonlyMap<string, Buffer>;

  constructor(masterKeyBase64: string) {
    this.master = masterKeyFromBase64(masterKeyBase64);
    this.keys = new Map([[this.master.id, this.master.key]]);
  }

  seal(claimCode: string, jobId: string, rowNo: number): string {
    return sealSecret(claimCode, this.master, `claim-code:${jobId}:${rowNo}`);
  }

  open(sealed: string, jobId: string, rowNo: number): string {
    return openSecret(sealed, this.keys, `claim-code:${jobId}:${rowNo}`);
  }
}
