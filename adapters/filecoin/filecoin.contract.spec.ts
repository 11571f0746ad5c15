// The Filecoin adapter held to its upstreams' own documents: every HTTP exchange that the conformance suite
// and the adapter's flow tests make against the simulators is recorded and validated — Bacalhau's against its
// swagger (plus a project schema of what the swagger cannot say: WebSocket frames, error bodies), Lotus's
// JSON-RPC against the OpenRPC documents of the full node and of the gateway (Glif's public endpoint is one).
// Only the mismatches listed in filecoin.contract-exceptions.ts, each with its source line, may remain.
import { ContractReport, assertContract, formatContractReport, recordExchanges, upstreamContract, upstreamDocumentsOrSkip } from '../sdk';
import { bacalhauProjectDocument } from './bacalhau.contract-document';
import { FILECOIN_CONTRACT_EXCEPTIONS } from './filecoin.contract-exceptions';

const docs = upstreamDocumentsOrSkip(['bacalhau-swagger.json', 'lotus-v1-full.openrpc.json', 'lotus-v1-gateway.openrpc.json']);

(docs ? describe : describe.skip)('filecoin upstream contract', () => {
  const recorder = recordExchanges({ network: 'filecoin' });
  afterAll(() => recorder.stop());

  // The flows that drive the adapter against both simulators; their exchanges are what is checked below.
  describe('flows', () => {
    require('./filecoin.conformance.spec');
    require('./filecoin.adapter.spec');
    require('./bacalhau.upstream-behaviour.spec');
  });

  describe('contract', () => {
    const report = (contract: ReturnType<typeof upstreamContract>): ContractReport => {
      const result = contract.verify(recorder.exchanges, FILECOIN_CONTRACT_EXCEPTIONS);
      process.stdout.write(`${formatContractReport(result)}\n`);
      return result;
    };

    it('every Bacalhau request and answer matches the swagger (and the project schema where it is silent)', () => {
      const result = report(upstreamContract({ network: 'filecoin' }, bacalhauProjectDocument, docs!['bacalhau-swagger.json']));
      expect(result.exchanges).toBeGreaterThan(100);
      expect(result.operations).toEqual(
        expect.arrayContaining([
          'GET /api/v1/orchestrator/nodes',
          'PUT /api/v1/orchestrator/jobs',
          'GET /api/v1/orchestrator/jobs/{id}',
          'DELETE /api/v1/orchestrator/jobs/{id}',
          'GET /api/v1/orchestrator/jobs/{id}/logs',
        ]),
      );
      assertContract(result);
    });

    it('every Lotus call and answer matches the full node OpenRPC document', () => {
      const result = report(upstreamContract({ network: 'filecoin' }, docs!['lotus-v1-full.openrpc.json']));
      expect(result.operations).toEqual(['Filecoin.ChainHead', 'Filecoin.StateMinerInfo', 'Filecoin.StateMinerPower']);
      assertContract(result);
    });

    it('every Lotus method the adapter calls is served by a gateway (Glif), with the same shapes', () => {
      const result = report(upstreamContract({ network: 'filecoin' }, docs!['lotus-v1-gateway.openrpc.json']));
      expect(result.operations).toEqual(['Filecoin.ChainHead', 'Filecoin.StateMinerInfo', 'Filecoin.StateMinerPower']);
      assertContract(result);
    });
  });
});
