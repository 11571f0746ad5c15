// The accounts feature's problem+json answers, in one place so their wording stays consistent.
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
    new ProblemException(
      429,
      'rate-limited',
      'Too many requests',
      `This API key may make ${limitPerMinute} requests per minute; retry in ${retryAfterSeconds} s.`,
      {
        limitPerMinute,
        retryAfterSeconds,
      },
    ),
    { 'retry-after': String(retryAfterSeconds) },
  );
}

export function tooManyInvalidKeys(limitPerMinute: number, retryAfterSeconds: number): ProblemException {
  return withHeaders(
    new ProblemException(
      429,
      'rate-limited',
      'Too many requests',
      `This client presented ${limitPerMinute} invalid API keys within a minute; retry in ${retryAfterSeconds} s.`,
      {
        limitPerMinute,
        retryAfterSeconds,
      },
    ),
    { 'retry-after': String(retryAfterSeconds) },
  );
}
