// Refreshing the hyperscaler snapshot from SkyPilot's public catalog (pure: text in, snapshot out).
// SkyPilot publishes one CSV per cloud (skypilot-org/skypilot-catalog, catalogs/v8/<cloud>/vms.csv) and
// refreshes it on a schedule. AWS and Azure rows are whole instances; GCP lists a GPU's own price on rows
// with an empty InstanceType (the VM it attaches to is priced apart). The columns are read by header
// name, so the three files share one parser.
import { parse } from 'csv-parse/sync';
import { Money } from './money';
import { ACCELERATOR_GPU_IDS, Hyperscaler, HyperscalerSnapshot, SnapshotRow } from './hyperscaler-reference.data';

/** The region each provider is compared in: the cheapest big US region, as on the providers' price pages. */
export const REFERENCE_REGIONS: Record<Hyperscaler, string> = { aws: 'us-east-1', gcp: 'us-central1', azure: 'eastus' };

export const SKYPILOT_CATALOG = 'skypilot-org/skypilot-catalog';
export const SKYPILOT_PATHS: Record<Hyperscaler, string> = {
  aws: 'catalogs/v8/aws/vms.csv',
  gcp: 'catalogs/v8/gcp/vms.csv',
  azure: 'catalogs/v8/azure/vms.csv',
};
export const skypilotUrl = (provider: Hyperscaler): string => `https://raw.githubusercontent.com/${SKYPILOT_CATALOG}/master/${SKYPILOT_PATHS[provider]}`;

const REQUIRED = ['InstanceType', 'AcceleratorName', 'AcceleratorCount', 'Price', 'Region'] as const;

/**
 * Where the catalog names the wrong part or count for an instance, the provider's own size table wins.
 * Each correction is applied before rows are compared and is written on the row as a note.
 */
interface CatalogCorrection {
  match: RegExp;
  gpuId?: string;
  gpuCount?: number;
  note: string;
}
export const CATALOG_CORRECTIONS: Partial<Record<Hyperscaler, CatalogCorrection[]>> = {
  azure: [
    {
      match: /^Standard_ND96isr_H100_v5$/,
      gpuCount: 8,
      note: "catalog says 12 GPUs; Azure's ND H100 v5 size table (MicrosoftDocs/azure-docs, articles/virtual-machines/sizes/gpu-accelerated/nd-family.md) and AKS's size list (microsoft/aspire AksNodeVmSizes.cs) give 8",
    },
    {
      match: /^Standard_NC\d+ads_A100_v4$/,
      gpuId: 'nvidia-a100-pcie-80gb',
      note: "catalog says A100-80GB; Azure's NC A100 v4 size pages (MicrosoftDocs/azure-docs, articles/virtual-machines/sizes/gpu-accelerated/) name the PCIe part",
    },
    {
      match: /^Standard_NC\d+ads_H100_v5$|^Standard_NC\d+adis_H100_v5$/,
      gpuId: 'nvidia-h100-nvl-94gb',
      note: "catalog says H100; Azure's NCads H100 v5 size pages (MicrosoftDocs/azure-docs, articles/virtual-machines/sizes/gpu-accelerated/) name the H100 NVL 94GB",
    },
    {
      match: /^Standard_NC\d+r?s_v3$/,
      gpuId: 'nvidia-v100-pcie-16gb',
      note: "catalog says V100; Azure's NCv3 size pages (MicrosoftDocs/azure-docs, articles/virtual-machines/sizes/gpu-accelerated/) name the V100 PCIe 16GB",
    },
  ],
};

/**
 * The on-demand GPU rows of one provider's catalog in its reference region: per accelerator, the
 * instance with the lowest price per GPU and the cheapest instance with the most GPUs (often the same).
 * Accelerators the project's catalog does not know, rows without an on-demand price and other regions
 * are left out. A file without the expected columns is an error.
 */
