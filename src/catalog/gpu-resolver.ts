// Maps a network's GPU label (plus the VRAM / interface / vendor hints it gives) onto the catalog.
// Pure and deterministic; memoized because a sync resolves the same few labels 100,000 times.
//
// The policy, in one place:
// - `resolved`: the facts name exactly one catalog GPU. `via` says which facts decided it:
//   `model+<facts>` (e.g. `model+interface+vram`: the attributes alone left one variant), or `alias`
//   (the attributes left several but the label's facts equal a product name, id or alias that names
//   one: `H100 PCIe`, or Akash `h100` + `pcie`).
// - `ambiguous`: the model is known but the facts fit several variants (Akash `h100` without an
//   interface; io.net `A100-80GB` without SXM/PCIe). Never reported as resolved: the caller gets every
//   candidate, the facts that would tell them apart, and `assumed`, the family's most common variant,
//   which it may use if it flags the offer as assumed. All candidates share one family, so a family
//   requirement (`h100`) is still matched correctly.
// - `unknown`: nothing in the catalog fits. Unrecognised models, VRAM or interface that no variant of
//   a known model has (`RTX 4090 48GB` is NOT the 24 GB card), and hints that contradict each other or
//   the label. Comes with "did you mean" suggestions (family ids or variant ids).
// VRAM hints snap to a variant within 7.5 % (81559 MiB → 80 GB). Unrecognised interface strings are
// ignored (they can only widen the answer to `ambiguous`, never mislabel).
import type { CatalogGpu, GpuInterface } from './gpu-catalog.data';
import { catalogIndex, factsKey } from './gpu-catalog.index';
import { editDistance } from './edit-distance';
import { normaliseInterface, normaliseVendor, parseGpuLabel, sameVram } from './gpu-label';

export interface GpuLabelInput {
  /** The network's label, verbatim: `h100`, `NVIDIA H100 80GB HBM3`, `RTX 4090`. */
  label: string;
  /** VRAM per GPU in GB (Gi and GB are both fine: they snap to the same variant). */
  vramGb?: number;
  /** VRAM per GPU in MiB, as nvidia-smi and Bacalhau report it. */
  vramMib?: number;
  /** `sxm`, `SXM5`, `PCIe`, `oam`… */
  interface?: string;
  /** `nvidia`, `NVIDIA`, `AMD/ATI`… */
  vendor?: string;
}

/** A fact that tells variants of one model apart. */
export type GpuVariantFact = 'vram' | 'interface' | 'memory';

export type UnknownGpuReason = 'empty-label' | 'unrecognised-model' | 'variant-mismatch' | 'conflicting-hints';

export type GpuResolution =
  | { readonly status: 'resolved'; readonly gpu: CatalogGpu; readonly via: string }
  | {
      readonly status: 'ambiguous';
      readonly label: string;
      readonly family: string;
      readonly candidates: readonly CatalogGpu[];
      /** The family's most common variant among the candidates; use only with an "assumed" flag. */
      readonly assumed: CatalogGpu;
      /** Facts that differ between the candidates: supplying one of them would settle it. */
      readonly missing: readonly GpuVariantFact[];
      readonly via: string;
    }
  | {
      readonly status: 'unknown';
      readonly label: string;
      readonly reason: UnknownGpuReason;
      /** One sentence for logs and API warnings. */
      readonly detail: string;
      readonly suggestions: readonly string[];
    };

const CACHE_LIMIT = 50_000;
const cache = new Map<string, GpuResolution>();

