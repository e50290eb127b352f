import { jest } from '@jest/globals';
import type { StatusPurpose } from '../../../vc/status-list.js';
import {
  isSlotConflict,
  StatusListsService,
  StatusSlotTakenError,
  type StatusListOwner,
  type StatusSlot,
  type StatusSlots,
} from './status-lists.service.js';

// Another replica's credential took the slot: the unique index refuses the insert.
const slotConflict = () =>
  Object.assign(new Error('duplicate key'), {
    driverError: { code: '23505', constraint: 'ux_credential_suspension_slot' },
  });

const owner: StatusListOwner = { issuerId: 'issuer-1', did: 'did:key:z6MkOwner' };

/** A service whose reservations hand out numbered slots and record what is given back. */
function statusLists() {
  const service = new StatusListsService(
    undefined as never,
    undefined as never,
    undefined as never,
    undefined as never,
  );
  let next = 0;
  const released: StatusSlot[] = [];
  const reserve = jest
    .spyOn(service, 'reserve')
    .mockImplementation((_owner: StatusListOwner, purpose: StatusPurpose, count: number) =>
      Promise.resolve(Array.from({ length: count }, () => ({ listId: purpose, index: next++ }))),
    );
  jest.spyOn(service, 'release').mockImplementation((slots) => {
    released.push(...slots);
  });
  return { service, reserve, released };
}

describe('isSlotConflict', () => {
  it('recognises a lost slot, from the database or reported by a caller', () => {
    expect(isSlotConflict(slotConflict())).toBe(true);
    expect(isSlotConflict(new StatusSlotTakenError('row 1'))).toBe(true);
    expect(isSlotConflict({ code: '23505', constraint: 'ux_credential_revocation_slot' })).toBe(
      true,
    );
    expect(isSlotConflict({ code: '23505', constraint: 'ux_idempotency' })).toBe(false);
    expect(isSlotConflict(new Error('other'))).toBe(false);
  });
});

describe('StatusListsService.withStatusSlots', () => {
  it('runs once with a fresh pair of slots and releases them', async () => {
    const { service, released } = statusLists();
    const seen: StatusSlots[] = [];
    const result = await service.withStatusSlots(owner, (slots) => {
      seen.push(slots);
      return Promise.resolve('stored');
    });
    expect(result).toBe('stored');
    expect(seen).toEqual([
      {
        revocation: { listId: 'revocation', index: 0 },
        suspension: { listId: 'suspension', index: 1 },
      },
    ]);
    expect(released).toEqual([seen[0].revocation, seen[0].suspension]);
  });

  it('reserves in the lists of the owner’s DID', async () => {
    const { service, reserve } = statusLists();
    await service.withStatusSlots(owner, () => Promise.resolve());
    expect(reserve.mock.calls).toEqual([
      [owner, 'revocation', 1],
      [owner, 'suspension', 1],
    ]);
  });

  it('uses the slots reserved beforehand for the first attempt', async () => {
    const { service, reserve, released } = statusLists();
    const reserved: StatusSlots = {
      revocation: { listId: 'r', index: 7 },
      suspension: { listId: 's', index: 8 },
    };
    const attempt = jest.fn((_slots: StatusSlots) => Promise.resolve());
    await service.withStatusSlots(owner, attempt, reserved);
    expect(attempt).toHaveBeenCalledWith(reserved);
    expect(reserve).not.toHaveBeenCalled();
    expect(released).toEqual([reserved.revocation, reserved.suspension]);
  });

  it('tries again with new slots after a slot conflict, releasing each attempt’s slots', async () => {
    const { service, released } = statusLists();
    const seen: StatusSlots[] = [];
    const result = await service.withStatusSlots(owner, (slots) => {
      seen.push(slots);
      if (seen.length === 1) return Promise.reject(slotConflict());
      if (seen.length === 2) return Promise.reject(new StatusSlotTakenError('row 1'));
      return Promise.resolve(seen.length);
    });
    expect(result).toBe(3);
    expect(new Set(seen.map((slots) => slots.revocation.index)).size).toBe(3);
    expect(released).toEqual(seen.flatMap((slots) => [slots.revocation, slots.suspension]));
  });

  it('gives up after five attempts with the last conflict', async () => {
    const { service, released } = statusLists();
    const last = new StatusSlotTakenError('the fifth');
    let attempts = 0;
    await expect(
      service.withStatusSlots(owner, () => {
        attempts += 1;
        return Promise.reject(attempts === 5 ? last : slotConflict());
      }),
    ).rejects.toBe(last);
    expect(attempts).toBe(5);
    expect(released).toHaveLength(10);
  });

  it('does not retry any other failure', async () => {
    const { service, released } = statusLists();
    const failure = new TypeError('cannot sign');
    const attempt = jest.fn((_slots: StatusSlots) => Promise.reject(failure));
    await expect(service.withStatusSlots(owner, attempt)).rejects.toBe(failure);
    expect(attempt).toHaveBeenCalledTimes(1);
    expect(released).toHaveLength(2);
  });
});

