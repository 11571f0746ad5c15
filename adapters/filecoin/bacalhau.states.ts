// Bacalhau's execution states travel as integers: `ExecutionStateType` and `ExecutionDesiredStateType` are Go
// `int` enums with no text marshalling (bacalhau-project/bacalhau@e28960c7:pkg/models/execution.go#L16-L43 and
// #L71-L77), while job states, node types, networks and memberships marshal as strings. The numbers are the
// constants' order (iota), which the web UI switches on too.

export const EXECUTION_STATE = {
  Undefined: 0,
  New: 1,
  AskForBid: 2,
  AskForBidAccepted: 3,
  AskForBidRejected: 4,
  BidAccepted: 5,
  Running: 6,
  Publishing: 7,
  BidRejected: 8,
  Completed: 9,
  Failed: 10,
  Cancelled: 11,
} as const;
export type ExecutionStateName = keyof typeof EXECUTION_STATE;
export type ExecutionStateCode = (typeof EXECUTION_STATE)[ExecutionStateName];

export const EXECUTION_DESIRED_STATE = { Pending: 0, Running: 1, Stopped: 2 } as const;

const NAMES = Object.fromEntries(Object.entries(EXECUTION_STATE).map(([name, code]) => [code, name])) as Record<number, ExecutionStateName>;

/** The state's name for messages ("Running"), or "state 42" for a number this release does not know. */
export function executionStateName(code: number): string {
  return NAMES[code] ?? `state ${code}`;
}

const STARTED = new Set<number>([
  EXECUTION_STATE.BidAccepted,
  EXECUTION_STATE.Running,
  EXECUTION_STATE.Publishing,
  EXECUTION_STATE.Completed,
  EXECUTION_STATE.Failed,
]);

/** The container started: Bacalhau's `IsExecuting()` (BidAccepted, Running, Publishing), or it ended after running. */
export function executionStarted(code: number): boolean {
  return STARTED.has(code);
}
