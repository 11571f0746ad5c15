import { attoFilPerEpochToFilPerHour, filPerHourToAttoFilPerEpoch } from './filecoin.units';
import { vramGbFromMiB } from './filecoin.gpu-memory';
import type { MinerVerification } from './filecoin.miner-verifier';
import { nodeToOffers, selectGpuComputeNodes } from './filecoin.offers';
import { resolvePrice } from './filecoin.price-resolver';

const H100 = { Index: 0, Name: 'NVIDIA H100 80GB HBM3', Vendor: 'NVIDIA', Memory: 81559 };
const L40S = { Index: 4, Name: 'NVIDIA L40S', Vendor: 'NVIDIA', Memory: 46068 };

function node(
  overrides: { labels?: Record<string, string>; gpus?: unknown[]; available?: number; membership?: string; status?: string; type?: string; id?: string } = {},
) {
  const gpus = overrides.gpus ?? [H100, { ...H100, Index: 1 }, { ...H100, Index: 2 }, { ...H100, Index: 3 }];
  return {
    Info: {
      NodeID: overrides.id ?? 'n-1',
      NodeType: overrides.type ?? 'Compute',
      Labels: overrides.labels ?? { 'filecoin.miner': 'f01234', 'filecoin.price-fil-per-gpu-hour': '0.6' },
      ComputeNodeInfo: {
        MaxCapacity: { CPU: 64, Memory: 540e9, Disk: 2e12, GPU: gpus.length, GPUs: gpus },
        AvailableCapacity: { CPU: 48, Memory: 400e9, Disk: 1.8e12, GPU: overrides.available ?? 3 },
      },
    },
    Membership: overrides.membership ?? 'APPROVED',
    ConnectionState: { Status: overrides.status ?? 'CONNECTED' },
  };
}

const verified = (minerId: string): MinerVerification => ({ minerId, verified: true, peerId: '12D3KooWtest', checkedAt: '2026-01-01T00:00:00Z' });

function map(raw: unknown, options: { fallback?: Record<string, string>; verifications?: MinerVerification[] } = {}) {
  const selected = selectGpuComputeNodes([raw]);
  const verifications = new Map((options.verifications ?? [verified('f01234')]).map((v) => [v.minerId, v]));
  const out = { offers: [] as ReturnType<typeof nodeToOffers>['offers'], quarantined: [...selected.quarantined] };
  for (const { node: n, raw: r } of selected.nodes) {
    const mapped = nodeToOffers(n, r, { verifications, fallbackPrices: options.fallback ?? {}, observedAt: '2026-01-01T00:00:00.000Z' });
    out.offers.push(...mapped.offers);
    out.quarantined.push(...mapped.quarantined);
  }
  return out;
}

describe('units and GPU memory', () => {
  it('converts FIL per GPU-hour to whole attoFIL per epoch at 120 epochs an hour, and back', () => {
    expect(filPerHourToAttoFilPerEpoch('0.6')).toBe('5000000000000000');
    expect(filPerHourToAttoFilPerEpoch('0.5')).toBe('4166666666666667'); // rounded half-up to a whole attoFIL
    expect(filPerHourToAttoFilPerEpoch('1200')).toBe('10000000000000000000');
    expect(attoFilPerEpochToFilPerHour('5000000000000000')).toBe('0.6');
  });

  it('reports marketed VRAM from the MiB nvidia-smi gives', () => {
    expect(vramGbFromMiB(81559)).toBe(80); // H100 80GB HBM3
    expect(vramGbFromMiB(46068)).toBe(48); // L40S
    expect(vramGbFromMiB(24564)).toBe(24); // RTX 4090
    expect(vramGbFromMiB(40960)).toBe(40); // A100 40GB
    expect(vramGbFromMiB(143771)).toBe(141); // H200
    expect(vramGbFromMiB(30000)).toBe(29); // no marketed size nearby: plain rounding
  });
});

