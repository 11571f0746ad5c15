// The proof-of-GPU challenge's part of the protocol document (protocol-document.ts): its schemas, operations,
// examples and rules, in one place, so a change to the challenge protocol (challenge.ts, agent.controller.ts)
// is described here and nowhere else.
import { CHALLENGE_VERSION, challengeCommitSchema, challengeOpeningSchema, challengeVerdictSchema, commitResponseSchema } from './challenge';
import { idParam, ok, requestBody, signed } from './protocol-openapi';

export const CHALLENGE_REQUESTS = { ChallengeCommit: challengeCommitSchema, ChallengeOpening: challengeOpeningSchema };
export const CHALLENGE_ANSWERS = { CommitResponse: commitResponseSchema, ChallengeVerdict: challengeVerdictSchema };

const HASH = 'a3f1c2e4b5d6978812345678909abcdefa3f1c2e4b5d6978812345678909abcd';
export const CHALLENGE_EXAMPLES = {
  ChallengeCommit: { roots: [{ gpuIndex: 0, root: HASH }], prover: 'other', signature: '<base58 Ed25519 signature, see x-challenge.commitSignature>' },
  ChallengeOpening: { rows: [{ gpuIndex: 0, round: 1, row: 17, values: 'AQAAAAIAAAA=', path: [HASH] }] },
};

export function challengePaths(): Record<string, unknown> {
  const challenge = idParam('id', 'the challengeId');
  return {
    '/v1/agent/challenges/{id}/commit': {
      post: {
        operationId: 'commitChallenge',
        summary: 'Proof of GPU, step 1: one Merkle root per challenged GPU, signed, before commitDeadline; answers with the rows to open.',
        security: signed,
        parameters: [challenge],
        requestBody: requestBody('ChallengeCommit', CHALLENGE_EXAMPLES.ChallengeCommit),
        responses: ok('CommitResponse'),
      },
    },
    '/v1/agent/challenges/{id}/open': {
      post: {
        operationId: 'openChallenge',
        summary:
          'Proof of GPU, step 2: the asked rows with their Merkle paths, in one or several requests; the verdict comes with the last row (state pending until then).',
        security: signed,
        parameters: [challenge],
        requestBody: requestBody('ChallengeOpening', CHALLENGE_EXAMPLES.ChallengeOpening),
        responses: ok('ChallengeVerdict'),
      },
    },
  };
}

/** The challenge rules, stated from challenge.ts; the work's arithmetic is specified in src/nodes/README.md. */
export const CHALLENGE_RULES = {
  version: CHALLENGE_VERSION,
  arrives: 'in the register, heartbeat and work answers (challenge, or null)',
  steps: [
    'commit: POST /v1/agent/challenges/{id}/commit before commitDeadline',
    'open: POST /v1/agent/challenges/{id}/open with every row the commit answer asks for, before its openDeadline',
  ],
  work: `the keyed integer matrix products and their Merkle tree, exactly as "The GPU challenge, exactly" in Switchyard's src/nodes/README.md (version ${CHALLENGE_VERSION}): per challenged GPU, rounds products of size n; each row's leaf hash; the root commits to all of them`,
  commitSignature: {
    joinWith: '\n',
    lines: [CHALLENGE_VERSION, '<challengeId>', '<seed>', '<node id>', '<one line per root, in the order sent: gpuIndex:root>'],
    encoding: 'base58 Ed25519 signature over the UTF-8 bytes of those lines joined',
  },
  rowValues: "the row's n values as little-endian int32, base64; path: sibling hashes (hex) from the leaf up",
} as const;
