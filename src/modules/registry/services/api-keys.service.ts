import { Injectable, type OnModuleInit } from '@nestjs/common';
import { isUuid } from '../../../common/validation/uuid.js';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  AuthService,
  INVALID_TOKEN_CHALLENGE,
  type PrincipalResolver,
} from '../../../common/auth/auth.service.js';
import type { Principal } from '../../../common/auth/principal.js';
import { sha256Hex } from '../../../common/crypto/index.js';
import { AppError } from '../../../common/errors/app-error.js';
import { AuditService } from '../../audit/audit.service.js';
import { RevisionCache } from '../../audit/revision-cache.js';
import { ApiKey } from '../entities/api-key.entity.js';
import { Issuer } from '../entities/issuer.entity.js';
import { assertIssuerMayAct } from '../issuer-access.js';
import { API_KEY_PREFIX } from '../registry.constants.js';

export interface CreatedApiKey {
  apiKey: ApiKey;
  /** The key itself: shown once, never stored. */
  secret: string;
}

/**
 * Issuer API keys: random 256-bit secrets with a recognisable prefix. Only their SHA-256 is
 * stored (a key of that strength needs no slow hash).
 */
@Injectable()
export class ApiKeysService implements PrincipalResolver, OnModuleInit {
  private readonly principals: RevisionCache<Principal>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
  ) {
    this.principals = new RevisionCache(audit);
  }

  onModuleInit(): void {
    this.auth.register(this);
  }

  async create(issuer: Issuer, label: string | undefined, actor: string): Promise<CreatedApiKey> {
    const secret = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const apiKey = await this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(
        ApiKey,
        manager.create(ApiKey, {
          issuerId: issuer.id,
          displayPrefix: secret.slice(0, API_KEY_PREFIX.length + 6),
          keyHash: sha256Hex(secret),
          label: label ?? null,
          createdAt: new Date(),
          revokedAt: null,
        }),
      );
      await this.audit.append(manager, {
        actor,
        action: 'api_key.created',
        subject: `issuer:${issuer.slug}`,
        data: { apiKeyId: saved.id, displayPrefix: saved.displayPrefix, label: saved.label },
      });
      return saved;
    });
    return { apiKey, secret };
  }

  async list(issuer: Issuer): Promise<ApiKey[]> {
    return this.dataSource
      .getRepository(ApiKey)
      .find({ where: { issuerId: issuer.id }, order: { createdAt: 'ASC' } });
  }

  async revoke(issuer: Issuer, id: string, actor: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const key = isUuid(id)
        ? await manager.findOne(ApiKey, { where: { id, issuerId: issuer.id } })
        : null;
      if (!key) throw new AppError('NOT_FOUND', `Issuer ${issuer.slug} has no such API key.`);
      if (key.revokedAt) throw new AppError('CONFLICT', 'The API key is already revoked.');
      await manager.update(ApiKey, key.id, { revokedAt: new Date() });
      await this.audit.append(manager, {
        actor,
        action: 'api_key.revoked',
        subject: `issuer:${issuer.slug}`,
        data: { apiKeyId: key.id, displayPrefix: key.displayPrefix },
      });
    });
  }

  /** Authenticates an issuer API key; a suspended or closed issuer's keys are refused. */
  async resolve(token: string): Promise<Principal | undefined> {
    if (!token.startsWith(API_KEY_PREFIX)) return undefined;
    const keyHash = sha256Hex(token);
    // Kept per audit revision (keys revoked, issuers suspended: audited); refusals are not kept.
    return { ...(await this.principals.get(keyHash, () => this.lookup(keyHash))) };
  }

  private async lookup(keyHash: string): Promise<Principal> {
    const key = await this.dataSource
      .getRepository(ApiKey)
      .findOne({ where: { keyHash }, relations: { issuer: true } });
    if (!key?.issuer || key.revokedAt) {
      throw new AppError('UNAUTHORIZED', 'The API key is not valid.', {
        headers: { 'WWW-Authenticate': INVALID_TOKEN_CHALLENGE },
      });
    }
    const issuer = key.issuer;
    assertIssuerMayAct(issuer);
    return {
      kind: 'issuer',
      issuerId: issuer.id,
      slug: issuer.slug,
      did: issuer.did,
      apiKeyId: key.id,
    };
  }
}
