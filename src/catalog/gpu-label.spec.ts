import { normaliseInterface, normaliseVendor, parseGpuLabel, parseVramGb, sameVram } from './gpu-label';

describe('parseGpuLabel', () => {
  it.each<[string, ReturnType<typeof parseGpuLabel>]>([
    ['NVIDIA H100 80GB HBM3', { modelKey: 'h100', vramGb: 80, memoryType: 'hbm3', vendor: 'nvidia' }],
    ['NVIDIA A100-SXM4-40GB', { modelKey: 'a100', vramGb: 40, interface: 'sxm', vendor: 'nvidia' }],
    ['A100 80GB PCIe Gen4', { modelKey: 'a100', vramGb: 80, interface: 'pcie' }],
    ['NVIDIA GeForce RTX 3090', { modelKey: 'rtx3090', vendor: 'nvidia' }],
    ['Tesla T4', { modelKey: 't4', vendor: 'nvidia' }],
    ['AMD Instinct MI300X', { modelKey: 'mi300x', vendor: 'amd' }],
    ['A10G', { modelKey: 'a10g' }], // `10g` here is part of the name, not 10 GB
    ['h100 81559MiB', { modelKey: 'h100', vramGb: 81559 / 1024 }],
    ['RTX 4090 Laptop GPU', { modelKey: 'rtx4090laptop' }],
    ['H100 80GB 48GB', { modelKey: 'h100', vramGb: 80, vramConflict: true }],
  ])('%s', (label, expected) => {
    expect(parseGpuLabel(label)).toEqual(expected);
  });
});

describe('label helpers', () => {
  it('reads VRAM in the units the networks use', () => {
    expect(parseVramGb('80Gi')).toBe(80);
    expect(parseVramGb('24GB')).toBe(24);
    expect(parseVramGb('81559 MiB')).toBeCloseTo(79.65, 2);
    expect(parseVramGb('many')).toBeUndefined();
  });

  it('snaps VRAM within 7.5 % and no further', () => {
    expect(sameVram(81559 / 1024, 80)).toBe(true);
    expect(sameVram(85.5, 80)).toBe(true); // 80 GiB written as decimal GB
    expect(sameVram(94, 80)).toBe(false);
    expect(sameVram(12, 10)).toBe(false);
  });

  it('normalises interface and vendor hints', () => {
    expect(['SXM5', 'sxm', 'SXM4', 'sxm2'].map(normaliseInterface)).toEqual(['sxm', 'sxm', 'sxm', 'sxm']);
    expect(['PCIe', 'pcie', 'PCI-E'].map(normaliseInterface)).toEqual(['pcie', 'pcie', 'pcie']);
    expect(normaliseInterface('nvlink')).toBeUndefined();
    expect(['NVIDIA', 'AMD/ATI', 'Intel'].map(normaliseVendor)).toEqual(['nvidia', 'amd', 'intel']);
  });
});
