import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createDocumentLoader } from './document-loader.js';
import { loadSchemas, type CredentialSchemas } from './schemas.js';
import { reviveError } from './signing-pool.js';
import { verifyCredential, type VerificationResult } from './verify.js';

/**
 * One verification to run. Status is not read here (`checkStatus: false`): the caller reads the
 * bits where the lists live and replaces the `status` check (see `statusCheck`).
 */
export interface VerifyTask {
  credential: unknown;
  now: Date;
  /** Documents the verifier may need that are not pinned contexts, e.g. our DID documents. */
  documents: Record<string, object>;
}

/** What a verification worker is started with. */
export interface VerifyWorkerData {
  ourContextUrl: string;
  ourContext: object;
  /** The folder of our JSON Schemas (see `loadSchemas`). */
  schemasDir: string;
}

export type VerifyResponse =
  | { id: number; ok: true; value: VerificationResult }
  | { id: number; ok: false; error: { name: string; message: string } };

/** Runs one task: the same code in a worker and inline. */
export function runVerifyTask(
  task: VerifyTask,
  data: VerifyWorkerData,
  schemas: CredentialSchemas,
): Promise<VerificationResult> {
  const documentLoader = createDocumentLoader({
    ourContextUrl: data.ourContextUrl,
    ourContext: data.ourContext,
    resolveLocal: (url) => Promise.resolve(task.documents[url]),
  });
  return verifyCredential({
    credential: task.credential,
    documentLoader,
    checkStatus: false,
    schemas,
    now: task.now,
  });
}

/** Verifies credentials off the event loop (threads) or on it (inline), with one API. */
export interface VerifyPool {
  readonly mode: 'threads' | 'inline';
  readonly size: number;
  verify(task: VerifyTask): Promise<VerificationResult>;
  close(): Promise<void>;
}

interface Pending {
  resolve(value: VerificationResult): void;
  reject(error: Error): void;
}

const DEFAULT_WORKER_URL = new URL('./verify-worker.js', import.meta.url);

class ThreadVerifyPool implements VerifyPool {
  readonly mode = 'threads';
  private readonly workers: { worker: Worker; pending: Map<number, Pending> }[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    readonly size: number,
    private readonly workerUrl: URL,
    private readonly data: VerifyWorkerData,
  ) {
    for (let i = 0; i < size; i += 1) this.workers.push(this.spawn());
  }

  verify(task: VerifyTask): Promise<VerificationResult> {
    if (this.closed) return Promise.reject(new Error('The verification pool is closed'));
    const entry = this.workers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      entry.pending.set(id, { resolve, reject });
      entry.worker.postMessage({ id, task });
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const workers = this.workers.splice(0);
    for (const entry of workers) {
      for (const pending of entry.pending.values())
        pending.reject(new Error('The verification pool was closed'));
    }
    await Promise.all(workers.map((entry) => entry.worker.terminate()));
  }

  private spawn(): { worker: Worker; pending: Map<number, Pending> } {
    const worker = new Worker(this.workerUrl, { workerData: this.data });
    const entry = { worker, pending: new Map<number, Pending>() };
    worker.on('message', (response: VerifyResponse) => {
      const pending = entry.pending.get(response.id);
      if (!pending) return;
      entry.pending.delete(response.id);
      if (response.ok) pending.resolve(response.value);
      else pending.reject(reviveError(response.error));
    });
    // A worker that dies takes its pending verifications with it; a fresh one takes its place.
    const replace = (reason: string) => {
      const index = this.workers.indexOf(entry);
      if (index === -1) return;
      for (const pending of entry.pending.values()) pending.reject(new Error(reason));
      entry.pending.clear();
      if (!this.closed) this.workers[index] = this.spawn();
    };
    worker.on('error', () => replace('A verification worker failed'));
    worker.on('exit', (code) => replace(`A verification worker exited with code ${code}`));
    return entry;
  }
}

class InlineVerifyPool implements VerifyPool {
  readonly mode = 'inline';
  readonly size = 0;
  private readonly schemas: CredentialSchemas;

  constructor(private readonly data: VerifyWorkerData) {
    this.schemas = loadSchemas(data.schemasDir);
  }

  verify(task: VerifyTask): Promise<VerificationResult> {
    return runVerifyTask(task, this.data, this.schemas);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * A pool that runs `verifyCredential` in worker threads (the compiled `verify-worker.js` beside
 * this module, as when the service runs from `dist/`), or inline where there is no compiled
 * worker (the TypeScript sources under Jest).
 */
export function createVerifyPool(
  data: VerifyWorkerData,
  options: { size?: number; workerUrl?: URL } = {},
): VerifyPool {
  const workerUrl = options.workerUrl ?? DEFAULT_WORKER_URL;
  const threads = workerUrl.protocol === 'file:' && existsSync(fileURLToPath(workerUrl));
  if (!threads) return new InlineVerifyPool(data);
  return new ThreadVerifyPool(options.size ?? availableParallelism(), workerUrl, data);
}
