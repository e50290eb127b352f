import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createPrivateKey,
  createPublicKey,
  randomBytes,
  sign as nodeSign,
  type KeyObject,
} from 'node:crypto';

/** An Ed25519 key pair as stored: multibase-encoded Multikey values. */
export interface IssuerKeyMaterial {
  /** `z6Mk…`: multicodec ed25519-pub, base58btc. */
  publicKeyMultibase: string;
  /** `z3u2…`: multicodec ed25519-priv (32-byte seed), base58btc. Never logged or returned. */
  secretKeyMultibase: string;
}

/** A signing key bound to the verification method that publishes its public half. */
export interface SignerKey extends IssuerKeyMaterial {
  /** Full verification method id, e.g. `did:web:host:issuers:slug#key-1`. */
  verificationMethodId: string;
}

/** An Ed25519 public key as a JWK. */
export interface Ed25519PublicJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
}

/** The imported form of a {@link SignerKey}, ready to sign without re-importing. */
export interface ImportedSigningKey {
  verificationMethodId: string;
  publicKeyMultibase: string;
  /** Node key object for raw Ed25519 signatures (Data Integrity and JOSE alike). */
  privateKey: KeyObject;
  publicJwk: Ed25519PublicJwk;
  /** The signer interface that `@digitalbazaar/data-integrity` expects. */
  signer: {
    id: string;
    algorithm: 'Ed25519';
    sign(input: { data: Uint8Array }): Promise<Uint8Array>;
  };
}

/** Thrown by {@link openSecret} when a sealed secret cannot be opened. */
export class SealedSecretError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SealedSecretError';
  }
}

const SEAL_VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const MASTER_KEY_BYTES = 32;
const SIGNING_KEY_CACHE_LIMIT = 1000;

/**
 * Generates a fresh Ed25519 issuer key as a Multikey pair.
 *
 * @returns the public key (`z6Mk…`) and the 32-byte secret key, both multibase base58btc.
 */
export async function generateIssuerKey(): Promise<IssuerKeyMaterial> {
  const keyPair = await Ed25519Multikey.generate();
  // canonicalize: export the 32-byte secret (the spec's form), not the legacy seed+public 64 bytes.
  const exported = await keyPair.export({
    publicKey: true,
    secretKey: true,
    includeContext: false,
    canonicalize: true,
  });
  if (!exported.publicKeyMultibase || !exported.secretKeyMultibase) {
    throw new Error('Ed25519 key generation returned no key material');
  }
  return {
    publicKeyMultibase: exported.publicKeyMultibase,
    secretKeyMultibase: exported.secretKeyMultibase,
  };
}

/**
 * Decodes the KEY_ENCRYPTION_KEY (32 bytes, base64 or base64url) into a master key with a short,
 * stable id (the first 8 hex digits of its SHA-256), so sealed values can name the key that sealed
 * them and the master key can be rotated.
 *
 * @throws TypeError when the value is not base64 of exactly 32 bytes.
 */
export function masterKeyFromBase64(value: string): { id: string; key: Buffer } {
  if (typeof value !== 'string' || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) {
    throw new TypeError('The master key must be a base64 or base64url string');
  }
  const key = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (key.length !== MASTER_KEY_BYTES) {
    throw new TypeError(`The master key must be ${MASTER_KEY_BYTES} bytes, got ${key.length}`);
  }
  return { id: createHash('sha256').update(key).digest('hex').slice(0, 8), key };
}

function sealAad(keyId: string, aad: string): Buffer {
  // The header is authenticated too, so a value cannot be moved to another key id or version.
  return Buffer.from(`${SEAL_VERSION}.${keyId}.${aad}`, 'utf8');
}

function assertMasterKey(id: string, key: Buffer): void {
  if (!/^[A-Za-z0-9_-]+$/.test(id)) {
    throw new TypeError(`Master key id "${id}" must be non-empty base64url characters`);
  }
  if (!Buffer.isBuffer(key) || key.length !== MASTER_KEY_BYTES) {
    throw new TypeError(`Master key "${id}" must be a ${MASTER_KEY_BYTES}-byte Buffer`);
  }
}

