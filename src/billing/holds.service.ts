// What unfinished jobs hold of their accounts (accounts.held_usd, held_usd_per_hour): given back when they end,
// and the explaining check that tells a refused user why, from the budget rule's own verdict. Holds are taken by
// the rule itself (budget-rule.ts, BUDGET_RULE), which intake embeds in the statement that stores the jobs.
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { notFoundProblem } from '../common/problem';
import { isUuid } from '../common/schema-primitives';
import {
  BUDGET_RULE_SQL,
  budgetRuleParams,
  BudgetRuleRow,
  BudgetVerdict,
  explainRefusal,
  HoldRequest,
  JobBudgetRequest,
  jobHold,
  holdRequestOf,
  verdictOf,
} from './budget-rule';
import { decimal } from './ledger.service';

/** The budget rule refused what new jobs would hold (its verdict; undefined: no such account): nothing was stored. */
export class HoldRefused extends Error {
  constructor(
    accountId: string,
    readonly verdict: BudgetVerdict | undefined,
  ) {
    super(`account ${accountId} cannot hold the job`);
  }
}

@Injectable()
export class HoldsService {
  constructor(private readonly db: DataSource) {}

  /** Gives back what an ended job held, inside the caller's transaction (the job's own move to its final state). */
  async release(manager: EntityManager, accountId: string, held: { usd: string; usdPerHour: string }): Promise<void> {
    await manager.query('UPDATE accounts SET held_usd = held_usd - $2, held_usd_per_hour = held_usd_per_hour - $3 WHERE id = $1::uuid', [
      accountId,
      held.usd,
      held.usdPerHour,
    ]);
  }

  /**
   * Refuses a job the account cannot afford or may not run: 422 `account-limit-exceeded` (max_usd_per_job, or
   * max_usd_per_hour counting what its unfinished jobs hold) or 402 `insufficient-balance` when the balance less
   * what its unfinished jobs hold is below the job's hold. The problem carries the numbers the rule compared.
   * Intake takes holds with `take` and calls this to explain a refusal; it takes nothing.
   */
  async checkJobBudget(accountId: string, request: JobBudgetRequest): Promise<void> {
    const perHour = decimal(request.usdPerHour, 'usdPerHour').toFixed();
    const total = request.estimatedTotalUsd === null ? null : decimal(request.estimatedTotalUsd, 'estimatedTotalUsd').toFixed();
    const job = { usdPerHour: perHour, estimatedTotalUsd: total };
    const verdict = isUuid(accountId) ? await this.evaluate(this.db.manager, accountId, holdRequestOf([jobHold(job)]), false) : undefined;
    if (!verdict) throw notFoundProblem('Account', accountId);
    const refusal = explainRefusal(verdict, job);
    if (refusal) throw refusal;
  }

  private async evaluate(manager: EntityManager, accountId: string, request: HoldRequest, take: boolean): Promise<BudgetVerdict | undefined> {
    const rows: Array<{ budget: BudgetRuleRow | null }> = await manager.query(BUDGET_RULE_SQL, budgetRuleParams(accountId, request, take));
    return rows[0]?.budget ? verdictOf(rows[0].budget) : undefined;
  }
}
