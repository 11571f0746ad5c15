// What a demo agent runs instead of the job's own command: a harmless node script that "works" for the
// job's duration (scaled down), prints progress lines and exits 0 (or 1, for the seeded few that fail as
// real workloads sometimes do). The user's command is never executed on this host.
import { createHash } from 'node:crypto';
import { ProcessExecutor } from '../agent/executors/process-executor';
import type { Executor, LeaseToRun, RunningJob } from '../agent/executors/executor';

const SCRIPT = `
const total = Number(process.env.DEMO_RUN_MS), fail = process.env.DEMO_FAIL === '1';
const steps = Math.max(1, Math.min(10, Math.round(total / 1000)));
console.log('DEMO agent (simulated GPUs): running ' + JSON.stringify(process.env.DEMO_JOB) + ' on GPUs ' + process.env.CUDA_VISIBLE_DEVICES + ' for ' + (total / 1000).toFixed(1) + ' s');
let step = 0;
const tick = setInterval(() => {
  step++;
  console.log('step ' + step + '/' + steps + ' done (simulated)');
  if (step >= steps) {
    clearInterval(tick);
    if (fail) { console.error('simulated workload error: CUDA error: an illegal memory access was encountered'); process.exit(1); }
    console.log('finished');
    process.exit(0);
  }
}, total / steps);
process.on('SIGTERM', () => { console.log('stopped'); process.exit(143); });
`;

export interface DemoRunOptions {
  secondsPerHour: number;
  maxJobSeconds: number;
  failRate: number;
}

/** How long a job runs on a demo agent, in ms: its duration scaled, or half a minute when it has none. */
export function demoRunMs(durationHours: number | undefined, o: DemoRunOptions): number {
  const seconds = durationHours === undefined ? 30 : durationHours * o.secondsPerHour;
  return Math.round(Math.min(o.maxJobSeconds, Math.max(0.5, seconds)) * 1000);
}

/** Whether a lease's demo job fails: drawn from its id, so the same lease always does the same. */
export function demoFails(leaseId: string, failRate: number): boolean {
  return createHash('sha256').update(leaseId).digest().readUInt32BE(0) / 2 ** 32 < failRate;
}

export class DemoExecutor implements Executor {
  readonly kind = 'process' as const;
  private readonly inner = new ProcessExecutor();

  constructor(private readonly options: DemoRunOptions) {}

  start(lease: LeaseToRun, onLog: (line: string) => void): RunningJob {
    const job = lease.job;
    return this.inner.start(
      {
        ...lease,
        job: {
          ...job,
          command: [process.execPath, '-e', SCRIPT],
          args: [],
          env: {
            DEMO_RUN_MS: String(demoRunMs(job.durationHours, this.options)),
            DEMO_FAIL: demoFails(lease.leaseId, this.options.failRate) ? '1' : '0',
            DEMO_JOB: job.name ?? job.image,
          },
        },
      },
      onLog,
    );
  }
}
