// The io.net plugin and its simulator held to io.net's own OpenAPI (ionet-official/docs @ 5d3be72c,
// openapi/full/IO_Explorer__IO_CLouds.json, read from ../shared/upstream/ionet): every request the plugin
// sends and every answer the simulator gives, across the conformance suite and the io.net flows.
import {
  AdapterContext,
  ContractException,
  assertContract,
  formatContractReport,
  recordExchanges,
  SimulatorControl,
  UpstreamHttpClient,
  upstreamContract,
  upstreamDocumentsOrSkip,
} from '@switchyard/adapter-sdk';
import { defaultConformanceJob, runAdapterConformance } from '@switchyard/adapter-sdk/conformance';
import { IonetAdapter, ionetConfigSchema } from './ionet.adapter';
import { startIonetSimulator } from './ionet.simulator';

const DOCUMENT = 'ionet/IO_Explorer__IO_CLouds.json';
const SOURCE = 'ionet-official/docs@5d3be72c:openapi/full/IO_Explorer__IO_CLouds.json';

/** Where io.net's document is wrong about the wire, each with the line that shows it. */
export const IONET_CONTRACT_EXCEPTIONS: ContractException[] = [
  {
    network: 'ionet',
    operation: 'GET /v1/io-explorer/network/market-snapshot',
    part: 'response',
    pointer: '/data',
    keyword: 'type',
    reason: 'GetMarketResponse types `data` as an object, but its own example (what the explorer sends) is an array of per-model rows',
    source: `${SOURCE}#L21266-L21277`,
  },
];

const context: AdapterContext = {
  logger: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
  now: () => new Date(),
  simulated: true,
};

const docs = upstreamDocumentsOrSkip([DOCUMENT]);
(docs ? describe : describe.skip)('io.net contract: plugin and simulator against io.net OpenAPI', () => {
  const recorder = recordExchanges({ network: 'ionet' });
  afterAll(() => recorder.stop());

  runAdapterConformance(
    'ionet (recorded)',
    async () => {
      const sim = await startIonetSimulator({ seed: 3, jobFailureRate: 0 });
      const adapter = new IonetAdapter(ionetConfigSchema.parse({ ...sim.config, timeoutMs: 500, maxAttempts: 1 }), context);
      return { adapter, simulator: new SimulatorControl(sim.controlUrl), teardown: () => sim.close() };
    },
    { unknownPlacement: (network) => ({ network, placementId: '3fa85f64-5717-4562-b3fc-2c963f66afa6' }) },
  );

  it('runs the io.net flows: deploy, details, containers, logs, extend, terminate', async () => {
    const sim = await startIonetSimulator({ seed: 4, jobFailureRate: 0 });
    try {
      await new SimulatorControl(sim.controlUrl).setFaults({ flags: { runMs: 60_000 } });
      const adapter = new IonetAdapter(ionetConfigSchema.parse({ ...sim.config, maxAttempts: 1 }), context);
      const signal = () => AbortSignal.timeout(10_000);
      const { offers } = await adapter.listOffers({ signal: signal() });
      const job = { ...defaultConformanceJob(offers[0]), command: ['python3', '-m', 'serve'], args: ['--port', '9000'], ports: [9000], durationHours: 1.5 };
      const placement = await adapter.submit({ job, offer: offers[0], idempotencyKey: 'contract-1', signal: signal() });
      let status = await adapter.status(placement, { signal: signal() });
      for (let i = 0; i < 50 && status.state !== 'running'; i++) {
        await new Promise((r) => setTimeout(r, 50));
        status = await adapter.status(placement, { signal: signal() });
      }
      expect(status.state).toBe('running');
      expect((await adapter.logs(placement, { signal: signal() })).length).toBeGreaterThan(0);
      expect(await adapter.extend(placement, 1, { signal: signal() })).toBeGreaterThan(60);
      await adapter.cancel(placement, { signal: signal() });
      await adapter.cancel(placement, { signal: signal() });
    } finally {
      await sim.close();
    }
  });

  it('finds every exchange in the document, with no unlisted mismatch and no stale exception', () => {
    const report = upstreamContract({ network: 'ionet' }, docs![DOCUMENT]).verify(recorder.exchanges, IONET_CONTRACT_EXCEPTIONS);
    if (report.unlisted.length || report.stale.length) process.stderr.write(`${formatContractReport(report)}\n`);
    assertContract(report);
    expect(report.operations).toEqual([
      'DELETE /enterprise/v1/io-cloud/caas/deployment/{deployment_id}',
      'GET /enterprise/v1/io-cloud/caas/available-replicas',
      'GET /enterprise/v1/io-cloud/caas/deployment/{deployment_id}',
      'GET /enterprise/v1/io-cloud/caas/deployment/{deployment_id}/containers',
      'GET /enterprise/v1/io-cloud/caas/deployment/{deployment_id}/log/{container_id}',
      'GET /enterprise/v1/io-cloud/caas/deployments',
      'GET /enterprise/v1/io-cloud/caas/hardware/max-gpus-per-container',
      'GET /enterprise/v1/io-cloud/caas/price',
      'GET /v1/io-cloud/clusters/hardware-supply',
      'GET /v1/io-explorer/network/market-snapshot',
      'POST /enterprise/v1/io-cloud/caas/deploy',
      'POST /enterprise/v1/io-cloud/caas/deployment/{deployment_id}/extend',
    ]);
  });

  it("answers a request io.net would refuse with FastAPI's documented 422 body", async () => {
    const sim = await startIonetSimulator({ seed: 5 });
    const refused = recordExchanges({ network: 'ionet' });
    try {
      const client = new UpstreamHttpClient({
        network: 'ionet',
        baseUrl: String(sim.config.baseUrl),
        headers: { 'X-API-KEY': String(sim.config.apiKey) },
        maxAttempts: 1,
      });
      const query = { location_ids: '[2]', hardware_id: 203, duration_hours: 0, gpus_per_container: 1, replica_count: 1 };
      const answer = await client.send({
        method: 'GET',
        path: '/enterprise/v1/io-cloud/caas/price',
        query,
        acceptStatus: [422],
        signal: AbortSignal.timeout(5_000),
      });
      expect(answer.status).toBe(422);
    } finally {
      refused.stop();
      await sim.close();
    }
    const found = upstreamContract({ network: 'ionet' }, docs![DOCUMENT]).check(refused.exchanges).mismatches;
    // Only the deliberate mistake in the request; the answer is the document's HTTPValidationError.
    expect(found.map((m) => `${m.part} ${m.pointer} ${m.keyword}`)).toEqual(['query /duration_hours minimum']);
  });
});
