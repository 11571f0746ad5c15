// The proof-of-GPU challenge on the wire, shared by the coordinator (which checks) and the agent (which answers).
// Two steps, both signed requests:
//   1. commit: before `commitDeadline`, the node sends one Merkle root per challenged GPU over the rows of the
//      products it computed (see gpu-work.ts); the coordinator answers with rows to open, chosen at random now;
//   2. open: before `openDeadline`, the node sends those rows with their Merkle paths; the coordinator checks
//      the paths against the roots and recomputes sampled entries of each row exactly.
// Nothing the node says about itself is trusted: only the roots, and rows that must match both the roots and
// the coordinator's own arithmetic. See src/nodes/README.md for the threat model and the numbers.
import { z } from 'zod';
import { GPU_WORK_VERSION } from './gpu-work';
import { NodeKeypair, signBytes, verifyBytes } from './node-keys';

const HEX32 = /^[0-9a-f]{64}$/;

/** The protocol's version string (the same as the work's: gpu-work.ts). */
export const CHALLENGE_VERSION = GPU_WORK_VERSION;

export const challengeSchema = z.object({
  challengeId: z.string(),
  version: z.literal(GPU_WORK_VERSION),
  /** 32 random bytes, hex; fresh per challenge. */
  seed: z.string().regex(HEX32),
  /** 'gpu' for real nodes; 'simulated-demo' only for the built-in demo agents while the network is simulated. */
  profile: z.enum(['gpu', 'simulated-demo']),
  /** n: A and B are n×n. */
  size: z.number().int().positive(),
  /** Products per GPU, each with its own keys. */
  rounds: z.number().int().positive(),
  /** The device indexes to prove, one Merkle root each. */
  gpuIndexes: z.array(z.number().int().min(0)).min(1),
  /** Roots must arrive before this instant (set from the claimed class at issue time). */
  commitDeadline: z.string(),
  /** Rows the coordinator will ask for per GPU after the commit. */
  openRows: z.number().int().positive(),
});
export type Challenge = z.infer<typeof challengeSchema>;

export const proverKindSchema = z.enum(['torch-cuda', 'cpu-demo', 'other']);
export type ProverKind = z.infer<typeof proverKindSchema>;

export const challengeCommitSchema = z.object({
  roots: z
    .array(z.object({ gpuIndex: z.number().int().min(0), root: z.string().regex(HEX32) }))
    .min(1)
    .max(64),
  /** Which prover computed it (informational: the roots speak for themselves). */
  prover: proverKindSchema,
  /** The node's signature over the challenge and its roots (a durable, signed record of the claim). */
  signature: z.string().min(1).max(200),
});
export type ChallengeCommit = z.infer<typeof challengeCommitSchema>;

export const rowRequestSchema = z.object({ gpuIndex: z.number().int().min(0), round: z.number().int().min(0), row: z.number().int().min(0) });
export type RowRequest = z.infer<typeof rowRequestSchema>;

export const commitResponseSchema = z.object({
  challengeId: z.string(),
  /** The rows to open, chosen after the roots arrived. */
  open: z.array(rowRequestSchema),
  openDeadline: z.string(),
});
export type CommitResponse = z.infer<typeof commitResponseSchema>;

export const challengeOpeningSchema = z.object({
  rows: z
    .array(
      rowRequestSchema.extend({
        /** The row's n values as little-endian int32, base64. */
        values: z.string().max(2_000_000),
        /** Sibling hashes from the leaf up (hex). */
        path: z.array(z.string().regex(HEX32)).max(64),
      }),
    )
    .min(1)
    .max(512),
});
export type ChallengeOpening = z.infer<typeof challengeOpeningSchema>;

export const challengeVerdictSchema = z.object({
  challengeId: z.string(),
  /** pending: rows are still to come (send them in several requests if they are large). */
  state: z.enum(['pending', 'passed', 'failed']),
  passed: z.boolean(),
  reason: z.string(),
  remaining: z.number().int().min(0),
});
export type ChallengeVerdict = z.infer<typeof challengeVerdictSchema>;

function commitMessage(challengeId: string, seed: string, nodeId: string, roots: ChallengeCommit['roots']): Buffer {
  const lines = [GPU_WORK_VERSION, challengeId, seed, nodeId, ...roots.map((r) => `${r.gpuIndex}:${r.root}`)];
  return Buffer.from(lines.join('\n'), 'utf8');
}

export function signCommit(keypair: NodeKeypair, challenge: Challenge, roots: ChallengeCommit['roots']): string {
  return signBytes(keypair, commitMessage(challenge.challengeId, challenge.seed, keypair.nodeId, roots));
}

export function verifyCommitSignature(nodeId: string, challengeId: string, seed: string, roots: ChallengeCommit['roots'], signature: string): boolean {
  return verifyBytes(nodeId, commitMessage(challengeId, seed, nodeId, roots), signature);
}

export const encodeRow = (row: Int32Array) => Buffer.from(row.buffer, row.byteOffset, row.byteLength).toString('base64');

export function decodeRow(values: string, n: number): Int32Array | null {
  const bytes = Buffer.from(values, 'base64');
  if (bytes.length !== 4 * n) return null;
  const row = new Int32Array(n);
  for (let j = 0; j < n; j++) row[j] = bytes.readInt32LE(4 * j);
  return row;
}
