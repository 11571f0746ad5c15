import { InFlightWork } from './in-flight-work';

describe('InFlightWork', () => {
  it('drains work that is running and work started while draining, failures included', async () => {
    const work = new InFlightWork();
    const finished: string[] = [];
    let releaseFirst!: () => void;
    work.track(new Promise<void>((r) => (releaseFirst = r)).then(() => finished.push('first')));
    const drained = work.drain().then(() => finished.push('drained'));
    work.track(Promise.reject(new Error('boom'))).catch(() => finished.push('failed'));
    work.track(new Promise((r) => setTimeout(r, 20)).then(() => finished.push('late')));
    releaseFirst();
    await drained;
    expect(finished.at(-1)).toBe('drained');
    expect([...finished].sort()).toEqual(['drained', 'failed', 'first', 'late']);
    expect(work.size).toBe(0);
  });

  it('returns the tracked promise unchanged', async () => {
    await expect(new InFlightWork().track(Promise.resolve(42))).resolves.toBe(42);
  });
});
