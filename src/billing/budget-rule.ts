// The one budget rule: whether what new jobs would hold of their account fits it. What unfinished jobs hold is
// kept on the account row (held_usd, held_usd_per_hour), written only by the SQL of this folder. The rule is
// one set of SQL expressions (BUDGET_RULE): it locks the account row, reads the balance, and returns the verdict
// (each condition by name, with the numbers it compared); taking a hold writes it only when the verdict says so,
// in that same statement. Explaining a refusal (explainRefusal) reads that row: the numbers
// a refused user sees are the ones the rule compared, never a second computation of it.
import Decimal from 'decimal.js';
import type { ProblemException } from '../common/problem';
import { insufficientBalance, limitExceeded } from './problems';

export interface JobBudgetRequest {
  /** The job's estimated total (usdPerHour x durationHours); null when the job has no duration. */
  estimatedTotalUsd: string | null;
  /** What the job will cost per hour once running. */
  usdPerHour: string;
}

/** What a job holds of its account until it ends: of the balance, and of the USD/hour limit. */
export interface JobHold {
  usd: string;
  usdPerHour: string;
  /** Checked against max_usd_per_job (null: the job has no duration, which such a cap refuses). */
  estimatedTotalUsd: string | null;
}

/** A job holds its estimated total of the balance (one hour of it without a duration) and its price per hour. */
export function jobHold(request: JobBudgetRequest): JobHold {
  return { usd: request.estimatedTotalUsd ?? request.usdPerHour, usdPerHour: request.usdPerHour, estimatedTotalUsd: request.estimatedTotalUsd };
}

/** What several jobs of one account ask to hold together; the rule checks the sum (and each job against max_usd_per_job). */
export interface HoldRequest {
  usd: string;
  usdPerHour: string;
  /** False when none of the jobs could be priced (an empty pool): the hold is taken whatever the rule says. */
  guarded: boolean;
  /** A guarded job has no duration (max_usd_per_job refuses it). */
  openEnded: boolean;
  /** The largest estimated total among the guarded jobs, for max_usd_per_job. */
  largestTotalUsd: string;
}

/** The request of jobs stored together; a null hold is a job that could not be priced (it holds nothing, unguarded). */
export function holdRequestOf(holds: ReadonlyArray<JobHold | null>): HoldRequest {
  const guarded = holds.filter((h): h is JobHold => h !== null);
  const sum = (pick: (h: JobHold) => string) => guarded.reduce((s, h) => s.plus(pick(h)), new Decimal(0)).toFixed();
  return {
    usd: sum((h) => h.usd),
    usdPerHour: sum((h) => h.usdPerHour),
    guarded: guarded.length > 0,
    openEnded: guarded.some((h) => h.estimatedTotalUsd === null),
    largestTotalUsd: Decimal.max(0, ...guarded.map((h) => h.estimatedTotalUsd ?? 0)).toFixed(),
  };
}

/** The budget rule's answer for one account and one request: the numbers it compared and each condition's outcome. */
export interface BudgetVerdict {
  balanceUsd: string;
  heldUsd: string;
  heldUsdPerHour: string;
  maxUsdPerJob: string | null;
  maxUsdPerHour: string | null;
  /** max_usd_per_job is unset, or every guarded job has a duration and an estimated total within it. */
  withinJobLimit: boolean;
  /** max_usd_per_hour is unset, or what is held per hour plus the request stays within it. */
  withinHourLimit: boolean;
  /** The balance less what is held covers the request. */
  withinBalance: boolean;
  /** The request fits (or is unguarded); when taking, the hold was written. */
  fits: boolean;
}

/** The budget rule's verdict as the statement returns it (BUDGET_VERDICT: amounts as text, never floats). */
export interface BudgetRuleRow {
  balance_usd: string;
  held_usd: string;
  held_usd_per_hour: string;
  max_usd_per_job: string | null;
  max_usd_per_hour: string | null;
  within_job_limit: boolean;
  within_hour_limit: boolean;
  within_balance: boolean;
  fits: boolean;
  /** The hold was written. */
  taken: boolean;
}

/**
 * The budget rule, as the common table expressions that follow the caller's own in one WITH. The caller defines
 * `request(account_id text, usd numeric, per_hour numeric, guarded boolean, open_ended boolean, largest_total
 * numeric, take boolean)`: what is asked to be held (guarded false: taken whatever the rule says; open_ended: a
 * guarded job has no duration; largest_total: the largest estimated total among guarded jobs) and whether to
 * write it when it fits. The account row is locked first, so concurrent requests queue on it and each sees what
 * the previous one took; FOR NO KEY UPDATE (what an UPDATE takes), as a caller's new jobs hold a key-share lock
 * on it through their foreign key. `held` is the only write of held_usd/held_usd_per_hour when a hold is taken.
 * Intake embeds it after inserting the jobs (one statement, one round trip); HoldsService runs it on its own.
 */
