// The native adapter's contract test: its flow tests run here against the simulated coordinator with every
// exchange recorded, and each request and simulator answer is held to the coordinator's own protocol document
// (native.contract-schema.json: the copy of what a coordinator serves at GET /v1/agent/protocol.json,
// generated from the coordinator's schemas; src/nodes/protocol-document.spec.ts fails when it is stale).
// test/nodes-protocol.test.ts holds the adapter's exchanges with a real coordinator to the served document.
import fs from 'node:fs';
import path from 'node:path';
import { assertContract, recordExchanges, upstreamContract } from '../sdk/contract/index';
import './native.adapter.spec';

const recorder = recordExchanges({ network: 'native' });
const document: unknown = JSON.parse(fs.readFileSync(path.join(__dirname, 'native.contract-schema.json'), 'utf8'));

describe('native contract (coordinator protocol document)', () => {
  afterAll(() => recorder.stop());

  it('every recorded request and simulator answer matches the document', () => {
    const report = upstreamContract({ network: 'native' }, document).verify(recorder.exchanges, []);
    assertContract(report);
    expect(report.operations).toEqual([
      'GET /v1/native/offers',
      'GET /v1/native/placements/{id}',
      'GET /v1/native/placements/{id}/logs',
      'POST /v1/native/placements',
      'POST /v1/native/placements/{id}/cancel',
    ]);
  });
});
