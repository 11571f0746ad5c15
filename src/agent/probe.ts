// The answer to a verification challenge. The probe here measures the host's memory bandwidth (CPU) and
// says so (`kind: 'cpu'`): Node cannot touch GPU memory without CUDA. A GPU probe would run as a CUDA
// container through the Docker executor; it is not built yet, so every agent currently answers with a CPU probe.
import os from 'node:os';
import { ChallengeAnswer, Challenge, proofDigest, signChallenge } from '../nodes/protocol/challenge';
import type { NodeKeypair } from '../nodes/protocol/node-keys';

const MiB = 1024 * 1024;
const PASSES = 3;

export function answerChallengeWithCpuProbe(keypair: NodeKeypair, challenge: Challenge): ChallengeAnswer {
  const digest = proofDigest(challenge.nonce, keypair.nodeId, challenge.rounds);
  const size = challenge.memoryMb * MiB;
  const source = Buffer.alloc(size, digest.slice(0, 8));
  const target = Buffer.allocUnsafe(size);
  const started = process.hrtime.bigint();
  for (let i = 0; i < PASSES; i++) source.copy(target);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpus = os.cpus();
  return {
    proofDigest: digest,
    signature: signChallenge(keypair, challenge, digest),
    measurement: {
      kind: 'cpu',
      device: `host cpu (${cpus[0]?.model?.trim() ?? os.arch()}, ${cpus.length} cores)`,
      memoryMb: challenge.memoryMb,
      // Each pass reads and writes every byte.
      memoryGbps: Math.round(((2 * PASSES * size) / Math.max(seconds, 1e-6) / 1e9) * 100) / 100,
      durationMs: Math.round(seconds * 1000 * 100) / 100,
    },
  };
}
