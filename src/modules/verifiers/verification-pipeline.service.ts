import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { AppError } from '../../common/errors/app-error.js';
import { TaskDeadlineExceededError } from '../../common/thread-pool/thread-pool.js';
import { didWebDocumentUrl } from '../../vc/did.js';
import { findPresentedLimitViolation } from '../../vc/document-limits.js';
import { statusBitFromList } from '../../vc/foreign-status.js';
import type { Credential, StatusEntry } from '../../vc/issue.js';
import { asArray, isRecord } from '../../vc/verify-checks.js';
import type { PresentationProofResult } from '../../vc/verify-presentation.js';
import {
  presentationJwtKid,
  type PresentationJwtResult,
} from '../../vc/verify-presentation-jwt.js';
import type { ProofOutcome } from '../../vc/verify-proof-set.js';
import { statusCheck } from '../../vc/verify-checks.js';
import { createVerifyPool, type VerifyPool } from '../../vc/verify-pool.js';
import {
  overallStatus,
  type Check,
  type CredentialStatus,
  type VerificationResult,
} from '../../vc/verify.js';
import { claimOf, standardRefsOf } from '../credentials/credential-claims.js';
import {
  SCHEMAS_DIR,
  VcEnvironmentService,
} from '../credentials/services/vc-environment.service.js';
import { MetricsService } from '../health/metrics.service.js';
import { ReferenceService } from '../reference/reference.service.js';
import type { Issuer } from '../registry/services/issuers.service.js';
import { readCertification } from '../../vc/open-badges.js';
import { AccreditationsService } from '../registry/services/accreditations.service.js';
import { summarise, type CredentialSummary } from './credential-summary.js';
import { CachedVerificationReads } from './cached-verification-reads.js';

export interface PipelineResult {
  verified: boolean;
  status: CredentialStatus;
  checks: Check[];
  credential?: Credential;
  /** Each Data Integrity proof with its outcome. */
  proofs?: ProofOutcome[];
  issuer: Issuer | null;
  summary: CredentialSummary;
}

/** The accreditation check's code for a credential issued under the `OPEN` profile. */
export const OUTSIDE_ACCREDITATION = 'OUTSIDE_ACCREDITATION';

/** The checks of the trust registry (policy), as opposed to the cryptographic ones. */
export const REGISTRY_CHECKS: readonly string[] = ['issuer', 'key', 'accreditation'];

/**
 * With network resolution on, the most foreign documents one verification fetches: DIDs that are
 * not ours, and status lists. A document naming more is not chased further (a credential or
 * presentation cannot make us fetch hundreds of URLs).
 */
export const MAX_FOREIGN_FETCHES = 4;

// Clock skew tolerated between a key's publication and a proof made with it.
const KEY_SKEW_MS = 5 * 60 * 1000;

function verificationMethodOf(presented: unknown, result: VerificationResult): string | undefined {
  if (result.verificationMethod) return result.verificationMethod;
  if (typeof presented === 'string' && result.format === 'jwt') {
    try {
      return decodeProtectedHeader(presented).kid;
    } catch {
      return undefined;
    }
  }
  // A proof, or a set of them (an Open Badge's proof is a one-element array).
  const [proof] = asArray(result.credential?.proof) as { verificationMethod?: unknown }[];
  return typeof proof?.verificationMethod === 'string' ? proof.verificationMethod : undefined;
}

