// Which credential a route needs. Pure: the guard feeds it the route's decorator and the request path.
//
// The rule, in order:
//   1. A decorator on the handler or its controller wins (@RequireScope, @PublicRead, @NodeSigned).
//   2. Open without a key: /health*, /metrics, /docs* (the docs are served by
//      raw Fastify routes and never reach the guard anyway) and the agent API /v1/agent/* (node-signed).
//   3. Market data paths (/v1/offers, /v1/pricing, /v1/networks, /v1/gpus, /v1/providers, /v1/fx and
//      everything under them) behave as @PublicRead.
//   4. Everything else needs a valid API key (any key holds `read`). A new route is therefore closed
//      until somebody decides otherwise.
import type { AccessRule } from './access.decorators';
import type { Scope } from './scopes';

export type Access =
  /** No key looked at. */
  | { mode: 'open' }
  /** A key is used when sent (and must then be valid), but none is needed. */
  | { mode: 'optional' }
  | { mode: 'required'; scope: Scope };

export const ALWAYS_OPEN_PATHS = ['/health', '/metrics', '/docs', '/v1/agent'];
export const MARKET_DATA_PATHS = ['/v1/offers', '/v1/pricing', '/v1/networks', '/v1/gpus', '/v1/providers', '/v1/fx'];

export function underAny(path: string, prefixes: readonly string[]): boolean {
  return prefixes.some((p) => path === p || path.startsWith(p + '/'));
}

export function resolveAccess(rule: AccessRule | undefined, path: string, publicMarketData: boolean): Access {
  const publicRead: Access = publicMarketData ? { mode: 'optional' } : { mode: 'required', scope: 'read' };
  if (rule?.kind === 'scope') return { mode: 'required', scope: rule.scope };
  if (rule?.kind === 'node-signed') return { mode: 'open' };
  if (rule?.kind === 'public-read') return publicRead;
  if (underAny(path, ALWAYS_OPEN_PATHS)) return { mode: 'open' };
  if (underAny(path, MARKET_DATA_PATHS)) return publicRead;
  return { mode: 'required', scope: 'read' };
}
