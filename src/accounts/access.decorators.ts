// How a route declares who may call it. The AccessGuard (global) reads these; see access-policy.ts for
// the rule applied to routes that carry none.
import { ExecutionContext, SetMetadata, createParamDecorator } from '@nestjs/common';
import { ProblemException } from '../common/problem';
import type { AccountContext, Scope } from './scopes';

export const ACCESS_RULE = 'switchyard.accounts.access-rule';
/** Where the guard leaves the caller on the request object. */
export const ACCOUNT_CONTEXT = Symbol.for('switchyard.accounts.account-context');

export type AccessRule = { kind: 'scope'; scope: Scope } | { kind: 'public-read' } | { kind: 'node-signed' };

/** The caller needs an API key holding `scope` (`admin` holds every scope; any valid key holds `read`). */
export const RequireScope = (scope: Scope) => SetMetadata(ACCESS_RULE, { kind: 'scope', scope } satisfies AccessRule);

/** Market data: open without a key while PUBLIC_MARKET_DATA=true, otherwise needs `read`. */
export const PublicRead = () => SetMetadata(ACCESS_RULE, { kind: 'public-read' } satisfies AccessRule);

/** Authenticated by a node's request signature (NodeSignatureGuard), not by an API key. */
export const NodeSigned = () => SetMetadata(ACCESS_RULE, { kind: 'node-signed' } satisfies AccessRule);

/** The authenticated caller. On a route open to anonymous callers it is undefined when no key was sent. */
export function accountContextOf(request: unknown): AccountContext | undefined {
  return (request as Record<symbol, AccountContext | undefined>)[ACCOUNT_CONTEXT];
}

/** Injects the AccountContext; refuses with 401 when the route was reached without a key. */
export const CurrentAccount = createParamDecorator((_: unknown, ctx: ExecutionContext): AccountContext => {
  const account = accountContextOf(ctx.switchToHttp().getRequest());
  if (!account) throw new ProblemException(401, 'unauthorized', 'Unauthorized', 'This request needs an API key (Authorization: Bearer <key>, or x-api-key).');
  return account;
});

/** Injects the AccountContext when a key was sent, undefined otherwise (for @PublicRead routes). */
export const OptionalAccount = createParamDecorator((_: unknown, ctx: ExecutionContext): AccountContext | undefined =>
  accountContextOf(ctx.switchToHttp().getRequest()),
);
