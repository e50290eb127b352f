import type { StatusEntry } from './issue.js';
import { decodeList, decodeStatusList2021, getBit } from './status-list.js';
import { asArray, isRecord } from './verify-checks.js';
import type { VerificationResult } from './verify.js';

// Reading a status bit from a status list credential that is not ours (fetched when network
// resolution is on): BitstringStatusList (VC Data Model 2.0) or StatusList2021 (VC 1.1).

const KINDS: Record<string, { credential: string; subject: string; decode: typeof decodeList }> = {
  BitstringStatusListEntry: {
    credential: 'BitstringStatusListCredential',
    subject: 'BitstringStatusList',
    decode: decodeList,
  },
  StatusList2021Entry: {
    credential: 'StatusList2021Credential',
    subject: 'StatusList2021',
    decode: decodeStatusList2021,
  },
};

/** The status entry types whose lists can be read. */
export const STATUS_ENTRY_TYPES: readonly string[] = Object.keys(KINDS);

/**
 * The bit a status entry points at, in a status list credential already verified (`list`, the
 * outcome of `verifyCredential` on it). The list must have verified, be published at the entry's
 * URL (its `id`, when it has one), be by the credential's issuer, be of the entry's kind and
 * purpose, and hold the index.
 *
 * @throws Error naming what is wrong, when the bit cannot be read.
 */
export async function statusBitFromList(options: {
  entry: StatusEntry;
  credentialIssuer: string | undefined;
  list: VerificationResult;
}): Promise<boolean> {
  const { entry, credentialIssuer, list } = options;
  const url = entry.statusListCredential;
  const kind = KINDS[entry.type as string];
  if (!kind) throw new Error(`${String(entry.type)} status entries cannot be read`);
  if (!list.verified || !list.credential) {
    const failed = list.checks.filter((check) => check.status === 'failed');
    throw new Error(
      `the status list credential ${url} did not verify: ${failed.map((check) => `${check.code}: ${check.message}`).join('; ')}`,
    );
  }
  const credential = list.credential;
  if (credential.id !== undefined && credential.id !== url) {
    throw new Error(
      `the status list credential at ${url} names itself ${JSON.stringify(credential.id)}`,
    );
  }
  if (list.issuer === undefined || list.issuer !== credentialIssuer) {
    throw new Error(
      `the status list credential ${url} is issued by ${String(list.issuer)}, not by the credential's issuer`,
    );
  }
  const subject = credential.credentialSubject;
  if (
    !asArray(credential.type).includes(kind.credential) ||
    !isRecord(subject) ||
    subject.type !== kind.subject
  ) {
    throw new Error(`${url} is not a ${kind.credential}, as a ${String(entry.type)} requires`);
  }
  if (!asArray(subject.statusPurpose).includes(entry.statusPurpose)) {
    throw new Error(`${url} is not a ${entry.statusPurpose} list`);
  }
  if (typeof entry.statusListIndex !== 'string' || !/^(0|[1-9]\d*)$/.test(entry.statusListIndex)) {
    throw new Error(`the status index ${JSON.stringify(entry.statusListIndex)} is not an integer`);
  }
  const bits = await kind.decode(subject.encodedList as string);
  return getBit(bits, Number(entry.statusListIndex));
}
