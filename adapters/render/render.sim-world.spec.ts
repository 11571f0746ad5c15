import { createHash } from 'node:crypto';
import { SeededRandom } from '../sdk';
import { SimOffer, buildSimOffers } from './render.sim-world';
import { adapterFor, signal, startRenderSimulator } from './render.spec-helpers';

const fingerprint = (offers: SimOffer[]) => createHash('sha256').update(JSON.stringify(offers)).digest('hex').slice(0, 16);
const gpusByModel = (offers: SimOffer[]) => {
  const by: Record<string, number> = {};
  for (const o of offers) by[o.hardware_summary.gpu_model_label] = (by[o.hardware_summary.gpu_model_label] ?? 0) + o.hardware_summary.gpu_count;
  return by;
};

describe('the simulated Render supply, scaled', () => {
  it('at scale 1 is the seeded world exactly as it was before the scale existed', () => {
    // Fingerprints of buildSimOffers(new SeededRandom(seed)) taken before supplyScale was added.
    expect(fingerprint(buildSimOffers(new SeededRandom(42), 1))).toBe('d382dd32bf6fb7f7');
    expect(fingerprint(buildSimOffers(new SeededRandom(7)))).toBe('05d20b8b48d99254');
  });

  it('at scale k lists k× the GPUs of every model, on machines with ids of their own and the same prices', () => {
    const one = buildSimOffers(new SeededRandom(42));
    const four = buildSimOffers(new SeededRandom(42), 4);

    expect(four).toHaveLength(4 * one.length);
    expect(new Set(four.map((o) => o.offer_id)).size).toBe(four.length);
    expect(gpusByModel(four)).toEqual(Object.fromEntries(Object.entries(gpusByModel(one)).map(([m, n]) => [m, 4 * n])));
    // The seeded machines first, unchanged; every copy has the same price mix, the unquoted machine included.
    expect(four.slice(0, one.length)).toEqual(one);
    const prices = (offers: SimOffer[]) => offers.map((o) => o.hourlyRateUsd).sort();
    for (let c = 1; c < 4; c++) expect(prices(four.slice(c * one.length, (c + 1) * one.length))).toEqual(prices(one));
  });

  it('leaves the rest of the seeded sequence alone, so the account and the jobs draw what they did', () => {
    const a = new SeededRandom(42);
    const b = new SeededRandom(42);
    buildSimOffers(a);
    buildSimOffers(b, 3);
    expect(b.hex(16)).toBe(a.hex(16));
  });

  it('is what the simulator lists when started with supplyScale, every offer its own id', async () => {
    const sim = await startRenderSimulator({ seed: 42, supplyScale: 3 });
    try {
      const listing = await adapterFor(sim).listOffers({ signal: signal() });
      const seeded = buildSimOffers(new SeededRandom(42)).filter((o) => o.hourlyRateUsd !== null).length;
      expect(listing.offers).toHaveLength(3 * seeded);
      expect(new Set(listing.offers.map((o) => o.offerId)).size).toBe(3 * seeded);
      expect(listing.quarantined).toHaveLength(3);
    } finally {
      await sim.close();
    }
  });

  it('refuses a scale that is not a whole number of at least 1', async () => {
    await expect(startRenderSimulator({ seed: 42, supplyScale: 0 })).rejects.toThrow('supplyScale=0: must be a whole number ≥ 1');
    await expect(startRenderSimulator({ seed: 42, supplyScale: 1.5 })).rejects.toThrow('supplyScale=1.5');
  });
});
