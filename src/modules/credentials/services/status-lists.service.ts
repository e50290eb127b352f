import { Injectable } from '@nestjs/common';
import { isUuid } from '../../../common/validation/uuid.js';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomInt, randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { sha256Hex } from '../../../common/crypto/index.js';
import { AppError } from '../../../common/errors/app-error.js';
import type { SignerKey } from '../../../vc/keys.js';
import {
  buildStatusListCredential,
  createBitstring,
  encodeList,
  MIN_STATUS_LIST_LENGTH,
  type StatusPurpose,
} from '../../../vc/status-list.js';
import { IssuerKeysService } from '../../registry/services/issuer-keys.service.js';
import { StatusList } from '../entities/status-list.entity.js';
import { SigningService } from './signing.service.js';
import { VcEnvironmentService } from './vc-environment.service.js';

// A list is left for a new one once this many random probes in a row find taken slots: indexes
// stay random (no ordering leaks issuance order) while the list is still mostly free.
const MAX_PROBES = 12;
// A slot lost to another replica between reservation and storage is rare; a few retries suffice.
const MAX_SLOT_ATTEMPTS = 5;
// Candidates drawn beyond a reservation's own probes, in the same query: the free ones are kept
// for the next reservations of the owner and purpose, so that a single issuance seldom waits for
// a query (and for the reservations queued before it) to get its slots.
const STOCK_PROBES = 32;

/**
 * Whose a status list is: an issuer, and the DID it started under (a hosted did:key changes at
 * each rotation). A credential gets its slots in lists of the DID it is issued under, so that a
 * list's `issuer` is always its credentials' `issuer`.
 */
export interface StatusListOwner {
  issuerId: string;
  did: string;
}

/** The owner of the lists a credential signed with `signer` takes its slots in. */
export function statusListOwner(issuerId: string, signer: SignerKey): StatusListOwner {
  return { issuerId, did: signer.verificationMethodId.split('#')[0] };
}

export interface StatusSlot {
  listId: string;
  index: number;
}

/** The two slots every credential gets: one in a revocation list, one in a suspension list. */
export interface StatusSlots {
  revocation: StatusSlot;
  suspension: StatusSlot;
}

/**
 * Reported by a caller of {@link StatusListsService.withStatusSlots} that learnt, other than by a
 * failed insert, that one of its slots was stored meanwhile (e.g. from a batched insert's outcome).
 */
export class StatusSlotTakenError extends Error {
  override readonly name = 'StatusSlotTakenError';
}

/** Whether a failed insert lost a status slot to a credential stored meanwhile. */
export function isSlotConflict(error: unknown): boolean {
  if (error instanceof StatusSlotTakenError) return true;
  type PgError = { code?: string; constraint?: string };
  // TypeORM wraps the driver's error; a query on a `pg` client throws it as it is.
  const driverError =
    (error as { driverError?: PgError } | undefined)?.driverError ?? (error as PgError | undefined);
  return (
    driverError?.code === '23505' &&
    (driverError.constraint === 'ux_credential_revocation_slot' ||
      driverError.constraint === 'ux_credential_suspension_slot')
  );
}

