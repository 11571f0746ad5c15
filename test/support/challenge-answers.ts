// Answers a proof-of-GPU challenge the way the agent does (roots, then rows one per request), with hooks for
// the attacks the tests play: change the roots, the rows, or when they are sent.
import type { CoordinatorClient } from '../../src/agent/coordinator-client';
import { CpuDemoProver } from '../../src/agent/provers/cpu-demo-prover';
import type { ChallengeProver, GpuRoot, OpenedRowAnswer } from '../../src/agent/provers/prover';
import type { NodeKeypair } from '../../src/nodes/protocol/node-keys';
import { Challenge, ChallengeVerdict, CommitResponse, signCommit } from '../../src/nodes/protocol/challenge';

export interface AnswerHooks {
  prover?: ChallengeProver;
  roots?: (roots: GpuRoot[]) => GpuRoot[];
  rows?: (rows: OpenedRowAnswer[]) => OpenedRowAnswer[];
  /** Runs after the roots are computed and before they are sent (e.g. to move the clock past the deadline). */
  beforeCommit?: () => Promise<void>;
}

export async function commitRoots(client: CoordinatorClient, kp: NodeKeypair, challenge: Challenge, roots: GpuRoot[]): Promise<CommitResponse> {
  return client.call<CommitResponse>('POST', `/v1/agent/challenges/${challenge.challengeId}/commit`, {
    roots,
    prover: 'cpu-demo',
    signature: signCommit(kp, challenge, roots),
  });
}

export async function answerChallenge(client: CoordinatorClient, kp: NodeKeypair, challenge: Challenge, hooks: AnswerHooks = {}): Promise<ChallengeVerdict> {
  const prover = hooks.prover ?? new CpuDemoProver();
  const computed = await prover.commit(challenge, kp.nodeId);
  const roots = hooks.roots ? hooks.roots(computed) : computed;
  await hooks.beforeCommit?.();
  const asked = await commitRoots(client, kp, challenge, roots);
  const opened = await prover.open(challenge.challengeId, asked.open);
  let verdict: ChallengeVerdict | undefined;
  for (const row of hooks.rows ? hooks.rows(opened) : opened) {
    verdict = await client.call<ChallengeVerdict>('POST', `/v1/agent/challenges/${challenge.challengeId}/open`, { rows: [row] });
    if (verdict.state !== 'pending') break;
  }
  return verdict!;
}
