// Runs one child process, streams its stdout/stderr line by line, and reports how it ended.
import { spawn } from 'node:child_process';
import readline from 'node:readline';
import type { JobExit, RunningJob } from './executor';

export function superviseChild(command: string, args: string[], env: NodeJS.ProcessEnv, onLog: (line: string) => void, stopCommand?: () => void): RunningJob {
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout, child.stderr]) readline.createInterface({ input: stream }).on('line', onLog);
  const exited = new Promise<JobExit>((resolve) => {
    child.once('error', (err) => resolve({ exitCode: null, signal: null, error: err.message }));
    child.once('close', (exitCode, signal) => resolve({ exitCode, signal }));
  });
  return {
    pid: child.pid,
    exited,
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      if (stopCommand) stopCommand();
      else child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
    kill() {
      child.kill('SIGKILL');
    },
  };
}
