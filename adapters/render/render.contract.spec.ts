// Render's contract test: the adapter's own flow tests run here with every HTTP exchange recorded, then each
// request and each simulator answer is held to the project's document of the Dispersed API
// (render.contract-schema.json: OTOY publishes no OpenAPI, so every field there cites the reference page or the
// vendor's example client it comes from). An unlisted mismatch fails; a listed one needs its source.
import fs from 'node:fs';
import path from 'node:path';
import { ContractException, assertContract, recordExchanges, upstreamContract } from '../sdk/contract/index';
// The flows whose exchanges are checked (their tests run again here, recorded).
import './render.adapter.spec';
import './render.lifecycle.spec';
import './render.offers.spec';
import './render.auth.spec';

const recorder = recordExchanges({ network: 'render' });
const document: unknown = JSON.parse(fs.readFileSync(path.join(__dirname, 'render.contract-schema.json'), 'utf8'));

/** Where the adapter or simulator knowingly differs from the document, with the source that shows the wire truth. */
const RENDER_CONTRACT_EXCEPTIONS: ContractException[] = [
  ...(['POST /v1/jobs', 'GET /v1/jobs/{uuid}'] as const).map((operation): ContractException => ({
    network: 'render',
    operation,
    part: 'response',
    pointer: '/status',
    keyword: 'enum',
    reason:
      "deliberate: the simulator's reportStatus flag sends a status word outside the documented lifecycle (third-party clients name PREPARING and FAILING) to prove the adapter keeps such a job followed",
    source: 'https://otoyinc.mintlify.app/service-consumers/job-monitoring',
  })),
];

describe('Render contract (Dispersed API, project document)', () => {
  afterAll(() => recorder.stop());

  it('every recorded request and simulator answer matches the document', () => {
    const report = upstreamContract({ network: 'render' }, document).verify(recorder.exchanges, RENDER_CONTRACT_EXCEPTIONS);
    assertContract(report);
    expect(report.exchanges).toBeGreaterThan(100);
    expect(report.operations).toEqual([
      'GET /v1/compute/offers',
      'GET /v1/job-runs',
      'GET /v1/job-runs/{uuid}',
      'GET /v1/jobs',
      'GET /v1/jobs/{uuid}',
      'POST /v1/jobs',
      'PUT /v1/jobs/{uuid}/cancel',
    ]);
  });
});