describe('offer mapping', () => {
  it('maps a node to one offer per GPU model with the Bacalhau label verbatim, free GPUs and decimal GB', () => {
    const { offers, quarantined } = map(node());
    expect(quarantined).toEqual([]);
    expect(offers).toHaveLength(1);
    const [offer] = offers;
    expect(offer.offerId).toBe('n-1');
    expect(offer.provider.id).toBe('f01234');
    expect(offer.provider.attributes).toMatchObject({ nodeId: 'n-1', minerId: 'f01234', peerId: '12D3KooWtest' });
    expect(offer.gpu).toEqual({ label: 'NVIDIA H100 80GB HBM3', vendor: 'NVIDIA', vramGb: 80, count: 3 });
    expect(offer.memoryGb).toBe(400);
    expect(offer.signals).toEqual({ online: true, verified: true, verificationNote: undefined });
  });

  it('prices from the FIL-per-GPU-hour label as a firm attoFIL-per-epoch price per GPU', () => {
    const [offer] = map(node()).offers;
    expect(offer.price).toMatchObject({ amount: '5000000000000000', asset: 'attoFIL', unit: 'epoch', per: 'gpu', kind: 'firm' });
    expect(offer.price.source).toContain('filecoin.price-fil-per-gpu-hour');
  });

  it('takes the attoFIL-per-epoch label verbatim, and prefers it when both labels are present', () => {
    const labels = { 'filecoin.miner': 'f01234', 'filecoin.price-attofil-per-epoch': '4000000000000000', 'filecoin.price-fil-per-gpu-hour': '9' };
    const [offer] = map(node({ labels })).offers;
    expect(offer.price.amount).toBe('4000000000000000');
    expect(offer.price.kind).toBe('firm');
    expect(offer.price.source).toContain('filecoin.price-attofil-per-epoch');
  });

  it('falls back to the operator price for the longest matching label substring, as an estimate', () => {
    const labels = { 'filecoin.miner': 'f01234' };
    const [offer] = map(node({ labels }), { fallback: { NVIDIA: '9', H100: '0.6', 'H100 80GB': '0.72' } }).offers;
    expect(offer.price.amount).toBe(filPerHourToAttoFilPerEpoch('0.72'));
    expect(offer.price.kind).toBe('estimate');
    expect(offer.price.source).toContain('operator fallback price for "H100 80GB"');
  });

  it('quarantines a node with no price label and no fallback, saying why', () => {
    const raw = node({ labels: { 'filecoin.miner': 'f01234' } });
    const { offers, quarantined } = map(raw, { fallback: { A100: '0.4' } });
    expect(offers).toEqual([]);
    expect(quarantined).toHaveLength(1);
    expect(quarantined[0].reason).toMatch(/no price/);
    expect(quarantined[0].raw).toBe(raw);
  });

  it('quarantines a node whose price label is not a number instead of guessing', () => {
    const { offers, quarantined } = map(node({ labels: { 'filecoin.miner': 'f01234', 'filecoin.price-attofil-per-epoch': '1.5e15' } }), {
      fallback: { H100: '0.6' },
    });
    expect(offers).toEqual([]);
    expect(quarantined[0].reason).toMatch(/not a positive whole attoFIL amount/);
  });

  it('splits a node that mixes GPU models into one offer per model, each with its own price', () => {
    const raw = node({ gpus: [H100, { ...H100, Index: 1 }, L40S, { ...L40S, Index: 5 }], available: 3, labels: { 'filecoin.miner': 'f01234' } });
    const { offers } = map(raw, { fallback: { H100: '0.6', L40S: '0.24' } });
    expect(offers.map((o) => [o.offerId, o.gpu.label, o.gpu.vramGb, o.gpu.count, o.price.amount])).toEqual([
      ['n-1#nvidia-h100-80gb-hbm3', 'NVIDIA H100 80GB HBM3', 80, 2, '5000000000000000'],
      ['n-1#nvidia-l40s', 'NVIDIA L40S', 48, 2, '2000000000000000'],
    ]);
  });

  it('lists only approved, connected compute nodes that have GPUs free', () => {
    expect(map(node({ membership: 'PENDING' })).offers).toEqual([]);
    expect(map(node({ status: 'DISCONNECTED' })).offers).toEqual([]);
    expect(map(node({ type: 'Requester' })).offers).toEqual([]);
    expect(map(node({ gpus: [] })).offers).toEqual([]);
    expect(map(node({ available: 0 })).offers).toEqual([]);
  });

  it('quarantines a record that is not a NodeState', () => {
    const { quarantined } = map({ Info: { NodeType: 'Compute' } });
    expect(quarantined[0].reason).toMatch(/not a Bacalhau NodeState/);
  });

  it('keeps an unverified miner listed with the verification note', () => {
    const note = 'miner f01234 is not on chain (actor not found)';
    const [offer] = map(node(), { verifications: [{ minerId: 'f01234', verified: false, note, checkedAt: 'x' }] }).offers;
    expect(offer.signals).toMatchObject({ verified: false, verificationNote: note });
  });

  it('marks a pinnable node without a miner label, or with a malformed one, unverified', () => {
    const [bare] = map(node({ labels: { 'filecoin.node': 'sp-1', 'filecoin.price-fil-per-gpu-hour': '0.6' } })).offers;
    expect(bare.provider.id).toBe('node:n-1');
    expect(bare.signals?.verified).toBe(false);
    expect(bare.signals?.verificationNote).toMatch(/no filecoin.miner label/);
    const [robust] = map(node({ labels: { 'filecoin.node': 'sp-1', 'filecoin.miner': 'f3abc', 'filecoin.price-fil-per-gpu-hour': '0.6' } })).offers;
    expect(robust.signals?.verificationNote).toMatch(/not a miner ID address/);
  });

  it('quarantines a node no job could be pinned to (neither a miner id nor a node label)', () => {
    const listing = map(node({ labels: { 'filecoin.miner': 'f3abc', 'filecoin.price-fil-per-gpu-hour': '0.6' } }));
    expect(listing.offers).toEqual([]);
    expect(listing.quarantined[0].reason).toMatch(/no job can be pinned/);
  });

  it('resolvePrice rejects a zero price', () => {
    expect(resolvePrice({ 'filecoin.price-fil-per-gpu-hour': '0' }, 'x', {}).ok).toBe(false);
  });
});
