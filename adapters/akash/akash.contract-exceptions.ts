// Where the Console's OpenAPI document is wrong about the wire, each with the source line that shows what
// travels. Anything else that differs from the document fails akash.contract.spec.ts; an entry here that no
// longer matches anything fails it too (stale).
import type { ContractException } from '../sdk';

const CONSOLE = 'akash-network/console@d84c9e93';

/**
 * The document's dseq pattern reads "^d+$" (the backslash of \d was lost on the way to the OpenAPI), which
 * no real dseq matches; the schema it comes from is a positive integer sent as its decimal string.
 */
const dseq = (operation: string, part: ContractException['part'], pointer: string): ContractException => ({
  network: 'akash',
  operation,
  part,
  pointer,
  keyword: 'pattern',
  reason: 'the document\'s dseq pattern "^d+$" lost its backslash; a dseq is a positive integer as a decimal string',
  source: `${CONSOLE}:apps/api/src/utils/schema.ts#L8-L11`,
});

/** Error statuses the routes answer that the document leaves out (it lists only the success status). */
const status = (operation: string, code: number, reason: string, source: string): ContractException => ({
  network: 'akash',
  operation,
  part: 'status',
  pointer: '',
  keyword: 'undocumented',
  reason: `HTTP ${code}: ${reason}`,
  source: `${CONSOLE}:${source}`,
});

export const AKASH_CONTRACT_EXCEPTIONS: ContractException[] = [
  dseq('POST /v1/deployments', 'response', '/data/dseq'),
  dseq('GET /v1/bids', 'query', '/dseq'),
  dseq('GET /v1/bids', 'response', '/data/*/bid/id/dseq'),
  dseq('POST /v1/leases', 'body', '/leases/*/dseq'),
  dseq('POST /v1/leases', 'response', '/data/deployment/id/dseq'),
  dseq('POST /v1/leases', 'response', '/data/leases/*/id/dseq'),
  dseq('GET /v1/deployments', 'response', '/data/deployments/*/deployment/id/dseq'),
  dseq('GET /v1/deployments', 'response', '/data/deployments/*/leases/*/id/dseq'),
  dseq('GET /v1/deployments/{dseq}', 'path', '/dseq'),
  dseq('GET /v1/deployments/{dseq}', 'response', '/data/deployment/id/dseq'),
  dseq('GET /v1/deployments/{dseq}', 'response', '/data/leases/*/id/dseq'),
  dseq('DELETE /v1/deployments/{dseq}', 'path', '/dseq'),
  status(
    'GET /v1/deployments/{dseq}',
    404,
    'a deployment the wallet does not have',
    'apps/api/src/deployment/services/deployment-reader/deployment-reader.service.ts#L53',
  ),
  status('GET /v1/deployments', 401, 'a wrong API key', 'apps/api/src/auth/services/api-key/api-key-auth.service.ts#L26'),
  status(
    'POST /v1/deployments',
    402,
    'the managed wallet cannot cover the fee or the deposit',
    'apps/api/src/billing/services/managed-signer/managed-signer.service.ts#L235',
  ),
];
