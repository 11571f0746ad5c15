// What attempts cost, brought to the ledger: usage charged per completed accrual period while an attempt runs
// (usage-accrual.ts), the rest when it ends (inside the transaction that ends it), and a sweep that settles ended
// attempts whose charges had not all landed. Every charge has an idempotency reference, so charging twice (two
// replicas, a restart) records nothing twice. The reconciler decides when an attempt runs or ends; this charges.
import { Inject, Injectable, Logger } from '@nestjs/common';
import Decimal from 'decimal.js';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { LedgerService } from './ledger.service';
import { chargedThrough, finalCharges, periodChargePrefix, periodCharges, UsageCharge } from './usage-accrual';

/** The job an attempt belongs to, as billing needs it. */
export interface ChargedJob {
  id: string;
  account_id: string;
}

/** An attempt, as billing needs it to charge its usage (a job attempt row satisfies it). */
export interface ChargedAttempt {
  id: string;
  n: number;
  network: string;
  usd_per_hour: string;
}

/** An ended attempt whose usage may not all be in the ledger yet. */
export interface EndedAttempt extends ChargedAttempt {
  job_id: string;
  account_id: string;
  started_at: Date | null;
  finished_at: Date | null;
  cost_usd: string | null;
}

/** Where the attempts' settlement is recorded (the jobs' attempt records): the sweep reads and marks them there. */
export interface SettlementRecords {
  /** Ended attempts not known to be settled, ended at least `settledAfterMs` ago, oldest first, with their account. */
  unsettledAttempts(settledAfterMs: number, limit: number): Promise<EndedAttempt[]>;
  /** Records that every usage charge of an ended attempt is in the ledger. */
  markUsageSettled(attemptId: string): Promise<void>;
}

/** After charging a running attempt's completed periods: whether its account has no money left. */
export type AccrualOutcome = { exhausted: false } | { exhausted: true; balanceUsd: string };

/** An ended attempt whose charges the ledger refused as it ended is charged again by the sweep after this long. */
export const SETTLE_GRACE_MS = 30_000;

@Injectable()
export class SettlementService {
  private readonly logger = new Logger('settlement');
  /** Per running attempt, the accrual periods already charged by this process (the ledger dedupes anyway). */
  private readonly accruedPeriods = new Map<string, number>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly ledger: LedgerService,
  ) {}

  /**
   * Charges a running attempt's completed accrual periods (USAGE_ACCRUAL_MS) to its account; when it charged,
   * whether the account's balance ran out (the reconciler then stops the job).
   */
  async accrueWhileRunning(job: ChargedJob, attempt: ChargedAttempt, started: Date, now: Date): Promise<AccrualOutcome> {
    const from = this.accruedPeriods.get(attempt.id) ?? 0;
    const charges = periodCharges(attempt.id, attempt.usd_per_hour, started, now, this.config.jobs.usageAccrualMs, from);
    if (!charges.length || !(await this.charge(job, attempt, charges))) return { exhausted: false };
    this.accruedPeriods.set(attempt.id, from + charges.length);
    const balance = new Decimal(await this.ledger.balance(job.account_id));
    return balance.lte(0) ? { exhausted: true, balanceUsd: balance.toFixed() } : { exhausted: false };
  }

  /**
   * Posts the rest of what an attempt that ran from `started` to `finished` owes, inside the transaction that
   * ends it (so its charges add up to its recorded cost); throws when the ledger refuses, for the caller to
   * leave it unsettled for the sweep.
   */
  async chargeAtEnd(em: EntityManager, job: ChargedJob, attempt: ChargedAttempt, started: Date, finished: Date): Promise<void> {
    await this.post(job, attempt, this.finalChargesOf(attempt, started, finished), em);
  }

  /** An attempt ended: this process stops counting its accrual periods. */
  ended(attemptId: string): void {
    this.accruedPeriods.delete(attemptId);
  }

  /** The end of the last accrual period charged for an attempt started at `started` (undefined: none). */
  async chargedThrough(attempt: Pick<ChargedAttempt, 'id'>, started: Date): Promise<Date | undefined> {
    return chargedThrough(await this.ledger.referencesStartingWith(periodChargePrefix(attempt.id)), started, this.config.jobs.usageAccrualMs);
  }

  /**
   * Finishes the charges of ended attempts left unsettled (the charge after the end failed, or the process
   * stopped in between); the ledger's references make a charge that did land count once. Returns how many.
   */
  async settleEndedAttempts(records: SettlementRecords, graceMs = SETTLE_GRACE_MS): Promise<number> {
    let settled = 0;
    for (const a of await records.unsettledAttempts(graceMs, 100)) {
      if (await this.settle(records, { id: a.job_id, account_id: a.account_id }, a)) settled++;
    }
    if (settled) this.logger.warn(`settled the usage of ${settled} ended attempt(s) whose charges had not all reached the ledger`);
    return settled;
  }

  /**
   * Charges whatever an ended attempt still owes and marks it settled once all its charges are in the ledger.
   * A failure (ledger refused) leaves it unsettled for the next sweep.
   */
  private async settle(records: SettlementRecords, job: ChargedJob, attempt: EndedAttempt): Promise<boolean> {
    if (!attempt.started_at || !attempt.finished_at || !new Decimal(attempt.cost_usd ?? 0).gt(0)) {
      await records.markUsageSettled(attempt.id);
      return true;
    }
    if (!(await this.charge(job, attempt, this.finalChargesOf(attempt, attempt.started_at, attempt.finished_at)))) return false;
    await records.markUsageSettled(attempt.id);
    return true;
  }

  /** Every charge of an attempt that ran from `started` to `finished` (see usage-accrual). */
  private finalChargesOf(attempt: ChargedAttempt, started: Date, finished: Date): UsageCharge[] {
    return finalCharges(attempt.id, attempt.usd_per_hour, new Date(started), new Date(finished), this.config.jobs.usageAccrualMs);
  }

  /** Posts charges in order, each once by its reference; inside the caller's transaction when given `em`. */
  private async post(job: ChargedJob, attempt: Pick<ChargedAttempt, 'n' | 'network'>, charges: UsageCharge[], em?: EntityManager): Promise<void> {
    for (const c of charges)
      await this.ledger.accrueUsage(
        job.account_id,
        { reference: c.reference, usd: c.usd, memo: `job ${job.id} attempt ${attempt.n} on ${attempt.network}` },
        em,
      );
  }

  /** Records charges in order (each once, by its reference); false when the ledger refused one (logged, settled later). */
  private async charge(job: ChargedJob, attempt: Pick<ChargedAttempt, 'id' | 'n' | 'network'>, charges: UsageCharge[]): Promise<boolean> {
    try {
      await this.post(job, attempt, charges);
      return true;
    } catch (err) {
      this.logger.error(`could not charge usage of attempt ${attempt.id}: ${(err as Error).message}`);
      return false;
    }
  }
}
