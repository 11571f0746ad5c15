import { catalogIndex } from './gpu-catalog.index';
import { GPU_CATALOG } from './gpu-catalog.data';
import { resolveGpuLabel } from './gpu-resolver';
import { resolveGpuRequirement } from './gpu-requirement';

// Every (vendor, name, memory_size, interface) in akash-network/provider-configs
// @2d04f4fe4d89669650c85d5804f7a7f5ee2ebe70:devices/pcie/gpus.json: the names Akash providers advertise
// (capabilities/gpu/vendor/<vendor>/model/<name>/ram/<size>/interface/<iface>) and SDLs ask for.
const AKASH_PROVIDER_CONFIGS: Array<[string, string, string, string]> = [
  ['amd', 'mi60', '32Gi', 'PCIe'],
  ['amd', 'mi100', '32Gi', 'PCIe'],
  ['nvidia', 'gtx960', '2Gi', 'PCIe'],
  ['nvidia', 'gtx960', '4Gi', 'PCIe'],
  ['nvidia', 'gtx1660ti', '6Gi', 'PCIe'],
  ['nvidia', 'gtx1660', '6Gi', 'PCIe'],
  ['nvidia', 'gtx1650s', '4Gi', 'PCIe'],
  ['nvidia', 'rtx3090ti', '24Gi', 'PCIe'],
  ['nvidia', 'rtx3090', '24Gi', 'PCIe'],
  ['nvidia', 'rtx3080', '10Gi', 'PCIe'],
  ['nvidia', 'rtxa6000', '48Gi', 'PCIe'],
  ['nvidia', 'a5000', '24Gi', 'PCIe'],
  ['nvidia', 'a40', '48Gi', 'PCIe'],
  ['nvidia', 'h100', '80Gi', 'SXM5'],
  ['nvidia', 'h100', '80Gi', 'PCIe'],
  ['nvidia', 'h200', '141Gi', 'SXM5'],
  ['nvidia', 'rtx3070', '8Gi', 'PCIe'],
  ['nvidia', 'rtx3060ti', '8Gi', 'PCIe'],
  ['nvidia', 'rtx3060', '12Gi', 'PCIe'],
  ['nvidia', 'rtx3060m', '6Gi', 'PCIe'],
  ['nvidia', 'rtxa2000', '6Gi', 'PCIe'],
  ['nvidia', 'rtx4090', '24Gi', 'PCIe'],
  ['nvidia', 'rtx4080s', '16Gi', 'PCIe'],
  ['nvidia', 'rtx4080', '16Gi', 'PCIe'],
  ['nvidia', 'rtx4070ti', '12Gi', 'PCIe'],
  ['nvidia', 'rtx4070s', '12Gi', 'PCIe'],
  ['nvidia', 'rtx4070', '12Gi', 'PCIe'],
  ['nvidia', 'rtx4060ti', '16Gi', 'PCIe'],
  ['nvidia', 'rtx4060', '8Gi', 'PCIe'],
  ['nvidia', 'gt1030', '2Gi', 'PCIe'],
  ['nvidia', 'mx150', '2Gi', 'PCIe'],
  ['nvidia', 'gtx970', '4Gi', 'PCIe'],
  ['nvidia', 'gtx980', '4Gi', 'PCIe'],
  ['nvidia', 'gtx980ti', '6Gi', 'PCIe'],
  ['nvidia', 'gtx1050', '2Gi', 'PCIe'],
  ['nvidia', 'gtx1050', '3Gi', 'PCIe'],
  ['nvidia', 'gtx1050ti', '4Gi', 'PCIe'],
  ['nvidia', 'gtx1060', '3Gi', 'PCIe'],
  ['nvidia', 'gtx1060', '6Gi', 'PCIe'],
  ['nvidia', 'gtx1060', '5Gi', 'PCIe'],
  ['nvidia', 'gtx1650ti', '4Gi', 'PCIe'],
  ['nvidia', 'gtx1070', '8Gi', 'PCIe'],
  ['nvidia', 'gtx1070ti', '8Gi', 'PCIe'],
  ['nvidia', 'gtx1080', '8Gi', 'PCIe'],
  ['nvidia', 'gtx1080ti', '11Gi', 'PCIe'],
  ['nvidia', 'rtx2060', '6Gi', 'PCIe'],
  ['nvidia', 'rtx2060s', '8Gi', 'PCIe'],
  ['nvidia', 'rtx2070', '8Gi', 'PCIe'],
  ['nvidia', 'rtx2070s', '8Gi', 'PCIe'],
  ['nvidia', 'rtx2080', '8Gi', 'PCIe'],
  ['nvidia', 'rtx2080s', '8Gi', 'PCIe'],
  ['nvidia', 'rtx2080ti', '11Gi', 'PCIe'],
  ['nvidia', 'rtx5070', '12Gi', 'PCIe'],
  ['nvidia', 'rtx5080', '16Gi', 'PCIe'],
  ['nvidia', 'rtx5090', '32Gi', 'PCIe'],
  ['nvidia', 'rtx5090m', '24Gi', 'PCIe'],
  ['nvidia', 'm4000', '8Gi', 'PCIe'],
  ['nvidia', 'p2000', '5Gi', 'PCIe'],
  ['nvidia', 'p2000', '4Gi', 'PCIe'],
  ['nvidia', 'p4000', '8Gi', 'PCIe'],
  ['nvidia', 'p5000', '16Gi', 'PCIe'],
  ['nvidia', 'p6000', '24Gi', 'PCIe'],
  ['nvidia', 'rtx4000', '8Gi', 'PCIe'],
  ['nvidia', 'rtx4000sada', '20Gi', 'PCIe'],
  ['nvidia', 'rtx4000ada', '20Gi', 'PCIe'],
  ['nvidia', 'rtx5000', '16Gi', 'PCIe'],
  ['nvidia', 'rtx6000', '24Gi', 'PCIe'],
  ['nvidia', 'rtx8000', '48Gi', 'PCIe'],
  ['nvidia', 'rtx2000eada', '16Gi', 'PCIe'],
  ['nvidia', 'pro6000we', '96Gi', 'PCIe'],
  ['nvidia', 'pro6000mq', '96Gi', 'PCIe'],
  ['nvidia', 'pro6000se', '96Gi', 'PCIe'],
  ['nvidia', 'p100', '16Gi', 'PCIe'],
  ['nvidia', 'p40', '24Gi', 'PCIe'],
  ['nvidia', 'p4', '8Gi', 'PCIe'],
  ['nvidia', 't4', '16Gi', 'PCIe'],
  ['nvidia', 'v100', '16Gi', 'SXM2'],
  ['nvidia', 'v100', '32Gi', 'SXM2'],
  ['nvidia', 'v100', '32Gi', 'SXM3'],
  ['nvidia', 'v100', '32Gi', 'PCIe'],
  ['nvidia', 'a100', '80Gi', 'SXM4'],
  ['nvidia', 'a100', '40Gi', 'SXM4'],
  ['nvidia', 'a100', '40Gi', 'PCIe'],
  ['nvidia', 'a100', '64Gi', 'SXM'],
  ['nvidia', 'a100', '80Gi', 'PCIe'],
  ['nvidia', 'a800', '80Gi', 'SXM4'],
  ['nvidia', 'h200nvl', '141Gi', 'PCIe'],
];

