import { jest } from '@jest/globals';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { BatchedLimiter } from './batched-limiter.js';

// The shared store stands in for the database's: what a replica wrote there, the others see.
const sharedStore = (points: number) => new RateLimiterMemory({ points, duration: 60 });

describe('BatchedLimiter', () => {
  it('admits a tenth of the budget from memory, then asks the shared store', async () => {
    const shared = sharedStore(100);
    const limiter = new BatchedLimiter(shared, { points: 100, duration: 60 });
    for (let i = 0; i < 10; i += 1) expect(await limiter.consume('a')).toEqual({ allowed: true });
    expect(await shared.get('a')).toBeNull();
    // The eleventh writes the ten before it and itself.
    expect(await limiter.consume('a')).toEqual({ allowed: true });
    expect((await shared.get('a'))?.consumedPoints).toBe(11);
  });

  it('writes its counts on flush, so other replicas count them', async () => {
    const shared = sharedStore(100);
    const first = new BatchedLimiter(shared, { points: 100, duration: 60 });
    for (let i = 0; i < 7; i += 1) await first.consume('a');
    await first.flush();
    expect((await shared.get('a'))?.consumedPoints).toBe(7);
  });

  it('never admits more than the budget plus the others’ unwritten shares', async () => {
    const shared = sharedStore(100);
    const replicas = [0, 1, 2].map(() => new BatchedLimiter(shared, { points: 100, duration: 60 }));
    let admitted = 0;
    for (let i = 0; i < 300; i += 1) {
      if ((await replicas[i % 3].consume('a')).allowed) admitted += 1;
      if (i % 25 === 0) await Promise.all(replicas.map((r) => r.flush()));
    }
    expect(admitted).toBeGreaterThanOrEqual(100);
    expect(admitted).toBeLessThanOrEqual(100 + 2 * 10);
  });

  it('is exact below ten points: every request asks the shared store', async () => {
    const shared = sharedStore(4);
    const replicas = [0, 1].map(() => new BatchedLimiter(shared, { points: 4, duration: 60 }));
    const answers = [];
    for (let i = 0; i < 6; i += 1) answers.push((await replicas[i % 2].consume('a')).allowed);
    expect(answers).toEqual([true, true, true, true, false, false]);
  });

  it('refuses a refused key from memory until its window ends', async () => {
    const shared = sharedStore(2);
    const limiter = new BatchedLimiter(shared, { points: 2, duration: 60 });
    await limiter.consume('a');
    await limiter.consume('a');
    const refused = await limiter.consume('a');
    expect(refused.allowed).toBe(false);
    const consume = jest.spyOn(shared, 'consume');
    const again = await limiter.consume('a');
    expect(again).toMatchObject({ allowed: false });
    expect(consume).not.toHaveBeenCalled();
  });
});
