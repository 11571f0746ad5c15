import { resolveAccess } from './access-policy';
import { presentedApiKey } from './access.guard';
import { scopeSatisfied } from './scopes';

describe('which credential a route needs', () => {
  it('closes an undecorated route to callers without a read key', () => {
    expect(resolveAccess(undefined, '/v1/jobs', true)).toEqual({ mode: 'required', scope: 'read' });
    expect(resolveAccess(undefined, '/v1/nodes/abc', true)).toEqual({ mode: 'required', scope: 'read' });
  });

  it('leaves health, metrics, docs and the agent API open', () => {
    for (const path of ['/health/live', '/health/ready', '/metrics', '/docs', '/docs/json', '/v1/agent/heartbeat'])
      expect(resolveAccess(undefined, path, false)).toEqual({ mode: 'open' });
  });

  it('opens market data only while PUBLIC_MARKET_DATA is on, and matches whole path segments', () => {
    expect(resolveAccess(undefined, '/v1/offers', true)).toEqual({ mode: 'optional' });
    expect(resolveAccess(undefined, '/v1/pricing/history', true)).toEqual({ mode: 'optional' });
    expect(resolveAccess(undefined, '/v1/offers', false)).toEqual({ mode: 'required', scope: 'read' });
    expect(resolveAccess(undefined, '/v1/offersecret', true)).toEqual({ mode: 'required', scope: 'read' });
    expect(resolveAccess(undefined, '/healthz-admin', true)).toEqual({ mode: 'required', scope: 'read' });
  });

  it('lets a decorator override the path rules', () => {
    expect(resolveAccess({ kind: 'scope', scope: 'admin' }, '/v1/networks/akash/disable', true)).toEqual({ mode: 'required', scope: 'admin' });
    expect(resolveAccess({ kind: 'node-signed' }, '/v1/native/placements', false)).toEqual({ mode: 'open' });
    expect(resolveAccess({ kind: 'public-read' }, '/v1/deposits/treasury', true)).toEqual({ mode: 'optional' });
  });

  it('treats admin as every scope and any key as read', () => {
    expect(scopeSatisfied(['admin'], 'jobs')).toBe(true);
    expect(scopeSatisfied(['jobs'], 'read')).toBe(true);
    expect(scopeSatisfied(['read'], 'jobs')).toBe(false);
    expect(scopeSatisfied(['jobs'], 'nodes:operate')).toBe(false);
  });

  it('takes the key from Authorization: Bearer or x-api-key', () => {
    expect(presentedApiKey({ authorization: 'Bearer abc' })).toBe('abc');
    expect(presentedApiKey({ authorization: 'bearer  abc ' })).toBe('abc');
    expect(presentedApiKey({ 'x-api-key': 'xyz' })).toBe('xyz');
    expect(presentedApiKey({ authorization: 'Basic dXNlcg==' })).toBe('');
    expect(presentedApiKey({})).toBeUndefined();
  });
});
