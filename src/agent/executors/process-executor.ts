// Runs the job's command directly on the host, without isolation. For tests, the demo and trusted
// operators only: an agent uses it only when started with `--executor process`.
import type { Executor, LeaseToRun, RunningJob } from './executor';
import { superviseChild } from './supervised-child';

export class ProcessExecutor implements Executor {
  readonly kind = 'process' as const;

  start(lease: LeaseToRun, onLog: (line: string) => void): RunningJob {
    const argv = [...(lease.job.command ?? []), ...(lease.job.args ?? [])];
    if (argv.length === 0) {
      return { exited: Promise.resolve({ exitCode: null, signal: null, error: 'the process executor needs a command' }), stop: async () => {}, kill: () => {} };
    }
    // Only PATH and HOME from the agent's own environment: the job must not see the agent's secrets.
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ...lease.job.env,
      SWITCHYARD_LEASE_ID: lease.leaseId,
      CUDA_VISIBLE_DEVICES: lease.gpuIndexes.join(','),
    };
    return superviseChild(argv[0], argv.slice(1), env, onLog);
  }
}
