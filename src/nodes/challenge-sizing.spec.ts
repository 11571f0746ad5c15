import { catalogGpuFor, exactPeakTops, planGpuChallenge, planSimulatedChallenge } from './challenge-sizing';
import { loadNodesConfig } from './nodes.config';

const tuning = loadNodesConfig({}).challenge;
const gpu = (model: string, vramMb: number) => {
  const c = catalogGpuFor({ model, vramMb });
  if (!c.ok) throw new Error(c.reason);
  return c.gpu;
};

describe('challenge sizing', () => {
  it('sizes an H100 challenge to 40% of its VRAM and ten seconds of its int8 peak, due in about thirty', () => {
    const h100 = gpu('NVIDIA H100 80GB HBM3', 81_559);
    expect(exactPeakTops(h100)).toBe(1978);
    const plan = planGpuChallenge([h100], [81_559], tuning);
    expect(plan).toMatchObject({ profile: 'gpu', size: 64_512, rounds: 37, deadlineMs: 30_112 });
    expect(plan.workingSetMb / 81_559).toBeGreaterThan(0.38);
  });

  it('gives an RTX 3060 at its full peak more than six times the H100 deadline for the same work', () => {
    const h100 = planGpuChallenge([gpu('NVIDIA H100 80GB HBM3', 81_559)], [81_559], tuning);
    const rtx3060 = gpu('NVIDIA GeForce RTX 3060', 12_288);
    const seconds = (2 * h100.size ** 3 * h100.rounds) / (exactPeakTops(rtx3060) * 1e12);
    expect(seconds / (h100.deadlineMs / 1000)).toBeGreaterThan(6);
  });

  it('challenges a mixed node at its weakest GPU', () => {
    const plan = planGpuChallenge([gpu('NVIDIA H100 80GB HBM3', 81_559), gpu('NVIDIA GeForce RTX 4090', 24_564)], [81_559, 24_564], tuning);
    expect(plan.size).toBe(35_840);
    expect(plan.basis).toMatch(/RTX 4090/);
  });

  it('refuses unknown models and VRAM off the datasheet, naming the reason', () => {
    expect(catalogGpuFor({ model: 'NVIDIA Quantum Hyper 9000', vramMb: 4_000_000 })).toMatchObject({ ok: false });
    expect(catalogGpuFor({ model: 'NVIDIA H100 80GB HBM3', vramMb: 1 })).toMatchObject({ ok: false });
    expect(catalogGpuFor({ model: 'NVIDIA GeForce RTX 4090', vramMb: 81_920 })).toMatchObject({ ok: false });
  });

  it('keeps simulated demo challenges CPU-sized', () => {
    expect(planSimulatedChallenge(tuning)).toMatchObject({ profile: 'simulated-demo', size: 32, rounds: 1 });
  });
});
