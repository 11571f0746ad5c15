// The coordinator protocol as a published document (OpenAPI 3.1): the agent API (/v1/agent/*) and the market
// API the native adapter calls (/v1/native/*). Every schema in it is generated with z.toJSONSchema from the
// zod schemas that validate that traffic (agent-wire.ts, challenge.ts, agent-responses.ts, market-request.ts and
// adapters/native/native.wire.ts), so the document changes when they do. The signing rules and the challenge
// rules are stated as data (x-signing, x-challenge) from the constants the code signs and checks with.
// Every request example is parsed with its schema when the document is built: an example cannot drift.
// Served at GET /v1/agent/protocol.json (protocol.controller.ts).
import { z, ZodType } from 'zod';
import { logsResponseSchema, marketOfferSchema, marketPlacementSchema } from '../../../adapters/native/native.wire';
import { placementRequestSchema } from './market-request';
import { logsAcceptedSchema, nodeViewSchema, registerResponseSchema } from './agent-responses';
import {
  ackResponseSchema,
  heartbeatBodySchema,
  heartbeatResponseSchema,
  leaseFinishBodySchema,
  leaseLogsBodySchema,
  leaseStatusBodySchema,
  registerBodySchema,
  renewResponseSchema,
  settingsBodySchema,
  workResponseSchema,
} from './agent-wire';
import { challengeSchema } from './challenge';
import { CHALLENGE_ANSWERS, CHALLENGE_EXAMPLES, CHALLENGE_REQUESTS, CHALLENGE_RULES, challengePaths } from './protocol-challenge';
import { apiKey, emptyBody, idParam, json, ok, ref, requestBody, signed } from './protocol-openapi';
import { HEADER_NODE, HEADER_NONCE, HEADER_SIGNATURE, HEADER_TIMESTAMP, NONCE_PATTERN, SIGNATURE_VERSION } from './request-signature';

export const PROTOCOL_DOCUMENT_PATH = '/v1/agent/protocol.json';
export const PROTOCOL_VERSION = '1';

type Json = Record<string, unknown>;

/** JSON Schema (draft-07 vocabulary, which OpenAPI 3.1's dialect accepts) for a zod schema. */
function jsonSchema(schema: ZodType, io: 'input' | 'output'): Json {
  const out = z.toJSONSchema(schema, { target: 'draft-7', io, unrepresentable: 'any' }) as Json;
  delete out.$schema;
  return out;
}

/** Named schemas: requests as the coordinator accepts them (input), answers as it sends them (output). */
const REQUESTS: Record<string, ZodType> = {
  RegisterRequest: registerBodySchema,
  HeartbeatRequest: heartbeatBodySchema,
  SettingsRequest: settingsBodySchema,
  LeaseStatusRequest: leaseStatusBodySchema,
  LeaseLogsRequest: leaseLogsBodySchema,
  LeaseFinishRequest: leaseFinishBodySchema,
  PlacementRequest: placementRequestSchema,
  ...CHALLENGE_REQUESTS,
};
const ANSWERS: Record<string, ZodType> = {
  RegisterResponse: registerResponseSchema,
  HeartbeatResponse: heartbeatResponseSchema,
  Node: nodeViewSchema,
  WorkResponse: workResponseSchema,
  AckResponse: ackResponseSchema,
  RenewResponse: renewResponseSchema,
  LogsAccepted: logsAcceptedSchema,
  Challenge: challengeSchema,
  Placement: marketPlacementSchema,
  Offer: marketOfferSchema,
  PlacementLogs: logsResponseSchema,
  ...CHALLENGE_ANSWERS,
};

const GPU_EXAMPLE = { index: 0, model: 'NVIDIA GeForce RTX 4090', vramMb: 24_564, driverVersion: '550.54.14', utilizationPct: 3 };
/** One request body per operation that takes one; each is parsed with its schema below. */
export const PROTOCOL_EXAMPLES = {
  RegisterRequest: {
    enrolmentCode: 'sye_<code from the operator>',
    name: 'rig-1',
    price: { amount: '0.45', asset: 'USD' },
    payoutWallet: 'So11111111111111111111111111111111111111112',
    agentVersion: 'my-agent/1.0',
    executor: 'docker',
    gpus: [GPU_EXAMPLE],
  },
  HeartbeatRequest: { agentVersion: 'my-agent/1.0', gpus: [GPU_EXAMPLE], leases: [] },
  SettingsRequest: { price: { amount: '0.50', asset: 'USD' } },
  LeaseStatusRequest: { state: 'running', message: 'container started' },
  LeaseLogsRequest: { lines: ['loading model', 'step 1/30'] },
  LeaseFinishRequest: { state: 'succeeded', exitCode: 0, message: 'exited with code 0' },
  ...CHALLENGE_EXAMPLES,
  PlacementRequest: {
    offerId: '<node id>:nvidia-geforce-rtx-4090',
    gpus: 1,
    job: { image: 'ghcr.io/acme/worker:3', env: { MODE: 'batch' }, resources: { gpu: { count: 1 } }, durationHours: 1 },
  },
} as const;