// GPU models asked for by the SDLs of akash-network/awesome-akash@0a6f1d55 (gpu.attributes.vendor.*.model).
const AWESOME_AKASH_SDL_MODELS = [
  'h100',
  'a100',
  'rtx4090',
  'rtx3090',
  'rtxa6000',
  'h200',
  'a40',
  'v100',
  't4',
  'rtx8000',
  'p40',
  'rtx5090',
  'rtx4080',
  'rtx3090ti',
  'p4',
  'k80',
  'gtx1650ti',
  'a100-80gb',
  'a10',
];

// io.net hardware_name values in its API documents (shared/upstream/ionet). "A3" (io-explorer sample) and
// CPU names are not GPUs the catalog could name.
const IONET_HARDWARE_NAMES = [
  'RTX A6000',
  'RTX 3060 Mobile',
  'NVIDIA GeForce RTX 4090',
  'RTX 4090',
  'RTX 3070 Mobile',
  'RTX 3070 Max-Q',
  'RTX 3060',
  'RTX 3060 Max-Q',
  'NVIDIA GeForce RTX 3090',
  'NVIDIA GeForce RTX 3080',
  'NVIDIA GeForce RTX 3060',
  'GeForce RTX 4090',
  'A100 PCIe 80 GB',
  'NVIDIA A100 PCIE-80GB',
  'H100',
];

describe('GPU catalog coverage of what the networks sell', () => {
  it.each(AKASH_PROVIDER_CONFIGS)('resolves Akash provider-configs %s %s %s %s to one GPU of that VRAM', (vendor, name, ram, iface) => {
    const r = resolveGpuLabel({ label: name, vramGb: Number(ram.replace('Gi', '')), interface: iface, vendor });
    expect({ name, ram, status: r.status }).toEqual({ name, ram, status: 'resolved' });
    if (r.status === 'resolved') expect(Math.abs(r.gpu.vramGb - Number(ram.replace('Gi', '')))).toBeLessThanOrEqual(r.gpu.vramGb * 0.2);
  });

  it('reads every model the public SDL collection asks for, alone, as a requirement', () => {
    const r = resolveGpuRequirement(AWESOME_AKASH_SDL_MODELS);
    expect(r.ok ? 'ok' : r.unknown).toBe('ok');
    expect(resolveGpuRequirement(['p40'])).toMatchObject({ ok: true, ids: ['nvidia-p40-24gb'] });
    expect(resolveGpuRequirement(['rtx8000'])).toMatchObject({ ok: true, ids: ['nvidia-quadro-rtx-8000-48gb'] });
    expect(resolveGpuRequirement(['mi300x'])).toMatchObject({ ok: true, ids: ['amd-mi300x-192gb'] });
  });

  it.each(IONET_HARDWARE_NAMES)('resolves the io.net hardware name %s', (label) => {
    expect(resolveGpuLabel({ label }).status).not.toBe('unknown');
  });

  it('says where each added model was seen', () => {
    const added = GPU_CATALOG.filter((g) => g.seenIn);
    expect(added.length).toBeGreaterThanOrEqual(60);
    for (const g of added) {
      expect(g.seenIn!.length).toBeGreaterThan(0);
      for (const s of g.seenIn!) expect(s).toMatch(/@[0-9a-f]{8,40}|shared\/upstream\/ionet/);
    }
    expect(catalogIndex.byId('nvidia-p40-24gb')!.seenIn).toEqual(expect.arrayContaining([expect.stringContaining('awesome-akash')]));
  });
});
