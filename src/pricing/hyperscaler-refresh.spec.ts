import { HYPERSCALER_SNAPSHOT, loadHyperscalerSnapshot } from './hyperscaler-reference.data';
import { parseSkypilotCatalog, refreshSnapshot, renderSnapshotModule } from './hyperscaler-refresh';

// Rows in the shape of skypilot-org/skypilot-catalog catalogs/v8/aws/vms.csv (header and quoting as
// published; the H100, H200 and T4 prices are the catalog's, the rest trimmed).
const GPU = (name: string, count: number, mib: number) =>
  `"{'Gpus': [{'Name': '${name}', 'Manufacturer': 'NVIDIA', 'Count': ${count}, 'LogicalGpuCount': ${count}, 'GpuPartitionSize': 1.0, 'Workloads': ['ml-ai'], 'MemoryInfo': {'SizeInMiB': ${mib}}}], 'TotalGpuMemoryInMiB': ${count * mib}}"`;
const AWS = [
  'InstanceType,AcceleratorName,AcceleratorCount,vCPUs,MemoryGiB,GpuInfo,Price,SpotPrice,Region,AvailabilityZone,Arch',
  'a1.large,,,2.0,4.0,,0.051,0.051000,us-east-1,use1-az2,arm64',
  `g4dn.xlarge,T4,1.0,4.0,16.0,${GPU('T4', 1, 16384)},0.526,0.215800,us-east-1,use1-az1,x86_64`,
  `g4dn.xlarge,T4,1.0,4.0,16.0,${GPU('T4', 1, 16384)},0.526,0.200000,us-east-1,use1-az2,x86_64`,
  `g4dn.12xlarge,T4,4.0,48.0,192.0,${GPU('T4', 4, 16384)},3.912,1.1,us-east-1,use1-az1,x86_64`,
  `p5.48xlarge,H100,8.0,192.0,2048.0,${GPU('H100', 8, 81920)},68.8,68.800000,ap-northeast-1,apne1-az1,x86_64`,
  `p5.48xlarge,H100,8.0,192.0,2048.0,${GPU('H100', 8, 81920)},55.04,19.253100,us-east-1,use1-az2,x86_64`,
  `p5.4xlarge,H100,1.0,16.0,256.0,${GPU('H100', 1, 81920)},6.88,,us-east-1,use1-az1,x86_64`,
  `p5e.48xlarge,H200,8.0,192.0,2048.0,${GPU('H200', 8, 144384)},,18.735900,us-east-1,use2-az3,x86_64`,
  `p5en.48xlarge,H200,8.0,192.0,2048.0,${GPU('H200', 8, 144384)},63.296,18.249200,us-east-1,use1-az2,x86_64`,
  `trn1.2xlarge,Trainium,1.0,8.0,32.0,,1.34375,0.4,us-east-1,use1-az1,x86_64`,
  // A quarter of an L4 (g6f): never a per-GPU price.
  `g6f.2xlarge,L4,0.25,8.0,32.0,${GPU('L4', 0, 5722)},0.475,0.169700,us-east-1,use1-az1,x86_64`,
].join('\n');

// catalogs/v8/gcp/vms.csv: VM rows carry no accelerator; a GPU's own price is on a row with no InstanceType.
const GCP = [
  'InstanceType,vCPUs,MemoryGiB,AcceleratorName,AcceleratorCount,GpuInfo,Region,AvailabilityZone,Price,SpotPrice',
  'a2-highgpu-1g,12.0,85.0,,,,us-central1,us-central1-a,0.73948,0.36975',
  ',,,A100,1,A100,us-central1,us-central1-a,2.933908,1.4',
  ',,,A100,8,A100,us-central1,us-central1-a,23.471264,11.2',
  ',,,L4,1,L4,us-central1,us-central1-a,0.5598,0.2',
  ',,,L4,1,L4,europe-west4,europe-west4-a,0.644,0.2',
  ',,,tpu-v6e-1,1,tpu-v6e-1,us-central1,us-central1-a,2.7,0.54421',
].join('\n');

