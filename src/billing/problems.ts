// Billing's problem+json answers: why a job is refused for its budget.
import Decimal from 'decimal.js';
import { ProblemException } from '../common/problem';

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
