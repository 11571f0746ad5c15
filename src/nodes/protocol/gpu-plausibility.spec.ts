import { checkClaim, checkMeasurement } from './gpu-plausibility';
import { proofDigest } from './challenge';

const rtx4090 = { model: 'NVIDIA GeForce RTX 4090', vramMb: 24_564 };

describe('GPU plausibility', () => {
  it('accepts a 4090 with 24 GB and refuses one that claims 80 GB or 8 GB', () => {
    expect(checkClaim(rtx4090).ok).toBe(true);
    expect(checkClaim({ model: 'NVIDIA GeForce RTX 4090', vramMb: 8_192 })).toMatchObject({ ok: false });
    expect(checkClaim({ model: 'NVIDIA GeForce RTX 4090', vramMb: 81_920 })).toMatchObject({ ok: false });
    expect(checkClaim({ model: 'NVIDIA H100 80GB HBM3', vramMb: 81_559 }).ok).toBe(true);
  });

  it('refuses GPU measurements faster than the datasheet or of another device', () => {
    const m = { kind: 'gpu' as const, device: 'NVIDIA GeForce RTX 4090', memoryMb: 20_000, memoryGbps: 900, durationMs: 50 };
    expect(checkMeasurement([rtx4090], m, false).ok).toBe(true);
    expect(checkMeasurement([rtx4090], { ...m, memoryGbps: 3_000 }, false)).toMatchObject({ ok: false, reason: expect.stringMatching(/faster than/) });
    expect(checkMeasurement([rtx4090], { ...m, device: 'NVIDIA H100 80GB HBM3' }, false)).toMatchObject({ ok: false });
    expect(checkMeasurement([rtx4090], { ...m, memoryMb: 1_000 }, false)).toMatchObject({ ok: false });
  });

  it('accepts a CPU probe only when the coordinator allows it, and says it is one', () => {
    const cpu = { kind: 'cpu' as const, device: 'host cpu', memoryMb: 64, memoryGbps: 12, durationMs: 20 };
    expect(checkMeasurement([rtx4090], cpu, false)).toMatchObject({ ok: false, reason: expect.stringMatching(/NODES_ACCEPT_CPU_PROBES/) });
    expect(checkMeasurement([rtx4090], cpu, true)).toMatchObject({ ok: true, note: expect.stringMatching(/CPU probe only/) });
  });

  it('makes a proof digest that depends on nonce, node and rounds', () => {
    const a = proofDigest('00'.repeat(32), 'node-a', 10);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(proofDigest('00'.repeat(32), 'node-b', 10)).not.toBe(a);
    expect(proofDigest('01'.repeat(32), 'node-a', 10)).not.toBe(a);
    expect(proofDigest('00'.repeat(32), 'node-a', 11)).not.toBe(a);
  });
});
