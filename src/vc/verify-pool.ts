import { availableParallelism } from 'node:os';
import { createDocumentLoader } from './document-loader.js';
import { inlinePoolStats, threadPoolStats, type PoolStats } from './pool-stats.js';
import { loadSchemas, type CredentialSchemas } from './schemas.js';
import {
  DEFAULT_WORKER_IDLE_MS,
  TaskDeadlineExceededError,
  ThreadPool,
  workerScriptExists,
} from '../common/thread-pool/thread-pool.js';
import { verifyCredential, type VerificationResult } from './verify.js';
import { verifyPresentationProof, type PresentationProofResult } from './verify-presentation.js';
import { verifyPresentationJwt, type PresentationJwtResult } from './verify-presentation-jwt.js';

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

/** The proof of a presentation to verify (its credentials are verified as {@link VerifyTask}s). */
export interface PresentationProofTask {
  presentation: Record<string, unknown>;
  challenge?: string;
  domain?: string;
  documents: Record<string, object>;
}

/** A presentation secured as a JWT (vp+jwt), its credentials apart. */
export interface PresentationJwtTask {
  presentationJwt: string;
  challenge?: string;
  domain?: string;
  now: Date;
  documents: Record<string, object>;
}

type AnyTask = VerifyTask | PresentationProofTask | PresentationJwtTask;
type AnyResult = VerificationResult | PresentationProofResult | PresentationJwtResult;

/** What a verification worker is started with. */
export interface VerifyWorkerData {
  ourContextUrl: string;
  ourContext: object;
  /** The folder of our JSON Schemas (see `loadSchemas`). */
  schemasDir: string;
}

/** Runs one task: the same code in a worker and inline. */
export function runVerifyTask(
  task: AnyTask,
  data: VerifyWorkerData,
  schemas: CredentialSchemas,
): Promise<AnyResult> {
  const documentLoader = createDocumentLoader({
    ourContextUrl: data.ourContextUrl,
    ourContext: data.ourContext,
    resolveLocal: (url) => Promise.resolve(task.documents[url]),
  });
  if ('presentationJwt' in task) {
    return verifyPresentationJwt({
      jwt: task.presentationJwt,
      challenge: task.challenge,
      domain: task.domain,
      now: task.now,
      documentLoader,
    });
  }
  if ('presentation' in task) {
    return verifyPresentationProof({
      presentation: task.presentation,
      challenge: task.challenge,
      domain: task.domain,
      documentLoader,
    });
  }
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
  /** Verifies the proof of a presentation (not its credentials). */
  verifyPresentationProof(task: PresentationProofTask): Promise<PresentationProofResult>;
  /** Verifies a JWT-secured presentation (not its credentials). */
  verifyPresentationJwt(task: PresentationJwtTask): Promise<PresentationJwtResult>;
  /** What the pool has done so far. */
  stats(): PoolStats;
  close(): Promise<void>;
}

const DEFAULT_WORKER_URL = new URL('./verify-worker.js', import.meta.url);

/**
 * How long one verification may take before it fails with {@link TaskDeadlineExceededError}. A
 * credential within the document limits verifies in milliseconds; this bounds anything else.
 */
export const DEFAULT_VERIFY_DEADLINE_MS = 10_000;

class ThreadVerifyPool implements VerifyPool {
  readonly mode = 'threads';
  private readonly pool: ThreadPool<AnyTask, AnyResult>;

  constructor(
    size: number,
    workerUrl: URL,
    data: VerifyWorkerData,
    deadlineMs: number,
    idleMs: number,
  ) {
    this.pool = new ThreadPool({
      size,
      workerUrl,
      workerData: data,
      work: 'verification',
      deadlineMs,
      idleMs,
      failure: (message, cause) => new Error(message, { cause }),
    });
  }

  get size(): number {
    return this.pool.size;
  }

  verify(task: VerifyTask): Promise<VerificationResult> {
    return this.pool.run(task) as Promise<VerificationResult>;
  }

  verifyPresentationProof(task: PresentationProofTask): Promise<PresentationProofResult> {
    return this.pool.run(task) as Promise<PresentationProofResult>;
  }

  verifyPresentationJwt(task: PresentationJwtTask): Promise<PresentationJwtResult> {
    return this.pool.run(task) as Promise<PresentationJwtResult>;
  }

  stats(): PoolStats {
    return threadPoolStats(this.pool);
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}

class InlineVerifyPool implements VerifyPool {
  readonly mode = 'inline';
  readonly size = 0;
  private readonly schemas: CredentialSchemas;
  private tasksRun = 0;

  constructor(
    private readonly data: VerifyWorkerData,
    private readonly deadlineMs: number,
  ) {
    this.schemas = loadSchemas(data.schemasDir);
  }

  verify(task: VerifyTask): Promise<VerificationResult> {
    return this.run(task) as Promise<VerificationResult>;
  }

  verifyPresentationProof(task: PresentationProofTask): Promise<PresentationProofResult> {
    return this.run(task) as Promise<PresentationProofResult>;
  }

  verifyPresentationJwt(task: PresentationJwtTask): Promise<PresentationJwtResult> {
    return this.run(task) as Promise<PresentationJwtResult>;
  }

  // Inline, the work cannot be stopped; the caller is answered at the deadline all the same.
  private async run(task: AnyTask): Promise<AnyResult> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new TaskDeadlineExceededError(this.deadlineMs, 'verification')),
        this.deadlineMs,
      );
    });
    try {
      return await Promise.race([runVerifyTask(task, this.data, this.schemas), deadline]);
    } finally {
      clearTimeout(timer);
      this.tasksRun += 1;
    }
  }

  stats(): PoolStats {
    return inlinePoolStats(this.tasksRun);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * A pool that runs `verifyCredential` in worker threads (the compiled `verify-worker.js` beside
 * this module, as when the service runs from `dist/`), or inline where there is no compiled
 * worker (the TypeScript sources under Jest). Every task has a deadline (`deadlineMs`, default
 * {@link DEFAULT_VERIFY_DEADLINE_MS}); a worker stuck past it is replaced. Workers start as
 * verifications need them and exit after `idleMs` (default `DEFAULT_WORKER_IDLE_MS`) without one.
 */
export function createVerifyPool(
  data: VerifyWorkerData,
  options: { size?: number; workerUrl?: URL; deadlineMs?: number; idleMs?: number } = {},
): VerifyPool {
  const workerUrl = options.workerUrl ?? DEFAULT_WORKER_URL;
  const deadlineMs = options.deadlineMs ?? DEFAULT_VERIFY_DEADLINE_MS;
  if (!workerScriptExists(workerUrl)) return new InlineVerifyPool(data, deadlineMs);
  return new ThreadVerifyPool(
    options.size ?? availableParallelism(),
    workerUrl,
    data,
    deadlineMs,
    options.idleMs ?? DEFAULT_WORKER_IDLE_MS,
  );
}