/** The verification method of a signed list's proof. */
function signedBy(credential: Record<string, unknown>): unknown {
  const proof = credential.proof as { verificationMethod?: unknown } | undefined;
  return proof?.verificationMethod;
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
    private readonly keys: IssuerKeysService,
    private readonly signing: SigningService,
  ) {}

  // Slots reserved by this process and not yet stored or released, by list.
  private readonly reserved = new Map<string, Set<number>>();
  private readonly reserving = new Map<string, Promise<void>>();
  // Reserved slots not yet handed out, by owner and purpose: found free by an earlier query.
  private readonly stocked = new Map<string, StatusSlot[]>();

  /**
   * Reserves `count` random free slots in the owner's current list for the purpose, for
   * credentials about to be signed. A slot is free when no stored credential has it and no other
   * reservation of this process holds it; it becomes the credential's in the transaction that
   * stores the credential, where the unique index on (list, index) refuses a slot another
   * replica stored meanwhile (see {@link isSlotConflict}): the caller then reserves again. Call
   * {@link release} once the credential is stored or abandoned; {@link withStatusSlots} does both.
   * Each query probes STOCK_PROBES candidates more than it needs; the free ones stay reserved
   * and serve the next reservations of the owner and purpose without a query.
   */
  reserve(owner: StatusListOwner, purpose: StatusPurpose, count: number): Promise<StatusSlot[]> {
    // One reservation at a time per list owner, so that concurrent callers in this process
    // neither pick the same slot nor open two new lists at once.
    const key = `${owner.issuerId}|${owner.did}|${purpose}`;
    const previous = this.reserving.get(key) ?? Promise.resolve();
    const next = previous.then(() => this.reserveNow(key, owner, purpose, count));
    const settled = next.then(
      () => undefined,
      () => undefined,
    );
    this.reserving.set(key, settled);
    void settled.then(() => {
      if (this.reserving.get(key) === settled) this.reserving.delete(key);
    });
    return next;
  }

  /**
   * Runs `attempt` (sign and store one credential) with a revocation and a suspension slot. When
   * it fails because another replica stored a credential in one of them meanwhile (see
   * {@link isSlotConflict}), it runs again with new slots, up to MAX_SLOT_ATTEMPTS times in all;
   * then, or on any other failure, the error is thrown. The slots of each attempt are released
   * when it ends.
   *
   * @param reserved slots for the first attempt, when the caller reserved many at once.
   */
  async withStatusSlots<T>(
    owner: StatusListOwner,
    attempt: (slots: StatusSlots) => Promise<T>,
    reserved?: StatusSlots,
  ): Promise<T> {
    let next = reserved;
    for (let attempts = 1; ; attempts += 1) {
      const slots = next ?? (await this.reserveSlots(owner));
      next = undefined;
      try {
        return await attempt(slots);
      } catch (error) {
        if (!isSlotConflict(error) || attempts >= MAX_SLOT_ATTEMPTS) throw error;
      } finally {
        this.release([slots.revocation, slots.suspension]);
      }
    }
  }

  /** Gives reserved slots back: their credentials are stored (the index holds them now) or abandoned. */
  release(slots: readonly StatusSlot[]): void {
    for (const slot of slots) {
      const held = this.reserved.get(slot.listId);
      held?.delete(slot.index);
      if (held?.size === 0) this.reserved.delete(slot.listId);
    }
  }

  private async reserveSlots(owner: StatusListOwner): Promise<StatusSlots> {
    const [revocation] = await this.reserve(owner, 'revocation', 1);
    const [suspension] = await this.reserve(owner, 'suspension', 1);
    return { revocation, suspension };
  }

  private async reserveNow(
    key: string,
    owner: StatusListOwner,
    purpose: StatusPurpose,
    count: number,
  ): Promise<StatusSlot[]> {
    const column = purpose === 'revocation' ? 'revocation' : 'suspension';
    const manager = this.dataSource.manager;
    const stock = this.stocked.get(key) ?? [];
    const slots = stock.splice(0, count);
    while (slots.length < count) {
      const list = await this.currentList(manager, owner, purpose);
      let held = this.reserved.get(list.id);
      if (!held) this.reserved.set(list.id, (held = new Set()));
      const need = count - slots.length;
      const probes = Math.max(MAX_PROBES, need * 2);
      const candidates = new Set<number>();
      const drawn = probes + STOCK_PROBES;
      for (let tries = 0; candidates.size < drawn && tries < drawn * 4; tries += 1) {
        const index = randomInt(list.length);
        if (!held.has(index)) candidates.add(index);
      }
      const taken = await manager.query<{ index: number }[]>(
        `SELECT ${column}_index AS index FROM credential
         WHERE ${column}_list_id = $1 AND ${column}_index = ANY($2::int[])`,
        [list.id, [...candidates]],
      );
      const takenIndexes = new Set(taken.map((row) => row.index));
      const isFree = (index: number) => !takenIndexes.has(index);
      // The first `probes` candidates decide fullness exactly as without a stock.
      if (![...candidates].slice(0, probes).some(isFree)) {
        // At least MAX_PROBES random probes all taken: too full to allocate at random.
        await manager.update(StatusList, list.id, { isFull: true });
        continue;
      }
      for (const index of [...candidates].filter(isFree)) {
        held.add(index);
        (slots.length < count ? slots : stock).push({ listId: list.id, index });
      }
    }
    if (stock.length > 0) this.stocked.set(key, stock);
    else this.stocked.delete(key);
    return slots;
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

  /**
   * The signed BitstringStatusListCredential, re-signed when bits changed since the last
   * signature or when the key that signed it may no longer sign for the list (compromised).
   */
  async published(id: string): Promise<SignedStatusList> {
    const repository = this.dataSource.getRepository(StatusList);
    const list = isUuid(id) ? await repository.findOne({ where: { id } }) : null;
    if (!list) throw new AppError('NOT_FOUND', 'No such status list.');
    const signer = await this.listSigner(list);
    const etag = `"${list.id}.${list.version}.${sha256Hex(signer.verificationMethodId).slice(0, 12)}"`;
    if (
      list.signedCredential &&
      list.signedVersion === list.version &&
      signedBy(list.signedCredential) === signer.verificationMethodId
    ) {
      return { credential: list.signedCredential, etag };
    }
    const credential = await this.sign(list, signer);
    // Only store it if no bit changed meanwhile; a newer version will be signed on the next read.
    await this.dataSource.query(
      'UPDATE status_list SET signed_credential = $3, signed_version = $2 WHERE id = $1 AND version = $2',
      [list.id, list.version, JSON.stringify(credential)],
    );
    return { credential, etag };
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

  /** Reads one bit of a list published at `url` straight from the database. */
  async bitAt(url: string, index: number): Promise<boolean> {
    const prefix = this.env.statusListUrl('');
    const id = url.startsWith(prefix) ? url.slice(prefix.length) : '';
    if (!isUuid(id)) throw new Error(`${url} is not one of our status lists`);
    const [row] = await this.dataSource.query<{ bit: number }[]>(
      'SELECT get_bit(bits, $2) AS bit FROM status_list WHERE id = $1 AND $3 < length',
      [id, Math.floor(index / 8) * 8 + (7 - (index % 8)), index],
    );
    if (!row) throw new Error(`${url} has no index ${index}`);
    return row.bit === 1;
  }

  /**
   * The key a list is signed with: a key of the DID the list belongs to while one is not
   * compromised, so that the list's `issuer` is its credentials' (decision 0018). When every key
   * of that DID is compromised, the issuer's current key signs it: the list's `issuer` is then
   * another DID, and a verifier requiring the two to match (as `@digitalbazaar/vc-bitstring-
   * status-list` does) cannot confirm the status of any credential of the compromised DID, which
   * a did:key, never deactivated, has no other way to say.
   */
  private async listSigner(list: StatusList): Promise<SignerKey> {
    return (
      (await this.keys.signingKeyOfDid(list.issuerId, list.did)) ??
      (await this.keys.signingKey(list.issuerId))
    );
  }

  private async sign(list: StatusList, signer: SignerKey): Promise<Record<string, unknown>> {
    const bits = createBitstring(list.length);
    bits.bytes.set(list.bits);
    const credential = buildStatusListCredential({
      id: this.env.statusListUrl(list.id),
      issuer: signer.verificationMethodId.split('#')[0],
      purpose: list.purpose,
      encodedList: await encodeList(bits),
      validFrom: new Date(),
    });
    return this.signing.pool.signDataIntegrity(credential, signer);
  }

  private async currentList(
    manager: EntityManager,
    { issuerId, did }: StatusListOwner,
    purpose: StatusPurpose,
  ): Promise<Pick<StatusList, 'id' | 'length'>> {
    // Not the bits nor the signed list: tens of kilobytes the allocation does not need.
    const existing = await manager.findOne(StatusList, {
      select: { id: true, length: true },
      where: { issuerId, did, purpose, isFull: false },
      order: { createdAt: 'ASC' },
    });
    if (existing) return existing;
    const length = MIN_STATUS_LIST_LENGTH;
    return manager.save(
      StatusList,
      manager.create(StatusList, {
        id: randomUUID(),
        issuerId,
        did,
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
