import { createHash } from 'node:crypto';
import { FilecoinWorld, SimNode, buildFilecoinWorld } from './filecoin.sim-world';
import { LABEL_NODE } from './filecoin.node-labels';
import { startFilecoinSimulators } from './filecoin.simulator';
import { plugin } from './index';

const fingerprint = (world: FilecoinWorld) => createHash('sha256').update(JSON.stringify(world)).digest('hex').slice(0, 16);
const gpusByModel = (nodes: SimNode[]) => {
  const by: Record<string, number> = {};
  for (const n of nodes) for (const g of n.gpus) by[g.model.name] = (by[g.model.name] ?? 0) + g.count;
  return by;
};
const context = { logger: { debug() {}, info() {}, warn() {}, error() {} }, now: () => new Date(), simulated: true };

describe('the simulated Filecoin world, scaled', () => {
  it('at scale 1 is the seeded world exactly as it was before the scale existed', () => {
    // Fingerprints of buildFilecoinWorld(seed) taken before supplyScale was added.
    expect(fingerprint(buildFilecoinWorld(42, 1))).toBe('8726e38722ec9ff3');
    expect(fingerprint(buildFilecoinWorld(7))).toBe('4b42d61877c20522');
  });

  it('at scale k runs k× the GPUs of every model on compute nodes with ids and node labels of their own', () => {
    const one = buildFilecoinWorld(42);
    const three = buildFilecoinWorld(42, 3);
    const compute = (w: FilecoinWorld) => w.nodes.filter((n) => n.nodeType === 'Compute');

    expect(compute(three)).toHaveLength(3 * compute(one).length);
    expect(three.nodes.filter((n) => n.nodeType === 'Requester')).toHaveLength(1);
    expect(new Set(three.nodes.map((n) => n.nodeId)).size).toBe(three.nodes.length);
    const labels = three.nodes.map((n) => n.labels[LABEL_NODE]).filter(Boolean);
    expect(new Set(labels).size).toBe(labels.length);
    expect(gpusByModel(three.nodes)).toEqual(Object.fromEntries(Object.entries(gpusByModel(one.nodes)).map(([m, n]) => [m, 3 * n])));
    // The same SPs and chain; the seeded nodes first, unchanged.
    expect(three.miners).toEqual(one.miners);
    expect(three.dealIds).toEqual(one.dealIds);
    expect(three.nodes.slice(0, one.nodes.length)).toEqual(one.nodes);
  });

  it('is what the adapter lists from the simulators started with supplyScale: k× the offers, every one its own id', async () => {
    const listed = async (supplyScale?: number) => {
      const sims = await startFilecoinSimulators({ seed: 5, port: 0, supplyScale });
      try {
        const parsed = plugin.configSchema.safeParse(sims.config);
        if (!parsed.success) throw new Error('simulator config does not validate');
        const adapter = await plugin.create(parsed.data, context);
        return await adapter.listOffers({ signal: AbortSignal.timeout(10_000) });
      } finally {
        await sims.close();
      }
    };
    const one = await listed();
    const two = await listed(2);
    expect(one.offers.length).toBeGreaterThan(0);
    expect(two.offers).toHaveLength(2 * one.offers.length);
    expect(new Set(two.offers.map((o) => o.offerId)).size).toBe(two.offers.length);
    expect(two.quarantined).toHaveLength(2 * one.quarantined.length);
  });
});
