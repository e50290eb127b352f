import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import {
  masterKeyFromBase64,
  masterKeyRing,
  openSecret,
  sealSecret,
  sha256Hex,
  type MasterKey,
} from '../../common/crypto/index.js';

// Crockford's base32: no I, L, O, U, so a code read aloud or typed from paper survives.
const CLAIM_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const CLAIM_GROUPS = 4;
const CLAIM_GROUP_LENGTH = 4;

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

export const hashClaimCode = (code: string) => sha256Hex(normaliseClaimCode(code));

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
 * Keeps claim codes that must be shown again, never in clear: sealed with AES-256-GCM under
 * KEY_ENCRYPTION_KEY and bound to their owner, so a code can be neither read from the database
 * nor moved to another row or request.
 */
export class ClaimCodeVault {
  private readonly master: MasterKey;
  private readonly keys: ReadonlyMap<string, Buffer>;

  constructor(masterKeyBase64: string) {
    this.master = masterKeyFromBase64(masterKeyBase64);
    this.keys = masterKeyRing(this.master);
  }

  /** A batch-issued credential's code, until its issuer downloads the job's codes. */
  seal(claimCode: string, jobId: string, rowNo: number): string {
    return sealSecret(claimCode, this.master, `claim-code:${jobId}:${rowNo}`);
  }

  open(sealed: string, jobId: string, rowNo: number): string {
    return openSecret(sealed, this.keys, `claim-code:${jobId}:${rowNo}`);
  }

  /** The code in the stored answer to an Idempotency-Key, so that a replay carries it again. */
  sealForReplay(claimCode: string, issuerId: string, idempotencyKey: string): string {
    return sealSecret(claimCode, this.master, `idempotency:${issuerId}:${idempotencyKey}`);
  }

  openForReplay(sealed: string, issuerId: string, idempotencyKey: string): string {
    return openSecret(sealed, this.keys, `idempotency:${issuerId}:${idempotencyKey}`);
  }
}
