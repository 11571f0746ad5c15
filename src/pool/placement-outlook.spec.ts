import { placementBook, placementOutlook, type TallyRow } from './placement-outlook';

const gpuModel = 'nvidia-h100-sxm-80gb';
const offer = { network: 'akash', providerId: 'akash1prov', gpuModel };
const row = (r: Partial<TallyRow> & { placements: number; reachedRunning: number; medianStartMs: number | null }): TallyRow => ({ network: 'akash', ...r });

describe('placementOutlook', () => {
  it('knows nothing without a record, and says so', () => {
    expect(placementOutlook(placementBook([], []), offer)).toEqual({
      expectedStartMs: null,
      startSamples: 0,
      queuedAhead: 0,
      successRate: null,
      successSamples: 0,
      basis: 'none',
    });
  });

  it('takes the narrowest level with enough samples: provider and GPU, else the network and GPU, else the network', () => {
    const rows = [
      row({ placements: 100, reachedRunning: 90, medianStartMs: 90_000 }),
      row({ gpuModel, placements: 40, reachedRunning: 30, medianStartMs: 120_000 }),
      row({ gpuModel, providerId: offer.providerId, placements: 2, reachedRunning: 2, medianStartMs: 10_000 }),
    ];
    // Two placements at the provider are too few: the network's record for the GPU speaks.
    expect(placementOutlook(placementBook(rows, []), offer)).toMatchObject({
      expectedStartMs: 120_000,
      startSamples: 30,
      successRate: 0.75,
      successSamples: 40,
      basis: 'network and GPU',
    });
    rows[2] = row({ gpuModel, providerId: offer.providerId, placements: 10, reachedRunning: 8, medianStartMs: 20_000 });
    expect(placementOutlook(placementBook(rows, []), offer)).toMatchObject({
      expectedStartMs: 20_000,
      startSamples: 8,
      successRate: 0.8,
      successSamples: 10,
      basis: 'provider and GPU',
    });
    // Another GPU of the network falls back to the network as a whole.
    expect(placementOutlook(placementBook(rows, []), { ...offer, gpuModel: 'nvidia-a100-80gb' })).toMatchObject({
      expectedStartMs: 90_000,
      successRate: 0.9,
      basis: 'network',
    });
  });

  it('adds our own orders waiting for the same network and GPU ahead of the job', () => {
    const book = placementBook([row({ placements: 10, reachedRunning: 10, medianStartMs: 60_000 })], [{ network: 'akash', gpuModel, n: 4 }]);
    expect(placementOutlook(book, offer)).toMatchObject({ expectedStartMs: 300_000, queuedAhead: 4, basis: 'network' });
  });
});
