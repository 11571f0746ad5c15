// Where the upstream documents are wrong about the wire, each with the source line that shows what travels.
// Anything else that differs from the documents fails filecoin.contract.spec.ts; an entry here that no longer
// matches anything fails it too (stale).
import type { ContractException } from '../sdk';

const BACALHAU = 'bacalhau-project/bacalhau@e28960c7';
const LOTUS = 'filecoin-project/lotus@b835fab7';
const ADDRESS_JSON = 'filecoin-project/go-address@4e4546cb:address.go#L147';
const BIGINT_JSON = 'filecoin-project/go-state-types@8b01cf99:big/int.go#L207';

const JOB_OPS = ['GET /api/v1/orchestrator/jobs', 'GET /api/v1/orchestrator/jobs/{id}'];
const JOB_POINTER: Record<string, string> = { 'GET /api/v1/orchestrator/jobs': '/Items/*', 'GET /api/v1/orchestrator/jobs/{id}': '/Job' };

/** Strings on the wire where the swagger says integer enums: Go types with MarshalText. */
const textMarshalled = (operation: string, part: 'body' | 'response', pointer: string, what: string, source: string): ContractException[] =>
  ['type', 'enum'].map((keyword) => ({
    network: 'filecoin',
    operation,
    part,
    pointer,
    keyword,
    reason: `${what} marshals as its name (MarshalText), not the integer the swagger shows`,
    source: `${BACALHAU}:${source}`,
  }));

const bacalhau: ContractException[] = [
  ...textMarshalled('GET /api/v1/orchestrator/nodes', 'response', '/Nodes/*/Info/NodeType', 'NodeType', 'pkg/models/node_info.go#L33'),
  ...JOB_OPS.flatMap((op) => textMarshalled(op, 'response', `${JOB_POINTER[op]}/State/StateType`, 'JobStateType', 'pkg/models/job.go#L80')),
  ...JOB_OPS.flatMap((op) => textMarshalled(op, 'response', `${JOB_POINTER[op]}/Tasks/*/Network/Type`, 'Network', 'pkg/models/network.go#L110')),
  ...textMarshalled('PUT /api/v1/orchestrator/jobs', 'body', '/Job/Tasks/0/Network/Type', 'Network', 'pkg/models/network.go#L110'),
  {
    network: 'filecoin',
    operation: 'GET /api/v1/orchestrator/nodes',
    part: 'response',
    pointer: '/Nodes/*/Membership',
    keyword: 'type',
    reason: 'NodeMembershipState marshals as a string ("APPROVED"), not the struct the swagger shows',
    source: `${BACALHAU}:pkg/models/node_approval.go#L95`,
  },
  {
    network: 'filecoin',
    operation: 'GET /api/v1/orchestrator/nodes',
    part: 'response',
    pointer: '/Nodes/*/ConnectionState/Status',
    keyword: 'type',
    reason: 'NodeConnectionState marshals as a string ("CONNECTED"), not the struct the swagger shows',
    source: `${BACALHAU}:pkg/models/node_connection.go#L89`,
  },
  ...['ExecutionEngines', 'Publishers', 'StorageSources'].map((field) => ({
    network: 'filecoin',
    operation: 'GET /api/v1/orchestrator/nodes',
    part: 'response' as const,
    pointer: `/Nodes/*/Info/ComputeNodeInfo/${field}`,
    keyword: 'type',
    reason: 'a requester node carries the zero ComputeNodeInfo (a value, not a pointer), whose nil slices marshal as null',
    source: `${BACALHAU}:pkg/models/node_info.go#L98`,
  })),
  {
    network: 'filecoin',
    operation: 'GET /api/v1/orchestrator/jobs',
    part: 'query',
    pointer: '/labels',
    keyword: 'undocumented',
    reason: 'the job list takes a label selector in `labels`; it is bound by hand (query:"-"), so swag never saw it',
    source: `${BACALHAU}:pkg/publicapi/endpoint/orchestrator/utils.go#L16-L19`,
  },
  {
    network: 'filecoin',
    operation: 'DELETE /api/v1/orchestrator/jobs/{id}',
    part: 'body',
    pointer: '',
    keyword: 'undocumented',
    reason: 'the stop reason is bound from the JSON body (StopJobRequest.Reason `json:"reason"`); the documented query `reason` is ignored',
    source: `${BACALHAU}:pkg/publicapi/apimodels/job.go#L186-L190`,
  },
  {
    network: 'filecoin',
    operation: 'DELETE /api/v1/orchestrator/jobs/{id}',
    part: 'response',
    pointer: '',
    keyword: 'type',
    reason: 'errors are apimodels.APIError JSON ({"Status":500,"Message":"cannot stop job in state Completed","Code":""}), not the string the swagger shows',
    source: `${BACALHAU}:pkg/publicapi/middleware/error_handler.go#L73`,
  },
  {
    network: 'filecoin',
    operation: 'GET /api/v1/orchestrator/jobs/{id}',
    part: 'status',
    pointer: '',
    keyword: 'undocumented',
    reason: 'an unknown job is a NotFound bacerror, answered 404 (the swagger lists only 200, 400, 500)',
    source: `${BACALHAU}:pkg/bacerrors/error.go#L284-L285`,
  },
  {
    network: 'filecoin',
    operation: 'GET /api/v1/orchestrator/nodes',
    part: 'status',
    pointer: '',
    keyword: 'undocumented',
    reason: 'a missing or wrong bearer token is answered 401 (the swagger lists only 200, 400, 500)',
    source: `${BACALHAU}:pkg/bacerrors/error.go#L286-L287`,
  },
  {
    network: 'filecoin',
    operation: 'GET /api/v1/orchestrator/jobs/{id}',
    part: 'response',
    pointer: '/Executions/Items/*/RunOutput',
    keyword: 'type',
    reason: 'RunOutput is a pointer, null until the execution ran',
    source: `${BACALHAU}:pkg/models/execution.go#L120`,
  },
];

