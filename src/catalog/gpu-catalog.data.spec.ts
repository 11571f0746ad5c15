import { GPU_CATALOG } from './gpu-catalog.data';
import { catalogIndex } from './gpu-catalog.index';
import { resolveGpuLabel } from './gpu-resolver';

describe('GPU catalog data', () => {
  it('has unique kebab-case ids that spell vendor, model and VRAM', () => {
    const ids = GPU_CATALOG.map((g) => g.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const gpu of GPU_CATALOG) {
      expect(gpu.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(gpu.id.startsWith(`${gpu.vendor}-`)).toBe(true);
      expect(gpu.id.endsWith(`-${gpu.vramGb}gb`)).toBe(true);
      expect(gpu.family).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });

  it('covers the GPUs the networks rent out', () => {
    const required = [
      'nvidia-h200-sxm-141gb',
      'nvidia-h100-sxm-80gb',
      'nvidia-h100-pcie-80gb',
      'nvidia-h100-nvl-94gb',
      'nvidia-a100-sxm-80gb',
      'nvidia-a100-pcie-80gb',
      'nvidia-a100-sxm-40gb',
      'nvidia-a100-pcie-40gb',
      'nvidia-l40s-48gb',
      'nvidia-l40-48gb',
      'nvidia-rtx-a6000-48gb',
      'nvidia-a40-48gb',
      'nvidia-a10-24gb',
      'nvidia-l4-24gb',
      'nvidia-rtx-5090-32gb',
      'nvidia-rtx-4090-24gb',
      'nvidia-rtx-4080-16gb',
      'nvidia-rtx-3090-24gb',
      'nvidia-rtx-3080-10gb',
      'nvidia-v100-sxm-16gb',
      'nvidia-v100-sxm-32gb',
      'nvidia-t4-16gb',
      'amd-mi300x-192gb',
    ];
    for (const id of required) expect(catalogIndex.byId(id)?.id).toBe(id);
  });

  it('keeps every performance figure plausible and never invents BF16 for Volta or Turing', () => {
    for (const gpu of GPU_CATALOG) {
      for (const tflops of [gpu.fp16Tflops, gpu.bf16Tflops]) {
        if (tflops !== undefined) expect(tflops).toBeGreaterThan(10);
        if (tflops !== undefined) expect(tflops).toBeLessThan(5000);
      }
      if (gpu.architecture === 'volta' || gpu.architecture === 'turing') expect(gpu.bf16Tflops).toBeUndefined();
      if (gpu.octaneBench !== undefined) expect(gpu.octaneBench).toBeGreaterThan(100);
    }
    // Relative order a Render user would expect.
    const ob = (id: string) => catalogIndex.byId(id)!.octaneBench!;
    expect(ob('nvidia-rtx-4090-24gb')).toBeGreaterThan(ob('nvidia-rtx-3090-24gb'));
    expect(ob('nvidia-rtx-3090-24gb')).toBeGreaterThan(ob('nvidia-rtx-3080-10gb'));
  });

  it('maps every model key to a single family, so an ambiguous answer never crosses families', () => {
    for (const [key, gpus] of catalogIndex.modelKeys()) {
      expect({ key, families: [...new Set(gpus.map((g) => g.family))] }).toEqual({ key, families: [gpus[0].family] });
    }
  });

  it('resolves every id, display name and alias back to its own GPU', () => {
    for (const gpu of GPU_CATALOG) {
      for (const name of [gpu.id, gpu.name, ...gpu.aliases]) {
        const r = resolveGpuLabel({ label: name });
        expect({ name, status: r.status, id: r.status === 'resolved' ? r.gpu.id : undefined }).toEqual({ name, status: 'resolved', id: gpu.id });
      }
    }
  });

  it('is frozen, so a caller cannot corrupt the shared catalog', () => {
    const gpu = GPU_CATALOG[0] as { vramGb: number };
    expect(() => {
      gpu.vramGb = 1;
    }).toThrow(TypeError);
    expect(Object.isFrozen(GPU_CATALOG)).toBe(true);
  });
});
