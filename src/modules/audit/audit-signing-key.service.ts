import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  masterKeyFromBase64,
  masterKeyRing,
  openSecret,
  sealSecret,
  type MasterKey,
} from '../../common/crypto/index.js';
import type { AppConfig } from '../../config/config.js';
import { InjectConfig } from '../../config/config.module.js';
import { buildDidDocument, didWeb, type DidDocument } from '../../vc/did.js';
import { generateIssuerKey, type SignerKey } from '../../vc/keys.js';
import { AuditSigningKey } from './audit-signing-key.entity.js';

const KEY_ID = 'key-1';
// The sealed key is bound to its row, not to the DID, so that a new PUBLIC_BASE_URL keeps it.
const SEAL_AAD = `audit_signing_key:${KEY_ID}`;

/**
 * The registry's own DID, `did:web:<host>:registry` (document at `/registry/did.json`), and the
 * key it signs audit checkpoints with. The key is made once, by whichever replica starts first.
 */
@Injectable()
export class AuditSigningKeyService {
  readonly did: string;
  private readonly master: MasterKey;
  private readonly masterKeys: ReadonlyMap<string, Buffer>;
  private signer: SignerKey | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectConfig() config: AppConfig,
  ) {
    this.did = didWeb(config.publicBaseUrl, ['registry']);
    this.master = masterKeyFromBase64(config.secrets.KEY_ENCRYPTION_KEY);
    this.masterKeys = masterKeyRing(this.master);
  }

  get verificationMethodId(): string {
    return `${this.did}#${KEY_ID}`;
  }

  /** Creates the key unless a replica already has; concurrent starts keep the first. */
  async ensureKey(): Promise<void> {
    const material = await generateIssuerKey();
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(AuditSigningKey)
      .values({
        keyId: KEY_ID,
        publicKeyMultibase: material.publicKeyMultibase,
        sealedSecretKey: sealSecret(material.secretKeyMultibase, this.master, SEAL_AAD),
        createdAt: new Date(),
      })
      .orIgnore()
      .execute();
  }

  async didDocument(): Promise<DidDocument> {
    const key = await this.dataSource
      .getRepository(AuditSigningKey)
      .findOneByOrFail({ keyId: KEY_ID });
    return buildDidDocument(this.did, [
      { id: this.verificationMethodId, publicKeyMultibase: key.publicKeyMultibase },
    ]);
  }

  async signerKey(): Promise<SignerKey> {
    if (this.signer) return this.signer;
    const key = await this.dataSource.getRepository(AuditSigningKey).findOneOrFail({
      where: { keyId: KEY_ID },
      select: { keyId: true, publicKeyMultibase: true, sealedSecretKey: true },
    });
    this.signer = {
      verificationMethodId: this.verificationMethodId,
      publicKeyMultibase: key.publicKeyMultibase,
      secretKeyMultibase: openSecret(key.sealedSecretKey, this.masterKeys, SEAL_AAD),
    };
    return this.signer;
  }
}
