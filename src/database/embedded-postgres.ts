import { PGlite } from '@electric-sql/pglite';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { workerScriptExists } from '../common/thread-pool/thread-pool.js';

export interface EmbeddedPostgresOptions {
  /** Directory for the database files; omitted, the database lives in memory and is thrown away. */
  dataDir?: string;
  /** TCP port on 127.0.0.1; 0 (the default) lets the system pick a free one. */
  port?: number;
  /** Client connections served at once; statements still run one at a time inside PGlite. */
  maxConnections?: number;
}

const LOCK_FILE = 'postmaster.pid.reconoce';

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Refuses a data directory that another live process has open: two writers would corrupt it. */
function lockDataDir(dataDir: string): () => void {
  const lock = join(dataDir, LOCK_FILE);
  try {
    const holder = Number(readFileSync(lock, 'utf8'));
    if (holder !== process.pid && processIsAlive(holder)) {
      throw new Error(`The embedded database in ${dataDir} is in use by process ${holder}`);
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  writeFileSync(lock, String(process.pid));
  return () => rmSync(lock, { force: true });
}

// Frontend message types (PostgreSQL protocol) after which a client waits for the answer.
const SEQUENCE_ENDS = new Set([0x53 /* Sync */, 0x51 /* Query */, 0x58 /* Terminate */, 0]);

// A backend message: its type byte, its length (itself included), its body.
function backendMessage(type: string, body: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0, 'latin1');
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

// What a server answers for a statement that failed inside it (SQLSTATE XX000, internal error).
function errorResponse(message: string): Buffer {
  const field = (code: string, value: string) => Buffer.from(`${code}${value}\0`, 'utf8');
  return backendMessage(
    'E',
    Buffer.concat([
      field('S', 'ERROR'),
      field('V', 'ERROR'),
      field('C', 'XX000'),
      field('M', `The embedded database failed: ${message}`),
      Buffer.from([0]),
    ]),
  );
}

function readyForQuery(inTransaction: boolean): Buffer {
  return backendMessage('Z', Buffer.from(inTransaction ? 'E' : 'I', 'latin1'));
}

/**
 * The PGlite instance as the socket server sees it, keeping each client's extended-protocol
 * sequence (Parse, Bind, Describe, Execute … Sync) together. pglite-socket queues messages one by
 * one and keeps only transactions together, so under concurrency another connection's Parse or
 * Query could land between a client's Parse and Bind: the Bind then met the other statement, or
 * none ("unnamed prepared statement does not exist"). Reporting "in transaction" until the
 * client's Sync makes the server serve that client's messages first, as it does in transactions.
 *
 * The answers to a sequence's messages are held until the message the client waits after, and
 * then handed to the server at once: one socket write per sequence instead of one per message.
 *
 * If PGlite throws instead of answering, the client gets an error as from a server (and, as a
 * server does, the rest of its sequence is skipped up to the Sync): pglite-socket stops serving
 * every connection after a throw.
 */
export function keepSequencesTogether(db: PGlite): PGlite {
  let midSequence = false;
  let skipping = false;
  let held: Buffer[] = [];
  const exec = async (
    target: PGlite,
    message: Uint8Array,
    options: Parameters<PGlite['execProtocolRawStream']>[1],
  ) => {
    const answered = SEQUENCE_ENDS.has(message[0]);
    if (!skipping) {
      try {
        await target.execProtocolRawStream(message, {
          ...options,
          // PGlite reuses the memory it hands out: keep copies.
          onRawData: (chunk: Uint8Array) => held.push(Buffer.from(chunk)),
        });
      } catch (error) {
        held.push(errorResponse(error instanceof Error ? error.message : String(error)));
        skipping = true;
      }
    }
    midSequence = !answered;
    if (!answered) return;
    if (skipping) held.push(readyForQuery(target.isInTransaction()));
    skipping = false;
    const answer = Buffer.concat(held);
    held = [];
    if (answer.length > 0) options.onRawData(answer);
  };
  return new Proxy(db, {
    get(target, property) {
      if (property === 'isInTransaction') return () => midSequence || target.isInTransaction();
      if (property === 'execProtocolRawStream') {
        return (message: Uint8Array, options: Parameters<PGlite['execProtocolRawStream']>[1]) =>
          exec(target, message, options);
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value.bind(target) as unknown) : value;
    },
  });
}

/** PGlite and its socket server, running on the thread that called {@link servePglite}. */
export interface ServedPglite {
  port: number;
  stop(): Promise<void>;
}

/** Opens PGlite (with pgcrypto) and serves it over the Postgres wire protocol on 127.0.0.1. */
export async function servePglite(options: EmbeddedPostgresOptions): Promise<ServedPglite> {
  const db = await PGlite.create({ dataDir: options.dataDir, extensions: { pgcrypto } });
  const server = new PGLiteSocketServer({
    db: keepSequencesTogether(db),
    host: '127.0.0.1',
    port: options.port ?? 0,
    maxConnections: options.maxConnections ?? 32,
  });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    throw error;
  }
  return {
    port: Number(server.getServerConn().split(':').at(-1)),
    // Closes client connections, then the database, flushing it to disk.
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}

/** What the database thread (embedded-postgres-worker.ts) answers. */
export type DatabaseThreadMessage =
  { kind: 'serving'; port: number } | { kind: 'stopped' } | { kind: 'failed'; message: string };

const WORKER_URL = new URL('./embedded-postgres-worker.js', import.meta.url);

function nextMessage(worker: Worker): Promise<DatabaseThreadMessage> {
  return new Promise((resolve, reject) => {
    const cleanUp = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const onMessage = (message: DatabaseThreadMessage) => {
      cleanUp();
      resolve(message);
    };
    const onError = (error: Error) => {
      cleanUp();
      reject(error);
    };
    const onExit = (code: number) => {
      cleanUp();
      reject(new Error(`The database thread exited with code ${code}`));
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
  });
}

// PGlite on a thread of its own: queries then run beside the event loop instead of on it.
async function servePgliteInWorker(options: EmbeddedPostgresOptions): Promise<ServedPglite> {
  const worker = new Worker(WORKER_URL, { workerData: options });
  const first = await nextMessage(worker);
  if (first.kind !== 'serving') {
    await worker.terminate();
    throw new Error(first.kind === 'failed' ? first.message : 'The database thread did not start');
  }
  return {
    port: first.port,
    async stop() {
      const stopped = nextMessage(worker);
      worker.postMessage('stop');
      const answer = await stopped;
      await worker.terminate();
      if (answer.kind === 'failed') throw new Error(answer.message);
    },
  };
}

/**
 * PostgreSQL embedded in this process: PGlite (with pgcrypto) served over the Postgres wire
 * protocol on 127.0.0.1, so the ordinary `pg` driver and TypeORM talk to it as to a server. Once
 * built, PGlite runs on a thread of its own, so that a query does not hold up HTTP requests and
 * the event loop's work runs beside the database's.
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly served: ServedPglite,
    private readonly unlock: () => void,
  ) {}

  static async start(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
    let unlock = () => {};
    if (options.dataDir) {
      mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
      unlock = lockDataDir(options.dataDir);
    }
    try {
      const served = workerScriptExists(WORKER_URL)
        ? await servePgliteInWorker(options)
        : await servePglite(options);
      return new EmbeddedPostgres(served, unlock);
    } catch (error) {
      unlock();
      throw new Error('The embedded database could not start', { cause: error });
    }
  }

  get port(): number {
    return this.served.port;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  /** Closes client connections, then the database, flushing it to disk. */
  async stop(): Promise<void> {
    try {
      await this.served.stop();
    } finally {
      this.unlock();
    }
  }
}
