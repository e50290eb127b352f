import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { TaskDeadlineExceededError, ThreadPool } from './thread-pool.js';

// A worker speaking the pool's protocol (as serveTasks does): announces a fact, doubles numbers,
// fails on "fail", exits on "die", and never answers "hang" (a loop that keeps its thread busy).
const WORKER = `
import { parentPort } from 'node:worker_threads';
parentPort.postMessage({ ready: { warm: true, tuned: false } });
parentPort.on('message', ({ id, task }) => {
  if (task === 'die') process.exit(3);
  if (task === 'hang') for (;;);
  if (task === 'fail') parentPort.postMessage({ id, ok: false, error: { name: 'TypeError', message: 'bad task' } });
  else parentPort.postMessage({ id, ok: true, value: task * 2 });
});
`;

class TestPoolError extends Error {}

describe('ThreadPool', () => {
  const dir = mkdtempSync(join(tmpdir(), 'reconoce-pool-'));
  const workerUrl = pathToFileURL(join(dir, 'worker.mjs'));
  writeFileSync(workerUrl, WORKER);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const pool = () =>
    new ThreadPool<number | string, number>({
      size: 2,
      workerUrl,
      workerData: null,
      work: 'test',
      failure: (message) => new TestPoolError(message),
    });

  it('runs tasks on its workers, revives their errors, and replaces a worker that dies', async () => {
    const threads = pool();
    try {
      expect(await Promise.all([1, 2, 3, 4].map((n) => threads.run(n)))).toEqual([2, 4, 6, 8]);
      await expect(threads.run('fail')).rejects.toThrow(new TypeError('bad task'));
      // Both workers answered, so both had announced themselves first.
      expect(threads.tasksRun).toBe(5);
      expect([threads.workersWith('warm'), threads.workersWith('tuned')]).toEqual([2, 0]);
      const died = threads.run('die');
      await expect(died).rejects.toBeInstanceOf(TestPoolError);
      await expect(died).rejects.toThrow('A test worker exited with code 3');
      expect(await Promise.all([5, 6, 7].map((n) => threads.run(n)))).toEqual([10, 12, 14]);
    } finally {
      await threads.close();
    }
    await expect(threads.run(1)).rejects.toThrow(new TestPoolError('The test pool is closed'));
  });

  it('rejects the tasks still pending when it closes', async () => {
    const threads = pool();
    // Closed in the same tick: the worker has had no chance to answer.
    const pending = expect(threads.run(1)).rejects.toThrow(
      new TestPoolError('The test pool was closed'),
    );
    await threads.close();
    await pending;
  });

  it('fails a task past its deadline, replaces its stuck worker and runs the others again', async () => {
    const threads = new ThreadPool<number | string, number>({
      size: 1,
      workerUrl,
      workerData: null,
      work: 'test',
      failure: (message) => new TestPoolError(message),
      deadlineMs: 5_000,
    });
    try {
      // A deadline counts from when the worker is ready: start it first.
      expect(await threads.run(1)).toBe(2);
      const started = Date.now();
      const stuck = threads.run('hang', 300);
      // Queued behind the stuck task on the only worker: it must still be answered.
      const behind = threads.run(21);
      await expect(stuck).rejects.toBeInstanceOf(TaskDeadlineExceededError);
      await expect(stuck).rejects.toThrow('The test did not finish within 300 ms');
      expect(await behind).toBe(42);
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(await threads.run(5)).toBe(10);
    } finally {
      await threads.close();
    }
  });

  it('starts workers as tasks need them, up to its size, and lets idle ones exit', async () => {
    const threads = new ThreadPool<number | string, number>({
      size: 2,
      workerUrl,
      workerData: null,
      work: 'test',
      failure: (message) => new TestPoolError(message),
      idleMs: 300,
    });
    try {
      expect(threads.live).toBe(0);
      expect(await threads.run(1)).toBe(2);
      expect([threads.live, threads.workersWith('warm')]).toEqual([1, 1]);
      // The first goes to the idle worker, the second needs a new one; a third waits its turn.
      const burst = Promise.all([2, 3, 4].map((n) => threads.run(n)));
      expect(threads.live).toBe(2);
      expect(await burst).toEqual([4, 6, 8]);
      // Idle, both exit (the machine may be slow: wait up to 10 s).
      for (let waited = 0; threads.live > 0 && waited < 10_000; waited += 100) {
        await new Promise((done) => setTimeout(done, 100));
      }
      expect(threads.live).toBe(0);
      // A task after they exited starts a fresh worker.
      expect(await threads.run(5)).toBe(10);
      expect([threads.live, threads.tasksRun]).toEqual([1, 5]);
    } finally {
      await threads.close();
    }
  });
});
