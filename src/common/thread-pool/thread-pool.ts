import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker, type MessagePort } from 'node:worker_threads';

/**
 * Whether a worker script is there to run: the compiled `.js` beside its module, as when the
 * service runs from `dist/`; not under Jest, which runs the TypeScript sources.
 */
export function workerScriptExists(url: URL): boolean {
  return url.protocol === 'file:' && existsSync(fileURLToPath(url));
}

/** A task sent to a worker thread, and its answer. Both cross as structured clones. */
export interface TaskRequest<T> {
  id: number;
  task: T;
}

export type TaskResponse<R> =
  | { id: number; ok: true; value: R }
  | { id: number; ok: false; error: { name: string; message: string } };

/** What a worker says once, before any answer: facts about itself that its pool can report. */
export interface WorkerReady {
  ready: Record<string, boolean>;
}

/** Rebuilds, on this side of the thread boundary, an error a worker reported. */
export function reviveError(error: { name: string; message: string }): Error {
  const revived =
    error.name === 'TypeError' ? new TypeError(error.message) : new Error(error.message);
  if (error.name !== 'TypeError') revived.name = error.name;
  return revived;
}

/**
 * On a worker thread: announces `facts` (e.g. `{ jsonLdTuned: true }`), then answers each request
 * of its pool with `run`'s result or error.
 */
export function serveTasks<T, R>(
  port: MessagePort,
  run: (task: T) => Promise<R>,
  facts: Record<string, boolean> = {},
): void {
  port.postMessage({ ready: facts } satisfies WorkerReady);
  port.on('message', (request: TaskRequest<T>) => {
    run(request.task).then(
      (value) => port.postMessage({ id: request.id, ok: true, value } satisfies TaskResponse<R>),
      (error: unknown) => {
        const { name, message } =
          error instanceof Error ? error : { name: 'Error', message: String(error) };
        port.postMessage({
          id: request.id,
          ok: false,
          error: { name, message },
        } satisfies TaskResponse<R>);
      },
    );
  });
}

/**
 * How long the service's pools keep a worker with nothing to do (see `ThreadPoolOptions.idleMs`):
 * long enough that a steady load never restarts one, short enough that an idle replica gives its
 * workers' memory back. At 30 s, a light mixed load (a few issuances a second) still let the second
 * worker of a pool exit and start again, and the process's memory stepped by 30–40 MB each time.
 */
export const DEFAULT_WORKER_IDLE_MS = 120_000;

export interface ThreadPoolOptions {
  size: number;
  workerUrl: URL;
  workerData: unknown;
  /** What the workers do, for messages ("signing", "verification"). */
  work: string;
  /** The error a task gets when its pool closes or its worker dies. */
  failure(message: string, cause?: unknown): Error;
  /**
   * How long a task may take, in milliseconds, unless `run` is given another deadline, counted
   * once its worker has started (a worker started for it may take a while on a busy machine).
   * Past it the task fails with {@link TaskDeadlineExceededError} and its worker is replaced.
   * Default: none.
   */
  deadlineMs?: number;
  /**
   * How long, in milliseconds, a worker with nothing to do lives on before it exits, giving its
   * memory back; the next task that needs it starts a fresh one. Default: it lives on.
   */
  idleMs?: number;
}

/** A task that did not finish before its deadline; its worker was stopped and replaced. */
export class TaskDeadlineExceededError extends Error {
  constructor(
    readonly deadlineMs: number,
    work: string,
  ) {
    super(`The ${work} did not finish within ${deadlineMs} ms`);
    this.name = 'TaskDeadlineExceededError';
  }
}

interface PendingTask<T, R> {
  task: T;
  resolve(value: R): void;
  reject(error: Error): void;
  /** How long the task may take once its worker is ready (its start-up is not counted). */
  deadlineMs?: number;
  timer?: NodeJS.Timeout;
}

interface PoolWorker<T, R> {
  worker: Worker;
  pending: Map<number, PendingTask<T, R>>;
  /** What the worker announced (see `serveTasks`); empty until it has. */
  facts: Record<string, boolean>;
  /** Whether it announced itself, i.e. finished starting. */
  ready: boolean;
  /** Set while the worker has nothing to do: when it fires, the worker exits. */
  idleTimer?: NodeJS.Timeout;
}

/**
 * Up to `size` worker threads running one script (which calls {@link serveTasks}), started as
 * tasks need them: a task goes to an idle worker, else a new one while there are fewer than
 * `size`, else the least busy — tasks cost about the same, so this keeps every core fed. A worker
 * idle for `idleMs` exits. A worker that dies takes its pending tasks with it (they are rejected);
 * the next task starts a fresh one. A task past its deadline is rejected and its worker, which may
 * be stuck in it, is stopped: the fresh worker that takes its place runs the worker's other tasks
 * again.
 */
export class ThreadPool<T, R> {
  readonly size: number;
  private readonly workers: PoolWorker<T, R>[] = [];
  private nextId = 1;
  private closed = false;
  private answered = 0;

  constructor(private readonly options: ThreadPoolOptions) {
    this.size = options.size;
  }