const body = (name: keyof typeof PROTOCOL_EXAMPLES) => requestBody(name, PROTOCOL_EXAMPLES[name]);

function agentPaths(): Json {
  const lease = idParam('id', 'the lease id (leaseId)');
  return {
    '/v1/agent/register': {
      post: {
        operationId: 'register',
        summary: 'Register the signing key as a node. The only call an unregistered key may make.',
        security: signed,
        requestBody: body('RegisterRequest'),
        responses: { ...ok('RegisterResponse', '201'), '200': { description: 'Already registered: the node as it is', ...json('RegisterResponse') } },
      },
    },
    '/v1/agent/heartbeat': {
      post: {
        operationId: 'heartbeat',
        summary: 'Heartbeat with the GPU inventory and the leases running; answers with the node state, a challenge when one is due, and leases to stop.',
        security: signed,
        requestBody: body('HeartbeatRequest'),
        responses: ok('HeartbeatResponse'),
      },
    },
    '/v1/agent/settings': {
      put: {
        operationId: 'settings',
        summary: 'Asking price per GPU-hour, payout wallet, name (at least one).',
        security: signed,
        requestBody: body('SettingsRequest'),
        responses: ok('Node'),
      },
    },
    '/v1/agent/work': {
      get: {
        operationId: 'work',
        summary: 'Long poll for the next lease; also carries an open challenge.',
        security: signed,
        parameters: [
          {
            name: 'wait',
            in: 'query',
            required: false,
            description: 'seconds to hold the poll open',
            schema: { type: 'integer', minimum: 0, maximum: 60, default: 25 },
          },
        ],
        responses: ok('WorkResponse'),
      },
    },
    '/v1/agent/leases/{id}/ack': {
      post: {
        operationId: 'ackLease',
        summary: 'Take the lease before its ackDeadline.',
        security: signed,
        parameters: [lease],
        requestBody: emptyBody,
        responses: ok('AckResponse'),
      },
    },
    '/v1/agent/leases/{id}/status': {
      post: {
        operationId: 'leaseRunning',
        summary: 'The job is running.',
        security: signed,
        parameters: [lease],
        requestBody: body('LeaseStatusRequest'),
        responses: ok('Placement'),
      },
    },
    '/v1/agent/leases/{id}/logs': {
      post: {
        operationId: 'leaseLogs',
        summary: 'Append log lines.',
        security: signed,
        parameters: [lease],
        requestBody: body('LeaseLogsRequest'),
        responses: ok('LogsAccepted'),
      },
    },
    '/v1/agent/leases/{id}/renew': {
      post: {
        operationId: 'renewLease',
        summary: 'Keep the lease alive (every renewEveryMs); cancel: true means stop the job.',
        security: signed,
        parameters: [lease],
        requestBody: emptyBody,
        responses: ok('RenewResponse'),
      },
    },
    '/v1/agent/leases/{id}/finish': {
      post: {
        operationId: 'finishLease',
        summary: 'The job ended: its state and exit code.',
        security: signed,
        parameters: [lease],
        requestBody: body('LeaseFinishRequest'),
        responses: ok('Placement'),
      },
    },
    ...challengePaths(),
  };
}

