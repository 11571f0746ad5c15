// The one global guard: decides what a route needs (access-policy.ts), authenticates the API key,
// counts the request against the key's rate limit, checks the scope and leaves an AccountContext on
// the request for @CurrentAccount().
import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ACCESS_RULE, ACCOUNT_CONTEXT, AccessRule } from './access.decorators';
import { resolveAccess } from './access-policy';
import { ACCOUNTS_CONFIG, AccountsConfig } from './accounts.config';
import { ApiKeyService } from './api-key.service';
import { ProblemException } from '../common/problem';
import { InvalidKeyThrottle } from './invalid-key.throttle';
import { missingScope, rateLimited, tooManyInvalidKeys, unauthorized } from './problems';
import { RateLimiter } from './rate-limiter';
import { scopeSatisfied } from './scopes';

/** The key from `Authorization: Bearer <key>` or `x-api-key: <key>`; '' when a header is present but empty. */
export function presentedApiKey(headers: Record<string, string | string[] | undefined>): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string' && auth.trim() !== '') {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth.trim());
    return m ? m[1] : '';
  }
  const header = headers['x-api-key'];
  return typeof header === 'string' ? header.trim() : undefined;
}

@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyService,
    private readonly limiter: RateLimiter,
    private readonly throttle: InvalidKeyThrottle,
    @Inject(ACCOUNTS_CONFIG) private readonly config: AccountsConfig,
  ) {}

  /** Authenticates the key; a client that keeps presenting invalid keys is refused before any lookup. */
  private async authenticate(presented: string, client: string) {
    const limit = this.config.authFailuresPerMinute;
    const retryAfter = this.throttle.retryAfterSeconds(client, limit);
    if (retryAfter > 0 && !this.keys.isKnown(presented)) throw tooManyInvalidKeys(limit, retryAfter);
    try {
      return await this.keys.authenticate(presented);
    } catch (err) {
      if (err instanceof ProblemException && err.status === 401) this.throttle.recordFailure(client);
      throw err;
    }
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [context.getHandler(), context.getClass()]);
    const access = resolveAccess(rule, req.url.split('?')[0]!, this.config.publicMarketData);
    if (access.mode === 'open') return true;

    const presented = presentedApiKey(req.headers);
    if (presented === undefined) {
      if (access.mode === 'optional') return true;
      throw unauthorized('missing');
    }
    const { context: account, rateLimitPerMinute } = await this.authenticate(presented, req.ip);

    const decision = await this.limiter.consume(`key:${account.keyId}`, rateLimitPerMinute ?? this.config.rateLimitPerMinute);
    void reply.header('x-ratelimit-limit', String(decision.limit));
    void reply.header('x-ratelimit-remaining', String(decision.remaining));
    void reply.header('x-ratelimit-reset', String(decision.resetSeconds));
    if (!decision.allowed) throw rateLimited(decision.limit, decision.resetSeconds);

    if (access.mode === 'required' && !scopeSatisfied(account.scopes, access.scope)) throw missingScope(access.scope);
    (req as unknown as Record<symbol, unknown>)[ACCOUNT_CONTEXT] = account;
    return true;
  }
}
