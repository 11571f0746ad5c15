// DEMO ONLY: the challenge's arithmetic in JavaScript on the CPU. It gives correct answers, so it passes the
// CPU-sized challenges the coordinator gives simulated demo agents; a real challenge (n in the tens of
// thousands, tens of rounds) is refused up front, because no CPU can meet a GPU's deadline (see
// src/nodes/README.md for the numbers).
import { computeGpuWork, merklePath } from '../../nodes/protocol/gpu-work';
import { encodeRow, type Challenge, type RowRequest } from '../../nodes/protocol/challenge';
import type { ChallengeProver, GpuRoot, OpenedRowAnswer } from './prover';

/** Multiply-adds this prover takes on (about a second of JavaScript); anything bigger is a GPU's job. */
export const CPU_DEMO_MAX_OPS = 1e9;

type Work = ReturnType<typeof computeGpuWork>;

export class CpuDemoProver implements ChallengeProver {
  readonly kind = 'cpu-demo' as const;
  readonly description = 'CPU demo prover (JavaScript): passes only CPU-sized challenges, i.e. simulated demo agents';
  private readonly kept = new Map<string, { size: number; work: Map<number, Work> }>();

  async commit(challenge: Challenge, nodeId: string): Promise<GpuRoot[]> {
    const ops = challenge.gpuIndexes.length * challenge.rounds * challenge.size ** 3;
    if (ops > CPU_DEMO_MAX_OPS) {
      throw new Error(
        `a ${challenge.rounds} × ${challenge.size}² challenge on ${challenge.gpuIndexes.length} GPU(s) is ${ops.toExponential(1)} multiply-adds: a GPU's work, far past what a CPU does by the deadline (this CPU demo prover serves only simulated demo agents; run with --prover torch on an NVIDIA GPU)`,
      );
    }
    const work = new Map<number, Work>();
    for (const g of challenge.gpuIndexes) work.set(g, computeGpuWork(challenge.seed, nodeId, g, challenge.size, challenge.rounds));
    this.kept.set(challenge.challengeId, { size: challenge.size, work });
    return challenge.gpuIndexes.map((g) => ({ gpuIndex: g, root: work.get(g)!.levels.at(-1)![0].toString('hex') }));
  }

  async open(challengeId: string, rows: RowRequest[]): Promise<OpenedRowAnswer[]> {
    const kept = this.kept.get(challengeId);
    if (!kept) throw new Error(`no work kept for challenge ${challengeId}`);
    return rows.map((r) => {
      const work = kept.work.get(r.gpuIndex);
      if (!work) throw new Error(`challenge ${challengeId} did not include GPU ${r.gpuIndex}`);
      return { ...r, values: encodeRow(work.rows(r.round, r.row)), path: merklePath(work.levels, r.round * kept.size + r.row) };
    });
  }

  forget(challengeId: string): void {
    this.kept.delete(challengeId);
  }

  async close(): Promise<void> {
    this.kept.clear();
  }
}
