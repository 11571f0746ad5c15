// A challenge prover: what the agent runs a proof-of-GPU challenge with, chosen once at start.
//   torch-cuda: the shipped PyTorch script (gpu_prover.py) on the node's NVIDIA GPUs; the real one.
//   cpu-demo:   the same arithmetic in JavaScript on the CPU. Correct, but a CPU is thousands of times too slow
//               for a real challenge's deadline: it serves the built-in demo agents, whose challenges are
//               CPU-sized only because the coordinator enrolled them as simulated.
// An agent without a prover cannot pass a GPU challenge: it has nothing to commit before the deadline.
import type { Challenge, ProverKind, RowRequest } from '../../nodes/protocol/challenge';

export interface GpuRoot {
  gpuIndex: number;
  root: string;
}

export interface OpenedRowAnswer extends RowRequest {
  values: string;
  path: string[];
}

export interface ChallengeProver {
  readonly kind: ProverKind;
  /** One line for logs: what it runs on. */
  readonly description: string;
  /** Computes every claimed GPU's products and returns one Merkle root per GPU; keeps what opening needs. */
  commit(challenge: Challenge, nodeId: string): Promise<GpuRoot[]>;
  /** The asked rows with their Merkle paths. */
  open(challengeId: string, rows: RowRequest[]): Promise<OpenedRowAnswer[]>;
  /** Drops what it kept for a challenge. */
  forget(challengeId: string): void;
  close(): Promise<void>;
}
