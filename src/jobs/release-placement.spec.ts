import { RELEASE_TRIES, releasePlacement } from './release-placement';

describe('releasePlacement', () => {
  it('tries again until the network closes the placement', async () => {
    let calls = 0;
    const failed = await releasePlacement(async () => {
      calls += 1;
      if (calls < RELEASE_TRIES) throw new Error('503');
    }, 1);
    expect([failed, calls]).toEqual([undefined, RELEASE_TRIES]);
  });

  it('gives up after RELEASE_TRIES and returns the last error', async () => {
    let calls = 0;
    const failed = await releasePlacement(async () => {
      calls += 1;
      throw new Error(`down ${calls}`);
    }, 1);
    expect([failed?.message, calls]).toEqual([`down ${RELEASE_TRIES}`, RELEASE_TRIES]);
  });
});
