import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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
      {
        provider: 'gcp',
        instanceType: 'A100 x8 (GPU only)',
        region: 'us-central1',
        accelerator: 'A100',
        gpuCount: 8,
        instanceUsdPerHour: '23.471264',
        source: 'skypilot-gcp',
        note: 'GPU alone; the VM it attaches to is extra',
      },
      {
        provider: 'gcp',
        instanceType: 'L4 x1 (GPU only)',
        region: 'us-central1',
        accelerator: 'L4',
        gpuCount: 1,
        instanceUsdPerHour: '0.5598',
        source: 'skypilot-gcp',
        note: 'GPU alone; the VM it attaches to is extra',
      },
    ]);
  });

  it('refuses a file without the expected columns rather than writing an empty snapshot', () => {
    expect(() => parseSkypilotCatalog('name,price\nx,1\n', 'aws', 'skypilot-aws')).toThrow(
      /missing column\(s\) InstanceType, AcceleratorName, AcceleratorCount, Price, Region/,
    );
    expect(() => refreshSnapshot(HYPERSCALER_SNAPSHOT, [{ provider: 'azure', csv: AWS, from: '/tmp/azure.csv' }], '2026-12-06')).toThrow(
      /no GPU rows in eastus/,
    );
  });
});

describe('refreshSnapshot', () => {
  it('replaces the refreshed provider, keeps the others, and names source and date on every row', () => {
    const next = refreshSnapshot(
      HYPERSCALER_SNAPSHOT,
      [
        {
          provider: 'gcp',
          csv: GCP,
          from: 'https://raw.githubusercontent.com/skypilot-org/skypilot-catalog/master/catalogs/v8/gcp/vms.csv',
          commit: 'a'.repeat(40),
        },
      ],
      '2026-12-06',
    );
    expect(next.rows.filter((r) => r.provider === 'gcp').map((r) => r.source)).toEqual(['skypilot-gcp', 'skypilot-gcp']);
    expect(next.sources['hand-typed-gcp']).toBeUndefined();
    expect(next.sources['skypilot-gcp']).toMatchObject({
      provider: 'gcp',
      catalog: 'skypilot-org/skypilot-catalog',
      path: 'catalogs/v8/gcp/vms.csv',
      commit: 'a'.repeat(40),
      observedAt: '2026-12-06',
    });
    expect(next.rows.filter((r) => r.provider === 'aws')).toEqual(HYPERSCALER_SNAPSHOT.rows.filter((r) => r.provider === 'aws'));
    expect(next.gaps).toEqual(HYPERSCALER_SNAPSHOT.gaps);
    // What the script writes loads back as the service would load it.
    const loaded = loadHyperscalerSnapshot(next);
    expect(loaded.find((r) => r.accelerator === 'L4' && r.provider === 'gcp')).toMatchObject({
      gpuId: 'nvidia-l4-24gb',
      handTyped: false,
      source: { observedAt: '2026-12-06' },
    });
    expect(renderSnapshotModule(next)).toContain('export const SNAPSHOT: HyperscalerSnapshot = {');
  });

  it('records a local copy as such', () => {
    const next = refreshSnapshot(HYPERSCALER_SNAPSHOT, [{ provider: 'aws', csv: AWS, from: '/srv/skypilot-catalog/catalogs/v8/aws/vms.csv' }], '2026-12-06');
    expect(next.sources['skypilot-aws']).toMatchObject({
      url: 'https://raw.githubusercontent.com/skypilot-org/skypilot-catalog/master/catalogs/v8/aws/vms.csv',
      note: 'read from a local copy (/srv/skypilot-catalog/catalogs/v8/aws/vms.csv)',
    });
    expect(next.sources['skypilot-aws'].commit).toBeUndefined();
  });
});

// Verbatim excerpts of the stored catalog versions the snapshot's GCP and Azure rows come from
// (src/pricing/skypilot-excerpts/README.md names the files and commits).
const excerpt = (name: string) => readFileSync(join(__dirname, 'skypilot-excerpts', name), 'utf8');

