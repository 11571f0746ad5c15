import { GroupCommit } from './group-commit';

class Refused extends Error {}

/** A store that keeps what it was given per account, refuses a batch whose total is over the account's budget. */
function budgetStore(budget: number, delayMs = 5) {
  const calls: Array<{ accountId: string; jobs: number[] }> = [];
  const spent = new Map<string, number>();
  const store = async (accountId: string, jobs: number[]) => {
    calls.push({ accountId, jobs: [...jobs] });
    await new Promise((r) => setTimeout(r, delayMs));
    const total = jobs.reduce((s, j) => s + j, 0);
    if ((spent.get(accountId) ?? 0) + total > budget) throw new Refused(`${accountId}: ${total} does not fit`);
    spent.set(accountId, (spent.get(accountId) ?? 0) + total);
    return jobs.map((j) => `stored ${j}`);
  };
  return { store, calls, spent };
}

describe('group commit', () => {
  it('stores one job at once when nothing else is in flight', async () => {
    const { store, calls } = budgetStore(100);
    const batcher = new GroupCommit(store);
    await expect(batcher.add('a', 7)).resolves.toBe('stored 7');
    expect(calls).toEqual([{ accountId: 'a', jobs: [7] }]);
  });

  it('gathers the jobs that arrive while a batch is in flight into the next one, per account', async () => {
    const { store, calls } = budgetStore(1_000);
    const batcher = new GroupCommit(store);
    const results = await Promise.all([1, 2, 3, 4].map((j) => batcher.add('a', j)).concat([batcher.add('b', 9)]));
    expect(results).toEqual(['stored 1', 'stored 2', 'stored 3', 'stored 4', 'stored 9']);
    expect(calls).toEqual([
      { accountId: 'a', jobs: [1] },
      { accountId: 'b', jobs: [9] },
      { accountId: 'a', jobs: [2, 3, 4] },
    ]);
  });

  it('tries each job of a batch that does not fit together alone, so each gets its own answer', async () => {
    const { store, spent } = budgetStore(10);
    const batcher = new GroupCommit(store);
    const first = batcher.add('a', 1);
    const rest = [6, 5, 2].map((j) => batcher.add('a', j).catch((e: Error) => e));
    expect(await first).toBe('stored 1');
    const answers = await Promise.all(rest);
    expect(answers[0]).toBe('stored 6');
    expect(answers[1]).toBeInstanceOf(Refused);
    expect(answers[2]).toBe('stored 2');
    expect(spent.get('a')).toBe(9);
  });

  it('tries the jobs of a batch that failed alone, so one job that cannot be stored fails by itself', async () => {
    const calls: number[][] = [];
    const batcher = new GroupCommit<number, string>(async (_a, jobs) => {
      calls.push(jobs);
      await new Promise((r) => setTimeout(r, 5));
      if (jobs.includes(2)) throw new Error('job 2 cannot be stored');
      return jobs.map(String);
    });
    const answers = await Promise.all([1, 2, 3].map((j) => batcher.add('a', j).catch((e: Error) => e.message)));
    expect(answers).toEqual(['1', 'job 2 cannot be stored', '3']);
    expect(calls).toEqual([[1], [2, 3], [2], [3]]);
  });

  it('caps a batch at its maximum size', async () => {
    const { store, calls } = budgetStore(1_000);
    const batcher = new GroupCommit(store, 2);
    await Promise.all([1, 2, 3, 4, 5].map((j) => batcher.add('a', j)));
    expect(calls.map((c) => c.jobs)).toEqual([[1], [2, 3], [4, 5]]);
  });
});