/**
 * Encrypts a secret at rest with AES-256-GCM under the master key.
 *
 * @param plain the secret, e.g. a `secretKeyMultibase`.
 * @param master the master key and its id (see {@link masterKeyFromBase64}).
 * @param aad binds the secret to its owner (e.g. the verification method id); the same value must be
 *   given to {@link openSecret}.
 * @returns `v1.<keyId>.<iv>.<tag>.<ciphertext>`, each part base64url.
 */
export function sealSecret(
  plain: string,
  master: { id: string; key: Buffer },
  aad: string,
): string {
  if (typeof plain !== 'string') throw new TypeError('The secret to seal must be a string');
  if (typeof aad !== 'string' || aad === '')
    throw new TypeError('The AAD must be a non-empty string');
  assertMasterKey(master.id, master.key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', master.key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(sealAad(master.id, aad));
  const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [
    SEAL_VERSION,
    master.id,
    iv.toString('base64url'),
    cipher.getAuthTag().toString('base64url'),
    ciphertext.toString('base64url'),
  ].join('.');
}

/**
 * Decrypts a value made by {@link sealSecret}, picking the master key named inside it.
 *
 * @param masterKeys every master key that may have sealed stored values, by id.
 * @param aad the owner the secret was sealed for.
 * @throws SealedSecretError when the value is malformed, its master key is unknown, or the key,
 *   the AAD or the value do not match (GCM authentication failed).
 */
export function openSecret(
  sealed: string,
  masterKeys: ReadonlyMap<string, Buffer>,
  aad: string,
): string {
  if (typeof sealed !== 'string') throw new TypeError('The sealed secret must be a string');
  if (typeof aad !== 'string' || aad === '')
    throw new TypeError('The AAD must be a non-empty string');
  const parts = sealed.split('.');
  if (parts.length !== 5 || parts[0] !== SEAL_VERSION) {
    throw new SealedSecretError(
      `Sealed secret is malformed: expected "${SEAL_VERSION}.<keyId>.<iv>.<tag>.<ciphertext>"`,
    );
  }
  const [, keyId, ivText, tagText, cipherText] = parts as [string, string, string, string, string];
  const key = masterKeys.get(keyId);
  if (!key) {
    throw new SealedSecretError(
      `Sealed secret names master key "${keyId}", which is not configured`,
    );
  }
  const iv = Buffer.from(ivText, 'base64url');
  const tag = Buffer.from(tagText, 'base64url');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw new SealedSecretError('Sealed secret is malformed: bad IV or tag length');
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(sealAad(keyId, aad));
    decipher.setAuthTag(tag);
    const plain = Buffer.concat([
      decipher.update(Buffer.from(cipherText, 'base64url')),
      decipher.final(),
    ]);
    return plain.toString('utf8');
  } catch (error) {
    throw new SealedSecretError(
      `Sealed secret could not be opened with master key "${keyId}": wrong key, wrong owner (AAD) or tampered value`,
      { cause: error },
    );
  }
}

/**
 * Converts an Ed25519 Multikey public key (`z6Mk…`) to a JWK.
 *
 * @throws TypeError when the value is not an Ed25519 Multikey public key.
 */
export async function publicKeyMultibaseToJwk(
  publicKeyMultibase: string,
): Promise<Ed25519PublicJwk> {
  assertEd25519PublicMultibase(publicKeyMultibase);
  const keyPair = await Ed25519Multikey.from({ publicKeyMultibase });
  const { kty, crv, x } = await Ed25519Multikey.toJwk({ keyPair });
  return { kty, crv, x };
}