export const BUDGET_RULE = `
  balance AS (SELECT COALESCE(SUM(amount), 0) AS usd FROM ledger_entries WHERE ledger_account = 'account:' || (SELECT account_id FROM request)),
  rule AS (
    SELECT a.id, balance.usd AS balance_usd, a.held_usd, a.held_usd_per_hour, a.max_usd_per_job, a.max_usd_per_hour, request.usd, request.per_hour, request.guarded, request.take,
           (a.max_usd_per_job IS NULL OR (NOT request.open_ended AND request.largest_total <= a.max_usd_per_job)) AS within_job_limit,
           (a.max_usd_per_hour IS NULL OR a.held_usd_per_hour + request.per_hour <= a.max_usd_per_hour) AS within_hour_limit,
           (balance.usd - a.held_usd >= request.usd) AS within_balance
    FROM request, balance, accounts a WHERE a.id = request.account_id::uuid FOR NO KEY UPDATE OF a),
  verdict AS (SELECT rule.*, (NOT guarded OR (within_job_limit AND within_hour_limit AND within_balance)) AS fits FROM rule),
  held AS (
    UPDATE accounts a SET held_usd = a.held_usd + verdict.usd, held_usd_per_hour = a.held_usd_per_hour + verdict.per_hour
    FROM verdict WHERE a.id = verdict.id AND verdict.take AND verdict.fits RETURNING a.id)`;

/** The verdict of BUDGET_RULE as one jsonb value (a BudgetRuleRow; null when there is no such account), for the caller's SELECT. */
export const BUDGET_VERDICT = `(SELECT jsonb_build_object(
    'balance_usd', balance_usd::text, 'held_usd', held_usd::text, 'held_usd_per_hour', held_usd_per_hour::text,
    'max_usd_per_job', max_usd_per_job::text, 'max_usd_per_hour', max_usd_per_hour::text, 'within_job_limit', within_job_limit,
    'within_hour_limit', within_hour_limit, 'within_balance', within_balance, 'fits', fits, 'taken', EXISTS (SELECT 1 FROM held)) FROM verdict)`;

/** BUDGET_RULE on its own, for a request given as parameters ($1 account id, $2 USD, $3 USD/hour, $4 guarded, $5 open-ended, $6 largest total, $7 take). */
export const BUDGET_RULE_SQL = `
  WITH request AS (
    SELECT $1::text AS account_id, $2::numeric AS usd, $3::numeric AS per_hour, $4::boolean AS guarded, $5::boolean AS open_ended, $6::numeric AS largest_total, $7::boolean AS take),
  ${BUDGET_RULE}
  SELECT ${BUDGET_VERDICT} AS budget`;

/** The parameters of BUDGET_RULE_SQL for a request. */
export function budgetRuleParams(accountId: string, request: HoldRequest, take: boolean): unknown[] {
  return [accountId, request.usd, request.usdPerHour, request.guarded, request.openEnded, request.largestTotalUsd, take];
}

export function verdictOf(row: BudgetRuleRow): BudgetVerdict {
  const money = (v: string | null) => (v === null ? null : new Decimal(v).toFixed());
  return {
    balanceUsd: new Decimal(row.balance_usd).toFixed(),
    heldUsd: new Decimal(row.held_usd).toFixed(),
    heldUsdPerHour: new Decimal(row.held_usd_per_hour).toFixed(),
    maxUsdPerJob: money(row.max_usd_per_job),
    maxUsdPerHour: money(row.max_usd_per_hour),
    withinJobLimit: row.within_job_limit,
    withinHourLimit: row.within_hour_limit,
    withinBalance: row.within_balance,
    fits: row.fits,
  };
}

/**
 * Why the rule refused one job (its verdict for that job's hold alone): 422 `account-limit-exceeded`
 * (max_usd_per_job, then max_usd_per_hour) or 402 `insufficient-balance`, with the numbers the rule compared.
 * Undefined when the verdict has the job fit.
 */
export function explainRefusal(verdict: BudgetVerdict, request: JobBudgetRequest): ProblemException | undefined {
  if (!verdict.withinJobLimit && verdict.maxUsdPerJob !== null) {
    const max = verdict.maxUsdPerJob;
    if (request.estimatedTotalUsd === null) {
      return limitExceeded('max_usd_per_job', `This account caps a job at ${max} USD, so a job needs a duration (durationHours) to be checked against it.`, {
        maxUsdPerJob: max,
        estimatedTotalUsd: null,
      });
    }
    const total = new Decimal(request.estimatedTotalUsd).toFixed();
    return limitExceeded('max_usd_per_job', `The job's estimated total of ${total} USD exceeds this account's limit of ${max} USD per job.`, {
      maxUsdPerJob: max,
      estimatedTotalUsd: total,
    });
  }
  if (!verdict.withinHourLimit && verdict.maxUsdPerHour !== null) {
    const held = new Decimal(verdict.heldUsdPerHour);
    const perHour = new Decimal(request.usdPerHour);
    return limitExceeded(
      'max_usd_per_hour',
      `Unfinished jobs (queued or running) already hold ${held.toFixed()} USD/hour; adding ${perHour.toFixed()} USD/hour would exceed this account's limit of ${verdict.maxUsdPerHour} USD/hour.`,
      { maxUsdPerHour: verdict.maxUsdPerHour, heldUsdPerHour: held.toFixed(), jobUsdPerHour: perHour.toFixed(), totalUsdPerHour: held.plus(perHour).toFixed() },
    );
  }
  if (!verdict.withinBalance) return insufficientBalance(new Decimal(verdict.balanceUsd), new Decimal(verdict.heldUsd), new Decimal(jobHold(request).usd));
  return undefined;
}
