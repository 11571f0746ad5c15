import { AdapterError } from '../../adapters/sdk';
import { avoidedBy, blocksScope, mayHavePlaced, stopsTheJob } from './failure-policy';

const attempt = (network: string, provider: string, outcome: string | null, error: AdapterError | null = null) => ({
  network,
  provider_id: provider,
  outcome,
  error: error ? (JSON.parse(JSON.stringify(error.toJSON())) as Record<string, unknown>) : null,
});

describe('failure policy', () => {
  it('stops the job only when the job or the account is at fault', () => {
    expect(stopsTheJob(new AdapterError('bad_request', 'image missing'))).toBe(true);
    expect(stopsTheJob(new AdapterError('unauthorized', 'key'))).toBe(true);
    expect(stopsTheJob(new AdapterError('no_capacity', 'full'))).toBe(false);
    expect(stopsTheJob(new AdapterError('not_found', 'offer gone'))).toBe(false);
  });

  it('avoids each provider that failed or lost the job, never one that is still running it or succeeded', () => {
    const avoid = avoidedBy([
      attempt('render', 'r1', 'failed', new AdapterError('internal', 'crashed')),
      attempt('akash', 'p1', 'lost'),
      attempt('filecoin', 'f1', 'succeeded'),
      attempt('native', 'n1', null),
    ]);
    expect([...avoid].sort()).toEqual(['akash/p1', 'render/r1']);
  });

  it('avoids the whole network when its error says no provider there took the job', () => {
    const avoid = avoidedBy([
      attempt('akash', 'p1', 'failed', new AdapterError('no_capacity', 'no open bids', { failover: 'network' })),
      attempt('akash', 'p2', 'failed', new AdapterError('no_capacity', 'bids above the cap')),
    ]);
    expect([...avoid].sort()).toEqual(['akash/*', 'akash/p1', 'akash/p2']);
  });

  it('reads an error recorded before failover existed as provider-wide', () => {
    const old = { code: 'no_capacity', message: 'full', retryable: true, scope: 'offer' };
    expect([...avoidedBy([{ network: 'akash', provider_id: 'p1', outcome: 'failed', error: old }])]).toEqual(['akash/p1']);
  });

  it('asks again under the same key only when the network may have placed the job', () => {
    expect(mayHavePlaced(new AdapterError('timeout', 'no answer in 120 s'))).toBe(true);
    expect(mayHavePlaced(new AdapterError('bad_response', 'not JSON'))).toBe(true);
    expect(mayHavePlaced(new AdapterError('unavailable', '504 gateway timeout', { status: 504 }))).toBe(true);
    expect(mayHavePlaced(new AdapterError('internal', '500', { status: 500 }))).toBe(true);
    expect(mayHavePlaced(new AdapterError('unavailable', 'connection reset'))).toBe(true);
    expect(mayHavePlaced(new AdapterError('no_capacity', 'no bids'))).toBe(false);
    expect(mayHavePlaced(new AdapterError('bad_request', 'image missing', { status: 400 }))).toBe(false);
    expect(mayHavePlaced(new AdapterError('rate_limited', 'slow down', { status: 429 }))).toBe(false);
    expect(mayHavePlaced(new AdapterError('unauthorized', 'key', { status: 401 }))).toBe(false);
  });

  it('keeps a scope out of routing only for failures that say something about it, not about the job', () => {
    expect(blocksScope(new AdapterError('unavailable', '503'))).toBe(true);
    expect(blocksScope(new AdapterError('internal', 'node crashed'))).toBe(true);
    expect(blocksScope(new AdapterError('internal', 'exited'), 0)).toBe(true);
    // The user's workload exited 1, or the job was refused as invalid: the provider is fine for everyone else.
    expect(blocksScope(new AdapterError('internal', 'container exited with code 1'), 1)).toBe(false);
    expect(blocksScope(new AdapterError('bad_request', 'image does not exist'))).toBe(false);
  });
});
