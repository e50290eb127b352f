import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError } from '../../../common/errors/app-error.js';
import type { AppConfig } from '../../../config/config.js';
import { InjectConfig } from '../../../config/config.module.js';
import { buildDidDocument, didKeyFromMultibase, type DidDocument } from '../../../vc/did.js';
import {
  masterKeyFromBase64,
  masterKeyRing,
  openSecret,
  sealSecret,
  type MasterKey,
} from '../../../common/crypto/index.js';
import {
  clearSigningKeyCache,
  generateIssuerKey,
  type IssuerKeyMaterial,
  type SignerKey,
} from '../../../vc/keys.js';
import { AuditService } from '../../audit/audit.service.js';
import { RevisionCache } from '../../audit/revision-cache.js';
import { IssuerKey } from '../entities/issuer-key.entity.js';
import { Issuer } from '../entities/issuer.entity.js';

export interface MarkCompromisedInput {
  reason: string;
  /** When the key is believed to have been exposed; defaults to now. */
  since?: Date;
}

type SealedSigningKey = Pick<IssuerKey, 'verificationMethodId' | 'publicKeyMultibase'> & {
  sealedSecretKey: string;
};

/** Issuers' signing keys: creation, rotation, compromise, and the DID documents built from them. */
@Injectable()
export class IssuerKeysService {
  private readonly master: MasterKey;
  private readonly masterKeys: ReadonlyMap<string, Buffer>;
  // Active keys' rows, sealed; opened at each use.
  private readonly activeKeys: RevisionCache<SealedSigningKey>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectConfig() config: AppConfig,
    private readonly audit: AuditService,
  ) {
    this.master = masterKeyFromBase64(config.secrets.KEY_ENCRYPTION_KEY);
    this.masterKeys = masterKeyRing(this.master);
    this.activeKeys = new RevisionCache(audit);
  }

  /**
   * Generates a new active key for a registry-managed issuer (or takes `material`, made by the
   * caller); the previous one is retired. A hosted did:key issuer gets the new key's did:key as
   * its DID; the retired keys keep the DIDs they belong to.
   */
  async addManagedKey(
    manager: EntityManager,
    issuer: Issuer,
    actor: string,
    material?: IssuerKeyMaterial,
  ): Promise<IssuerKey> {
    const existing = await manager.find(IssuerKey, { where: { issuerId: issuer.id } });
    const fresh = material ?? (await generateIssuerKey());
    const hostedDidKey = issuer.did.startsWith('did:key:');
    const did = hostedDidKey ? didKeyFromMultibase(fresh.publicKeyMultibase) : issuer.did;
    // A did:key names its one key by the key itself; a did:web numbers its keys.
    const keyId = hostedDidKey ? fresh.publicKeyMultibase : `key-${existing.length + 1}`;
    const verificationMethodId = `${did}#${keyId}`;
    const now = new Date();
    if (did !== issuer.did) {
      await manager.update(Issuer, issuer.id, { did });
      issuer.did = did;
    }
    for (const key of existing.filter((k) => k.status === 'ACTIVE')) {
      await manager.update(IssuerKey, key.id, { status: 'RETIRED', retiredAt: now });
    }
    const key = await manager.save(
      IssuerKey,
      manager.create(IssuerKey, {
        issuerId: issuer.id,
        did,
        keyId,
        verificationMethodId,
        publicKeyMultibase: fresh.publicKeyMultibase,
        sealedSecretKey: sealSecret(fresh.secretKeyMultibase, this.master, verificationMethodId),
        status: 'ACTIVE',
        createdAt: now,
      }),
    );
    await this.audit.append(manager, {
      actor,
      action: existing.length === 0 ? 'key.created' : 'key.rotated',
      subject: `issuer:${issuer.slug}`,
      data: { did, keyId, verificationMethodId, publicKeyMultibase: fresh.publicKeyMultibase },
    });
    return key;
  }

  /** Records the public key of an issuer whose private key lives elsewhere (did:key). */
  async addExternalKey(
    manager: EntityManager,
    issuer: Issuer,
    publicKeyMultibase: string,
    actor: string,
  ): Promise<IssuerKey> {
    const verificationMethodId = `${issuer.did}#${publicKeyMultibase}`;
    const key = await manager.save(
      IssuerKey,
      manager.create(IssuerKey, {
        issuerId: issuer.id,
        did: issuer.did,
        keyId: publicKeyMultibase,
        verificationMethodId,
        publicKeyMultibase,
        sealedSecretKey: null,
        status: 'ACTIVE',
        createdAt: new Date(),
      }),
    );
    await this.audit.append(manager, {
      actor,
      action: 'key.registered',
      subject: `issuer:${issuer.slug}`,
      data: { verificationMethodId, publicKeyMultibase },
    });
    return key;
  }

  async rotate(issuer: Issuer, actor: string): Promise<IssuerKey> {
    if (!issuer.managedKeys) {
      throw new AppError('KEY_NOT_MANAGED', `${issuer.slug} holds its own keys (${issuer.did}).`);
    }
    return this.dataSource.transaction((manager) => this.addManagedKey(manager, issuer, actor));
  }

  /**
   * Removes a key from the DID document for good. If it was the active key, a new one is made so
   * the issuer can keep issuing.
   */
  async markCompromised(
    issuer: Issuer,
    keyId: string,
    input: MarkCompromisedInput,
    actor: string,
  ): Promise<IssuerKey> {
    const result = await this.dataSource.transaction(async (manager) => {
      const key = await manager.findOne(IssuerKey, { where: { issuerId: issuer.id, keyId } });
      if (!key) throw new AppError('NOT_FOUND', `Issuer ${issuer.slug} has no such key.`);
      if (key.status === 'COMPROMISED') {
        throw new AppError('INVALID_STATUS_TRANSITION', 'The key is already compromised.');
      }
      const wasActive = key.status === 'ACTIVE';
      const compromisedAt = input.since ?? new Date();
      await manager.update(IssuerKey, key.id, {
        status: 'COMPROMISED',
        compromisedAt,
        compromiseReason: input.reason,
      });
      await this.audit.append(manager, {
        actor,
        action: 'key.compromised',
        subject: `issuer:${issuer.slug}`,
        data: { keyId, compromisedAt: compromisedAt.toISOString(), reason: input.reason },
      });
      if (wasActive && issuer.managedKeys) await this.addManagedKey(manager, issuer, actor);
      return manager.findOneOrFail(IssuerKey, { where: { id: key.id } });
    });
    clearSigningKeyCache();
    return result;
  }

  async keysOf(issuerIds: string[]): Promise<IssuerKey[]> {
    if (issuerIds.length === 0) return [];
    return this.dataSource
      .getRepository(IssuerKey)
      .createQueryBuilder('key')
      .where('key.issuer_id IN (:...issuerIds)', { issuerIds })
      .orderBy('key.created_at', 'ASC')
      .getMany();
  }

  /** The DID document: every key of the current DID that is not compromised, oldest first. */
  async didDocument(issuer: Issuer): Promise<DidDocument> {
    // A hosted did:key issuer's earlier keys belong to its earlier DIDs, not to this document.
    const keys = (await this.keysOf([issuer.id])).filter(
      (key) => key.status !== 'COMPROMISED' && key.did === issuer.did,
    );
    return buildDidDocument(
      issuer.did,
      keys.map((key) => ({
        id: key.verificationMethodId,
        publicKeyMultibase: key.publicKeyMultibase,
      })),
    );
  }

  /**
   * The issuer's active key, unsealed, for signing. Never leaves the process. Its sealed row is
   * kept per audit revision (every key change is audited).
   */
  async signingKey(issuerId: string): Promise<SignerKey> {
    const key = await this.activeKeys.get(issuerId, async () => {
      const row = await this.dataSource
        .getRepository(IssuerKey)
        .createQueryBuilder('key')
        .addSelect('key.sealedSecretKey')
        .where('key.issuer_id = :issuerId AND key.status = :status', {
          issuerId,
          status: 'ACTIVE',
        })
        .getOne();
      if (!row?.sealedSecretKey) {
        throw new AppError('KEY_NOT_MANAGED', 'The registry holds no signing key for this issuer.');
      }
      const { verificationMethodId, publicKeyMultibase, sealedSecretKey } = row;
      return { verificationMethodId, publicKeyMultibase, sealedSecretKey };
    });
    return this.unsealed(key, key.sealedSecretKey);
  }

  /**
   * The key to sign for one of the issuer's DIDs (a hosted did:key changes at each rotation):
   * the newest key of that DID that the registry holds and that is not compromised, the active
   * one first; undefined when there is none. Never leaves the process.
   */
  async signingKeyOfDid(issuerId: string, did: string): Promise<SignerKey | undefined> {
    const [key] = await this.dataSource.query<
      { verification_method_id: string; public_key_multibase: string; sealed: string }[]
    >(
      `SELECT verification_method_id, public_key_multibase, sealed_secret_key AS sealed
       FROM issuer_key
       WHERE issuer_id = $1 AND did = $2 AND status <> 'COMPROMISED'
         AND sealed_secret_key IS NOT NULL
       ORDER BY status = 'ACTIVE' DESC, created_at DESC
       LIMIT 1`,
      [issuerId, did],
    );
    if (!key) return undefined;
    return this.unsealed(
      {
        verificationMethodId: key.verification_method_id,
        publicKeyMultibase: key.public_key_multibase,
      },
      key.sealed,
    );
  }

  private unsealed(
    key: Pick<IssuerKey, 'verificationMethodId' | 'publicKeyMultibase'>,
    sealedSecretKey: string,
  ): SignerKey {
    return {
      verificationMethodId: key.verificationMethodId,
      publicKeyMultibase: key.publicKeyMultibase,
      secretKeyMultibase: openSecret(sealedSecretKey, this.masterKeys, key.verificationMethodId),
    };
  }
}
