// Lookup tables over GPU_CATALOG, built once at import. Everything the resolver needs to answer in
// O(1) per label: by id, by family, by model key, by exact alias facts, and the words for "did you mean".
import { type CatalogGpu, GPU_CATALOG } from './gpu-catalog.data';
import { compactName, parseGpuLabel } from './gpu-label';

export interface GpuFamily {
  id: string;
  vendor: CatalogGpu['vendor'];
  /** Variants in catalog order; the first is the one assumed when a label names only the family. */
  variants: readonly CatalogGpu[];
}

/** The key of a set of facts; an alias and a label with the same facts get the same key. */
export function factsKey(f: { modelKey: string; interface?: string; vramGb?: number; memoryType?: string }): string {
  return `${f.modelKey}|${f.interface ?? ''}|${f.vramGb === undefined ? '' : Math.round(f.vramGb)}|${f.memoryType ?? ''}`;
}

const byId = new Map<string, CatalogGpu>();
const families = new Map<string, GpuFamily>();
/** Compact family id (`rtx4090`, `h100`) → family. */
const familyByCompact = new Map<string, GpuFamily>();
/** Compact model key (`h100`, `h100nvl`, `4090`) → the variants that answer to it. */
const byModelKey = new Map<string, CatalogGpu[]>();
/** Facts key of an alias, id or display name → the one GPU it names. */
const byAliasFacts = new Map<string, CatalogGpu>();
/** Every name a user or network could mean, compacted → what to suggest for it (an id or a family). */
const suggestionTargets = new Map<string, string>();

function addModelKey(key: string, gpu: CatalogGpu): void {
  const list = byModelKey.get(key) ?? [];
  if (!list.includes(gpu)) list.push(gpu);
  byModelKey.set(key, list);
}

for (const gpu of GPU_CATALOG) {
  byId.set(gpu.id, gpu);
  const family = families.get(gpu.family) ?? { id: gpu.family, vendor: gpu.vendor, variants: [] };
  (family.variants as CatalogGpu[]).push(gpu);
  families.set(gpu.family, family);
  familyByCompact.set(compactName(gpu.family), family);
  for (const model of gpu.models) addModelKey(parseGpuLabel(model).modelKey, gpu);
}

for (const gpu of GPU_CATALOG) {
  // Ids, display names and aliases each name exactly one GPU: they go in the alias table, and the
  // model part of each also answers for the family's model key (so `nvidia-h100-nvl-94gb` → `h100nvl`).
  for (const name of [gpu.id, gpu.name, ...gpu.aliases]) {
    const facts = parseGpuLabel(name);
    addModelKey(facts.modelKey, gpu);
    byAliasFacts.set(factsKey(facts), gpu);
  }
}

// Suggest the family when a key covers it (`4090` → `rtx-4090`, `h100` → `h100`), the variant id when
// the key names one variant of a larger family (`h100nvl` → `nvidia-h100-nvl-94gb`).
for (const [key, gpus] of byModelKey) {
  const family = families.get(gpus[0].family)!;
  suggestionTargets.set(key, gpus.length === 1 && family.variants.length > 1 ? gpus[0].id : family.id);
}
for (const [key, family] of familyByCompact) suggestionTargets.set(key, family.id);

export const catalogIndex = {
  byId: (id: string): CatalogGpu | undefined => byId.get(id),
  family: (id: string): GpuFamily | undefined => families.get(id),
  familyByCompact: (compact: string): GpuFamily | undefined => familyByCompact.get(compact),
  families: (): GpuFamily[] => [...families.values()],
  byModelKey: (key: string): readonly CatalogGpu[] | undefined => byModelKey.get(key),
  byAliasFacts: (key: string): CatalogGpu | undefined => byAliasFacts.get(key),
  /** [compact name, suggestion] pairs for "did you mean". */
  suggestionVocabulary: (): ReadonlyMap<string, string> => suggestionTargets,
  modelKeys: (): IterableIterator<[string, readonly CatalogGpu[]]> => byModelKey.entries(),
};
