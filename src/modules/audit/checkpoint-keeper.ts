import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { PINNED_CONTEXTS } from '../../vc/document-loader.js';

/**
 * What an outside party runs to keep the registry's audit checkpoints (decision 0006): it reads
 * `GET /audit/checkpoints`, checks each new checkpoint's signature, and compares what is published
 * now with the copies it kept. Framework-free: fetching and signature checking come in as
 * functions, so the same code runs in the CLI (`keep-checkpoints-cli.ts`) and in tests.
 */

export interface KeptCheckpoint {
  id: string;
  seq: string;
  hash: string;
  at: string;
  credential: Record<string, unknown>;
}

/** The file an outside party keeps: the registry's DID, its key, and every checkpoint seen. */
export interface KeptFile {
  issuer?: string;
  publicKeyMultibase?: string;
  checkpoints: KeptCheckpoint[];
}

export interface KeeperOptions {
  kept: KeptFile;
  /** GETs a path of the registry (e.g. `/audit/checkpoints?limit=500`) and parses its JSON. */
  fetchJson: (path: string) => Promise<unknown>;
  /** Whether a credential's proof verifies against the registry's DID document given. */
  verifyCredential: (credential: Record<string, unknown>, didDocument: unknown) => Promise<boolean>;
}

export interface KeeperReport {
  /** The file to keep from now on: the kept checkpoints plus the new ones that verified. */
  kept: KeptFile;
  added: number;
  /** Each a sign of a rewrite, a deleted tail or a forged checkpoint; empty when all is well. */
  problems: string[];
}

interface PublishedPage {
  issuer: string;
  items: KeptCheckpoint[];
  next: string | null;
}

const PAGE = 500;

function subjectOf(credential: Record<string, unknown>): Record<string, unknown> {
  const subject = credential.credentialSubject;
  return typeof subject === 'object' && subject !== null
    ? (subject as Record<string, unknown>)
    : {};
}

function keyOf(didDocument: unknown): string | undefined {
  const methods = (didDocument as { verificationMethod?: { publicKeyMultibase?: string }[] })
    ?.verificationMethod;
  return Array.isArray(methods) ? methods.map((m) => m.publicKeyMultibase).join(' ') : undefined;
}

/** Compares the published checkpoints with the kept ones and keeps the new ones that verify. */
export async function keepCheckpoints(options: KeeperOptions): Promise<KeeperReport> {
  const { kept, fetchJson, verifyCredential } = options;
  const problems: string[] = [];
  const published: KeptCheckpoint[] = [];
  let issuer: string | undefined;
  let before: string | null = null;
  do {
    const query: string = before === null ? '' : `&before=${before}`;
    const page = (await fetchJson(`/audit/checkpoints?limit=${PAGE}${query}`)) as PublishedPage;
    issuer = page.issuer;
    published.push(...page.items);
    before = page.next;
  } while (before !== null);
  if (kept.issuer !== undefined && issuer !== kept.issuer) {
    problems.push(`The checkpoints are now signed by ${issuer}, not ${kept.issuer}.`);
  }
  const didDocument = await fetchJson('/registry/did.json');
  const key = keyOf(didDocument);
  if (kept.publicKeyMultibase !== undefined && key !== kept.publicKeyMultibase) {
    problems.push(`The registry's key changed from ${kept.publicKeyMultibase} to ${key}.`);
  }

  const byId = new Map(published.map((checkpoint) => [checkpoint.id, checkpoint]));
  for (const copy of kept.checkpoints) {
    const now = byId.get(copy.id);
    if (!now) {
      problems.push(`Checkpoint ${copy.id} (entry ${copy.seq}) is no longer published.`);
    } else if (now.seq !== copy.seq || now.hash !== copy.hash) {
      problems.push(
        `Checkpoint ${copy.id} said entry ${copy.seq} had hash ${copy.hash}; it now says entry ${now.seq}, ${now.hash}.`,
      );
    }
  }

  const newestKept = kept.checkpoints.reduce(
    (max, c) => (BigInt(c.id) > max ? BigInt(c.id) : max),
    0n,
  );
  const fresh = published
    .filter((checkpoint) => BigInt(checkpoint.id) > newestKept)
    .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  const added: KeptCheckpoint[] = [];
  for (const checkpoint of fresh) {
    const subject = subjectOf(checkpoint.credential);
    const matches =
      checkpoint.credential.issuer === issuer &&
      subject.sequence === checkpoint.seq &&
      subject.hash === checkpoint.hash;
    if (!matches || !(await verifyCredential(checkpoint.credential, didDocument))) {
      problems.push(`Checkpoint ${checkpoint.id} is not validly signed by ${issuer}.`);
      continue;
    }
    added.push(checkpoint);
  }

  // The chain only grows: a later checkpoint never covers fewer entries, nor names another hash
  // for an entry an earlier one covered.
  const all = [...kept.checkpoints, ...added];
  const hashAt = new Map<string, { id: string; hash: string }>();
  let highest: KeptCheckpoint | undefined;
  for (const checkpoint of all) {
    if (highest && BigInt(checkpoint.seq) < BigInt(highest.seq)) {
      problems.push(
        `Checkpoint ${checkpoint.id} covers entries up to ${checkpoint.seq}, fewer than checkpoint ${highest.id} (${highest.seq}): entries were deleted.`,
      );
    } else {
      highest = checkpoint;
    }
    const earlier = hashAt.get(checkpoint.seq);
    if (earlier && earlier.hash !== checkpoint.hash) {
      problems.push(
        `Checkpoints ${earlier.id} and ${checkpoint.id} name different hashes for entry ${checkpoint.seq}: the chain was rewritten.`,
      );
    }
    hashAt.set(checkpoint.seq, { id: checkpoint.id, hash: checkpoint.hash });
  }

  return {
    kept: { issuer, publicKeyMultibase: kept.publicKeyMultibase ?? key, checkpoints: all },
    added: added.length,
    problems,
  };
}

/**
 * Verifies a checkpoint credential (Data Integrity, eddsa-rdfc-2022) with @digitalbazaar/vc, the
 * pinned VC contexts and the registry's DID document as fetched: nothing else is loaded.
 */
export async function verifyCheckpointCredential(
  credential: Record<string, unknown>,
  didDocument: unknown,
): Promise<boolean> {
  const document = didDocument as Record<string, unknown> & {
    id: string;
    verificationMethod: { id: string }[];
  };
  const documentLoader = (url: string) => {
    const context = PINNED_CONTEXTS.get(url);
    if (context) return Promise.resolve({ contextUrl: null, documentUrl: url, document: context });
    const [did] = url.split('#');
    if (did !== document.id) return Promise.reject(new Error(`${url} is not the registry's`));
    const method = document.verificationMethod.find((m) => m.id === url);
    return Promise.resolve({
      contextUrl: null,
      documentUrl: url,
      document: method ? { '@context': document['@context'], ...method } : document,
    });
  };
  const result = await vc.verifyCredential({
    credential: structuredClone(credential),
    suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
    documentLoader,
  });
  return result.verified;
}