/**
 * A service over a fake database: one list, where `taken` picks the probed candidates that hold
 * stored credentials. Records the probing queries and the lists marked full.
 */
function statusListsOver(taken: (candidates: number[]) => number[]) {
  const probes: number[][] = [];
  const markedFull: string[] = [];
  const manager = {
    findOne: () => Promise.resolve({ id: 'list-1', length: 131_072 }),
    query: (_sql: string, [, candidates]: [string, number[]]) => {
      probes.push(candidates);
      return Promise.resolve(taken(candidates).map((index) => ({ index })));
    },
    update: (_entity: unknown, id: string) => {
      markedFull.push(id);
      return Promise.reject(new Error('stop: the list is full'));
    },
  };
  const service = new StatusListsService(
    { manager } as never,
    undefined as never,
    undefined as never,
    undefined as never,
  );
  return { service, probes, markedFull };
}

describe('StatusListsService.reserve', () => {
  it('keeps the free slots a query found beyond its need for the next reservations', async () => {
    const { service, probes } = statusListsOver(() => []);
    const first = await service.reserve(owner, 'revocation', 1);
    const next = await Promise.all(
      Array.from({ length: 20 }, () => service.reserve(owner, 'revocation', 1)),
    );
    // One query served all 21: every candidate it probed was free.
    expect(probes).toHaveLength(1);
    const indexes = [first, ...next].map(([slot]) => slot.index);
    expect(new Set(indexes).size).toBe(21);
    expect(indexes.every((index) => probes[0].includes(index))).toBe(true);
  });

  it('keeps stocks apart by purpose and never hands out a slot twice', async () => {
    const { service, probes } = statusListsOver(() => []);
    const revocations = await service.reserve(owner, 'revocation', 40);
    const [suspension] = await service.reserve(owner, 'suspension', 1);
    const more = await service.reserve(owner, 'revocation', 10);
    // The suspension needed a query of its own; the ten revocations came from the first one.
    expect(probes).toHaveLength(2);
    expect(probes[1]).toContain(suspension.index);
    const indexes = [...revocations, ...more].map((slot) => slot.index);
    expect(new Set(indexes).size).toBe(50);
    expect(indexes.every((index) => probes[0].includes(index))).toBe(true);
  });

  it('marks a list full when its own probes are all taken, whatever the extra ones find', async () => {
    // The list's own 12 probes are taken; the extra candidates drawn for the stock are free.
    const { service, probes, markedFull } = statusListsOver((candidates) =>
      candidates.slice(0, 12),
    );
    await expect(service.reserve(owner, 'revocation', 1)).rejects.toThrow('the list is full');
    expect(markedFull).toEqual(['list-1']);
    expect(probes[0].length).toBeGreaterThan(12);
  });

  it('hands out a free slot when one of its own probes is free', async () => {
    const { service, probes, markedFull } = statusListsOver((candidates) =>
      candidates.slice(0, 11),
    );
    const [slot] = await service.reserve(owner, 'revocation', 1);
    expect(slot.index).toBe(probes[0][11]);
    expect(markedFull).toEqual([]);
  });
});