describe('parseSkypilotCatalog on the real Azure layout (catalogs/v6/azure/vms.csv)', () => {
  const rows = parseSkypilotCatalog(excerpt('azure-eastus.csv'), 'azure', 'skypilot-azure');
  const summary = rows.map((r) => [r.instanceType, r.gpuId ?? r.accelerator, r.gpuCount, r.instanceUsdPerHour]);

  it('corrects the catalog where Azure’s own size tables disagree, so the per-GPU price is right', () => {
    // The catalog says 12 H100s for ND96isr_H100_v5: 98.32 / 12 = 8.19 per GPU-hour, a third too cheap.
    expect(rows.find((r) => r.instanceType === 'Standard_ND96isr_H100_v5')).toMatchObject({
      gpuCount: 8,
      instanceUsdPerHour: '98.32',
      note: expect.stringContaining('catalog says 12 GPUs'),
    });
    // NC A100 v4 is the PCIe part and NCads H100 v5 the H100 NVL: neither is compared as the SXM part.
    expect(summary).toContainEqual(['Standard_NC96ads_A100_v4', 'nvidia-a100-pcie-80gb', 4, '14.692']);
    expect(summary).toContainEqual(['Standard_NC80adis_H100_v5', 'nvidia-h100-nvl-94gb', 2, '13.96']);
    expect(summary).toContainEqual(['Standard_NC24s_v3', 'nvidia-v100-pcie-16gb', 4, '12.24']);
  });

  it('keeps eastus GPU rows with an on-demand price, by the GPU they resolve to', () => {
    expect(summary).toEqual([
      ['Standard_NV72ads_A10_v5', 'A10', 2, '6.52'],
      ['Standard_NV36ads_A10_v5', 'A10', 1, '3.2'],
      ['Standard_ND96asr_v4', 'A100', 8, '27.197'],
      ['Standard_NC96ads_A100_v4', 'nvidia-a100-pcie-80gb', 4, '14.692'],
      ['Standard_ND96amsr_A100_v4', 'A100-80GB', 8, '32.77'],
      ['Standard_NC80adis_H100_v5', 'nvidia-h100-nvl-94gb', 2, '13.96'],
      ['Standard_ND96isr_H100_v5', 'H100', 8, '98.32'],
      ['Standard_NC64as_T4_v3', 'T4', 4, '4.352'],
      ['Standard_NC4as_T4_v3', 'T4', 1, '0.526'],
      ['Standard_NC24s_v3', 'nvidia-v100-pcie-16gb', 4, '12.24'],
      ['Standard_ND40rs_v2', 'V100-32GB', 8, '22.032'],
    ]);
    // M60 and Radeon MI25 are no GPU the catalog knows; NC32ads_A10_v4 has no eastus price; westus is elsewhere.
    expect(rows.every((r) => r.region === 'eastus')).toBe(true);
  });
});

describe('the committed snapshot', () => {
  it('holds for GCP and Azure exactly what the refresh reads from the named catalog versions, and no hand-typed row', () => {
    const mine = (provider: string) => HYPERSCALER_SNAPSHOT.rows.filter((r) => r.provider === provider);
    expect(mine('gcp')).toEqual(parseSkypilotCatalog(excerpt('gcp-us-central1.csv'), 'gcp', 'skypilot-gcp'));
    expect(mine('azure')).toEqual(parseSkypilotCatalog(excerpt('azure-eastus.csv'), 'azure', 'skypilot-azure'));
    expect(HYPERSCALER_SNAPSHOT.sources['skypilot-gcp']).toMatchObject({ path: 'catalogs/v8/gcp/vms.csv', commit: '8427bbff988abdd050a9f51addd314ef31cb4e85' });
    expect(HYPERSCALER_SNAPSHOT.sources['skypilot-azure']).toMatchObject({
      path: 'catalogs/v6/azure/vms.csv',
      commit: '098741e70562f65d7af1cceb81e33b284f742604',
    });
    expect(HYPERSCALER_SNAPSHOT.rows.filter((r) => r.source.startsWith('hand-typed'))).toEqual([]);
    // Every model the old hand-typed GCP and Azure rows covered is still covered, H200 now on GCP too.
    const covered = (provider: string) =>
      new Set(
        loadHyperscalerSnapshot(HYPERSCALER_SNAPSHOT)
          .filter((r) => r.provider === provider)
          .map((r) => r.gpuFamily),
      );
    expect([...covered('gcp')].sort()).toEqual(['a100', 'b200', 'h100', 'h200', 'l4', 't4', 'v100']);
    expect([...covered('azure')].sort()).toEqual(['a10', 'a100', 'h100', 't4', 'v100']);
  });

  it('records the catalog path of an older catalog version when told', () => {
    const next = refreshSnapshot(
      HYPERSCALER_SNAPSHOT,
      [{ provider: 'azure', csv: excerpt('azure-eastus.csv'), from: '/tmp/vms.csv', path: 'catalogs/v6/azure/vms.csv' }],
      '2026-12-06',
    );
    expect(next.sources['skypilot-azure'].path).toBe('catalogs/v6/azure/vms.csv');
  });
});
