// The simulator checks signatures as the real Dispersed API documents it, and the adapter reports a
// rejected signature as `unauthorized` (an account-scoped, non-retryable error).
import { AdapterError, isAdapterError } from '../sdk';
import { RunningRenderSimulator } from './render.simulator';
import { adapterFor, quietContext, signal, signedRequest, startRenderSimulator } from './render.spec-helpers';

async function errorOf(call: Promise<unknown>): Promise<AdapterError> {
  try {
    await call;
  } catch (err) {
    if (isAdapterError(err)) return err;
    throw err;
  }
  throw new Error('expected the call to fail');
}

describe('Render simulator request authentication', () => {
  let sim: RunningRenderSimulator;
  beforeEach(async () => {
    sim = await startRenderSimulator({ seed: 7 });
  });
  afterEach(() => sim.close());

  const offersCall = {
    method: 'GET',
    path: '/v1/compute/offers',
    query: [
      ['limit', '5'],
      ['page', '1'],
    ] as Array<[string, string]>,
  };

  it('accepts a correctly signed request, with the query in any order', async () => {
    const res = await signedRequest(sim, {
      ...offersCall,
      query: [
        ['page', '1'],
        ['limit', '5'],
      ],
    })();
    expect(res.status).toBe(200);
    expect(res.data.data).toHaveLength(5);
    expect(res.headers['x-switchyard-simulated']).toBe('true');
  });

  it('rejects a signature made with the wrong secret (401), and the adapter reports unauthorized', async () => {
    expect((await signedRequest(sim, { ...offersCall, secretKey: 'sk_wrong' })()).status).toBe(401);
    const adapter = adapterFor(sim, { secretKey: 'sk_wrong' });
    const err = await errorOf(adapter.listOffers({ signal: signal() }));
    expect(err.code).toBe('unauthorized');
    expect(err.status).toBe(401);
    expect(err.scope).toBe('account');
    expect(err.retryable).toBe(false);
  });

  it('rejects a request whose body or query differs from what was signed', async () => {
    const body = { title: 'x' };
    expect((await signedRequest(sim, { method: 'POST', path: '/v1/jobs', body, sendBody: JSON.stringify({ title: 'y' }) })()).status).toBe(401);
    expect(
      (
        await signedRequest(sim, {
          ...offersCall,
          sendQuery: [
            ['limit', '6'],
            ['page', '1'],
          ],
        })()
      ).status,
    ).toBe(401);
    expect(
      (
        await signedRequest(sim, {
          ...offersCall,
          sendQuery: [
            ['limit', '5'],
            ['page', '1'],
          ],
        })()
      ).status,
    ).toBe(200);
  });

  it('rejects a timestamp more than 5 minutes off, and accepts one 4 minutes off', async () => {
    expect((await signedRequest(sim, { ...offersCall, timestampMs: Date.now() - 6 * 60_000 })()).status).toBe(401);
    expect((await signedRequest(sim, { ...offersCall, timestampMs: Date.now() + 6 * 60_000 })()).status).toBe(401);
    expect((await signedRequest(sim, { ...offersCall, timestampMs: Date.now() - 4 * 60_000 })()).status).toBe(200);

    const skewed = adapterFor(
      sim,
      {},
      quietContext(() => new Date(Date.now() + 6 * 60_000)),
    );
    expect((await errorOf(skewed.listOffers({ signal: signal() }))).code).toBe('unauthorized');
    const slightlyOff = adapterFor(
      sim,
      {},
      quietContext(() => new Date(Date.now() + 4 * 60_000)),
    );
    expect((await slightlyOff.listOffers({ signal: signal() })).offers.length).toBeGreaterThan(0);
  });

  it('rejects a replayed nonce (401) even with a valid signature, and the adapter reports unauthorized', async () => {
    const send = signedRequest(sim, offersCall);
    expect((await send()).status).toBe(200);
    const replay = await send();
    expect(replay.status).toBe(401);
    expect(JSON.stringify(replay.data)).toMatch(/nonce/);

    const fixedNonce = adapterFor(sim, {}, quietContext(), { nonce: () => 'cd'.repeat(16) });
    expect((await fixedNonce.probe({ signal: signal() })).ok).toBe(true);
    expect((await errorOf(fixedNonce.listOffers({ signal: signal() }))).code).toBe('unauthorized');
  });

  it('rejects missing headers, an unknown key and a malformed nonce', async () => {
    const axios = (await import('axios')).default;
    const bare = await axios.get(`${sim.config.baseUrl}/v1/compute/offers`, { validateStatus: () => true });
    expect(bare.status).toBe(401);
    expect((await signedRequest(sim, { ...offersCall, nonce: 'not-a-nonce' })()).status).toBe(401);
    const otherAccount = adapterFor(sim, { publicKey: 'pk_someone_else' });
    expect((await errorOf(otherAccount.listOffers({ signal: signal() }))).code).toBe('unauthorized');
  });
});
