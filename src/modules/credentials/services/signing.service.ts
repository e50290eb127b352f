import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { InjectLogger } from '../../../common/logging/logging.module.js';
import { buildCredential, VC_V2_CONTEXT_URL, type Credential } from '../../../vc/issue.js';
import type { SignerKey } from '../../../vc/keys.js';
import { MetricsService } from '../../health/metrics.service.js';
import type { CredentialType } from '../../../vc/schemas.js';
import { createSigningPool, type SigningPool } from '../../../vc/signing-pool.js';
import { openBadgeProofSet } from '../../../vc/open-badges.js';
import { statusEntry } from '../../../vc/status-list.js';
import type { StatusSlot } from './status-lists.service.js';
import { VcEnvironmentService } from './vc-environment.service.js';

export interface ComposeInput {
  id: string;
  type: CredentialType;
  issuer: { id: string; name?: string };
  validFrom: Date;
  validUntil?: Date;
  credentialSubject: Record<string, unknown>;
  revocation: StatusSlot;
  suspension: StatusSlot;
}

/** A signed credential as stored: the document, and the compact JWT for the JWT format. */
export interface SignedCredential {
  format: 'di' | 'jwt';
  /** The signed credential (Data Integrity), or the JWT's payload. */
  document: Credential;
  jwt: string | null;
}

/**
 * A signed credential as the VC API answers it: the Data Integrity document, or the VC-JOSE JWT
 * as an `EnvelopedVerifiableCredential` (VC Data Model 2.0 §4.13, VC-JOSE-COSE).
 */
export function securedCredential(signed: {
  document: Credential;
  jwt: string | null;
}): Credential {
  if (signed.jwt === null) return signed.document;
  return {
    '@context': [VC_V2_CONTEXT_URL],
    type: 'EnvelopedVerifiableCredential',
    id: `data:application/vc+jwt,${signed.jwt}`,
  };
}

/**
 * Composes our credentials and signs them in the signing pool (worker threads when the service
 * runs from dist/, inline under Jest; see `createSigningPool`), so that signing does not hold the
 * event loop. The pool closes when the application shuts down, after the batch runner stopped.
 */
@Injectable()
export class SigningService implements OnApplicationShutdown {
  readonly pool: SigningPool;

  constructor(
    private readonly env: VcEnvironmentService,
    @InjectLogger() logger: Logger,
    metrics: MetricsService,
  ) {
    this.pool = createSigningPool({ ourContextUrl: env.contextUrl, ourContext: env.ourContext });
    metrics.observePool('signing', () => this.pool.stats());
    logger.debug({ mode: this.pool.mode, threads: this.pool.size }, 'Signing pool started');
  }

  /** An unsigned credential of ours with its schema and its two status entries. */
  compose(input: ComposeInput): Credential {
    return buildCredential({
      id: `urn:uuid:${input.id}`,
      type: input.type,
      issuer: input.issuer,
      validFrom: input.validFrom,
      validUntil: input.validUntil,
      credentialSubject: input.credentialSubject,
      contextUrl: this.env.contextUrl,
      schemaUrl: this.env.schemaUrl(input.type),
      credentialStatus: this.statusEntries(input.revocation, input.suspension),
    });
  }

  statusEntries(revocation: StatusSlot, suspension: StatusSlot) {
    return [
      statusEntry({
        listCredentialUrl: this.env.statusListUrl(revocation.listId),
        index: revocation.index,
        purpose: 'revocation',
      }),
      statusEntry({
        listCredentialUrl: this.env.statusListUrl(suspension.listId),
        index: suspension.index,
        purpose: 'suspension',
      }),
    ];
  }

  async sign(
    format: 'di' | 'jwt',
    credential: Credential,
    signer: SignerKey,
    now?: Date,
  ): Promise<SignedCredential> {
    if (format === 'jwt') {
      return { format, document: credential, jwt: await this.pool.signJwt(credential, signer) };
    }
    const document = await this.pool.signDataIntegrity(credential, signer, now);
    return { format, document: openBadgeProofSet(document), jwt: null };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.close();
  }
}