  /** Runs a task on an idle, new or least busy worker, within `deadlineMs` (default: the pool's). */
  run(task: T, deadlineMs = this.options.deadlineMs): Promise<R> {
    if (this.closed) return Promise.reject(this.options.failure(`The ${this.name} is closed`));
    const entry = this.pick();
    clearTimeout(entry.idleTimer);
    entry.idleTimer = undefined;
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const pending: PendingTask<T, R> = { task, resolve, reject, deadlineMs };
      entry.pending.set(id, pending);
      // A worker still starting arms the deadlines of its tasks once it is ready.
      if (entry.ready) this.arm(id, pending);
      entry.worker.postMessage({ id, task } satisfies TaskRequest<T>);
    });
  }

  /** Tasks its workers answered, with a result or an error, since the pool started. */
  get tasksRun(): number {
    return this.answered;
  }

  /** Worker threads running now (at most `size`; none before the first task). */
  get live(): number {
    return this.workers.length;
  }

  /** How many of its live workers announced `fact` as true. */
  workersWith(fact: string): number {
    return this.workers.filter((entry) => entry.facts[fact] === true).length;
  }

  /** Stops the workers; tasks still pending are rejected. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const workers = this.workers.splice(0);
    for (const entry of workers) {
      clearTimeout(entry.idleTimer);
      this.failAll(entry, `The ${this.name} was closed`);
    }
    await Promise.all(workers.map((entry) => entry.worker.terminate()));
  }

  private get name(): string {
    return `${this.options.work} pool`;
  }

  private pick(): PoolWorker<T, R> {
    const idle = this.workers.find((entry) => entry.pending.size === 0);
    if (idle) return idle;
    if (this.workers.length < this.size) {
      const fresh = this.spawn();
      this.workers.push(fresh);
      return fresh;
    }
    return this.workers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
  }

  private arm(id: number, pending: PendingTask<T, R>): void {
    const { deadlineMs } = pending;
    if (deadlineMs === undefined || deadlineMs <= 0 || pending.timer) return;
    pending.timer = setTimeout(() => this.expire(id, deadlineMs), deadlineMs);
    pending.timer.unref();
  }

  /** With nothing left to do, the worker exits after `idleMs` unless a task comes first. */
  private settle(entry: PoolWorker<T, R>): void {
    const { idleMs } = this.options;
    if (idleMs === undefined || entry.pending.size > 0 || this.closed) return;
    clearTimeout(entry.idleTimer);
    entry.idleTimer = setTimeout(() => {
      const index = this.workers.indexOf(entry);
      if (index === -1 || entry.pending.size > 0) return;
      // Out of the pool first, so that its exit is not taken for a death to make up for.
      this.workers.splice(index, 1);
      void entry.worker.terminate();
    }, idleMs);
    entry.idleTimer.unref();
  }

  /** Fails a task past its deadline and replaces its worker, which takes the other tasks over. */
  private expire(id: number, deadlineMs: number): void {
    const index = this.workers.findIndex((entry) => entry.pending.has(id));
    if (index === -1) return;
    const stuck = this.workers[index];
    const pending = stuck.pending.get(id)!;
    stuck.pending.delete(id);
    this.answered += 1;
    pending.reject(new TaskDeadlineExceededError(deadlineMs, this.options.work));
    const fresh = this.spawn();
    this.workers[index] = fresh;
    for (const [otherId, other] of stuck.pending) {
      fresh.pending.set(otherId, other);
      fresh.worker.postMessage({ id: otherId, task: other.task } satisfies TaskRequest<T>);
    }
    stuck.pending.clear();
    this.settle(fresh);
    void stuck.worker.terminate();
  }

  private spawn(): PoolWorker<T, R> {
    const { workerUrl, workerData, work } = this.options;
    const worker = new Worker(workerUrl, { workerData });
    const entry: PoolWorker<T, R> = { worker, pending: new Map(), facts: {}, ready: false };
    worker.on('message', (response: TaskResponse<R> | WorkerReady) => {
      if ('ready' in response) {
        entry.facts = response.ready;
        entry.ready = true;
        for (const [id, pending] of entry.pending) this.arm(id, pending);
        return;
      }
      const pending = entry.pending.get(response.id);
      if (!pending) return;
      entry.pending.delete(response.id);
      clearTimeout(pending.timer);
      this.answered += 1;
      if (response.ok) pending.resolve(response.value);
      else pending.reject(reviveError(response.error));
      this.settle(entry);
    });
    const replace = (reason: string, cause?: unknown) => {
      const index = this.workers.indexOf(entry);
      if (index === -1) return;
      clearTimeout(entry.idleTimer);
      this.failAll(entry, reason, cause);
      // The next task that needs a worker starts a fresh one.
      this.workers.splice(index, 1);
    };
    worker.on('error', (error) => replace(`A ${work} worker failed`, error));
    worker.on('exit', (code) => replace(`A ${work} worker exited with code ${code}`));
    return entry;
  }

  private failAll(entry: PoolWorker<T, R>, reason: string, cause?: unknown): void {
    for (const pending of entry.pending.values()) {
      clearTimeout(pending.timer);
      pending.reject(this.options.failure(reason, cause));
    }
    entry.pending.clear();
  }
}
