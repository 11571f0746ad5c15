// Runs the job in a container: `docker run --rm --gpus … --cpus … --memory …`, logs streamed from the
// attached container. Needs Docker with the NVIDIA container toolkit on the host.
import { spawn } from 'node:child_process';
import type { AgentJob } from '../../nodes/protocol/agent-wire';
import type { Executor, LeaseToRun, RunningJob } from './executor';
import { superviseChild } from './supervised-child';

export function containerName(leaseId: string): string {
  return `sy-${leaseId.replace(/[^a-zA-Z0-9_.-]/g, '-')}`;
}

/** The `docker run` arguments for a lease (pure, so it can be tested where Docker cannot run). */
export function buildDockerRunArgs(lease: LeaseToRun): string[] {
  const job: AgentJob = lease.job;
  const args = ['run', '--rm', '--name', containerName(lease.leaseId), '--label', `switchyard.lease=${lease.leaseId}`];
  // The quotes are part of the value: docker parses --gpus as CSV, and a device list contains commas.
  if (lease.gpuIndexes.length > 0) args.push('--gpus', `"device=${lease.gpuIndexes.join(',')}"`);
  if (job.resources.cpu !== undefined) args.push('--cpus', String(job.resources.cpu));
  if (job.resources.memoryGb !== undefined) args.push('--memory', `${Math.ceil(job.resources.memoryGb * 1024)}m`);
  args.push('--security-opt', 'no-new-privileges', '--pids-limit', '4096');
  for (const port of job.ports ?? []) args.push('-p', String(port));
  for (const [key, value] of Object.entries(job.env ?? {})) args.push('-e', `${key}=${value}`);
  args.push('-e', `SWITCHYARD_LEASE_ID=${lease.leaseId}`);
  args.push(job.image, ...(job.command ?? []), ...(job.args ?? []));
  return args;
}

export class DockerExecutor implements Executor {
  readonly kind = 'docker' as const;

  constructor(private readonly docker = 'docker') {}

  start(lease: LeaseToRun, onLog: (line: string) => void): RunningJob {
    const name = containerName(lease.leaseId);
    return superviseChild(this.docker, buildDockerRunArgs(lease), process.env, onLog, () => {
      spawn(this.docker, ['stop', '--time', '10', name], { stdio: 'ignore' }).on('error', () => {});
    });
  }
}
