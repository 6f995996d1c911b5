import { runBounded } from './aggregates';

/** One dashboard's panels on the aggregate pool: a bounded number at once, answers in order, nothing left running on failure. */
describe('runBounded', () => {
  const tick = () => new Promise((r) => setImmediate(r));

  it('runs at most `concurrency` tasks at once and returns the results in the order of the tasks', async () => {
    let running = 0;
    let most = 0;
    const tasks = Array.from({ length: 8 }, (_, i) => async () => {
      running++;
      most = Math.max(most, running);
      for (let k = 0; k < 8 - i; k++) await tick(); // later tasks end sooner
      running--;
      return i;
    });
    expect(await runBounded(tasks, 3)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(most).toBe(3);
  });

  it('after a failure starts no further task, and throws only once the running ones have ended', async () => {
    const started: number[] = [];
    const ended: number[] = [];
    const tasks = Array.from({ length: 6 }, (_, i) => async () => {
      started.push(i);
      for (let k = 0; k < (i === 1 ? 1 : 4); k++) await tick();
      ended.push(i);
      if (i === 1) throw new Error('panel 1 failed');
      return i;
    });
    await expect(runBounded(tasks, 3)).rejects.toThrow('panel 1 failed');
    expect(started).toEqual([0, 1, 2]);
    expect([...ended].sort()).toEqual([0, 1, 2]);
  });
});
