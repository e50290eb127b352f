import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { VC_V2_CONTEXT_URL, xsdDateTime, type Credential, type StatusEntry } from './issue.js';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** The minimum list length the Bitstring Status List spec requires (16 KB), for herd privacy. */
export const MIN_STATUS_LIST_LENGTH = 131_072;

/** Largest list we accept when decoding (16 Mbit), so a hostile list cannot exhaust memory. */
const MAX_DECODED_BYTES = 2 * 1024 * 1024;

export type StatusPurpose = 'revocation' | 'suspension';

/** A bitstring: `length` bits, index 0 the left-most (most significant) bit of the first byte. */
export interface Bitstring {
  readonly length: number;
  readonly bytes: Uint8Array;
}

/**
 * Creates a bitstring of `length` bits, all 0.
 *
 * @throws TypeError unless the length is a positive multiple of 8 and at least 131,072.
 */
export function createBitstring(length = MIN_STATUS_LIST_LENGTH): Bitstring {
  if (!Number.isInteger(length) || length < MIN_STATUS_LIST_LENGTH || length % 8 !== 0) {
    throw new TypeError(
      `A status list must have a length that is a multiple of 8 and at least ${MIN_STATUS_LIST_LENGTH}, got ${length}`,
    );
  }
  return { length, bytes: new Uint8Array(length / 8) };
}

function position(bits: Bitstring, index: number): { byte: number; mask: number } {
  if (!Number.isInteger(index) || index < 0 || index >= bits.length) {
    throw new TypeError(`Status index ${index} is outside the list (0..${bits.length - 1})`);
  }
  return { byte: index >> 3, mask: 0x80 >> (index & 7) };
}

/**
 * Sets or clears the bit at `index` (in place).
 *
 * @throws TypeError for an index outside the list.
 */
export function setBit(bits: Bitstring, index: number, value: boolean): void {
  const { byte, mask } = position(bits, index);
  if (value) bits.bytes[byte] |= mask;
  else bits.bytes[byte] &= ~mask;
}

/**
 * Reads the bit at `index`.
 *
 * @throws TypeError for an index outside the list.
 */
export function getBit(bits: Bitstring, index: number): boolean {
  const { byte, mask } = position(bits, index);
  return (bits.bytes[byte] & mask) !== 0;
}

/**
 * Encodes a bitstring as the spec's `encodedList`: GZIP, then multibase base64url (no padding)
 * with the `u` prefix.
 */
export async function encodeList(bits: Bitstring): Promise<string> {
  const compressed = await gzipAsync(bits.bytes);
  return `u${compressed.toString('base64url')}`;
}

/**
 * Decodes an `encodedList` back into a bitstring.
 *
 * @throws Error when the value is not multibase base64url of a GZIP stream, or decompresses to
 *   more than 16 Mbit or to fewer than 131,072 bits.
 */
export async function decodeList(encodedList: string): Promise<Bitstring> {
  if (typeof encodedList !== 'string' || !/^u[A-Za-z0-9_-]+$/.test(encodedList)) {
    throw new Error('encodedList must be multibase base64url ("u" prefix)');
  }
  return gunzipBits(encodedList.slice(1));
}

/**
 * Decodes a StatusList2021 `encodedList`: GZIP, then base64url with no multibase prefix.
 *
 * @throws Error as {@link decodeList} does.
 */
export async function decodeStatusList2021(encodedList: string): Promise<Bitstring> {
  if (typeof encodedList !== 'string' || !/^[A-Za-z0-9_-]+$/.test(encodedList)) {
    throw new Error('encodedList must be base64url');
  }
  return gunzipBits(encodedList);
}

async function gunzipBits(base64url: string): Promise<Bitstring> {
  let bytes: Buffer;
  try {
    bytes = await gunzipAsync(Buffer.from(base64url, 'base64url'), {
      maxOutputLength: MAX_DECODED_BYTES,
    });
  } catch (error) {
    throw new Error('encodedList is not a GZIP-compressed bitstring', { cause: error });
  }
  if (bytes.length * 8 < MIN_STATUS_LIST_LENGTH) {
    throw new Error(
      `encodedList holds ${bytes.length * 8} bits, fewer than the ${MIN_STATUS_LIST_LENGTH} the spec requires`,
    );
  }
  return { length: bytes.length * 8, bytes: new Uint8Array(bytes) };
}

export interface StatusListCredentialOptions {
  /** The URL the list is published at, e.g. `<PUBLIC_BASE_URL>/status-lists/<id>`. */
  id: string;
  /** The issuer's DID: the same issuer as the credentials that point at the list. */
  issuer: string;
  purpose: StatusPurpose;
  encodedList: string;
  validFrom: Date;
  /** Optional end of validity: verifiers should fetch a fresh list after it. */
  validUntil?: Date;
}

/**
 * Builds an unsigned `BitstringStatusListCredential` (VC Data Model 2.0) for the list; sign it
 * with `issueDataIntegrity` under the issuer's key.
 *
 * @throws TypeError when an option is missing or the purpose is unknown.
 */
export function buildStatusListCredential(options: StatusListCredentialOptions): Credential {
  const { id, issuer, purpose, encodedList, validFrom, validUntil } = options;
  if (typeof id !== 'string' || id === '') throw new TypeError('id is required');
  if (typeof issuer !== 'string' || issuer === '') throw new TypeError('issuer is required');
  assertPurpose(purpose);
  if (typeof encodedList !== 'string' || !encodedList.startsWith('u')) {
    throw new TypeError('encodedList must be multibase base64url ("u" prefix)');
  }
  return {
    '@context': [VC_V2_CONTEXT_URL],
    id,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer,
    validFrom: xsdDateTime(validFrom),
    ...(validUntil ? { validUntil: xsdDateTime(validUntil) } : {}),
    credentialSubject: {
      id: `${id}#list`,
      type: 'BitstringStatusList',
      statusPurpose: purpose,
      encodedList,
    },
  };
}

function assertPurpose(purpose: unknown): asserts purpose is StatusPurpose {
  if (purpose !== 'revocation' && purpose !== 'suspension') {
    throw new TypeError(
      `Status purpose must be "revocation" or "suspension", got "${String(purpose)}"`,
    );
  }
}

/**
 * The `credentialStatus` entry that points a credential at its bit in a list.
 *
 * @throws TypeError for a negative or non-integer index or an unknown purpose.
 */
export function statusEntry(options: {
  listCredentialUrl: string;
  index: number;
  purpose: StatusPurpose;
}): StatusEntry {
  const { listCredentialUrl, index, purpose } = options;
  if (typeof listCredentialUrl !== 'string' || listCredentialUrl.includes('#')) {
    throw new TypeError('listCredentialUrl must be a URL without a fragment');
  }
  if (!Number.isInteger(index) || index < 0) {
    throw new TypeError(`Status index must be a non-negative integer, got ${index}`);
  }
  assertPurpose(purpose);
  return {
    id: `${listCredentialUrl}#${index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: purpose,
    statusListIndex: String(index),
    statusListCredential: listCredentialUrl,
  };
}
