import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { sha256Hex } from '../../common/crypto/index.js';
import { AppError } from '../../common/errors/app-error.js';
import { isUuid } from '../../common/validation/uuid.js';
import type { AppConfig } from '../../config/config.js';
import { InjectConfig } from '../../config/config.module.js';
import { AuditService } from '../audit/audit.service.js';
import { CredentialRecordsService } from '../credentials/services/credential-records.service.js';
import { HolderShareCredential } from './entities/holder-share-credential.entity.js';
import { HolderShare } from './entities/holder-share.entity.js';
import { HolderDocumentsService } from '../holder-identity/holder-documents.service.js';

/** A share may live at most this long. */
export const MAX_SHARE_DAYS = 365;
const DAY_MS = 24 * 60 * 60 * 1000;
const SHARE_TOKEN = /^[A-Za-z0-9_-]{43}$/;

export type ShareStatus = 'ACTIVE' | 'EXPIRED' | 'REVOKED';

export interface ShareView {
  id: string;
  label: string | null;
  credentialIds: string[];
  expiresAt: Date;
  createdAt: Date;
  revokedAt: Date | null;
  status: ShareStatus;
}

export interface CreatedShare extends ShareView {
  /** The link itself; shown this once, only its hash is kept. */
  url: string;
  qrSvgUrl: string;
}

export interface CreateShareInput {
  credentialIds: string[];
  expiresAt: Date;
  label?: string;
}

/** What a share link shows: these credentials, and only these. */
export interface ResolvedShare {
  shareId: string;
  credentialIds: string[];
  expiresAt: Date;
}

function statusOf(share: HolderShare, now = new Date()): ShareStatus {
  if (share.revokedAt) return 'REVOKED';
  return share.expiresAt.getTime() <= now.getTime() ? 'EXPIRED' : 'ACTIVE';
}

function viewOf(share: HolderShare): ShareView {
  return {
    id: share.id,
    label: share.label,
    credentialIds: (share.items ?? []).map((item) => item.credentialId).sort(),
    expiresAt: share.expiresAt,
    createdAt: share.createdAt,
    revokedAt: share.revokedAt,
    status: statusOf(share),
  };
}

/**
 * A holder's expiring, revocable links to some of their credentials, and the resolution of a
 * share link for the verification page. Every method taking a holder id checks ownership: another
 * holder's share, or a credential that is not the holder's, is unknown (404).
 */
@Injectable()
export class SharesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectConfig() private readonly config: AppConfig,
    private readonly records: CredentialRecordsService,
    private readonly documents: HolderDocumentsService,
    private readonly audit: AuditService,
  ) {}

  async create(holderId: string, input: CreateShareInput): Promise<CreatedShare> {
    const now = Date.now();
    const expiresAt = input.expiresAt.getTime();
    if (expiresAt <= now || expiresAt > now + MAX_SHARE_DAYS * DAY_MS) {
      throw new AppError(
        'INVALID_DATE_RANGE',
        'A share must expire in the future, within a year.',
        {
          errors: [{ path: 'expiresAt', message: `must be in the next ${MAX_SHARE_DAYS} days` }],
        },
      );
    }
    const credentialIds = [...new Set(input.credentialIds)];
    const documentIds = await this.documents.documentIdsOf(holderId);
    for (const id of credentialIds) {
      if (!(await this.records.findForHolder(holderId, documentIds, id))) {
        throw new AppError('NOT_FOUND', `No credential ${id}.`);
      }
    }
    const token = randomBytes(32).toString('base64url');
    const share = await this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(
        HolderShare,
        manager.create(HolderShare, {
          holderId,
          tokenHash: sha256Hex(token),
          label: input.label ?? null,
          expiresAt: input.expiresAt,
          revokedAt: null,
        }),
      );
      await manager.insert(
        HolderShareCredential,
        credentialIds.map((credentialId) => ({ shareId: saved.id, credentialId })),
      );
      await this.audit.append(manager, {
        actor: `holder:${holderId}`,
        action: 'holder.share_created',
        subject: `share:${saved.id}`,
        data: { credentialIds, expiresAt: input.expiresAt.toISOString() },
      });
      return this.requireOwn(holderId, saved.id, manager);
    });
    const url = `${this.config.publicBaseUrl}/v/${token}`;
    return { ...viewOf(share), url, qrSvgUrl: `${url}/qr.svg` };
  }

  async list(holderId: string): Promise<ShareView[]> {
    const shares = await this.dataSource.getRepository(HolderShare).find({
      where: { holderId },
      relations: { items: true },
      order: { createdAt: 'DESC', id: 'ASC' },
    });
    return shares.map(viewOf);
  }

  async get(holderId: string, id: string): Promise<ShareView> {
    return viewOf(await this.requireOwn(holderId, id));
  }

  /** Stops a share at once; revoking a revoked share changes nothing. */
  async revoke(holderId: string, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const share = await this.requireOwn(holderId, id, manager);
      if (share.revokedAt) return;
      await manager.update(HolderShare, share.id, { revokedAt: new Date() });
      await this.audit.append(manager, {
        actor: `holder:${holderId}`,
        action: 'holder.share_revoked',
        subject: `share:${share.id}`,
      });
    });
  }

  /** Erasure: every share of the holder stops, and its label goes. */
  async revokeAll(manager: EntityManager, holderId: string): Promise<number> {
    const result = await manager.update(
      HolderShare,
      { holderId, revokedAt: IsNull() },
      { revokedAt: new Date() },
    );
    await manager.update(HolderShare, { holderId }, { label: null });
    return result.affected ?? 0;
  }

  /**
   * The credentials a share link shows. For `/v/<token>` and `POST /verifications`: record the
   * verification events with the returned `shareId`.
   *
   * @throws AppError NOT_FOUND for an unknown token, SHARE_REVOKED (410) once the holder revoked
   *   it, SHARE_EXPIRED (410) once it expired.
   */
  async resolveToken(token: string): Promise<ResolvedShare> {
    const share = SHARE_TOKEN.test(token)
      ? await this.dataSource.getRepository(HolderShare).findOne({
          where: { tokenHash: sha256Hex(token) },
          relations: { items: true },
        })
      : null;
    if (!share) throw new AppError('NOT_FOUND', 'No share behind this link.');
    switch (statusOf(share)) {
      case 'REVOKED':
        throw new AppError('SHARE_REVOKED', 'The holder stopped sharing this link.');
      case 'EXPIRED':
        throw new AppError('SHARE_EXPIRED', 'This shared link has expired.');
      case 'ACTIVE':
        return {
          shareId: share.id,
          credentialIds: viewOf(share).credentialIds,
          expiresAt: share.expiresAt,
        };
    }
  }

  /** The holder's share, with its credentials; another holder's is unknown (404). */
  private async requireOwn(
    holderId: string,
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<HolderShare> {
    const share = isUuid(id)
      ? await manager.findOne(HolderShare, { where: { id, holderId }, relations: { items: true } })
      : null;
    if (!share) throw new AppError('NOT_FOUND', `No share ${id}.`);
    return share;
  }
}
