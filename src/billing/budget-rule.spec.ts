import { BudgetVerdict, explainRefusal, holdRequestOf, jobHold } from './budget-rule';

const fits: BudgetVerdict = {
  balanceUsd: '100',
  heldUsd: '30',
  heldUsdPerHour: '4',
  maxUsdPerJob: null,
  maxUsdPerHour: null,
  withinJobLimit: true,
  withinHourLimit: true,
  withinBalance: true,
  fits: true,
};

describe('what jobs stored together ask to hold', () => {
  it('sums the priced jobs, and checks each one against the per-job limit by the largest total', () => {
    const request = holdRequestOf([jobHold({ usdPerHour: '2.5', estimatedTotalUsd: '10' }), null, jobHold({ usdPerHour: '0.1', estimatedTotalUsd: '0.3' })]);
    expect(request).toEqual({ usd: '10.3', usdPerHour: '2.6', guarded: true, openEnded: false, largestTotalUsd: '10' });
  });

  it('holds one hour of a job without a duration, and says it is open-ended', () => {
    expect(holdRequestOf([jobHold({ usdPerHour: '3', estimatedTotalUsd: null })])).toEqual({
      usd: '3',
      usdPerHour: '3',
      guarded: true,
      openEnded: true,
      largestTotalUsd: '0',
    });
  });

  it('takes jobs that could not be priced (an empty pool) without the rule', () => {
    expect(holdRequestOf([null, null])).toEqual({ usd: '0', usdPerHour: '0', guarded: false, openEnded: false, largestTotalUsd: '0' });
  });
});

describe('explaining a refusal from the rule’s verdict', () => {
  it('has nothing to explain when the job fits', () => {
    expect(explainRefusal(fits, { usdPerHour: '1', estimatedTotalUsd: '5' })).toBeUndefined();
  });

  it('names the per-job limit first, with the limit and the job’s total', () => {
    const verdict = { ...fits, maxUsdPerJob: '50', withinJobLimit: false, withinBalance: false, fits: false };
    expect(explainRefusal(verdict, { usdPerHour: '5', estimatedTotalUsd: '60.00' })?.toProblem()).toMatchObject({
      status: 422,
      limit: 'max_usd_per_job',
      maxUsdPerJob: '50',
      estimatedTotalUsd: '60',
    });
    expect(explainRefusal(verdict, { usdPerHour: '5', estimatedTotalUsd: null })?.toProblem()).toMatchObject({
      status: 422,
      limit: 'max_usd_per_job',
      estimatedTotalUsd: null,
    });
  });

  it('counts what unfinished jobs hold per hour against the hourly limit', () => {
    const verdict = { ...fits, maxUsdPerHour: '10', withinHourLimit: false, fits: false };
    expect(explainRefusal(verdict, { usdPerHour: '6.5', estimatedTotalUsd: '13' })?.toProblem()).toMatchObject({
      status: 422,
      limit: 'max_usd_per_hour',
      maxUsdPerHour: '10',
      heldUsdPerHour: '4',
      jobUsdPerHour: '6.5',
      totalUsdPerHour: '10.5',
    });
  });

  it('shows the balance, what is held and the shortfall when the balance cannot cover the hold', () => {
    const verdict = { ...fits, withinBalance: false, fits: false };
    expect(explainRefusal(verdict, { usdPerHour: '2', estimatedTotalUsd: '80' })?.toProblem()).toMatchObject({
      status: 402,
      balanceUsd: '100',
      heldUsd: '30',
      availableUsd: '70',
      requiredUsd: '80',
      shortfallUsd: '10',
    });
  });
});
