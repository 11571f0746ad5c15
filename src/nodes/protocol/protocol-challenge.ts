// The verification challenge's part of the protocol document (protocol-document.ts): its schemas, operations,
// example and rules, in one place, so a change to the challenge protocol (challenge.ts, agent.controller.ts)
// is described here and nowhere else.
import { challengeVerdictSchema } from './agent-responses';
import { CHALLENGE_VERSION, challengeAnswerSchema } from './challenge';
import { idParam, ok, requestBody, signed } from './protocol-openapi';

export const CHALLENGE_REQUESTS = { ChallengeAnswer: challengeAnswerSchema };
export const CHALLENGE_ANSWERS = { ChallengeVerdict: challengeVerdictSchema };

export const CHALLENGE_EXAMPLES = {
  ChallengeAnswer: {
    proofDigest: '9f2c6a0f0e2b7d1c3a5b4e6d8f0a1c2b3d4e5f60718293a4b5c6d7e8f9a0b1c2',
    signature: '<base58 Ed25519 signature, see x-challenge>',
    measurement: { kind: 'gpu', device: 'NVIDIA GeForce RTX 4090', memoryMb: 16_384, memoryGbps: 720.5, durationMs: 46 },
  },
};

export function challengePaths(): Record<string, unknown> {
  return {
    '/v1/agent/challenges/{id}': {
      post: { operationId: 'answerChallenge', summary: 'Answer a verification challenge (see x-challenge).', security: signed, parameters: [idParam('id', 'the challengeId')], requestBody: requestBody('ChallengeAnswer', CHALLENGE_EXAMPLES.ChallengeAnswer), responses: ok('ChallengeVerdict') },
    },
  };
}

/** The challenge rules, stated from challenge.ts. */
export const CHALLENGE_RULES = {
  version: CHALLENGE_VERSION,
  arrives: 'in the register, heartbeat and work answers (challenge, or null)',
  proofDigest: 'h = sha256(UTF-8 bytes of nonce followed by node id); then `rounds` times h = sha256(h); lowercase hex of h',
  signature: {
    joinWith: '\n',
    lines: [CHALLENGE_VERSION, '<challengeId>', '<nonce>', '<node id>', '<proofDigest>'],
    encoding: 'base58 Ed25519 signature over the UTF-8 bytes of those lines joined',
  },
  measurement:
    'a timed memory probe: kind gpu (device = the claimed GPU model verbatim, memoryMb touched on it, memoryGbps measured) is checked against the model datasheet; kind cpu (host RAM, at least the challenge memoryMb) is accepted only where the coordinator allows CPU probes, and never counts as GPU verification',
  deadline: 'answer before `deadline` (ISO 8601)',
} as const;
