// The verification challenge, shared by the coordinator (which checks) and the agent (which answers).
// The coordinator sends a random nonce, a deadline and a work size; the agent answers with
//   - proofDigest: sha256 iterated `rounds` times from sha256(nonce ‖ nodeId): cheap for the coordinator to
//     recompute, impossible to prepare before the nonce is known, so an answer proves it is fresh;
//   - a measurement of the device it claims (a timed memory probe), which the coordinator checks against
//     plausibility bounds for the claimed model;
//   - its signature over the challenge and the digest.
// A software probe is evidence, not proof: a determined operator can fake numbers within the bounds. It
// raises the cost of the cheap lies (no GPU at all, a different model, a virtualised card) that io.net saw.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { NodeKeypair, signBytes, verifyBytes } from './node-keys';

export const CHALLENGE_VERSION = 'switchyard-node-challenge-v1';

export const challengeSchema = z.object({
  challengeId: z.string(),
  nonce: z.string().regex(/^[0-9a-f]{64}$/),
  deadline: z.string(),
  rounds: z.number().int().positive(),
  memoryMb: z.number().int().positive(),
});
export type Challenge = z.infer<typeof challengeSchema>;

export const measurementSchema = z.object({
  /** 'cpu' when the probe ran on the host CPU/RAM because no GPU probe was possible: marked, never passed off as GPU. */
  kind: z.enum(['gpu', 'cpu']),
  /** The device probed, e.g. "NVIDIA GeForce RTX 4090" or "host cpu (x64, 16 cores)". */
  device: z.string().min(1).max(200),
  memoryMb: z.number().int().nonnegative(),
  memoryGbps: z.number().nonnegative(),
  durationMs: z.number().nonnegative(),
});
export type Measurement = z.infer<typeof measurementSchema>;

export const challengeAnswerSchema = z.object({
  proofDigest: z.string().regex(/^[0-9a-f]{64}$/),
  signature: z.string().min(1).max(200),
  measurement: measurementSchema,
});
export type ChallengeAnswer = z.infer<typeof challengeAnswerSchema>;

export function proofDigest(nonce: string, nodeId: string, rounds: number): string {
  let h = createHash('sha256').update(`${nonce}${nodeId}`).digest();
  for (let i = 0; i < rounds; i++) h = createHash('sha256').update(h).digest();
  return h.toString('hex');
}

function challengeMessage(challengeId: string, nonce: string, nodeId: string, digest: string): Buffer {
  return Buffer.from([CHALLENGE_VERSION, challengeId, nonce, nodeId, digest].join('\n'), 'utf8');
}

export function signChallenge(keypair: NodeKeypair, challenge: Challenge, digest: string): string {
  return signBytes(keypair, challengeMessage(challenge.challengeId, challenge.nonce, keypair.nodeId, digest));
}

export function verifyChallengeSignature(nodeId: string, challengeId: string, nonce: string, digest: string, signature: string): boolean {
  return verifyBytes(nodeId, challengeMessage(challengeId, nonce, nodeId, digest), signature);
}
