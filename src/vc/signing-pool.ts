import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createDocumentLoader, type DocumentLoader } from './document-loader.js';
import { issueDataIntegrity, issueJwt, type Credential } from './issue.js';
import type { SignerKey } from './keys.js';

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

/** A request to a worker, and its answer. */
export interface SignRequest {
  id: number;
  task: SignTask;
}

export type SignResponse =
  | { id: number; ok: true; value: Credential | string }
  | { id: number; ok: false; error: { name: string; message: string } };

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
}

/** Signs credentials off the event loop (threads) or on it (inline), with one API. */
export interface SigningPool {
  readonly mode: 'threads' | 'inline';
  /** Worker threads (0 inline). */
  readonly size: number;
  /** A Data Integrity (`eddsa-rdfc-2022`) signed copy of the credential; see `issueDataIntegrity`. */
  signDataIntegrity(credential: Credential, signer: SignerKey, now?: Date): Promise<Credential>;
  /** The compact VC-JWT of the credential; see `issueJwt`. */
  signJwt(credential: Credential, signer: SignerKey): Promise<string>;
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

/** Rebuilds, on this side of the thread boundary, an error a worker reported. */
export function reviveError(error: { name: string; message: string }): Error {
  const revived =
    error.name === 'TypeError' ? new TypeError(error.message) : new Error(error.message);
  if (error.name !== 'TypeError') revived.name = error.name;
  return revived;
}

function resolveMode(mode: SigningMode, workerUrl: URL): 'threads' | 'inline' {
  if (mode !== 'auto') return mode;
  return workerUrl.protocol === 'file:' && existsSync(fileURLToPath(workerUrl))
    ? 'threads'
    : 'inline';
}

interface Pending {
  resolve(value: Credential | string): void;
  reject(error: Error): void;
}

interface PoolWorker {
  worker: Worker;
  pending: Map<number, Pending>;
}

class InlineSigningPool implements SigningPool {
  readonly mode = 'inline';
  readonly size = 0;
  private closed = false;
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

  private async run(task: SignTask): Promise<Credential | string> {
    if (this.closed) throw new SigningPoolError('The signing pool is closed');
    return runSignTask(task, this.documentLoader);
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}

class ThreadSigningPool implements SigningPool {
  readonly mode = 'threads';
  private readonly workers: PoolWorker[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    readonly size: number,
    private readonly workerUrl: URL,
    private readonly data: SigningWorkerData,
  ) {
    for (let i = 0; i < size; i += 1) this.workers.push(this.spawn());
  }

  signDataIntegrity(credential: Credential, signer: SignerKey, now?: Date): Promise<Credential> {
    return this.run({ format: 'di', credential, signer, now }) as Promise<Credential>;
  }

  signJwt(credential: Credential, signer: SignerKey): Promise<string> {
    return this.run({ format: 'jwt', credential, signer }) as Promise<string>;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const workers = this.workers.splice(0);
    for (const entry of workers) this.failAll(entry, 'The signing pool was closed');
    await Promise.all(workers.map((entry) => entry.worker.terminate()));
  }

  private run(task: SignTask): Promise<Credential | string> {
    if (this.closed) return Promise.reject(new SigningPoolError('The signing pool is closed'));
    // The least busy worker: signatures cost about the same, so this keeps every core fed.
    const entry = this.workers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      entry.pending.set(id, { resolve, reject });
      const request: SignRequest = { id, task };
      entry.worker.postMessage(request);
    });
  }

  private spawn(): PoolWorker {
    const worker = new Worker(this.workerUrl, { workerData: this.data });
    const entry: PoolWorker = { worker, pending: new Map() };
    worker.on('message', (response: SignResponse) => {
      const pending = entry.pending.get(response.id);
      if (!pending) return;
      entry.pending.delete(response.id);
      if (response.ok) pending.resolve(response.value);
      else pending.reject(reviveError(response.error));
    });
    // A worker that dies takes its pending signatures with it; a fresh one takes its place.
    const replace = (reason: string, cause?: unknown) => {
      const index = this.workers.indexOf(entry);
      if (index === -1) return;
      this.failAll(entry, reason, cause);
      if (!this.closed) this.workers[index] = this.spawn();
    };
    worker.on('error', (error) => replace('A signing worker failed', error));
    worker.on('exit', (code) => replace(`A signing worker exited with code ${code}`));
    return entry;
  }

  private failAll(entry: PoolWorker, reason: string, cause?: unknown): void {
    for (const pending of entry.pending.values()) {
      pending.reject(new SigningPoolError(reason, { cause }));
    }
    entry.pending.clear();
  }
}

/**
 * Creates a pool that signs credentials with the same `src/vc` code in worker threads, so that
 * signing neither blocks the event loop nor leaves cores idle, or inline where workers cannot
 * run (see {@link SigningMode}). Each worker builds its own offline document loader from our
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
  if (workerUrl.protocol !== 'file:' || !existsSync(fileURLToPath(workerUrl))) {
    throw new TypeError(`No signing worker script at ${workerUrl.href}: build the service first`);
  }
  const size = options.size ?? availableParallelism();
  if (!Number.isInteger(size) || size < 1) {
    throw new TypeError(`The pool size must be a positive integer, not ${String(size)}`);
  }
  return new ThreadSigningPool(size, workerUrl, { ourContextUrl, ourContext });
}
