import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import axios from 'axios';
import { startTestApp, TestApp } from './support/test-app';
import { waitUntil } from './support/wait-for';

// A plugin as a third party would ship it: plain JavaScript in its own folder, outside this source tree,
// importing nothing from Switchyard (the marker is a global Symbol.for, the config schema any safeParse).
const PLUGIN_SOURCE = `
const MARKER = Symbol.for('switchyard.adapter-plugin');
const configSchema = {
  safeParse(input) {
    const region = input.region ?? 'moon-1';
    if (typeof region !== 'string') return { success: false, error: { issues: [{ path: ['region'], message: 'must be text' }] } };
    return { success: true, data: { region } };
  },
};
function create(config, context) {
  return {
    network: 'lunar',
    capabilities: { submit: false, logs: false, ipfsInputs: false, multiService: false, ports: false },
    async listOffers() {
      const observedAt = context.now().toISOString();
      return {
        offers: [
          { network: 'lunar', offerId: 'crater-1', provider: { id: 'crater', region: config.region }, gpu: { label: 'NVIDIA RTX 4090', vramGb: 24, count: 4 },
            price: { amount: '0.42', asset: 'USD', unit: 'hour', per: 'gpu', kind: 'firm', source: 'lunar price list' }, observedAt, raw: { id: 1 } },
          { network: 'lunar', offerId: 'crater-2', provider: { id: 'crater', region: config.region }, gpu: { label: 'Quantum GPU 9000', count: 1 },
            price: { amount: '1', asset: 'USD', unit: 'hour', per: 'gpu', kind: 'firm', source: 'lunar price list' }, observedAt, raw: { id: 2 } },
        ],
        quarantined: [],
      };
    },
    async probe() { return { ok: true, latencyMs: 1 }; },
    async submit() { throw new Error('listing only'); },
    async status() { throw new Error('listing only'); },
    async cancel() {},
  };
}
module.exports.plugin = { [MARKER]: true, id: 'lunar', displayName: 'Lunar GPUs', version: '0.1.0', sdkVersions: [1], configSchema, endpointKeys: ['region'], create };
`;

describe('a third-party plugin loaded by path', () => {
  let dir: string;
  let app: TestApp;
  const http = axios.create({ validateStatus: () => true });

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-plugin-'));
    fs.writeFileSync(path.join(dir, 'lunar.js'), PLUGIN_SOURCE);
    fs.writeFileSync(path.join(dir, 'broken.js'), 'module.exports = { plugin: { id: "broken" } };');
    app = await startTestApp({ NETWORKS: path.join(dir, 'lunar.js'), LUNAR_REGION: 'moon-south', SYNC_ENABLED: 'true', SYNC_INTERVAL_MS: '500' });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists offers that reach the pool, and shows up in GET /v1/networks', async () => {
    type Offers = { total: number; items: Array<{ offerId: string; provider: { region: string }; gpu: { model: string } }> };
    const offers = await waitUntil(
      async () => {
        const page = (await http.get(`${app.url}/v1/offers?network=lunar`)).data as Offers;
        return page.total > 0 ? page : undefined;
      },
      { timeoutMs: 10_000, describe: () => 'no lunar offers reached the pool' },
    );
    expect(offers.items.map((o) => o.offerId)).toEqual(['crater-1']);
    expect(offers.items[0].provider.region).toBe('moon-south');
    expect(offers.items[0].gpu.model).toBe('nvidia-rtx-4090-24gb');
    const networks = (await http.get(`${app.url}/v1/networks`)).data.items;
    const lunar = networks.find((n: { id: string }) => n.id === 'lunar');
    expect(lunar).toMatchObject({ displayName: 'Lunar GPUs', simulated: false, plugin: { version: '0.1.0' } });
    expect(lunar.lastSync).toMatchObject({ ok: true, offers: 1, quarantined: 1 });
    const detail = (await http.get(`${app.url}/v1/networks/lunar`)).data;
    expect(detail.recentQuarantine[0].reason).toMatch(/unknown GPU "Quantum GPU 9000"/);
  });

  it('stops the boot with the plugin named and the reason when a plugin is broken', async () => {
    await expect(startTestApp({ NETWORKS: path.join(dir, 'broken.js') })).rejects.toThrow(
      /Cannot load network plugin ".*broken\.js": the module exports no adapter plugin/,
    );
    await expect(startTestApp({ NETWORKS: `${path.join(dir, 'lunar.js')},${path.join(dir, 'lunar.js')}` })).rejects.toThrow(
      /network id "lunar" is already provided/,
    );
    await expect(startTestApp({ NETWORKS: 'no-such-network' })).rejects.toThrow(/"no-such-network": no such package is installed/);
  });
});