/** Resolves a label, memoized on the exact input (the catalog is static, so answers never change). */
export function resolveGpuLabel(input: GpuLabelInput): GpuResolution {
  const key = `${input.label}\u0000${input.vramGb ?? ''}\u0000${input.vramMib ?? ''}\u0000${input.interface ?? ''}\u0000${input.vendor ?? ''}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const resolution = resolveGpuLabelUncached(input);
  // A plain bound instead of an LRU: real syncs see tens of distinct labels, not tens of thousands.
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, resolution);
  return resolution;
}

/** The GPU to file an offer under: the resolved one, or the assumed variant (flagged) when ambiguous. */
export function gpuForOffer(resolution: GpuResolution): { gpu: CatalogGpu; assumed: boolean } | undefined {
  if (resolution.status === 'resolved') return { gpu: resolution.gpu, assumed: false };
  if (resolution.status === 'ambiguous') return { gpu: resolution.assumed, assumed: true };
  return undefined;
}

interface Facts {
  modelKey: string;
  vendor?: string;
  interface?: GpuInterface;
  vramGb?: number;
  memoryType?: string;
}

/** The same answer without the memo; exported for benchmarks of the cold path. */
export function resolveGpuLabelUncached(input: GpuLabelInput): GpuResolution {
  const label = typeof input.label === 'string' ? input.label : '';
  const parsed = parseGpuLabel(label);
  if (!parsed.modelKey) {
    return unknown(label, label.trim() ? 'unrecognised-model' : 'empty-label', label.trim() ? `"${label}" names no GPU model` : 'the GPU label is empty', []);
  }

  const merged = mergeHints(label, parsed, input);
  if ('conflict' in merged) return unknown(label, 'conflicting-hints', merged.conflict, suggest(parsed.modelKey));
  const facts = merged.facts;

  const byModel = catalogIndex.byModelKey(facts.modelKey);
  if (!byModel) {
    return unknown(label, 'unrecognised-model', `"${label}" is not a GPU in the catalog`, suggest(facts.modelKey));
  }

  let candidates: readonly CatalogGpu[] = byModel;
  const used: string[] = ['model'];
  const filters: Array<[string, unknown, (g: CatalogGpu) => boolean, string]> = [
    ['vendor', facts.vendor, (g) => g.vendor === facts.vendor, `vendor ${facts.vendor}`],
    ['interface', facts.interface, (g) => g.interface === facts.interface, `interface ${facts.interface}`],
    ['vram', facts.vramGb, (g) => sameVram(facts.vramGb!, g.vramGb), `${formatGb(facts.vramGb)} GB`],
    ['memory', facts.memoryType, (g) => memoryMatches(facts.memoryType!, g.memoryType), `${facts.memoryType?.toUpperCase()} memory`],
  ];
  for (const [name, value, keep, described] of filters) {
    if (value === undefined) continue;
    const next = candidates.filter(keep);
    if (next.length === 0) {
      const known = candidates.map(describe).join(', ');
      return unknown(
        label,
        'variant-mismatch',
        `"${label}" with ${described} matches no known variant (known: ${known})`,
        candidates.map((g) => g.id),
      );
    }
    candidates = next;
    used.push(name);
  }

  if (candidates.length === 1) return freeze({ status: 'resolved', gpu: candidates[0], via: used.join('+') });

  // The attributes leave several variants, but a product name may still settle it: "H100 PCIe" is the
  // 80 GB PCIe card even though the H100 NVL is PCIe too.
  const aliased = catalogIndex.byAliasFacts(factsKey(facts));
  if (aliased && candidates.includes(aliased)) return freeze({ status: 'resolved', gpu: aliased, via: 'alias' });

  return freeze({
    status: 'ambiguous',
    label,
    family: candidates[0].family,
    candidates: Object.freeze([...candidates]),
    assumed: candidates[0],
    missing: Object.freeze(differingFacts(candidates)),
    via: used.join('+'),
  });
}

function mergeHints(label: string, parsed: ReturnType<typeof parseGpuLabel>, input: GpuLabelInput): { facts: Facts } | { conflict: string } {
  if (parsed.vramConflict) return { conflict: `"${label}" states two different VRAM amounts` };

  const vramHints: Array<[string, number]> = [];
  if (parsed.vramGb !== undefined) vramHints.push(['the label', parsed.vramGb]);
  if (isPositive(input.vramGb)) vramHints.push(['vramGb', input.vramGb]);
  if (isPositive(input.vramMib)) vramHints.push(['vramMib', input.vramMib / 1024]);
  for (const [source, gb] of vramHints.slice(1)) {
    if (!sameVram(gb, vramHints[0][1])) {
      return { conflict: `${vramHints[0][0]} says ${formatGb(vramHints[0][1])} GB but ${source} says ${formatGb(gb)} GB` };
    }
  }

  const hintedInterface = normaliseInterface(input.interface);
  if (parsed.interface && hintedInterface && parsed.interface !== hintedInterface) {
    return { conflict: `the label says ${parsed.interface} but the interface hint says ${hintedInterface}` };
  }
  const hintedVendor = normaliseVendor(input.vendor);
  if (parsed.vendor && hintedVendor && parsed.vendor !== hintedVendor) {
    return { conflict: `the label says ${parsed.vendor} but the vendor hint says ${hintedVendor}` };
  }

  return {
    facts: {
      modelKey: parsed.modelKey,
      vendor: parsed.vendor ?? hintedVendor,
      interface: parsed.interface ?? hintedInterface,
      vramGb: vramHints[0]?.[1],
      memoryType: parsed.memoryType,
    },
  };
}

/** `hbm3` matches `hbm3e`, `gddr6` matches `gddr6x`: labels often drop the suffix, never change the generation. */
function memoryMatches(stated: string, actual: string): boolean {
  return actual.startsWith(stated) || stated.startsWith(actual);
}

function differingFacts(candidates: readonly CatalogGpu[]): GpuVariantFact[] {
  const varies = (pick: (g: CatalogGpu) => unknown) => new Set(candidates.map(pick)).size > 1;
  const missing: GpuVariantFact[] = [];
  if (varies((g) => g.vramGb)) missing.push('vram');
  if (varies((g) => g.interface)) missing.push('interface');
  if (missing.length === 0 && varies((g) => g.memoryType)) missing.push('memory');
  return missing;
}

/** "Did you mean": close typos first (edit distance 1–2), then names the input extends or starts. */
export function suggest(modelKey: string, max = 5): string[] {
  if (!modelKey) return [];
  const limit = modelKey.length <= 4 ? 1 : 2;
  const scored: Array<[number, string]> = [];
  // A known model named inside the label (`rtx4090` in `rtx4090laptop`) is always worth suggesting, even
  // when another card is fewer edits away (`rtx5090laptop`).
  const contained: string[] = [];
  for (const [name, target] of catalogIndex.suggestionVocabulary()) {
    const inside = name.length >= 4 && modelKey.includes(name);
    if (inside) contained.push(target);
    let score = editDistance(modelKey, name, limit);
    if (score > limit) {
      const related = inside || (modelKey.length >= 3 && name.startsWith(modelKey));
      if (!related) continue;
      score = limit + 1;
    }
    scored.push([score, target]);
  }
  if (scored.length === 0) return [];
  // Only the closest tier: `rtx4900` suggests rtx-4090, not every card two edits away.
  const best = Math.min(...scored.map(([score]) => score));
  const closest = scored.filter(([score]) => score === best).map(([, target]) => target);
  return [...new Set([...closest, ...contained])].slice(0, max);
}

function unknown(label: string, reason: UnknownGpuReason, detail: string, suggestions: string[]): GpuResolution {
  return freeze({ status: 'unknown', label, reason, detail, suggestions: Object.freeze(suggestions) });
}

function describe(g: CatalogGpu): string {
  return `${g.id} (${g.vramGb} GB ${g.interface})`;
}

function formatGb(gb: number | undefined): string {
  return gb === undefined ? '?' : String(Math.round(gb * 10) / 10);
}

function isPositive(n: number | undefined): n is number {
  return typeof n === 'number' && Number.isFinite(n) && n > 0;
}

function freeze<T extends GpuResolution>(r: T): T {
  return Object.freeze(r);
}
