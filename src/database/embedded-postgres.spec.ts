import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { EmbeddedPostgres, keepSequencesTogether } from './embedded-postgres.js';
import { queryOnce as query } from '../../test/helpers/databases.js';

describe('EmbeddedPostgres', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'reconoce-embedded-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps its data across a restart', async () => {
    const first = await EmbeddedPostgres.start({ dataDir });
    await query(
      first.url,
      'CREATE TABLE kept (value text); INSERT INTO kept VALUES ($$still here$$)',
    );
    await first.stop();

    const second = await EmbeddedPostgres.start({ dataDir });
    try {
      expect(await query(second.url, 'SELECT value FROM kept')).toEqual([{ value: 'still here' }]);
    } finally {
      await second.stop();
    }
  });

  it('refuses a data directory another live process holds', async () => {
    const running = await EmbeddedPostgres.start({ dataDir });
    try {
      writeFileSync(join(dataDir, 'postmaster.pid.reconoce'), String(process.ppid));
      await expect(EmbeddedPostgres.start({ dataDir })).rejects.toThrow(/in use by process/);
    } finally {
      await running.stop();
    }
  });

  it('serves pgcrypto', async () => {
    const db = await EmbeddedPostgres.start();
    try {
      await query(db.url, 'CREATE EXTENSION IF NOT EXISTS pgcrypto');
      const [row] = await query<{ id: string }>(db.url, 'SELECT gen_random_uuid()::text AS id');
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      await db.stop();
    }
  });
});

describe('keepSequencesTogether', () => {
  const [PARSE, BIND, EXECUTE, SYNC, QUERY] = ['P', 'B', 'E', 'S', 'Q'].map((type) =>
    Uint8Array.from([type.charCodeAt(0), 0, 0, 0, 4]),
  );

  // A PGlite that answers each message with "<type>;" and throws for one message type.
  function proxy(failOn?: Uint8Array) {
    const executed: string[] = [];
    const db = {
      isInTransaction: () => false,
      execProtocolRawStream(
        message: Uint8Array,
        { onRawData }: { onRawData: (chunk: Uint8Array) => void },
      ): Promise<void> {
        const type = String.fromCharCode(message[0]);
        executed.push(type);
        if (message[0] === failOn?.[0]) return Promise.reject(new Error('wasm trap'));
        onRawData(Buffer.from(`${type};`));
        return Promise.resolve();
      },
    };
    const writes: string[] = [];
    const wrapped = keepSequencesTogether(db as unknown as PGlite);
    const send = (message: Uint8Array) =>
      wrapped.execProtocolRawStream(message, {
        onRawData: (chunk: Uint8Array) => writes.push(Buffer.from(chunk).toString('latin1')),
      });
    return { wrapped, executed, writes, send };
  }

  it('answers an extended-protocol sequence in one write, at its Sync', async () => {
    const { wrapped, writes, send } = proxy();
    await send(PARSE);
    expect(wrapped.isInTransaction()).toBe(true);
    await send(BIND);
    await send(EXECUTE);
    expect(writes).toEqual([]);
    await send(SYNC);
    expect(writes).toEqual(['P;B;E;S;']);
    expect(wrapped.isInTransaction()).toBe(false);
  });

  it('answers a throw as a server answers an error, skips the rest of the sequence, and goes on', async () => {
    const { wrapped, executed, writes, send } = proxy(BIND);
    for (const message of [PARSE, BIND, EXECUTE, SYNC]) await send(message);
    expect(executed).toEqual(['P', 'B']);
    expect(writes).toHaveLength(1);
    const [answer] = writes;
    expect(answer.startsWith('P;E')).toBe(true);
    expect(answer).toContain('CXX000');
    expect(answer).toContain('wasm trap');
    // The ErrorResponse's length covers it exactly, and ReadyForQuery (idle) closes the answer.
    const error = Buffer.from(answer.slice(2), 'latin1');
    expect(error.readInt32BE(1) + 1).toBe(error.length - 6);
    expect(answer.endsWith('Z\0\0\0\x05I')).toBe(true);
    expect(wrapped.isInTransaction()).toBe(false);

    await send(QUERY);
    expect(writes.at(-1)).toBe('Q;');
  });

  it('answers a throwing simple query with an error and ReadyForQuery', async () => {
    const { writes, send } = proxy(QUERY);
    await expect(send(QUERY)).resolves.toBeUndefined();
    expect(writes).toHaveLength(1);
    expect(writes[0].startsWith('E')).toBe(true);
    expect(writes[0].endsWith('Z\0\0\0\x05I')).toBe(true);
  });
});