function marketPaths(): Json {
  const placement = idParam('id', 'the placement id');
  return {
    '/v1/native/offers': {
      get: {
        operationId: 'offers',
        summary: 'Rentable native supply: online, verified, unflagged nodes with free GPUs.',
        security: apiKey,
        responses: ok('OfferList'),
      },
    },
    '/v1/native/placements': {
      post: {
        operationId: 'place',
        summary: 'Place a job on an offer. One lease per idempotency key: 201 when created, 200 when the key was seen.',
        security: apiKey,
        parameters: [{ name: 'idempotency-key', in: 'header', required: true, schema: { type: 'string', minLength: 1, maxLength: 200 } }],
        requestBody: body('PlacementRequest'),
        responses: { ...ok('Placement', '201'), '200': { description: 'The placement made earlier under this key', ...json('Placement') } },
      },
    },
    '/v1/native/placements/{id}': {
      get: { operationId: 'placement', summary: 'A placement (lease) and its state.', security: apiKey, parameters: [placement], responses: ok('Placement') },
    },
    '/v1/native/placements/{id}/cancel': {
      post: {
        operationId: 'cancelPlacement',
        summary: 'Cancel a placement (idempotent).',
        security: apiKey,
        parameters: [placement],
        requestBody: emptyBody,
        responses: ok('Placement'),
      },
    },
    '/v1/native/placements/{id}/logs': {
      get: {
        operationId: 'placementLogs',
        summary: 'Log lines the node streamed for a placement.',
        security: apiKey,
        parameters: [placement],
        responses: ok('PlacementLogs'),
      },
    },
  };
}

/** The signing rules, stated from the constants request-signature.ts signs and verifies with. */
export const SIGNING_RULES = {
  appliesTo: '/v1/agent/* (every request, registration included)',
  algorithm: 'Ed25519 (RFC 8032), the node key',
  nodeId: 'base58 (Bitcoin alphabet) of the 32-byte Ed25519 public key; also a valid Solana address',
  signatureEncoding: 'base58 of the 64-byte signature',
  headers: { nodeId: HEADER_NODE, timestamp: HEADER_TIMESTAMP, nonce: HEADER_NONCE, signature: HEADER_SIGNATURE },
  timestamp: 'unix time in milliseconds, decimal digits; must be within the coordinator window of its clock',
  noncePattern: NONCE_PATTERN.source,
  nonceRule: 'never reuse a nonce with the same node key: a replay is refused',
  canonicalString: {
    joinWith: '\n',
    trailingNewline: false,
    lines: [
      SIGNATURE_VERSION,
      '<HTTP method, upper case>',
      '<path with the query string exactly as sent, e.g. /v1/agent/work?wait=25>',
      '<timestamp header value>',
      '<nonce header value>',
      '<node id>',
      '<lowercase hex sha256 of the exact body bytes sent (of the empty string when there is no body)>',
    ],
  },
  signedMessage: 'the UTF-8 bytes of the canonical string',
  body: 'send the exact bytes hashed; a POST that carries no data sends {} (content-type application/json)',
} as const;

let cached: Json | undefined;

/** The protocol document (built once; the schemas do not change while the process runs). */
export function protocolDocument(): Json {
  if (cached) return cached;
  for (const [name, example] of Object.entries(PROTOCOL_EXAMPLES)) REQUESTS[name].parse(example);
  const schemas: Record<string, Json> = {
    Problem: {
      type: 'object',
      required: ['type', 'title', 'status'],
      properties: {
        type: { type: 'string' },
        title: { type: 'string' },
        status: { type: 'integer' },
        detail: { type: 'string' },
        errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, reason: { type: 'string' } } } },
      },
    },
    OfferList: { type: 'object', required: ['offers'], properties: { offers: { type: 'array', items: ref('Offer') } } },
  };
  for (const [name, schema] of Object.entries(REQUESTS)) schemas[name] = jsonSchema(schema, 'input');
  for (const [name, schema] of Object.entries(ANSWERS)) schemas[name] = jsonSchema(schema, 'output');
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'Switchyard native node coordinator protocol',
      version: PROTOCOL_VERSION,
      description:
        'How a GPU node agent (any language) and a market client talk to a Switchyard coordinator. Agent calls are signed with the node key (x-signing); market calls carry an API key with the nodes:operate scope. Challenges prove the node holds its key and measure the device (x-challenge). Generated from the schemas that validate this traffic.',
    },
    'x-signing': SIGNING_RULES,
    'x-challenge': CHALLENGE_RULES,
    paths: { ...agentPaths(), ...marketPaths() },
    components: {
      schemas,
      securitySchemes: {
        nodeSignature: {
          type: 'apiKey',
          in: 'header',
          name: HEADER_SIGNATURE,
          description: `Ed25519 request signature with ${HEADER_NODE}, ${HEADER_TIMESTAMP} and ${HEADER_NONCE}; see x-signing.`,
        },
        apiKey: { type: 'http', scheme: 'bearer', description: 'A Switchyard API key with the nodes:operate scope (also accepted as x-api-key).' },
      },
    },
  };
  return cached;
}
