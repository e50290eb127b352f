import { PGlite } from '@electric-sql/pglite';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

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

/**
 * The PGlite instance as the socket server sees it, keeping each client's extended-protocol
 * sequence (Parse, Bind, Describe, Execute … Sync) together. pglite-socket queues messages one by
 * one and keeps only transactions together, so under concurrency another connection's Parse or
 * Query could land between a client's Parse and Bind: the Bind then met the other statement, or
 * none ("unnamed prepared statement does not exist"). Reporting "in transaction" until the
 * client's Sync makes the server serve that client's messages first, as it does in transactions.
 */
function keepSequencesTogether(db: PGlite): PGlite {
  let midSequence = false;
  return new Proxy(db, {
    get(target, property) {
      if (property === 'isInTransaction') return () => midSequence || target.isInTransaction();
      if (property === 'execProtocolRawStream') {
        return async (
          message: Uint8Array,
          options: Parameters<PGlite['execProtocolRawStream']>[1],
        ) => {
          try {
            await target.execProtocolRawStream(message, options);
          } finally {
            midSequence = !SEQUENCE_ENDS.has(message[0]);
          }
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value.bind(target) as unknown) : value;
    },
  });
}

/**
 * PostgreSQL embedded in this process: PGlite (with pgcrypto) served over the Postgres wire
 * protocol on 127.0.0.1, so the ordinary `pg` driver and TypeORM talk to it as to a server.
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    readonly port: number,
    private readonly unlock: () => void,
  ) {}

  static async start(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
    let unlock = () => {};
    if (options.dataDir) {
      mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
      unlock = lockDataDir(options.dataDir);
    }
    try {
      const db = await PGlite.create({
        dataDir: options.dataDir,
        extensions: { pgcrypto },
      });
      const server = new PGLiteSocketServer({
        db: keepSequencesTogether(db),
        host: '127.0.0.1',
        port: options.port ?? 0,
        maxConnections: options.maxConnections ?? 32,
      });
      await server.start();
      const port = Number(server.getServerConn().split(':').at(-1));
      return new EmbeddedPostgres(db, server, port, unlock);
    } catch (error) {
      unlock();
      throw new Error('The embedded database could not start', { cause: error });
    }
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  /** Closes client connections, then the database, flushing it to disk. */
  async stop(): Promise<void> {
    await this.server.stop();
    await this.db.close();
    this.unlock();
  }
}
