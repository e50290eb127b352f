import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { sha256Hex } from '../../common/crypto/index.js';
import { AppError, type FieldError } from '../../common/errors/app-error.js';
import { AuditService } from '../audit/audit.service.js';
import {
  CredentialRecordsService,
  type CredentialRecord,
} from '../credentials/services/credential-records.service.js';
import { VcEnvironmentService } from '../credentials/services/vc-environment.service.js';
import { SharesService } from '../holder-shares/shares.service.js';
import { PURPOSES } from '../recognition/recognition.constants.js';
import { ReferenceService } from '../reference/reference.service.js';
import { VerificationEvent } from './entities/verification-event.entity.js';
import { VerificationEventsWriter } from './verification-events.writer.js';
import { RecognitionBridge, type RecognitionAnswer } from './recognition-bridge.js';
import {
  VerificationPipelineService,
  type PipelineResult,
} from './verification-pipeline.service.js';

export interface VerificationRequest {
  destinationCountry?: string;
  /** The name the caller gave the country by, for its errors: `country` unless told otherwise. */
  countryParameter?: 'country' | 'destinationCountry';
  purpose?: string;
  /** `YYYY-MM-DD`; default today. */
  date?: string;
}

export interface VerificationAnswer {
  pipeline: PipelineResult;
  recognition?: RecognitionAnswer;
}

/** One credential behind a link, with when its current status began (for the page). */
export interface LinkItem extends VerificationAnswer {
  /** When a revoked or suspended credential became so; null for an active one. */
  statusSince: Date | null;
}

/** What a link shows: one credential (verify link) or the credentials a holder shared. */
export interface LinkAnswer {
  items: LinkItem[];
  shareId: string | null;
  /** Until when a holder's share works; null for a permanent verify link. */
  shareExpiresAt: Date | null;
}

interface ResolvedLink {
  records: CredentialRecord[];
  shareId: string | null;
  shareExpiresAt: Date | null;
}

interface CachedLink {
  revision: string;
  answer: LinkAnswer;
  credentialIds: string[];
  expiresAt: number;
}

// Answers kept per replica for credentials (credential, day, country, purpose) and for links
// (token hash, day, country, purpose).
const ANSWER_CACHE_SIZE = 10_000;
const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;