export function parseSkypilotCatalog(csv: string, provider: Hyperscaler, sourceId: string, region = REFERENCE_REGIONS[provider]): SnapshotRow[] {
  const records = parse(csv, { columns: true, skip_empty_lines: true, relax_column_count: true }) as Array<Record<string, string>>;
  const header = records.length ? Object.keys(records[0]) : [];
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length) throw new Error(`${provider} catalog: missing column(s) ${missing.join(', ')} (header: ${header.join(',') || 'none'})`);

  // One row per instance (the catalog repeats instances per availability zone): the lowest price.
  const byInstance = new Map<string, SnapshotRow>();
  for (const r of records) {
    if (r.Region !== region || !(r.AcceleratorName in ACCELERATOR_GPU_IDS)) continue;
    const count = Number(r.AcceleratorCount);
    if (!r.Price || !/^\d+(\.\d+)?$/.test(r.Price) || new Money(r.Price).lte(0) || !Number.isInteger(count) || count < 1) continue;
    const gpuOnly = r.InstanceType === '';
    const instanceType = gpuOnly ? `${r.AcceleratorName} x${count} (GPU only)` : r.InstanceType;
    const fix = gpuOnly ? undefined : CATALOG_CORRECTIONS[provider]?.find((c) => c.match.test(instanceType));
    const notes = [gpuOnly ? 'GPU alone; the VM it attaches to is extra' : undefined, fix?.note].filter((n): n is string => !!n);
    const row: SnapshotRow = {
      provider,
      instanceType,
      region,
      accelerator: r.AcceleratorName,
      ...(fix?.gpuId ? { gpuId: fix.gpuId } : {}),
      gpuCount: fix?.gpuCount ?? count,
      instanceUsdPerHour: new Money(r.Price).toString(),
      source: sourceId,
      ...(notes.length ? { note: notes.join('; ') } : {}),
    };
    const seen = byInstance.get(instanceType);
    if (!seen || new Money(row.instanceUsdPerHour).lt(seen.instanceUsdPerHour)) byInstance.set(instanceType, row);
  }

  const perGpu = (r: SnapshotRow) => new Money(r.instanceUsdPerHour).div(r.gpuCount);
  // Grouped by the GPU the row resolves to: Azure's H100 NVL rows and GCP's H100-MEGA rows are not
  // compared under the catalog's accelerator name alone.
  const gpuOf = (r: SnapshotRow) => r.gpuId ?? ACCELERATOR_GPU_IDS[r.accelerator];
  const byAccelerator = new Map<string, SnapshotRow[]>();
  for (const row of byInstance.values()) byAccelerator.set(gpuOf(row), [...(byAccelerator.get(gpuOf(row)) ?? []), row]);
  const kept: SnapshotRow[] = [];
  for (const rows of byAccelerator.values()) {
    const byName = (a: SnapshotRow, b: SnapshotRow) => a.instanceType.localeCompare(b.instanceType);
    // On a tie in price per GPU, the bigger instance: one row, not two, when sizes are priced linearly.
    const cheapest = [...rows].sort((a, b) => perGpu(a).comparedTo(perGpu(b)) || b.gpuCount - a.gpuCount || byName(a, b))[0];
    const most = Math.max(...rows.map((r) => r.gpuCount));
    const biggest = rows.filter((r) => r.gpuCount === most).sort((a, b) => new Money(a.instanceUsdPerHour).comparedTo(b.instanceUsdPerHour) || byName(a, b))[0];
    kept.push(biggest);
    if (cheapest !== biggest) kept.push(cheapest);
  }
  return kept.sort(
    (a, b) =>
      a.accelerator.localeCompare(b.accelerator) || gpuOf(a).localeCompare(gpuOf(b)) || b.gpuCount - a.gpuCount || a.instanceType.localeCompare(b.instanceType),
  );
}

export interface RefreshInput {
  provider: Hyperscaler;
  csv: string;
  /** Where the text came from (URL or local path), recorded as the source. */
  from: string;
  /** The catalog commit, when known (a local checkout: `git rev-parse HEAD`). */
  commit?: string;
  /** The file's path in the catalog when it is not the default (an older catalog version). */
  path?: string;
}

/**
 * A new snapshot: the refreshed providers' rows replace theirs (hand-typed rows included), the others
 * are kept as they were. `observedAt` is the day of the refresh.
 */
export function refreshSnapshot(previous: HyperscalerSnapshot, inputs: readonly RefreshInput[], observedAt: string): HyperscalerSnapshot {
  const refreshed = new Set(inputs.map((i) => i.provider));
  const sources: HyperscalerSnapshot['sources'] = {};
  const rows: SnapshotRow[] = [];
  for (const row of previous.rows) {
    if (refreshed.has(row.provider as Hyperscaler)) continue;
    rows.push(row);
    sources[row.source] = previous.sources[row.source];
  }
  for (const input of inputs) {
    const id = `skypilot-${input.provider}`;
    const parsed = parseSkypilotCatalog(input.csv, input.provider, id);
    if (parsed.length === 0) throw new Error(`${input.provider} catalog from ${input.from}: no GPU rows in ${REFERENCE_REGIONS[input.provider]}`);
    rows.push(...parsed);
    const isUrl = /^https?:\/\//.test(input.from);
    sources[id] = {
      provider: input.provider,
      catalog: SKYPILOT_CATALOG,
      path: input.path ?? SKYPILOT_PATHS[input.provider],
      ...(input.commit ? { commit: input.commit } : {}),
      url: isUrl ? input.from : skypilotUrl(input.provider),
      observedAt,
      ...(isUrl ? {} : { note: `read from a local copy (${input.from})` }),
    };
  }
  const order: Hyperscaler[] = ['aws', 'gcp', 'azure'];
  rows.sort((a, b) => order.indexOf(a.provider as Hyperscaler) - order.indexOf(b.provider as Hyperscaler));
  return { about: previous.about, sources, gaps: previous.gaps, rows };
}

/** The snapshot as the TypeScript module the service imports (hyperscaler-reference.snapshot.ts). */
export function renderSnapshotModule(snapshot: HyperscalerSnapshot): string {
  return `// GENERATED by \`npm run pricing:refresh-references\` (src/pricing/hyperscaler-refresh.cli.ts); edit by
// re-running it, or by hand only with the source named on the row. JSON inside a TypeScript module so the
// build carries it without copying data files.
import type { HyperscalerSnapshot } from './hyperscaler-reference.data';

export const SNAPSHOT: HyperscalerSnapshot = ${JSON.stringify(snapshot, null, 2)};
`;
}
