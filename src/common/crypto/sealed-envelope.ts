import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { sha256Hex } from './sha256.js';

/**
 * A 32-byte AES key and a short id for it. Sealed values name the id of the key that sealed them,
 * so a key can be rotated while values sealed under the old one stay readable.
 */
export interface MasterKey {
  id: string;
  key: Buffer;
}

/** Thrown by {@link openSecret} when a sealed value cannot be opened. */
export class SealedSecretError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SealedSecretError';
  }
}

// The format is persisted (issuer private keys, claim codes, idempotency records): never change
// it in place; a new format gets a new version and the reader keeps accepting `v1`.
const SEAL_VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const MASTER_KEY_BYTES = 32;

/**
 * Names 32 key bytes with a short, stable id: the first 8 hex digits of their SHA-256.
 *
 * @throws TypeError when the key is not 32 bytes.
 */
export function masterKeyFromBytes(key: Buffer): MasterKey {
  if (!Buffer.isBuffer(key) || key.length !== MASTER_KEY_BYTES) {
    throw new TypeError(`The master key must be ${MASTER_KEY_BYTES} bytes`);
  }
  return { id: sha256Hex(key).slice(0, 8), key };
}

/**
 * Decodes a master key such as KEY_ENCRYPTION_KEY (32 bytes, base64 or base64url) and names it
 * (see {@link masterKeyFromBytes}).
 *
 * @throws TypeError when the value is not base64 of exactly 32 bytes.
 */
export function masterKeyFromBase64(value: string): MasterKey {
  if (typeof value !== 'string' || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(value)) {
    throw new TypeError('The master key must be a base64 or base64url string');
  }
  const key = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (key.length !== MASTER_KEY_BYTES) {
    throw new TypeError(`The master key must be ${MASTER_KEY_BYTES} bytes, got ${key.length}`);
  }
  return masterKeyFromBytes(key);
}

/** The key ring {@link openSecret} reads from: every key that may have sealed a value, by id. */
export function masterKeyRing(...keys: MasterKey[]): ReadonlyMap<string, Buffer> {
  return new Map(keys.map(({ id, key }) => [id, key]));
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

function assertAad(aad: unknown): asserts aad is string {
  if (typeof aad !== 'string' || aad === '') {
    throw new TypeError('The AAD must be a non-empty string');
  }
}

/**
 * Encrypts a value with AES-256-GCM under a master key, bound to its owner.
 *
 * @param plain the value, e.g. a `secretKeyMultibase`.
 * @param master the master key and its id (see {@link masterKeyFromBase64}).
 * @param aad binds the value to its owner (e.g. the verification method id); the same value must
 *   be given to {@link openSecret}.
 * @returns `v1.<keyId>.<iv>.<tag>.<ciphertext>`, each part base64url.
 */
export function sealSecret(plain: string, master: MasterKey, aad: string): string {
  if (typeof plain !== 'string') throw new TypeError('The secret to seal must be a string');
  assertAad(aad);
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
 * @param masterKeys every master key that may have sealed the value, by id (see {@link masterKeyRing}).
 * @param aad the owner the value was sealed for.
 * @throws SealedSecretError when the value is malformed, its master key is unknown, or the key,
 *   the AAD or the value do not match (GCM authentication failed).
 */
export function openSecret(
  sealed: string,
  masterKeys: ReadonlyMap<string, Buffer>,
  aad: string,
): string {
  if (typeof sealed !== 'string') throw new TypeError('The sealed secret must be a string');
  assertAad(aad);
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
