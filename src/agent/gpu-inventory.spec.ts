import { parseCudaVersion, parseGpuOverride, parseNvidiaSmi } from './gpu-inventory';

// Captured in the shape nvidia-smi prints for
// --query-gpu=index,name,memory.total,driver_version,utilization.gpu --format=csv,noheader,nounits
const SINGLE = '0, NVIDIA GeForce RTX 4090, 24564, 550.54.14, 3\n';
const MULTI = [
  '0, NVIDIA H100 80GB HBM3, 81559, 535.161.08, 0',
  '1, NVIDIA H100 80GB HBM3, 81559, 535.161.08, 97',
  '2, NVIDIA H100 80GB HBM3, 81559, 535.161.08, 100',
  '3, NVIDIA H100 80GB HBM3, 81559, 535.161.08, 12',
  '',
].join('\r\n');
const ODD_SPACING = '  0 ,NVIDIA  A100-SXM4-80GB ,   81920,  525.85.12 ,[N/A]  \n\n 1,NVIDIA A100-SXM4-80GB,81920,525.85.12, 4\n';

describe('nvidia-smi inventory', () => {
  it('reads one GPU', () => {
    expect(parseNvidiaSmi(SINGLE, '12.4')).toEqual([
      { index: 0, model: 'NVIDIA GeForce RTX 4090', vramMb: 24564, driverVersion: '550.54.14', cudaVersion: '12.4', utilizationPct: 3 },
    ]);
  });

  it('reads eight-way style multi-GPU output with CRLF line ends', () => {
    const gpus = parseNvidiaSmi(MULTI);
    expect(gpus.map((g) => g.index)).toEqual([0, 1, 2, 3]);
    expect(gpus.map((g) => g.utilizationPct)).toEqual([0, 97, 100, 12]);
    expect(new Set(gpus.map((g) => g.model))).toEqual(new Set(['NVIDIA H100 80GB HBM3']));
  });

  it('copes with odd spacing, blank lines and [N/A] utilisation', () => {
    const gpus = parseNvidiaSmi(ODD_SPACING);
    expect(gpus).toHaveLength(2);
    expect(gpus[0]).toMatchObject({ index: 0, model: 'NVIDIA A100-SXM4-80GB', vramMb: 81920, driverVersion: '525.85.12' });
    expect(gpus[0].utilizationPct).toBeUndefined();
    expect(gpus[1].utilizationPct).toBe(4);
  });

  it('refuses output that is not the queried CSV', () => {
    expect(() => parseNvidiaSmi("NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.")).toThrow(/expected 5 fields/);
    expect(() => parseNvidiaSmi('x, NVIDIA RTX 4090, 24564, 550.54.14, 3')).toThrow(/not a GPU/);
  });

  it('finds the CUDA version in the banner', () => {
    expect(parseCudaVersion('| NVIDIA-SMI 550.54.14   Driver Version: 550.54.14   CUDA Version: 12.4     |')).toBe('12.4');
    expect(parseCudaVersion('no banner')).toBeUndefined();
  });
});

describe('--gpus override', () => {
  it('expands model:vramGb:count into devices with indexes', () => {
    expect(parseGpuOverride('NVIDIA RTX 4090:24:2')).toEqual([
      { index: 0, model: 'NVIDIA RTX 4090', vramMb: 24576 },
      { index: 1, model: 'NVIDIA RTX 4090', vramMb: 24576 },
    ]);
    expect(parseGpuOverride('NVIDIA RTX 4090:24:1, NVIDIA A100 80GB:80:1').map((g) => [g.index, g.model])).toEqual([
      [0, 'NVIDIA RTX 4090'],
      [1, 'NVIDIA A100 80GB'],
    ]);
  });

  it('says what is wrong with a bad spec', () => {
    expect(() => parseGpuOverride('NVIDIA RTX 4090')).toThrow(/model:vramGb:count/);
    expect(() => parseGpuOverride('RTX:24:0')).toThrow(/at least 1/);
  });
});
