import { resolveGpuRequirement } from './gpu-requirement';

const ALL_H100 = ['nvidia-h100-sxm-80gb', 'nvidia-h100-pcie-80gb', 'nvidia-h100-nvl-94gb'];
const ALL_A100 = ['nvidia-a100-sxm-80gb', 'nvidia-a100-pcie-80gb', 'nvidia-a100-sxm-40gb', 'nvidia-a100-pcie-40gb', 'nvidia-a100-sxm-64gb'];

function ids(models: string[]): string[] {
  const r = resolveGpuRequirement(models);
  if (!r.ok) throw new Error(`unexpected unknown: ${JSON.stringify(r.unknown)}`);
  return r.ids;
}

describe('resolveGpuRequirement', () => {
  it.each<[string, string[]]>([
    ['nvidia-h100-sxm-80gb', ['nvidia-h100-sxm-80gb']],
    ['NVIDIA-H100-SXM-80GB', ['nvidia-h100-sxm-80gb']],
    ['h100', ALL_H100],
    ['H100', ALL_H100],
    ['NVIDIA H100', ALL_H100],
    ['a100', ALL_A100],
    ['a100-80gb', ['nvidia-a100-sxm-80gb', 'nvidia-a100-pcie-80gb']],
    ['A100 80GB', ['nvidia-a100-sxm-80gb', 'nvidia-a100-pcie-80gb']],
    ['A100 40GB PCIe', ['nvidia-a100-pcie-40gb']],
    ['h100 sxm', ['nvidia-h100-sxm-80gb']],
    ['H100 NVL', ['nvidia-h100-nvl-94gb']],
    ['rtx4090', ['nvidia-rtx-4090-24gb']],
    ['RTX 4090', ['nvidia-rtx-4090-24gb']],
    ['rtx-4090', ['nvidia-rtx-4090-24gb']],
    ['4090', ['nvidia-rtx-4090-24gb']],
    ['v100', ['nvidia-v100-sxm-16gb', 'nvidia-v100-sxm-32gb', 'nvidia-v100-pcie-16gb', 'nvidia-v100-pcie-32gb']],
    ['v100 32gb', ['nvidia-v100-sxm-32gb', 'nvidia-v100-pcie-32gb']],
    ['mi300x', ['amd-mi300x-192gb']],
    ['rtx-a6000', ['nvidia-rtx-a6000-48gb']],
    ['L4', ['nvidia-l4-24gb']],
  ])('%s', (input, expected) => {
    expect(ids([input])).toEqual(expected);
  });

  it('deduplicates across inputs, keeps the order asked for, and lists the families', () => {
    const r = resolveGpuRequirement(['h100', 'a100-80gb', 'nvidia-h100-pcie-80gb', 'RTX 4090']);
    expect(r).toEqual({
      ok: true,
      ids: [...ALL_H100, 'nvidia-a100-sxm-80gb', 'nvidia-a100-pcie-80gb', 'nvidia-rtx-4090-24gb'],
      families: ['h100', 'a100', 'rtx-4090'],
      entries: [
        { input: 'h100', ids: ALL_H100, matchedAs: 'family' },
        { input: 'a100-80gb', ids: ['nvidia-a100-sxm-80gb', 'nvidia-a100-pcie-80gb'], matchedAs: 'label' },
        { input: 'nvidia-h100-pcie-80gb', ids: ['nvidia-h100-pcie-80gb'], matchedAs: 'id' },
        { input: 'RTX 4090', ids: ['nvidia-rtx-4090-24gb'], matchedAs: 'family' },
      ],
    });
  });

  it('treats an empty list as "any GPU": ok with no ids', () => {
    expect(resolveGpuRequirement([])).toEqual({ ok: true, ids: [], families: [], entries: [] });
  });

  it('fails the whole requirement on any unknown model, with suggestions for each', () => {
    expect(resolveGpuRequirement(['h100', 'rtx 4900', 'a100 48gb', ''])).toEqual({
      ok: false,
      unknown: [
        { input: 'rtx 4900', suggestions: ['rtx-4090', 'quadro-rtx-4000'] },
        { input: 'a100 48gb', suggestions: ALL_A100 },
        { input: '', suggestions: [] },
      ],
    });
  });

  it('reads a vendor name as every GPU of that vendor and none of another', () => {
    const r = resolveGpuRequirement(['NVIDIA']);
    if (!r.ok) throw new Error('expected nvidia to resolve');
    expect(r.entries[0].matchedAs).toBe('vendor');
    expect(r.ids).toEqual(expect.arrayContaining(['nvidia-h100-sxm-80gb', 'nvidia-rtx-4090-24gb']));
    expect(r.ids.some((id) => !id.startsWith('nvidia-'))).toBe(false);
  });
});
