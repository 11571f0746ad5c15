// The real prover: starts the shipped PyTorch script (gpu_prover.py) once and talks JSON lines to it.
// Not measured here: the machine this was written on has no NVIDIA GPU (src/nodes/README.md says so).
import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Challenge, RowRequest } from '../../nodes/protocol/challenge';
import type { ChallengeProver, GpuRoot, OpenedRowAnswer } from './prover';

/** The script ships next to this file in src/ (and is looked up there from a compiled dist/ too). */
export function gpuProverScript(): string {
  const here = path.join(__dirname, 'gpu_prover.py');
  if (existsSync(here)) return here;
  return path.resolve(__dirname, '..', '..', '..', '..', 'src', 'agent', 'provers', 'gpu_prover.py');
}

type Reply = { id?: number; ok: boolean; error?: string } & Record<string, unknown>;

export class TorchProver implements ChallengeProver {
  readonly kind = 'torch-cuda' as const;
  description = 'PyTorch/CUDA prover';
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  private exited?: Error;

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      let reply: Reply;
      try {
        reply = JSON.parse(line) as Reply;
      } catch {
        return;
      }
      const id = reply.id ?? 0;
      const w = this.waiting.get(id);
      if (!w) return;
      this.waiting.delete(id);
      if (reply.ok) w.resolve(reply);
      else w.reject(new Error(`GPU prover: ${reply.error ?? 'failed'}`));
    });
    child.once('exit', (code, signal) => {
      this.exited = new Error(`the GPU prover exited (${signal ?? `code ${code}`})`);
      for (const w of this.waiting.values()) w.reject(this.exited);
      this.waiting.clear();
    });
  }

  /** Starts the script and checks it found CUDA and an exact matrix product; fails with the script's reason. */
  static async start(python = process.env.SWITCHYARD_PYTHON ?? 'python3', script = gpuProverScript()): Promise<TorchProver> {
    const child = spawn(python, [script], { env: { ...process.env, CUDA_DEVICE_ORDER: 'PCI_BUS_ID' }, stdio: ['pipe', 'pipe', 'pipe'] });
    const prover = new TorchProver(child);
    child.stderr.on('data', (d: Buffer) => process.stderr.write(`gpu-prover: ${d.toString()}`));
    const hello = await new Promise<Reply>((resolve, reject) => {
      prover.waiting.set(0, { resolve, reject });
      child.once('error', reject);
      child.stdin.write(`${JSON.stringify({ op: 'hello' })}\n`);
    });
    prover.description = `PyTorch/CUDA prover (${String(hello.arithmetic)} arithmetic) on ${(hello.devices as string[]).join(', ')}`;
    return prover;
  }

  private call(op: string, body: Record<string, unknown>): Promise<Reply> {
    if (this.exited) return Promise.reject(this.exited);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.child.stdin.write(`${JSON.stringify({ id, op, ...body })}\n`);
    });
  }

  async commit(challenge: Challenge, nodeId: string): Promise<GpuRoot[]> {
    return (await this.call('commit', { challenge, nodeId })).roots as GpuRoot[];
  }

  async open(challengeId: string, rows: RowRequest[]): Promise<OpenedRowAnswer[]> {
    return (await this.call('open', { challengeId, rows })).rows as OpenedRowAnswer[];
  }

  forget(challengeId: string): void {
    void this.call('forget', { challengeId }).catch(() => undefined);
  }

  async close(): Promise<void> {
    this.child.stdin.end();
    if (!this.exited) await new Promise((r) => this.child.once('exit', r));
  }
}
