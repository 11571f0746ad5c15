import { type GpuLabelInput, type GpuResolution, gpuForOffer, resolveGpuLabel, resolveGpuLabelUncached } from './gpu-resolver';

// What a reader of the pool would see for an offer: the id, the assumed id when ambiguous, or unknown.
function summary(r: GpuResolution): string {
  if (r.status === 'resolved') return r.gpu.id;
  if (r.status === 'ambiguous') return `ambiguous:${r.candidates.map((g) => g.id).join(',')}`;
  return 'unknown';
}

const H100_SXM = 'nvidia-h100-sxm-80gb';
const H100_PCIE = 'nvidia-h100-pcie-80gb';
const H100_NVL = 'nvidia-h100-nvl-94gb';
const ALL_H100 = `ambiguous:${H100_SXM},${H100_PCIE},${H100_NVL}`;

describe('resolveGpuLabel', () => {
  describe('every GPU label in the reference samples', () => {
    const cases: Array<[string, GpuLabelInput, string]> = [
      // Akash Console /v1/gpu, /v1/gpu-prices, /v1/providers gpuModels: model + ram + interface
      ['akash gpu h100 80Gi SXM5', { label: 'h100', vramGb: 80, interface: 'SXM5', vendor: 'nvidia' }, H100_SXM],
      ['akash gpu rtx4090 24Gi PCIe', { label: 'rtx4090', vramGb: 24, interface: 'PCIe', vendor: 'nvidia' }, 'nvidia-rtx-4090-24gb'],
      ['akash gpu-models h100 80Gi PCIe', { label: 'h100', vramGb: 80, interface: 'PCIe' }, H100_PCIE],
      ['akash SDL h100 80Gi sxm', { label: 'h100', vramGb: 80, interface: 'sxm' }, H100_SXM],
      ['akash bid attribute key', { label: 'vendor/nvidia/model/h100/ram/80Gi/interface/sxm' }, H100_SXM],
      ['akash ram as a label token', { label: 'h100 80Gi', interface: 'sxm' }, H100_SXM],
      ['akash h100 80Gi without interface', { label: 'h100', vramGb: 80 }, `ambiguous:${H100_SXM},${H100_PCIE}`],
      ['akash gpu-models displayName', { label: 'H100' }, ALL_H100],
      ['akash capability attribute', { label: 'capabilities/gpu/vendor/nvidia/model/h100' }, ALL_H100],
      // Bacalhau node GPUs[] (Memory in MiB), node label GPU-0, job constraint value
      ['bacalhau GPUs[].Name + MiB', { label: 'NVIDIA H100 80GB HBM3', vramMib: 81559, vendor: 'NVIDIA' }, H100_SXM],
      ['bacalhau label GPU-0', { label: 'NVIDIA-H100' }, ALL_H100],
      ['bacalhau constraint', { label: 'h100' }, ALL_H100],
      // Render Compute offers and job spec
      ['render gpu_models[].name', { label: 'NVIDIA RTX 4090', vramGb: 24 }, 'nvidia-rtx-4090-24gb'],
      ['render gpu_model_label', { label: 'RTX 4090' }, 'nvidia-rtx-4090-24gb'],
      ['render RNP-021 H200', { label: 'H200' }, 'ambiguous:nvidia-h200-sxm-141gb,nvidia-h200-nvl-141gb'],
      // io.net hardware names and multiplier table
      ['io.net hardware_name', { label: 'H100 80GB HBM3' }, H100_SXM],
      ['io.net RTX A6000', { label: 'RTX A6000' }, 'nvidia-rtx-a6000-48gb'],
      ['io.net RTX 3080', { label: 'RTX 3080' }, 'nvidia-rtx-3080-10gb'],
      ['io.net RTX 3090', { label: 'RTX 3090' }, 'nvidia-rtx-3090-24gb'],
      ['io.net RTX 3060', { label: 'RTX 3060' }, 'nvidia-rtx-3060-12gb'],
      ['io.net RTX 5090', { label: 'RTX 5090' }, 'nvidia-rtx-5090-32gb'],
      ['io.net A100‑80GB (non-breaking hyphen)', { label: 'A100\u201180GB' }, 'ambiguous:nvidia-a100-sxm-80gb,nvidia-a100-pcie-80gb'],
      ['io.net L40S', { label: 'L40S' }, 'nvidia-l40s-48gb'],
      ['io.net B200', { label: 'B200' }, 'nvidia-b200-sxm-180gb'],
      ['io.net A10G', { label: 'A10G' }, 'nvidia-a10g-24gb'],
      ['io.net A10', { label: 'A10' }, 'nvidia-a10-24gb'],
      ['io.net A40', { label: 'A40' }, 'nvidia-a40-48gb'],
      ['io.net A16 (not in the catalog)', { label: 'A16' }, 'unknown'],
      ['io.net GTX 1080 Ti (Akash provider-configs gtx1080ti)', { label: 'GTX 1080 Ti' }, 'nvidia-gtx-1080-ti-11gb'],
      ['io.net 2080 Ti (not in the catalog)', { label: '2080 Ti' }, 'unknown'],
      ['io.net Apple M4 Max (not a GPU we rent)', { label: 'M4 Max' }, 'unknown'],
    ];
    it.each(cases)('%s', (_name, input, expected) => {
      expect(summary(resolveGpuLabel(input))).toBe(expected);
    });
  });

  describe('tricky spellings', () => {
    const cases: Array<[GpuLabelInput, string]> = [
      [{ label: 'NVIDIA H100 PCIe' }, H100_PCIE],
      [{ label: 'H100 PCIe 80GB' }, H100_PCIE],
      [{ label: 'h100', interface: 'pcie' }, H100_PCIE], // the product "H100 PCIe", not the NVL
      [{ label: 'h100', vramGb: 94 }, H100_NVL],
      [{ label: 'NVIDIA H100 NVL' }, H100_NVL],
      [{ label: 'H100 SXM5 80GB' }, H100_SXM],
      [{ label: 'NVIDIA A100-SXM4-80GB' }, 'nvidia-a100-sxm-80gb'],
      [{ label: 'NVIDIA A100-SXM4-40GB' }, 'nvidia-a100-sxm-40gb'],
      [{ label: 'NVIDIA A100-PCIE-40GB' }, 'nvidia-a100-pcie-40gb'],
      [{ label: 'NVIDIA A100 80GB PCIe' }, 'nvidia-a100-pcie-80gb'],
      [{ label: 'a100', vramMib: 40960, interface: 'sxm4' }, 'nvidia-a100-sxm-40gb'],
      [{ label: 'a100', vramMib: 81251, interface: 'PCIe' }, 'nvidia-a100-pcie-80gb'],
      [{ label: 'NVIDIA GeForce RTX 3090' }, 'nvidia-rtx-3090-24gb'],
      [{ label: 'GeForce RTX 4090', vramMib: 24564 }, 'nvidia-rtx-4090-24gb'],
      [{ label: 'rtx-4090', vramGb: 25.76 }, 'nvidia-rtx-4090-24gb'], // bytes read as decimal GB: 7.3 % off
      [{ label: 'Tesla T4' }, 'nvidia-t4-16gb'],
      [{ label: 'Tesla V100-SXM2-32GB' }, 'nvidia-v100-sxm-32gb'],
      [{ label: 'Tesla V100-PCIE-16GB' }, 'nvidia-v100-pcie-16gb'],
      [{ label: 'AMD Instinct MI300X' }, 'amd-mi300x-192gb'],
      [{ label: 'mi300x', vendor: 'AMD/ATI', vramMib: 196592 }, 'amd-mi300x-192gb'],
      [{ label: 'NVIDIA RTX 6000 Ada Generation' }, 'nvidia-rtx-6000-ada-48gb'],
      [{ label: 'NVIDIA L40S', vramGb: 48 }, 'nvidia-l40s-48gb'],
      [{ label: 'NVIDIA L40' }, 'nvidia-l40-48gb'],
      [{ label: 'nvidia-rtx-4090-24gb' }, 'nvidia-rtx-4090-24gb'],
      [{ label: 'NVIDIA B200', vramMib: 183359 }, 'nvidia-b200-sxm-180gb'],
      [{ label: 'H200 NVL' }, 'nvidia-h200-nvl-141gb'],
      [{ label: 'h200', interface: 'sxm5' }, 'nvidia-h200-sxm-141gb'],
    ];
    it.each(cases)('%j', (input, expected) => {
      expect(summary(resolveGpuLabel(input))).toBe(expected);
    });
  });

  it('says which facts decided a resolution', () => {
    expect(resolveGpuLabel({ label: 'h100', vramGb: 80, interface: 'SXM5' })).toMatchObject({ via: 'model+interface+vram' });
    expect(resolveGpuLabel({ label: 'RTX 4090' })).toMatchObject({ via: 'model' });
    expect(resolveGpuLabel({ label: 'H100 PCIe' })).toMatchObject({ via: 'alias' });
  });

  describe('ambiguity', () => {
    it('reports the candidates, the fact that would settle it, and the most common variant to assume', () => {
      const r = resolveGpuLabel({ label: 'h100', vramGb: 80 });
      expect(r).toMatchObject({ status: 'ambiguous', family: 'h100', missing: ['interface'] });
      expect(r.status === 'ambiguous' && r.assumed.id).toBe(H100_SXM);
      expect(gpuForOffer(r)).toEqual({ gpu: expect.objectContaining({ id: H100_SXM }), assumed: true });
    });

    it('asks for VRAM and interface when a label names only the family', () => {
      const r = resolveGpuLabel({ label: 'V100' });
      expect(r).toMatchObject({ status: 'ambiguous', family: 'v100', missing: ['vram', 'interface'] });
    });

    it('files a resolved label without the assumed flag and an unknown one nowhere', () => {
      expect(gpuForOffer(resolveGpuLabel({ label: 'RTX 3090' }))).toEqual({
        gpu: expect.objectContaining({ id: 'nvidia-rtx-3090-24gb' }),
        assumed: false,
      });
      expect(gpuForOffer(resolveGpuLabel({ label: 'rtx 4900' }))).toBeUndefined();
    });
  });

  describe('unknown labels are reported, never mislabelled', () => {
    it('suggests the nearest card for a typo', () => {
      expect(resolveGpuLabel({ label: 'rtx 4900' })).toMatchObject({
        status: 'unknown',
        reason: 'unrecognised-model',
        suggestions: ['rtx-4090', 'quadro-rtx-4000'],
      });
      expect(resolveGpuLabel({ label: 'H10' })).toMatchObject({ status: 'unknown', suggestions: expect.arrayContaining(['h100']) });
      expect(resolveGpuLabel({ label: 'L40X' })).toMatchObject({
        status: 'unknown',
        suggestions: expect.arrayContaining(['l40s', 'l40']),
      });
    });

    it('does not turn a 48 GB "RTX 4090" into the 24 GB card', () => {
      for (const input of [{ label: 'rtx 4090 48gb' }, { label: 'rtx4090', vramGb: 48 }]) {
        const r = resolveGpuLabel(input);
        expect(r).toMatchObject({ status: 'unknown', reason: 'variant-mismatch', suggestions: ['nvidia-rtx-4090-24gb'] });
        expect(r.status === 'unknown' && r.detail).toContain('48 GB');
      }
    });

    it('does not map a VRAM no A100 has onto an A100', () => {
      // A100s come with 40, 64 (SXM4 64GB, PCI id 20b3) and 80 GB; none with 48.
      expect(resolveGpuLabel({ label: 'a100', vramGb: 48 })).toMatchObject({ status: 'unknown', reason: 'variant-mismatch' });
      expect(resolveGpuLabel({ label: 'a100', vramGb: 64, interface: 'SXM' })).toMatchObject({ status: 'resolved', gpu: { id: 'nvidia-a100-sxm-64gb' } });
    });

    it('keeps variants that differ by a word apart (Laptop, Ti, D)', () => {
      for (const label of ['RTX 4090 Laptop GPU', 'RTX 4090 D', 'RTX 3080 Ti']) {
        expect({ label, status: resolveGpuLabel({ label }).status }).toEqual({ label, status: 'unknown' });
      }
      expect(resolveGpuLabel({ label: 'RTX 4090 Laptop GPU' })).toMatchObject({ suggestions: expect.arrayContaining(['rtx-4090']) });
      // "RTX 6000" is the Turing Quadro (24 GB), as Akash names it; the 48 GB Ada card needs its "Ada".
      for (const label of ['Quadro RTX 6000', 'RTX 6000', 'rtx6000']) expect(summary(resolveGpuLabel({ label }))).toBe('nvidia-quadro-rtx-6000-24gb');
      expect(summary(resolveGpuLabel({ label: 'RTX 6000 Ada Generation' }))).toBe('nvidia-rtx-6000-ada-48gb');
    });

    it('rejects hints that contradict each other or the label', () => {
      expect(resolveGpuLabel({ label: 'NVIDIA H100 80GB HBM3', vramGb: 40 })).toMatchObject({ reason: 'conflicting-hints' });
      expect(resolveGpuLabel({ label: 'H100 SXM', interface: 'PCIe' })).toMatchObject({ reason: 'conflicting-hints' });
      expect(resolveGpuLabel({ label: 'NVIDIA RTX 4090', vendor: 'AMD/ATI' })).toMatchObject({ reason: 'conflicting-hints' });
      expect(resolveGpuLabel({ label: 'rtx4090', vramGb: 24, vramMib: 49152 })).toMatchObject({ reason: 'conflicting-hints' });
      expect(resolveGpuLabel({ label: 'H100 80GB 1g.10gb' })).toMatchObject({ status: 'unknown' }); // a MIG slice
    });

    it('rejects a vendor the model does not come from', () => {
      expect(resolveGpuLabel({ label: 'A100', vendor: 'Intel' })).toMatchObject({ status: 'unknown', reason: 'variant-mismatch' });
    });

    it('handles empty and number-only labels', () => {
      expect(resolveGpuLabel({ label: '' })).toMatchObject({ status: 'unknown', reason: 'empty-label' });
      expect(resolveGpuLabel({ label: '  ' })).toMatchObject({ status: 'unknown', reason: 'empty-label' });
      expect(resolveGpuLabel({ label: '80GB' })).toMatchObject({ status: 'unknown', reason: 'unrecognised-model' });
    });
  });

  it('ignores an interface hint it does not understand instead of guessing', () => {
    expect(summary(resolveGpuLabel({ label: 'rtx4090', interface: 'thunderbolt' }))).toBe('nvidia-rtx-4090-24gb');
  });

  it('returns frozen answers, so one caller cannot change what the next one gets from the memo', () => {
    const r = resolveGpuLabel({ label: 'h100' });
    expect(Object.isFrozen(r)).toBe(true);
    expect(r.status === 'ambiguous' && Object.isFrozen(r.candidates)).toBe(true);
  });

  it('gives the same answer from the memo as without it, across a 100,000-offer sync', () => {
    const labels: GpuLabelInput[] = [
      { label: 'h100', vramGb: 80, interface: 'SXM5' },
      { label: 'rtx4090', vramGb: 24, interface: 'PCIe' },
      { label: 'NVIDIA H100 80GB HBM3', vramMib: 81559, vendor: 'NVIDIA' },
      { label: 'NVIDIA RTX 4090' },
      { label: 'A100\u201180GB' },
      { label: 'rtx 4900' },
    ];
    const expected = labels.map((l) => summary(resolveGpuLabelUncached(l)));
    let mismatches = 0;
    for (let i = 0; i < 100_000; i++) {
      if (summary(resolveGpuLabel(labels[i % labels.length])) !== expected[i % labels.length]) mismatches++;
    }
    expect(mismatches).toBe(0);
    expect(expected).toEqual([
      H100_SXM,
      'nvidia-rtx-4090-24gb',
      H100_SXM,
      'nvidia-rtx-4090-24gb',
      'ambiguous:nvidia-a100-sxm-80gb,nvidia-a100-pcie-80gb',
      'unknown',
    ]);
    expect(resolveGpuLabel(labels[0])).toBe(resolveGpuLabel({ ...labels[0] })); // memo hit returns the same object
  });
});