/** The Lotus OpenRPC documents describe Go structs with unexported fields as objects; they marshal otherwise. */
const lotusFor = (method: string, part: 'body' | 'response', pointer: string, reason: string, source: string): ContractException => ({
  network: 'filecoin',
  operation: method,
  part,
  pointer,
  keyword: 'type',
  reason,
  source,
});
const ADDRESS = 'address.Address marshals as its string form ("f01234", "<empty>" when undefined)';
const BIGINT = 'big.Int marshals as a decimal string';
const TSK = 'TipSetKey marshals as an array of CIDs; null asks for the heaviest tipset';

const lotus: ContractException[] = [
  ...['Filecoin.StateMinerInfo', 'Filecoin.StateMinerPower'].flatMap((m) => [
    lotusFor(m, 'body', '/params/0', ADDRESS, ADDRESS_JSON),
    lotusFor(m, 'body', '/params/1', TSK, `${LOTUS}:chain/types/tipset_key.go#L90`),
  ]),
  ...['/Owner', '/Worker', '/NewWorker', '/Beneficiary', '/ControlAddresses/*'].map((p) =>
    lotusFor('Filecoin.StateMinerInfo', 'response', `/result${p}`, ADDRESS, ADDRESS_JSON),
  ),
  lotusFor(
    'Filecoin.StateMinerInfo',
    'response',
    '/result/PendingOwnerAddress',
    'a nil *address.Address (no owner change pending) is null',
    `${LOTUS}:api/types.go#L150`,
  ),
  lotusFor('Filecoin.StateMinerInfo', 'response', '/result/PendingBeneficiaryTerm', 'a nil *PendingBeneficiaryChange is null', `${LOTUS}:api/types.go#L153`),
  ...['/Quota', '/UsedQuota'].map((p) => lotusFor('Filecoin.StateMinerInfo', 'response', `/result/BeneficiaryTerm${p}`, BIGINT, BIGINT_JSON)),
  ...['/MinerPower/RawBytePower', '/MinerPower/QualityAdjPower', '/TotalPower/RawBytePower', '/TotalPower/QualityAdjPower'].map((p) =>
    lotusFor('Filecoin.StateMinerPower', 'response', `/result${p}`, BIGINT, BIGINT_JSON),
  ),
  ...['/Cids', '/Blocks', '/Height'].map((p) => ({
    ...lotusFor(
      'Filecoin.ChainHead',
      'response',
      `/result${p}`,
      'TipSet marshals through ExpTipSet {Cids, Blocks, Height}; the document shows the struct with no exported fields',
      `${LOTUS}:chain/types/tipset.go#L34-L41`,
    ),
    keyword: 'additionalProperties',
  })),
];

export const FILECOIN_CONTRACT_EXCEPTIONS: ContractException[] = [...bacalhau, ...lotus];
