import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { IssuerScope } from '../../../common/auth/scopes.js';
import { sha256Bytes, sha256Hex } from '../../../common/crypto/index.js';
import { AppError } from '../../../common/errors/app-error.js';
import { isUuid } from '../../../common/validation/uuid.js';
import { AuditService } from '../../audit/audit.service.js';
import type { Issuer } from '../entities/issuer.entity.js';
import { OAuthClient } from '../entities/oauth-client.entity.js';
import { OAUTH_CLIENT_ID_PREFIX, OAUTH_CLIENT_SECRET_PREFIX } from '../registry.constants.js';

export interface CreatedOAuthClient {
  client: OAuthClient;
  /** The client secret: shown once, never stored. */
  secret: string;
}

const CLIENT_ID = /^rcc_[A-Za-z0-9_-]{22}$/;

/**
 * The OAuth clients of issuers (RFC 6749 §2): a public `client_id` and a random 256-bit secret of
 * which only the SHA-256 is stored (as for API keys, a secret of that strength needs no slow
 * hash), with the scopes the client may ask for.
 */
@Injectable()
export class OAuthClientsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async create(
    issuer: Issuer,
    input: { label: string | undefined; scopes: IssuerScope[] },
    actor: string,
  ): Promise<CreatedOAuthClient> {
    const clientId = `${OAUTH_CLIENT_ID_PREFIX}${randomBytes(16).toString('base64url')}`;
    const secret = `${OAUTH_CLIENT_SECRET_PREFIX}${randomBytes(32).toString('base64url')}`;
    const scopes = [...new Set(input.scopes)];
    const client = await this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(
        OAuthClient,
        manager.create(OAuthClient, {
          issuerId: issuer.id,
          clientId,
          secretHash: sha256Hex(secret),
          scopes,
          label: input.label ?? null,
          createdAt: new Date(),
          revokedAt: null,
        }),
      );
      await this.audit.append(manager, {
        actor,
        action: 'oauth_client.created',
        subject: `issuer:${issuer.slug}`,
        data: { oauthClientId: saved.id, clientId, scopes, label: saved.label },
      });
      return saved;
    });
    return { client, secret };
  }

  async list(issuer: Issuer): Promise<OAuthClient[]> {
    return this.dataSource
      .getRepository(OAuthClient)
      .find({ where: { issuerId: issuer.id }, order: { createdAt: 'ASC' } });
  }

  async revoke(issuer: Issuer, id: string, actor: string): Promise<OAuthClient> {
    return this.dataSource.transaction(async (manager) => {
      const client = isUuid(id)
        ? await manager.findOne(OAuthClient, { where: { id, issuerId: issuer.id } })
        : null;
      if (!client)
        throw new AppError('NOT_FOUND', `Issuer ${issuer.slug} has no OAuth client ${id}.`);
      if (client.revokedAt)
        throw new AppError('CONFLICT', `OAuth client ${id} is already revoked.`);
      client.revokedAt = new Date();
      await manager.update(OAuthClient, client.id, { revokedAt: client.revokedAt });
      await this.audit.append(manager, {
        actor,
        action: 'oauth_client.revoked',
        subject: `issuer:${issuer.slug}`,
        data: { oauthClientId: client.id, clientId: client.clientId },
      });
      return client;
    });
  }

  /** Whether a `client_id` has our shape: anything else is unknown without a look-up. */
  static isClientId(clientId: string): boolean {
    return CLIENT_ID.test(clientId);
  }

  /** The client, with its issuer, whose secret this is; null for a wrong secret or revoked client. */
  async authenticate(clientId: string, secret: string): Promise<OAuthClient | null> {
    const client = await this.dataSource
      .getRepository(OAuthClient)
      .createQueryBuilder('client')
      .addSelect('client.secretHash')
      .innerJoinAndSelect('client.issuer', 'issuer')
      .where('client.clientId = :clientId', { clientId })
      .getOne();
    if (!client || client.revokedAt) return null;
    // Equal-length digests: the comparison takes the same time whatever the secret.
    const genuine = timingSafeEqual(sha256Bytes(secret), Buffer.from(client.secretHash, 'hex'));
    return genuine ? client : null;
  }

  /** A client that is not revoked, with its issuer. */
  async findActive(clientId: string): Promise<OAuthClient | null> {
    const client = await this.dataSource
      .getRepository(OAuthClient)
      .findOne({ where: { clientId }, relations: { issuer: true } });
    return client && !client.revokedAt ? client : null;
  }
}
