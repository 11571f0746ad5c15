import { placementOutlook, recordKey, type PlacementTally } from './placement-outlook';

const tally = (placements: number, reachedRunning: number, medianStartMs: number | null): PlacementTally => ({ placements, reachedRunning, medianStartMs });
const offer = { network: 'akash', providerId: 'akash1prov', gpuModel: 'nvidia-h100-sxm-80gb' };

describe('placementOutlook', () => {
  it('knows nothing without a record, and says so', () => {
    expect(placementOutlook({ tallies: new Map(), queued: new Map() }, offer)).toEqual({
      expectedStartMs: null,
      startSamples: 0,
      queuedAhead: 0,
      successRate: null,
      successSamples: 0,
      basis: 'none',
    });
  });

  it('takes the narrowest level with enough samples: provider and GPU, else the network and GPU, else the network', () => {
    const tallies = new Map([
      [recordKey('akash'), tally(100, 90, 90_000)],
      [recordKey('akash', undefined, offer.gpuModel), tally(40, 30, 120_000)],
      [recordKey('akash', offer.providerId, offer.gpuModel), tally(2, 2, 10_000)],
    ]);
    // Two placements at the provider are too few: the network's record for the GPU speaks.
    expect(placementOutlook({ tallies, queued: new Map() }, offer)).toMatchObject({ expectedStartMs: 120_000, startSamples: 30, successRate: 0.75, successSamples: 40, basis: 'network and GPU' });
    tallies.set(recordKey('akash', offer.providerId, offer.gpuModel), tally(10, 8, 20_000));
    expect(placementOutlook({ tallies, queued: new Map() }, offer)).toMatchObject({ expectedStartMs: 20_000, startSamples: 8, successRate: 0.8, successSamples: 10, basis: 'provider and GPU' });
  });

  it('adds our own orders waiting for the same network and GPU ahead of the job', () => {
    const tallies = new Map([[recordKey('akash'), tally(10, 10, 60_000)]]);
    const o = placementOutlook({ tallies, queued: new Map([['akash/nvidia-h100-sxm-80gb', 4]]) }, offer);
    expect(o).toMatchObject({ expectedStartMs: 300_000, queuedAhead: 4, basis: 'network' });
  });
});
