import { QueryFailedError, type EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { sha256Hex } from '../../../common/crypto/index.js';
import { AppError } from '../../../common/errors/app-error.js';
import { IdempotencyRecord } from '../entities/idempotency-record.entity.js';

/**
 * The hash an Idempotency-Key is bound to: the operation and its input, so that the same key
 * sent to another operation, or with another body, is a conflict rather than a replay.
 */
export function idempotencyRequestHash(operation: string | null, input: unknown): string {
  const body = JSON.stringify(input);
  // The single issue keeps its historic hash (of the body alone): stored keys still replay.
  return sha256Hex(operation === null ? body : `${operation}\n${body}`);
}

/**
 * The stored first answer to an issuer's request with this key, or undefined.
 *
 * @throws AppError IDEMPOTENCY_CONFLICT when the key was used for another request.
 */
export async function findIdempotentAnswer(
  manager: EntityManager,
  issuerId: string,
  key: string,
  requestHash: string,
): Promise<Record<string, unknown> | undefined> {
  const record = await manager.getRepository(IdempotencyRecord).findOne({
    where: { issuerId, key },
  });
  if (!record) return undefined;
  if (record.requestHash !== requestHash) {
    throw new AppError(
      'IDEMPOTENCY_CONFLICT',
      'This Idempotency-Key was used for another request.',
    );
  }
  return record.response;
}

/** Keeps the first answer for replays, in the transaction of the change it answers. */
export async function saveIdempotentAnswer(
  manager: EntityManager,
  record: { issuerId: string; key: string; requestHash: string; statusCode: number },
  response: Record<string, unknown>,
): Promise<void> {
  await manager.insert(IdempotencyRecord, {
    ...record,
    response: response as QueryDeepPartialEntity<Record<string, unknown>>,
    createdAt: new Date(),
  });
}

/** Whether a failed insert lost its Idempotency-Key to a concurrent request. */
export function isIdempotencyRace(error: unknown): boolean {
  const driverError = (error instanceof QueryFailedError ? error.driverError : undefined) as
    { code?: string; constraint?: string } | undefined;
  return driverError?.code === '23505' && driverError.constraint === 'pk_idempotency_record';
}
