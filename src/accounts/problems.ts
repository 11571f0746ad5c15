// The accounts feature's problem+json answers, in one place so their wording stays consistent.
import Decimal from 'decimal.js';
import { ProblemException } from '../common/problem';

/** A ProblemException that also sets response headers (the ProblemFilter copies `headers`). */
function withHeaders(problem: ProblemException, headers: Record<string, string>): ProblemException {
  return Object.assign(problem, { headers });
}

export type AuthFailure = 'missing' | 'invalid' | 'expired' | 'revoked';

const AUTH_DETAIL: Record<AuthFailure, string> = {
  missing: 'This request needs an API key: send Authorization: Bearer <key> (or x-api-key: <key>).',
  invalid: 'The API key is invalid.',
  expired: 'The API key has expired; ask an administrator for a new one.',
  revoked: 'The API key has been revoked.',
};

export function unauthorized(reason: AuthFailure): ProblemException {
  return withHeaders(new ProblemException(401, 'unauthorized', 'Unauthorized', AUTH_DETAIL[reason], { reason }), {
    'www-authenticate': `Bearer realm="switchyard"${reason === 'missing' ? '' : ', error="invalid_token"'}`,
  });
}

export function missingScope(scope: string): ProblemException {
  return new ProblemException(403, 'forbidden', 'Forbidden', `This API key lacks the "${scope}" scope.`, { requiredScope: scope });
}

export function rateLimited(limitPerMinute: number, retryAfterSeconds: number): ProblemException {
  return withHeaders(
    new ProblemException(429, 'rate-limited', 'Too many requests', `This API key may make ${limitPerMinute} requests per minute; retry in ${retryAfterSeconds} s.`, {
      limitPerMinute,
      retryAfterSeconds,
    }),
    { 'retry-after': String(retryAfterSeconds) },
  );
}

export function tooManyInvalidKeys(limitPerMinute: number, retryAfterSeconds: number): ProblemException {
  return withHeaders(
    new ProblemException(429, 'rate-limited', 'Too many requests', `This client presented ${limitPerMinute} invalid API keys within a minute; retry in ${retryAfterSeconds} s.`, {
      limitPerMinute,
      retryAfterSeconds,
    }),
    { 'retry-after': String(retryAfterSeconds) },
  );
}

export function insufficientBalance(balanceUsd: Decimal, heldUsd: Decimal, requiredUsd: Decimal): ProblemException {
  const available = balanceUsd.minus(heldUsd);
  const held = heldUsd.gt(0) ? `, of which ${heldUsd.toFixed()} USD is held by its unfinished jobs until they end` : '';
  return new ProblemException(
    402,
    'insufficient-balance',
    'Insufficient balance',
    `The account holds ${balanceUsd.toFixed()} USD${held}; this job needs ${requiredUsd.toFixed()} USD. Deposit USDC (POST /v1/deposits) and retry.`,
    {
      balanceUsd: balanceUsd.toFixed(),
      heldUsd: heldUsd.toFixed(),
      availableUsd: available.toFixed(),
      requiredUsd: requiredUsd.toFixed(),
      shortfallUsd: requiredUsd.minus(available).toFixed(),
    },
  );
}

export function limitExceeded(limit: 'max_usd_per_job' | 'max_usd_per_hour', detail: string, numbers: Record<string, string | null>): ProblemException {
  return new ProblemException(422, 'account-limit-exceeded', 'Account limit exceeded', detail, { limit, ...numbers });
}
