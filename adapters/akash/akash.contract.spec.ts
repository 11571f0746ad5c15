// The Akash adapter held to the Console's own OpenAPI document (akash-network/console @ d84c9e93:
// apps/api/swagger/openapi.json): every HTTP exchange that the conformance suite and the adapter's flow
// tests make against the simulator is recorded and validated, requests and the simulator's answers alike.
// Only the mismatches listed in akash.contract-exceptions.ts, each with its source line, may remain.
import { assertContract, formatContractReport, recordExchanges, upstreamContract, upstreamDocumentsOrSkip } from '../sdk';
import { AKASH_CONTRACT_EXCEPTIONS } from './akash.contract-exceptions';

const docs = upstreamDocumentsOrSkip(['akash-console-api.openapi.json']);

(docs ? describe : describe.skip)('akash upstream contract', () => {
  const recorder = recordExchanges({ network: 'akash' });
  afterAll(() => recorder.stop());

  // The flows that drive the adapter against the simulator; their exchanges are what is checked below.
  describe('flows', () => {
    require('./akash.adapter.spec');
    require('./akash.flow.spec');
    require('./akash.console.spec');
  });

  describe('contract', () => {
    it('every Console request and answer matches its OpenAPI document', () => {
      const result = upstreamContract({ network: 'akash' }, docs!['akash-console-api.openapi.json']).verify(recorder.exchanges, AKASH_CONTRACT_EXCEPTIONS);
      process.stdout.write(`${formatContractReport(result)}\n`);
      expect(result.exchanges).toBeGreaterThan(100);
      expect(result.operations).toEqual(
        expect.arrayContaining([
          'GET /v1/providers',
          'GET /v1/gpu-prices',
          'POST /v1/deployments',
          'GET /v1/bids',
          'POST /v1/leases',
          'GET /v1/deployments',
          'GET /v1/deployments/{dseq}',
          'DELETE /v1/deployments/{dseq}',
        ]),
      );
      assertContract(result);
    });
  });
});
