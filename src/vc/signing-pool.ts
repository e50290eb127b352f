import { availableParallelism } from 'node:os';
import { createDocumentLoader, type DocumentLoader } from './document-loader.js';
import { issueDataIntegrity, issueJwt, type Credential } from './issue.js';
import type { SignerKey } from './keys.js';
import { inlinePoolStats, threadPoolStats, type PoolStats } from './pool-stats.js';
import {
  DEFAULT_WORKER_IDLE_MS,
  ThreadPool,
  workerScriptExists,
} from '../common/thread-pool/thread-pool.js';

/** One signature to make. Every field is structured-clonable, so it can cross to a worker. */
export type SignTask =
  | {
      format: 'di';
      credential: Credential;
      /** The secret key crosses the thread boundary in memory only; it is never logged. */
      signer: SignerKey;
      /** The proof's `created` time; the signing time when omitted. */
      now?: Date;
    }
  | { format: 'jwt'; credential: Credential; signer: SignerKey };

/** What a worker is started with: what it needs to build its offline document loader. */
export interface SigningWorkerData {
  ourContextUrl: string;
  ourContext: object;
}

/**
 * Where signatures are made:
 * - `threads`: in worker threads running the compiled `signing-worker.js` (the service as run
 *   from `dist/`);
 * - `inline`: on the calling thread, awaiting each signature as `issueDataIntegrity` does;
 * - `auto`: `threads` when the compiled worker script exists beside this module, else `inline`.
 *   Under Jest the sources are TypeScript run through SWC in VM modules and there is no
 *   `signing-worker.js` beside `signing-pool.ts`, so `auto` signs inline there.
 */
export type SigningMode = 'threads' | 'inline' | 'auto';

export interface SigningPoolOptions extends SigningWorkerData {
  /** Threads in the pool; the number of cores by default. Ignored inline. */
  size?: number;
  mode?: SigningMode;
  /** The worker script; `./signing-worker.js` beside this module by default. */
  workerUrl?: URL;
  /** How long an idle worker lives on (ms); `DEFAULT_WORKER_IDLE_MS` by default. */
  idleMs?: number;
}

/** Signs credentials off the event loop (threads) or on it (inline), with one API. */
export interface SigningPool {
  readonly mode: 'threads' | 'inline';
  /** Worker threads at most (0 inline); they start as signatures need them. */
  readonly size: number;
  /** A Data Integrity (`eddsa-rdfc-2022`) signed copy of the credential; see `issueDataIntegrity`. */
  signDataIntegrity(credential: Credential, signer: SignerKey, now?: Date): Promise<Credential>;
  /** The compact VC-JWT of the credential; see `issueJwt`. */
  signJwt(credential: Credential, signer: SignerKey): Promise<string>;
  /** What the pool has done so far. */
  stats(): PoolStats;
  /** Stops the workers; signatures still pending are rejected. */
  close(): Promise<void>;
}

/** Thrown for a signature that was pending when its pool closed or its worker died. */
export class SigningPoolError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SigningPoolError';
  }
}

const DEFAULT_WORKER_URL = new URL('./signing-worker.js', import.meta.url);

/** Runs one task with the given loader: the same code in a worker and inline. */
export async function runSignTask(
  task: SignTask,
  documentLoader: DocumentLoader,
): Promise<Credential | string> {
  switch (task.format) {
    case 'di':
      return issueDataIntegrity({
        credential: task.credential,
        signer: task.signer,
        documentLoader,
        now: task.now,
      });
    case 'jwt':
      return issueJwt({ credential: task.credential, signer: task.signer });
  }
}

function resolveMode(mode: SigningMode, workerUrl: URL): 'threads' | 'inline' {
  if (mode !== 'auto') return mode;
  return workerScriptExists(workerUrl) ? 'threads' : 'inline';
}

class InlineSigningPool implements SigningPool {
  readonly mode = 'inline';
  readonly size = 0;
  private closed = false;
  private tasksRun = 0;
  private readonly documentLoader: DocumentLoader;

  constructor(data: SigningWorkerData) {
    this.documentLoader = createDocumentLoader(data);
  }

  signDataIntegrity(credential: Credential, signer: SignerKey, now?: Date): Promise<Credential> {
    return this.run({ format: 'di', credential, signer, now }) as Promise<Credential>;
  }

  signJwt(credential: Credential, signer: SignerKey): Promise<string> {
    return this.run({ format: 'jwt', credential, signer }) as Promise<string>;
  }

  stats(): PoolStats {
    return inlinePoolStats(this.tasksRun);
  }

  private async run(task: SignTask): Promise<Credential | string> {
    if (this.closed) throw new SigningPoolError('The signing pool is closed');
    try {
      return await runSignTask(task, this.documentLoader);
    } finally {
      this.tasksRun += 1;
    }
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}

class ThreadSigningPool implements SigningPool {
  readonly mode = 'threads';
  private readonly pool: ThreadPool<SignTask, Credential | string>;

  constructor(size: number, workerUrl: URL, data: SigningWorkerData, idleMs: number) {
    this.pool = new ThreadPool({
      size,
      workerUrl,
      workerData: data,
      idleMs,
      work: 'signing',
      failure: (message, cause) => new SigningPoolError(message, { cause }),
    });
  }

  get size(): number {
    return this.pool.size;
  }

  signDataIntegrity(credential: Credential, signer: SignerKey, now?: Date): Promise<Credential> {
    return this.pool.run({ format: 'di', credential, signer, now }) as Promise<Credential>;
  }

  signJwt(credential: Credential, signer: SignerKey): Promise<string> {
    return this.pool.run({ format: 'jwt', credential, signer }) as Promise<string>;
  }

  stats(): PoolStats {
    return threadPoolStats(this.pool);
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

/**
 * Creates a pool that signs credentials with the same `src/vc` code in worker threads, so that
 * signing neither blocks the event loop nor leaves cores idle, or inline where workers cannot
 * run (see {@link SigningMode}). Workers start as signatures need them and exit after
 * `idleMs` without one. Each worker builds its own offline document loader from our
 * context, keeps imported keys (see `importSigningKey`) and shares JSON-LD term definitions
 * (see `shareJsonLdTermDefinitions`, applied in the workers only).
 *
 * @throws TypeError when the options are incomplete (no context, a size below 1) or `threads`
 *   is asked for without a worker script.
 */
export function createSigningPool(options: SigningPoolOptions): SigningPool {
  const { ourContextUrl, ourContext } = options ?? {};
  // Fails fast, on this thread, for a context the workers could not use either.
  createDocumentLoader({ ourContextUrl, ourContext });
  const workerUrl = options.workerUrl ?? DEFAULT_WORKER_URL;
  const mode = resolveMode(options.mode ?? 'auto', workerUrl);
  if (mode === 'inline') return new InlineSigningPool({ ourContextUrl, ourContext });
  if (!workerScriptExists(workerUrl)) {
    throw new TypeError(`No signing worker script at ${workerUrl.href}: build the service first`);
  }
  const size = options.size ?? availableParallelism();
  if (!Number.isInteger(size) || size < 1) {
    throw new TypeError(`The pool size must be a positive integer, not ${String(size)}`);
  }
  return new ThreadSigningPool(
    size,
    workerUrl,
    { ourContextUrl, ourContext },
    options.idleMs ?? DEFAULT_WORKER_IDLE_MS,
  );
}
