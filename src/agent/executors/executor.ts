import type { AgentJob } from '../../nodes/protocol/agent-wire';

export interface JobExit {
  exitCode: number | null;
  signal: string | null;
  /** Set when the job never started (bad command, missing image...). */
  error?: string;
}

export interface RunningJob {
  readonly pid?: number;
  readonly exited: Promise<JobExit>;
  /** Asks the job to stop (SIGTERM / docker stop), then kills it after a grace period. */
  stop(graceMs?: number): Promise<void>;
  /** Kills at once, without waiting. */
  kill(): void;
}

export interface LeaseToRun {
  leaseId: string;
  job: AgentJob;
  gpuIndexes: number[];
}

export interface Executor {
  readonly kind: 'docker' | 'process';
  start(lease: LeaseToRun, onLog: (line: string) => void): RunningJob;
}
