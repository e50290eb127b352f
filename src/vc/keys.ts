import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { createPrivateKey, createPublicKey, sign as nodeSign, type KeyObject } from 'node:crypto';

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
