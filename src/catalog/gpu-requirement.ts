// Reads `resources.gpu.models` from a job spec into canonical ids. A user may write canonical ids
// (`nvidia-h100-sxm-80gb`), families (`h100`: every H100 variant) or everyday spellings (`H100`,
// `a100-80gb`, `A100 80GB`, `rtx4090`, `RTX 4090`, `4090`). A spelling that fits several variants
// (`a100-80gb`: SXM and PCIe) accepts all of them: for a requirement, "any of these" is what the user
// asked. Anything unrecognised fails the whole requirement with suggestions, rather than being dropped.
import { catalogIndex } from './gpu-catalog.index';
import { compactName } from './gpu-label';
import { resolveGpuLabel, suggest } from './gpu-resolver';

export interface GpuRequirementEntry {
  input: string;
  ids: string[];
  /** How the input was read: a canonical id, a whole family, a label naming one or more variants, or a vendor (every GPU of it). */
  matchedAs: 'id' | 'family' | 'label' | 'vendor';
}

export type GpuRequirementResolution =
  | {
      ok: true;
      /** Canonical ids, deduplicated, in the order first asked for. Empty when `models` was empty: any GPU. */
      ids: string[];
      /** The families those ids belong to, deduplicated. */
      families: string[];
      /** What each input was understood as, for the "spec as Switchyard understood it" in responses. */
      entries: GpuRequirementEntry[];
    }
  | { ok: false; unknown: Array<{ input: string; suggestions: string[] }> };

export function resolveGpuRequirement(models: readonly string[]): GpuRequirementResolution {
  const entries: GpuRequirementEntry[] = [];
  const unknown: Array<{ input: string; suggestions: string[] }> = [];

  for (const input of models) {
    const entry = readModel(input);
    if ('suggestions' in entry) unknown.push(entry);
    else entries.push(entry);
  }
  if (unknown.length > 0) return { ok: false, unknown };

  const ids = [...new Set(entries.flatMap((e) => e.ids))];
  const families = [...new Set(ids.map((id) => catalogIndex.byId(id)!.family))];
  return { ok: true, ids, families, entries };
}

function readModel(input: string): GpuRequirementEntry | { input: string; suggestions: string[] } {
  const text = typeof input === 'string' ? input.trim() : '';
  if (!text) return { input, suggestions: [] };

  const exact = catalogIndex.byId(text.toLowerCase());
  if (exact) return { input, ids: [exact.id], matchedAs: 'id' };

  // `nvidia`: any GPU of that vendor (an Akash SDL's vendor with no model list), never another vendor's.
  const vendor = text.toLowerCase();
  const ofVendor = catalogIndex
    .families()
    .filter((f) => f.vendor === vendor)
    .flatMap((f) => f.variants.map((g) => g.id));
  if (ofVendor.length > 0) return { input, ids: ofVendor, matchedAs: 'vendor' };

  // `h100`, `H100`, `rtx-4090`, `RTX 4090`, `NVIDIA H100`: the whole family. A spelling with any variant
  // fact in it (`h100 sxm`, `a100 80gb`) is read as a label below instead.
  const family = catalogIndex.family(text.toLowerCase()) ?? catalogIndex.familyByCompact(compactName(text));
  if (family && !/\d\s*(gb|gi|g|mib)\b|sxm|pci|oam|hbm|gddr/i.test(text)) {
    return { input, ids: family.variants.map((g) => g.id), matchedAs: 'family' };
  }

  const resolution = resolveGpuLabel({ label: text });
  if (resolution.status === 'resolved') return { input, ids: [resolution.gpu.id], matchedAs: 'label' };
  if (resolution.status === 'ambiguous') return { input, ids: resolution.candidates.map((g) => g.id), matchedAs: 'label' };
  return { input, suggestions: resolution.suggestions.length ? [...resolution.suggestions] : suggest(compactName(text)) };
}