/** The issuer a presented credential names (object, JSON text or VC-JWT), if readable. */
function issuerIdOf(presented: unknown): string | undefined {
  let credential: unknown = presented;
  try {
    if (typeof presented === 'string') {
      credential = presented.trim().startsWith('{') ? JSON.parse(presented) : decodeJwt(presented);
    }
  } catch {
    return undefined;
  }
  const issuer = (credential as { issuer?: unknown } | null)?.issuer;
  if (typeof issuer === 'string') return issuer;
  const id = (issuer as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : undefined;
}

function proofCreated(result: VerificationResult): Date | undefined {
  const [proof] = asArray(result.credential?.proof) as { created?: unknown }[];
  const created = typeof proof?.created === 'string' ? proof.created : result.credential?.validFrom;
  const date = typeof created === 'string' ? new Date(created) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

/**
 * Adds why a DID could not be resolved (not hosted here and resolution off, or the fetch failed)
 * to the checks and proofs that found its key unavailable.
 */
function explainUnavailable<T extends { checks: Check[]; proofs?: ProofOutcome[] }>(
  result: T,
  notes: string[],
): T {
  if (notes.length === 0) return result;
  for (const item of [...result.checks, ...(result.proofs ?? [])]) {
    if (item.code === 'VERIFICATION_METHOD_UNAVAILABLE') item.message += ` (${notes.join('; ')})`;
  }
  return result;
}

/**
 * Refuses, before any JSON-LD work, a document that breaks the limits of `vc/document-limits.ts`
 * (too deep, too wide, too large): 400 DOCUMENT_LIMIT_EXCEEDED naming the limit and where.
 */
export function assertWithinLimits(presented: unknown, what = 'credential'): void {
  const violation = findPresentedLimitViolation(presented);
  if (!violation) return;
  throw new AppError(
    'DOCUMENT_LIMIT_EXCEEDED',
    `The ${what} breaks the limit ${violation.limit}: ${violation.message}, at ${violation.path}.`,
    { extensions: { limit: violation.limit, path: violation.path } },
  );
}

/**
 * The verification pipeline: the framework-free core (structure, proof, validity, status, schema)
 * fed with our own documents and status bits, then the registry's checks — issuer in the trust
 * list, accredited at the issuance date, signing key neither compromised nor published after.
 */
@Injectable()
export class VerificationPipelineService implements OnModuleDestroy {
  private readonly pool: VerifyPool;

  constructor(
    private readonly env: VcEnvironmentService,
    private readonly reads: CachedVerificationReads,
    private readonly accreditations: AccreditationsService,
    // Standards are kept per facts revision by the reference module itself.
    private readonly reference: ReferenceService,
    metrics: MetricsService,
  ) {
    this.pool = createVerifyPool({
      ourContextUrl: env.contextUrl,
      ourContext: env.ourContext,
      schemasDir: SCHEMAS_DIR,
    });
    metrics.observePool('verification', () => this.pool.stats());
  }

  onModuleDestroy(): Promise<void> {
    return this.pool.close();
  }

  /** Our issuer's DID document, when the credential names one of ours. */
  private documentsFor(presented: unknown, notes?: string[]): Promise<Record<string, object>> {
    return this.hostedDocuments([issuerIdOf(presented)], notes);
  }

  /**
   * The DID documents of these DIDs that we host; with network resolution on, other did:web
   * DIDs too, fetched (https, deadline, size cap, cached briefly). A DID that cannot be resolved
   * is left out: the proof check reports its key as unavailable.
   */
  private async hostedDocuments(
    dids: (string | undefined)[],
    notes: string[] = [],
  ): Promise<Record<string, object>> {
    const documents: Record<string, object> = {};
    let foreign = 0;
    for (const did of new Set(dids)) {
      if (!did?.startsWith('did:web:')) continue;
      try {
        documents[did] = await this.reads.hostedDidDocument(did);
      } catch {
        if (this.env.networkFetcher && ++foreign > MAX_FOREIGN_FETCHES) {
          notes.push(`${did}: more than ${MAX_FOREIGN_FETCHES} foreign DIDs, not resolved`);
          continue;
        }
        try {
          documents[did] = await this.resolveForeignDid(did);
        } catch (error) {
          notes.push(error instanceof Error ? error.message : String(error));
        }
      }
    }
    return documents;
  }

  /**
   * A did:web DID document fetched from its host, when network resolution is on.
   *
   * @throws Error saying why not (resolution off, the fetch refused or failed, not the DID's own).
   */
  private async resolveForeignDid(did: string): Promise<object> {
    const fetcher = this.env.networkFetcher;
    if (!fetcher) {
      throw new Error(
        `${did} is not hosted here and network resolution is off (VERIFY_NETWORK_RESOLUTION)`,
      );
    }
    const document = await fetcher(didWebDocumentUrl(did));
    assertWithinLimits(document, 'DID document');
    // did:web: the document served must be the DID's own.
    if (document.id !== did)
      throw new Error(`${didWebDocumentUrl(did)} is not the document of ${did}`);
    return document;
  }

  /**
   * Verifies a presentation's own proof(s) in the pool, against the holder's key: a did:key
   * offline, a DID we host from here. Its credentials are verified one by one with `verify`.
   */
  async verifyPresentationProof(
    presentation: Record<string, unknown>,
    expected: { challenge?: string; domain?: string },
  ): Promise<PresentationProofResult> {
    const dids = asArray(presentation.proof).map((proof) =>
      isRecord(proof) && typeof proof.verificationMethod === 'string'
        ? proof.verificationMethod.split('#')[0]
        : undefined,
    );
    const notes: string[] = [];
    const documents = await this.hostedDocuments(dids, notes);
    const result = await this.runInPool(() =>
      this.pool.verifyPresentationProof({ presentation, ...expected, documents }),
    );
    return explainUnavailable(result, notes);
  }

  /**
   * Verifies a JWT-secured presentation (vp+jwt) in the pool, against the holder's key found as
   * for {@link verifyPresentationProof}. Its credentials are verified one by one with `verify`.
   */
  async verifyPresentationJwt(
    jwt: string,
    expected: { challenge?: string; domain?: string },
    now = new Date(),
  ): Promise<PresentationJwtResult> {
    const notes: string[] = [];
    const documents = await this.hostedDocuments([presentationJwtKid(jwt)?.split('#')[0]], notes);
    const result = await this.runInPool(() =>
      this.pool.verifyPresentationJwt({ presentationJwt: jwt, ...expected, now, documents }),
    );
    return explainUnavailable(result, notes);
  }

  /**
   * @throws AppError DOCUMENT_LIMIT_EXCEEDED (400) for a document outside the limits, checked
   *   here before the worker sees it; VERIFICATION_TIMEOUT (503) past the pool's deadline.
   */
  async verify(presented: unknown, now = new Date()): Promise<PipelineResult> {
    assertWithinLimits(presented);
    // The signature and JSON-LD work runs in a worker; documents and status bits come from here.
    const notes: string[] = [];
    const documents = await this.documentsFor(presented, notes);
    const result = explainUnavailable(
      await this.runInPool(() => this.pool.verify({ credential: presented, now, documents })),
      notes,
    );
    if (result.credential) {
      const index = result.checks.findIndex((check) => check.code === 'STATUS_NOT_CHECKED');
      if (index >= 0) result.checks[index] = await this.statusCheckOf(result.credential, now);
    }
    const issuer = result.issuer ? await this.reads.issuerOfDid(result.issuer) : null;
    const checks = [...result.checks, ...(await this.registryChecks(presented, result, issuer))];
    const status = overallStatus(checks);
    return {
      verified: status === 'VALID',
      status,
      checks,
      credential: result.credential,
      proofs: result.proofs,
      issuer,
      summary: summarise(result.credential, issuer),
    };
  }

  /**
   * The status bits: our own lists read where they live; a foreign list fetched and verified when
   * network resolution is on, otherwise not fetched — the check is skipped, and says so.
   */
  private async statusCheckOf(credential: Credential, now: Date): Promise<Check> {
    const ours = this.env.statusListUrl('');
    const isOurs = (entry: unknown) =>
      isRecord(entry) &&
      typeof entry.statusListCredential === 'string' &&
      entry.statusListCredential.startsWith(ours);
    const foreign = asArray(credential.credentialStatus).find((entry) => !isOurs(entry));
    if (foreign !== undefined && !this.env.networkFetcher) {
      const url = isRecord(foreign) ? String(foreign.statusListCredential) : 'a status entry';
      return {
        id: 'status',
        status: 'skipped',
        code: 'STATUS_NOT_CHECKED',
        message: `${url} is not a status list of this registry, and foreign status lists are not fetched (VERIFY_NETWORK_RESOLUTION is off): status not checked`,
      };
    }
    const foreignLists = new Set(
      asArray(credential.credentialStatus)
        .filter((entry) => !isOurs(entry))
        .map((entry) => (isRecord(entry) ? entry.statusListCredential : undefined)),
    );
    if (foreignLists.size > MAX_FOREIGN_FETCHES) {
      return {
        id: 'status',
        status: 'failed',
        code: 'STATUS_UNAVAILABLE',
        message: `The credential names ${foreignLists.size} foreign status lists; at most ${MAX_FOREIGN_FETCHES} are fetched`,
      };
    }
    return statusCheck(credential, (entry) =>
      isOurs(entry)
        ? this.reads.statusBit(entry.statusListCredential, Number(entry.statusListIndex))
        : this.foreignStatusBit(entry, credential, now),
    );
  }

  /** A bit of a foreign status list: fetched, verified in the pool, then read. */
  private async foreignStatusBit(
    entry: StatusEntry,
    credential: Credential,
    now: Date,
  ): Promise<boolean> {
    const fetcher = this.env.networkFetcher;
    if (!fetcher || typeof entry.statusListCredential !== 'string') {
      throw new Error('the status list is not ours and cannot be fetched');
    }
    const list = await fetcher(entry.statusListCredential);
    assertWithinLimits(list, 'status list credential');
    const documents = await this.documentsFor(list);
    const result = await this.runInPool(() =>
      this.pool.verify({ credential: list, now, documents }),
    );
    return statusBitFromList({ entry, credentialIssuer: issuerIdOf(credential), list: result });
  }

  private async runInPool<R>(task: () => Promise<R>): Promise<R> {
    try {
      return await task();
    } catch (error) {
      if (error instanceof TaskDeadlineExceededError) {
        throw new AppError('VERIFICATION_TIMEOUT', `${error.message}; try again later.`, {
          cause: error,
          headers: { 'Retry-After': '5' },
        });
      }
      throw error;
    }
  }

  private async registryChecks(
    presented: unknown,
    result: VerificationResult,
    issuer: Issuer | null,
  ): Promise<Check[]> {
    if (!result.credential || !result.issuer) {
      return [
        {
          id: 'issuer',
          status: 'skipped',
          code: 'ISSUER_UNREADABLE',
          message: 'The credential names no issuer that could be read.',
        },
      ];
    }
    if (!issuer) {
      return [
        {
          id: 'issuer',
          status: 'failed',
          code: 'ISSUER_UNKNOWN',
          message: `${result.issuer} is not in the trust list.`,
        },
      ];
    }
    return [
      {
        id: 'issuer',
        status: 'passed',
        code: 'ISSUER_KNOWN',
        message: `${issuer.legalName} (${issuer.country}) is in the trust list.`,
      },
      await this.keyCheck(presented, result, issuer),
      await this.accreditationCheck(result.credential, issuer),
    ];
  }

  private async keyCheck(
    presented: unknown,
    result: VerificationResult,
    issuer: Issuer,
  ): Promise<Check> {
    const vm = verificationMethodOf(presented, result);
    const key = (await this.reads.keysOf(issuer.id)).find((k) => k.verificationMethodId === vm);
    if (!key) {
      return {
        id: 'key',
        status: 'failed',
        code: 'KEY_UNKNOWN',
        message: `${vm ?? 'The signing key'} is not a key of ${issuer.slug}.`,
      };
    }
    if (key.status === 'COMPROMISED') {
      return {
        id: 'key',
        status: 'failed',
        code: 'KEY_COMPROMISED',
        message: `${key.keyId} was declared compromised on ${key.compromisedAt?.toISOString()}.`,
      };
    }
    const created = proofCreated(result);
    if (created && key.createdAt.getTime() > created.getTime() + KEY_SKEW_MS) {
      return {
        id: 'key',
        status: 'failed',
        code: 'KEY_NOT_PUBLISHED_AT_ISSUANCE',
        message: `${key.keyId} was published after the credential was signed.`,
      };
    }
    return {
      id: 'key',
      status: 'passed',
      code: 'KEY_VALID',
      message: `Signed with ${key.keyId}, published and not compromised.`,
    };
  }

  private async accreditationCheck(credential: Credential, issuer: Issuer): Promise<Check> {
    // Issued under the OPEN profile (or, when we hold no record of it, by an OPEN issuer):
    // outside accreditation, whatever its type says.
    const profile = (await this.reads.issuanceProfileOf(credential)) ?? issuer.issuanceProfile;
    if (profile === 'OPEN') {
      return {
        id: 'accreditation',
        status: 'skipped',
        code: OUTSIDE_ACCREDITATION,
        message: `${issuer.slug}${issuer.sandbox ? ' (a sandbox issuer)' : ''} issued this under the open issuance profile, outside accreditation: the registry vouches for who signed it, not for what it certifies.`,
      };
    }
    // An Open Badge we issued is checked as the competency certificate or title it carries.
    const reading = readCertification(credential);
    const issuedAt =
      typeof credential.validFrom === 'string' ? new Date(credential.validFrom) : undefined;
    if (!reading || !issuedAt || Number.isNaN(issuedAt.getTime())) {
      return {
        id: 'accreditation',
        status: 'skipped',
        code: 'NOT_A_REGISTRY_TYPE',
        message: 'Not one of the registry’s credential types.',
      };
    }
    const { type, subject } = reading;
    const standardIds = await Promise.all(
      standardRefsOf(subject).map(
        async ({ code, version }) =>
          (await this.reference.getStandard(code, { version }))?.id ?? code,
      ),
    );
    const decision = await this.accreditations.check(
      issuer.id,
      claimOf(type, subject, issuedAt, standardIds),
    );
    return decision.allowed
      ? {
          id: 'accreditation',
          status: 'passed',
          code: 'ACCREDITED_AT_ISSUANCE',
          message: `${issuer.slug} was accredited for this on ${issuedAt.toISOString().slice(0, 10)}.`,
        }
      : {
          id: 'accreditation',
          status: 'failed',
          code: 'NOT_ACCREDITED_AT_ISSUANCE',
          message: `${issuer.slug} was not accredited for this at issuance: ${decision.reason}.`,
        };
  }
}
