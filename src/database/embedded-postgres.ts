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
        db,
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
