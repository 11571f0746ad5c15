import { placementStatusOf } from './akash.status';
import type { AkashDeployment, AkashLease } from './akash.wire';

const PROVIDER = 'akash18ga02jzaq8cw52anyhzkwta5wygufgu6zsz6xc';

function deployment(state: string, leases: Array<Partial<AkashLease>>): AkashDeployment {
  return {
    deployment: { id: { owner: 'akash1owner', dseq: '21432187' }, state, hash: 'h', created_at: '21432187' },
    leases: leases.map((l) => ({
      id: { owner: 'akash1owner', dseq: '21432187', gseq: 1, oseq: 1, provider: PROVIDER, bseq: 0 },
      state: 'active',
      price: { denom: 'uact', amount: '2500.000000000000000000' },
      status: null,
      ...l,
    })),
  };
}

const service = (available: number, uris: string[] = []) => ({ services: { llm: { name: 'llm', available, total: 1, uris } } });

describe('placementStatusOf', () => {
  it('is pending while the deployment waits for a lease', () => {
    expect(placementStatusOf(deployment('active', [])).state).toBe('pending');
  });

  it('is starting until every service is available, then running with its URIs as endpoints', () => {
    expect(placementStatusOf(deployment('active', [{ status: null }])).state).toBe('starting');
    expect(placementStatusOf(deployment('active', [{ status: service(0) }]))).toMatchObject({ state: 'starting', message: expect.stringMatching(/llm 0\/1/) });
    const running = placementStatusOf(
      deployment('active', [
        {
          status: {
            ...service(1, ['abc.ingress.provider.example.com']),
            forwarded_ports: { llm: [{ port: 22, externalPort: 31022, host: 'provider.example.com' }] },
          },
        },
      ]),
    );
    expect(running).toMatchObject({ state: 'running', endpoints: ['http://abc.ingress.provider.example.com', 'provider.example.com:31022'] });
  });

  it('is cancelled once the owner closed the deployment', () => {
    expect(placementStatusOf(deployment('closed', [{ state: 'closed' }])).state).toBe('cancelled');
  });

  it('is failed, blamed on the account, when the escrow ran dry', () => {
    const status = placementStatusOf(deployment('closed', [{ state: 'insufficient_funds' }]));
    expect(status.state).toBe('failed');
    expect(status.error).toMatchObject({ scope: 'account', retryable: false });
  });

  it('is lost, blamed on the provider, when the lease closed under a live deployment', () => {
    const status = placementStatusOf(deployment('active', [{ state: 'closed', reason: 'provider shut down' }]));
    expect(status).toMatchObject({ state: 'lost', message: expect.stringMatching(/provider shut down/), error: { scope: 'provider' } });
  });
});
