import { createHash } from 'node:crypto';
import { readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { platform } from 'node:os';
import { join } from 'node:path';

export const LOCK_FILE = 'reconoce.pid';

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: string,
  ) {
    super(
      `DATA_DIR ${dataDir} is in use by another Reconoce process (${holder}): ` +
        'two services on one data directory would corrupt it; stop that one first',
    );
    this.name = 'DataDirInUseError';
  }
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function listen(server: Server, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** What the lock file says of its holder, for the error message. */
function describeHolder(file: string): string {
  try {
    return `process ${Number(readFileSync(file, 'utf8'))}, see ${file}`;
  } catch {
    return file;
  }
}

/**
 * Holds DATA_DIR for this process while it runs the embedded server there. On Linux the lock is
 * an abstract Unix socket named after the directory: the kernel lets one process bind it and
 * frees it when that process dies, however it dies, so a crash leaves nothing stale. Elsewhere it
 * is the pid file alone, taken over when its process is gone. The pid file (`reconoce.pid`) also
 * tells people which process holds the directory.
 */
export class DataDirLock {
  private constructor(
    private readonly file: string,
    private readonly socket: Server | undefined,
  ) {}

  static async acquire(dataDir: string): Promise<DataDirLock> {
    const file = join(dataDir, LOCK_FILE);
    let socket: Server | undefined;
    if (platform() === 'linux') {
      const id = createHash('sha256').update(realpathSync(dataDir)).digest('hex').slice(0, 40);
      socket = createServer((connection) => connection.destroy());
      try {
        await listen(socket, `\0reconoce-data-dir-${id}`);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
        throw new DataDirInUseError(dataDir, describeHolder(file));
      }
      socket.unref();
    } else {
      const holder = Number(readFileSync(file, { encoding: 'utf8', flag: 'a+' }));
      if (holder > 0 && holder !== process.pid && processIsAlive(holder)) {
        throw new DataDirInUseError(dataDir, describeHolder(file));
      }
    }
    writeFileSync(file, String(process.pid));
    return new DataDirLock(file, socket);
  }

  release(): void {
    rmSync(this.file, { force: true });
    this.socket?.close();
  }
}