/** @throws TypeError unless the value is a multibase base58btc Ed25519 public key (`z6Mk…`). */
export function assertEd25519PublicMultibase(
  publicKeyMultibase: unknown,
): asserts publicKeyMultibase is string {
  if (
    typeof publicKeyMultibase !== 'string' ||
    !/^z6Mk[1-9A-HJ-NP-Za-km-z]{44}$/.test(publicKeyMultibase)
  ) {
    throw new TypeError(
      `"${String(publicKeyMultibase)}" is not an Ed25519 Multikey public key (z6Mk…, base58btc)`,
    );
  }
}

const signingKeys = new Map<
  string,
  { secretKeyMultibase: string; key: Promise<ImportedSigningKey> }
>();

async function importSigningKeyUncached(signer: SignerKey): Promise<ImportedSigningKey> {
  const keyPair = await Ed25519Multikey.from({
    publicKeyMultibase: signer.publicKeyMultibase,
    secretKeyMultibase: signer.secretKeyMultibase,
  });
  const jwk = await Ed25519Multikey.toJwk({ keyPair, secretKey: true });
  if (!jwk.d) throw new TypeError(`Signer ${signer.verificationMethodId} has no secret key`);
  // Legacy 64-byte secrets are seed + public key: the seed is the first 32 bytes.
  const d = Buffer.from(jwk.d, 'base64url').subarray(0, 32).toString('base64url');
  const privateKey = createPrivateKey({
    key: { kty: 'OKP', crv: 'Ed25519', d, x: jwk.x },
    format: 'jwk',
  });
  const derived = createPublicKey(privateKey).export({ format: 'jwk' });
  if (derived.x !== jwk.x) {
    throw new TypeError(
      `The secret key of ${signer.verificationMethodId} does not match its publicKeyMultibase`,
    );
  }
  const id = signer.verificationMethodId;
  return {
    verificationMethodId: id,
    publicKeyMultibase: signer.publicKeyMultibase,
    privateKey,
    publicJwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x },
    signer: {
      id,
      algorithm: 'Ed25519',
      sign: ({ data }) => Promise.resolve(new Uint8Array(nodeSign(null, data, privateKey))),
    },
  };
}

/**
 * Imports a signing key once and keeps it per verification method (bounded cache), so each
 * signature does not pay for decoding and importing the private key again.
 *
 * @throws TypeError when the signer is incomplete or its secret does not match its public key.
 */
export function importSigningKey(signer: SignerKey): Promise<ImportedSigningKey> {
  if (
    !signer ||
    typeof signer.verificationMethodId !== 'string' ||
    !signer.verificationMethodId.includes('#')
  ) {
    throw new TypeError(
      'signer.verificationMethodId must be a full verification method id (did…#key)',
    );
  }
  assertEd25519PublicMultibase(signer.publicKeyMultibase);
  if (typeof signer.secretKeyMultibase !== 'string' || !signer.secretKeyMultibase.startsWith('z')) {
    throw new TypeError(
      `signer.secretKeyMultibase of ${signer.verificationMethodId} must be multibase base58btc`,
    );
  }
  const cached = signingKeys.get(signer.verificationMethodId);
  if (cached && cached.secretKeyMultibase === signer.secretKeyMultibase) return cached.key;
  const key = importSigningKeyUncached(signer);
  // A failed import is not cached, so a corrected key can be retried.
  key.catch(() => {
    if (signingKeys.get(signer.verificationMethodId)?.key === key) {
      signingKeys.delete(signer.verificationMethodId);
    }
  });
  if (signingKeys.size >= SIGNING_KEY_CACHE_LIMIT) {
    const oldest = signingKeys.keys().next().value;
    if (oldest !== undefined) signingKeys.delete(oldest);
  }
  signingKeys.set(signer.verificationMethodId, {
    secretKeyMultibase: signer.secretKeyMultibase,
    key,
  });
  return key;
}

/** Drops every cached signing key (after a key is rotated out or marked compromised). */
export function clearSigningKeyCache(): void {
  signingKeys.clear();
}