/** Verification for the public: by credential or by link token, with the recognition answer. */
@Injectable()
export class VerificationAnswersService {
  private readonly cache = new Map<string, { revision: string; answer: VerificationAnswer }>();
  private readonly links = new Map<string, CachedLink>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly pipeline: VerificationPipelineService,
    private readonly records: CredentialRecordsService,
    private readonly shares: SharesService,
    private readonly reference: ReferenceService,
    private readonly recognition: RecognitionBridge,
    private readonly env: VcEnvironmentService,
    private readonly audit: AuditService,
    private readonly events: VerificationEventsWriter,
  ) {}

  /**
   * A permanent verify link or a holder's share. Unknown and disabled links get the same 404, so
   * tokens cannot be probed; a share the holder stopped or that expired answers 410.
   */
  async resolveLink(token: string): Promise<ResolvedLink> {
    if (!TOKEN.test(token)) throw new AppError('NOT_FOUND', 'No credential behind this link.');
    const record = await this.records.findByVerifyToken(token);
    if (record) return { records: [record], shareId: null, shareExpiresAt: null };
    const share = await this.shares.resolveToken(token);
    return {
      records: await this.records.findByIds(share.credentialIds),
      shareId: share.shareId,
      shareExpiresAt: share.expiresAt,
    };
  }

  /** A credential someone presents. */
  async verifyPresented(
    presented: unknown,
    request: VerificationRequest,
  ): Promise<VerificationAnswer> {
    await this.assertDestination(request);
    return this.answer(presented, request, this.dateOf(request));
  }

  /**
   * The credentials behind a link; each check is recorded for the holder, without verifier data.
   * A link checked again is answered from memory, without a query, while the revision (see
   * `revision`) and the day are unchanged and a share has not expired.
   */
  async verifyLink(token: string, request: VerificationRequest): Promise<LinkAnswer> {
    const date = this.dateOf(request);
    const key = linkKey(token, date, request);
    // Read before anything is computed: a change meanwhile makes a newer revision, a cache miss.
    const revision = await this.revision();
    const hit = this.hit(key, revision, request);
    if (hit) return hit;
    await this.assertDestination(request);
    const { records, shareId, shareExpiresAt } = await this.resolveLink(token);
    const items: LinkItem[] = [];
    for (const record of records) {
      const answer = await this.cachedAnswer(record, request, date, revision);
      items.push({ ...answer, statusSince: await this.statusSince(record) });
    }
    const answer = { items, shareId, shareExpiresAt };
    const credentialIds = records.map((r) => r.id);
    remember(this.links, key, {
      revision,
      answer,
      credentialIds,
      expiresAt: shareExpiresAt?.getTime() ?? Number.POSITIVE_INFINITY,
    });
    this.recordEvents(credentialIds, answer, request);
    return answer;
  }

  /** When a revoked or suspended credential's current status began: its latest change to it. */
  private async statusSince(record: CredentialRecord): Promise<Date | null> {
    if (record.status === 'ACTIVE') return null;
    const changes = await this.records.history(record.id);
    return changes.findLast((change) => change.toStatus === record.status)?.at ?? null;
  }

  /**
   * The answer of a link checked before, when it is still current and this replica knows the
   * revision without a query; the check is recorded. Otherwise undefined: ask `verifyLink`.
   */
  cachedLink(token: string, request: VerificationRequest): LinkAnswer | undefined {
    const facts = this.audit.knownFactsSeq();
    if (facts === undefined) return undefined;
    return this.hit(linkKey(token, this.dateOf(request), request), `facts:${facts}`, request);
  }

  /**
   * What link and credential answers are kept under. Everything they depend on — a credential's
   * status, a verify link turned off or on, a share created, revoked or erased with its holder, a
   * claim, issuers, keys, accreditations, agreements — changes only with an audited action that
   * moves the facts revision; issuing a credential does not (it changes no existing answer), so
   * the answers survive a steady flow of issuance. While this replica does not know the facts
   * revision without a query, the audit head read from the database, which every audited action
   * moves; the prefixes keep the two apart.
   */
  private async revision(): Promise<string> {
    const facts = this.audit.knownFactsSeq();
    return facts === undefined ? `head:${await this.audit.latestSeq()}` : `facts:${facts}`;
  }

  private hit(key: string, revision: string, request: VerificationRequest): LinkAnswer | undefined {
    const cached = this.links.get(key);
    if (cached?.revision !== revision || Date.now() >= cached.expiresAt) return undefined;
    this.recordEvents(cached.credentialIds, cached.answer, request);
    return cached.answer;
  }

  /** The public verify link of a token. */
  linkFor(token: string): string {
    return this.env.verifyUrl(token);
  }

  /** Countries for the page's selector, in the page's language. */
  async countries(lang: 'es' | 'pt' | 'en'): Promise<{ code: string; name: string }[]> {
    return (await this.reference.listCountries(lang)).map((c) => ({ code: c.code, name: c.name }));
  }

  /**
   * Verification events of these credentials, newest first; with `shareId`, only the checks made
   * through that share. For the holders' view.
   */
  async listEvents(filter: {
    credentialIds: string[];
    shareId?: string;
  }): Promise<VerificationEvent[]> {
    if (filter.credentialIds.length === 0) return [];
    await this.events.flush();
    return this.dataSource.getRepository(VerificationEvent).find({
      where: {
        credentialId: In(filter.credentialIds),
        ...(filter.shareId ? { shareId: filter.shareId } : {}),
      },
      order: { at: 'DESC' },
    });
  }

  private dateOf(request: VerificationRequest): Date {
    return request.date ? new Date(`${request.date}T12:00:00Z`) : new Date();
  }

  private async answer(
    presented: unknown,
    request: VerificationRequest,
    date: Date,
  ): Promise<VerificationAnswer> {
    const pipeline = await this.pipeline.verify(presented, date);
    const recognition = request.destinationCountry
      ? await this.recognition.evaluate(
          pipeline,
          request.destinationCountry,
          request.purpose ?? 'EMPLOYMENT',
          date,
        )
      : undefined;
    return { pipeline, recognition };
  }

  /**
   * A stored credential's answer is reused while nothing it depends on has changed: every change
   * to status lists, issuers, keys, accreditations and agreements is audited by an action that
   * moves the revision (`revision`); the day counts too (validity windows).
   */
  private async cachedAnswer(
    record: CredentialRecord,
    request: VerificationRequest,
    date: Date,
    revision: string,
  ): Promise<VerificationAnswer> {
    const key = [
      record.id,
      date.toISOString().slice(0, 10),
      request.destinationCountry ?? '',
      request.purpose ?? '',
    ].join('|');
    const cached = this.cache.get(key);
    if (cached?.revision === revision) return cached.answer;
    const answer = await this.answer(record.jwt ?? record.document, request, date);
    remember(this.cache, key, { revision, answer });
    return answer;
  }

  private async assertDestination(request: VerificationRequest): Promise<void> {
    const errors: FieldError[] = [];
    if (
      request.destinationCountry &&
      !(await this.reference.countryExists(request.destinationCountry))
    ) {
      errors.push({
        path: request.countryParameter ?? 'country',
        message: `unknown country ${request.destinationCountry}`,
      });
    }
    if (request.purpose && !(PURPOSES as readonly string[]).includes(request.purpose)) {
      errors.push({ path: 'purpose', message: `purpose must be one of ${PURPOSES.join(', ')}` });
    }
    if (errors.length > 0)
      throw new AppError('INVALID_REFERENCE', 'Unknown country or purpose.', { errors });
  }

  private recordEvents(
    credentialIds: string[],
    answer: LinkAnswer,
    request: VerificationRequest,
  ): void {
    const at = new Date();
    credentialIds.forEach((credentialId, i) => {
      const item = answer.items[i];
      this.events.record({
        credentialId,
        shareId: answer.shareId,
        at,
        country: request.destinationCountry ?? null,
        purpose: request.destinationCountry ? (request.purpose ?? 'EMPLOYMENT') : null,
        status: item.pipeline.status,
        outcome: item.recognition?.outcome ?? null,
      });
    });
  }
}

function linkKey(token: string, date: Date, request: VerificationRequest): string {
  return [
    sha256Hex(token),
    date.toISOString().slice(0, 10),
    request.destinationCountry ?? '',
    request.purpose ?? '',
  ].join('|');
}

/** Sets a key of a bounded cache, dropping the oldest entry when full. */
function remember<T>(cache: Map<string, T>, key: string, value: T): void {
  cache.delete(key);
  if (cache.size >= ANSWER_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  cache.set(key, value);
}