describe('parseSkypilotCatalog', () => {
  it('keeps per accelerator the biggest instance and, when cheaper per GPU, the cheapest one, in the reference region, on-demand only', () => {
    const rows = parseSkypilotCatalog(AWS, 'aws', 'skypilot-aws');
    expect(rows.map((r) => [r.instanceType, r.accelerator, r.gpuCount, r.instanceUsdPerHour])).toEqual([
      // p5.4xlarge costs the same per GPU (6.88): the bigger instance stands for both.
      ['p5.48xlarge', 'H100', 8, '55.04'],
      // p5e.48xlarge has only a spot price: left out.
      ['p5en.48xlarge', 'H200', 8, '63.296'],
      ['g4dn.12xlarge', 'T4', 4, '3.912'],
      ['g4dn.xlarge', 'T4', 1, '0.526'],
    ]);
    // Trainium is no GPU the catalog knows; the a1 row has no accelerator; Tokyo is not the reference region;
    // the fractional g6f is no whole GPU.
    expect(rows.every((r) => r.region === 'us-east-1' && r.source === 'skypilot-aws')).toBe(true);
  });

  it('reads GCP GPU-only rows as such, and skips TPUs and VM rows', () => {
    const rows = parseSkypilotCatalog(GCP, 'gcp', 'skypilot-gcp');
    expect(rows).toEqual([
      { provider: 'gcp', instanceType: 'A100 x8 (GPU only)', region: 'us-central1', accelerator: 'A100', gpuCount: 8, instanceUsdPerHour: '23.471264', source: 'skypilot-gcp', note: 'GPU alone; the VM it attaches to is extra' },
      { provider: 'gcp', instanceType: 'L4 x1 (GPU only)', region: 'us-central1', accelerator: 'L4', gpuCount: 1, instanceUsdPerHour: '0.5598', source: 'skypilot-gcp', note: 'GPU alone; the VM it attaches to is extra' },
    ]);
  });

  it('refuses a file without the expected columns rather than writing an empty snapshot', () => {
    expect(() => parseSkypilotCatalog('name,price\nx,1\n', 'aws', 'skypilot-aws')).toThrow(/missing column\(s\) InstanceType, AcceleratorName, AcceleratorCount, Price, Region/);
    expect(() => refreshSnapshot(HYPERSCALER_SNAPSHOT, [{ provider: 'azure', csv: AWS, from: '/tmp/azure.csv' }], '2026-12-06')).toThrow(/no GPU rows in eastus/);
  });
});

describe('refreshSnapshot', () => {
  it('replaces the refreshed provider, keeps the others, and names source and date on every row', () => {
    const next = refreshSnapshot(HYPERSCALER_SNAPSHOT, [{ provider: 'gcp', csv: GCP, from: 'https://raw.githubusercontent.com/skypilot-org/skypilot-catalog/master/catalogs/v8/gcp/vms.csv', commit: 'a'.repeat(40) }], '2026-12-06');
    expect(next.rows.filter((r) => r.provider === 'gcp').map((r) => r.source)).toEqual(['skypilot-gcp', 'skypilot-gcp']);
    expect(next.sources['hand-typed-gcp']).toBeUndefined();
    expect(next.sources['skypilot-gcp']).toMatchObject({ provider: 'gcp', catalog: 'skypilot-org/skypilot-catalog', path: 'catalogs/v8/gcp/vms.csv', commit: 'a'.repeat(40), observedAt: '2026-12-06' });
    expect(next.rows.filter((r) => r.provider === 'aws')).toEqual(HYPERSCALER_SNAPSHOT.rows.filter((r) => r.provider === 'aws'));
    expect(next.gaps).toEqual(HYPERSCALER_SNAPSHOT.gaps);
    // What the script writes loads back as the service would load it.
    const loaded = loadHyperscalerSnapshot(next);
    expect(loaded.find((r) => r.accelerator === 'L4' && r.provider === 'gcp')).toMatchObject({ gpuId: 'nvidia-l4-24gb', handTyped: false, source: { observedAt: '2026-12-06' } });
    expect(renderSnapshotModule(next)).toContain('export const SNAPSHOT: HyperscalerSnapshot = {');
  });

  it('records a local copy as such', () => {
    const next = refreshSnapshot(HYPERSCALER_SNAPSHOT, [{ provider: 'aws', csv: AWS, from: '/srv/skypilot-catalog/catalogs/v8/aws/vms.csv' }], '2026-12-06');
    expect(next.sources['skypilot-aws']).toMatchObject({ url: 'https://raw.githubusercontent.com/skypilot-org/skypilot-catalog/master/catalogs/v8/aws/vms.csv', note: 'read from a local copy (/srv/skypilot-catalog/catalogs/v8/aws/vms.csv)' });
    expect(next.sources['skypilot-aws'].commit).toBeUndefined();
  });
});
