import { Injectable } from '@nestjs/common';
import { isUuid } from '../../../common/validation/uuid.js';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomInt, randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError } from '../../../common/errors/app-error.js';
import { issueDataIntegrity } from '../../../vc/issue.js';
import {
  buildStatusListCredential,
  createBitstring,
  encodeList,
  MIN_STATUS_LIST_LENGTH,
  type StatusPurpose,
} from '../../../vc/status-list.js';
import { IssuerKeysService } from '../../registry/services/issuer-keys.service.js';
import { IssuersService } from '../../registry/services/issuers.service.js';
import { StatusList } from '../entities/status-list.entity.js';
import { VcEnvironmentService } from './vc-environment.service.js';

// A list is left for a new one once this many random probes in a row find taken slots: indexes
// stay random (no ordering leaks issuance order) while the list is still mostly free.
const MAX_PROBES = 12;

export interface StatusSlot {
  listId: string;
  index: number;
}

export interface SignedStatusList {
  credential: Record<string, unknown>;
  etag: string;
}

/** The issuers' Bitstring Status Lists: random slot allocation, bit changes, signed publication. */
@Injectable()
export class StatusListsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly env: VcEnvironmentService,
    private readonly issuers: IssuersService,
    private readonly keys: IssuerKeysService,
  ) {}

  /**
   * A random free index in the issuer's current list for the purpose, inside the caller's
   * transaction. The unique index on (list, index) settles races between transactions.
   */
  async allocate(
    manager: EntityManager,
    issuerId: string,
    purpose: StatusPurpose,
  ): Promise<StatusSlot> {
    const column = purpose === 'revocation' ? 'revocation' : 'suspension';
    for (;;) {
      const list = await this.currentList(manager, issuerId, purpose);
      for (let probe = 0; probe < MAX_PROBES; probe += 1) {
        const index = randomInt(list.length);
        const taken = await manager.query<unknown[]>(
          `SELECT 1 FROM credential WHERE ${column}_list_id = $1 AND ${column}_index = $2`,
          [list.id, index],
        );
        if (taken.length === 0) return { listId: list.id, index };
      }
      await manager.update(StatusList, list.id, { isFull: true });
    }
  }

  /** Sets or clears a credential's bit; the list is re-signed when next fetched. */
  async setBit(manager: EntityManager, slot: StatusSlot, value: boolean): Promise<void> {
    // PostgreSQL numbers bits from the least significant within each byte; the W3C list from the most.
    const pgBit = Math.floor(slot.index / 8) * 8 + (7 - (slot.index % 8));
    await manager.query(
      'UPDATE status_list SET bits = set_bit(bits, $2, $3), version = version + 1 WHERE id = $1',
      [slot.listId, pgBit, value ? 1 : 0],
    );
  }

  /** The signed BitstringStatusListCredential, re-signed if bits changed since the last signature. */
  async published(id: string): Promise<SignedStatusList> {
    const repository = this.dataSource.getRepository(StatusList);
    const list = isUuid(id) ? await repository.findOne({ where: { id } }) : null;
    if (!list) throw new AppError('NOT_FOUND', `No status list ${id}.`);
    if (list.signedCredential && list.signedVersion === list.version) {
      return { credential: list.signedCredential, etag: `"${list.id}.${list.version}"` };
    }
    const credential = await this.sign(list);
    // Only store it if no bit changed meanwhile; a newer version will be signed on the next read.
    await this.dataSource.query(
      'UPDATE status_list SET signed_credential = $3, signed_version = $2 WHERE id = $1 AND version = $2',
      [list.id, list.version, JSON.stringify(credential)],
    );
    return { credential, etag: `"${list.id}.${list.version}"` };
  }

  /** The current (unsigned-state) list credential, for verifying credentials locally. */
  async publishedByUrl(url: string): Promise<Record<string, unknown> | undefined> {
    const prefix = this.env.statusListUrl('');
    if (!url.startsWith(prefix)) return undefined;
    try {
      return (await this.published(url.slice(prefix.length))).credential;
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') return undefined;
      throw error;
    }
  }

  private async sign(list: StatusList): Promise<Record<string, unknown>> {
    const issuer = await this.issuers.requireById(list.issuerId);
    const bits = createBitstring(list.length);
    bits.bytes.set(list.bits);
    const credential = buildStatusListCredential({
      id: this.env.statusListUrl(list.id),
      issuer: issuer.did,
      purpose: list.purpose,
      encodedList: await encodeList(bits),
      validFrom: new Date(),
    });
    return issueDataIntegrity({
      credential,
      signer: await this.keys.signingKey(issuer.id),
      documentLoader: this.env.documentLoader,
    });
  }

  private async currentList(
    manager: EntityManager,
    issuerId: string,
    purpose: StatusPurpose,
  ): Promise<StatusList> {
    const existing = await manager.findOne(StatusList, {
      where: { issuerId, purpose, isFull: false },
      order: { createdAt: 'ASC' },
    });
    if (existing) return existing;
    const length = MIN_STATUS_LIST_LENGTH;
    return manager.save(
      StatusList,
      manager.create(StatusList, {
        id: randomUUID(),
        issuerId,
        purpose,
        length,
        bits: Buffer.alloc(length / 8),
        version: 0,
        isFull: false,
        signedCredential: null,
        signedVersion: null,
        createdAt: new Date(),
      }),
    );
  }
}
