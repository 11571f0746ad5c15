// Turns a network's free-form GPU label into comparable facts: a compact model key plus the VRAM,
// interface, memory type and vendor the label states. Pure string work; the catalog lookup lives in
// gpu-resolver.ts.
import type { GpuInterface, GpuVendor } from './gpu-catalog.data';

export interface ParsedGpuLabel {
  /** The model with vendor words, VRAM, interface and memory tokens removed, compacted: `h100`, `rtx4090`. */
  modelKey: string;
  /** VRAM the label states, in GB (MiB converted; Gi and GB both read as the nominal figure). */
  vramGb?: number;
  interface?: GpuInterface;
  /** `hbm3`, `hbm2e`, `gddr6x`… */
  memoryType?: string;
  /** Vendor implied by words such as NVIDIA, GeForce, Tesla, AMD, Instinct. */
  vendor?: GpuVendor;
  /** The label states two VRAM amounts that disagree (`H100 80GB 48GB`). */
  vramConflict?: boolean;
}

/**
 * Two VRAM figures name the same card when within 7.5 %: covers GiB vs GB (7.4 %), usable vs nominal
 * (81559 MiB for "80GB") and the B200's "192GB" vs 180 GB. No two variants of a model are this close.
 */
export const VRAM_TOLERANCE = 0.075;

export function sameVram(a: number, nominal: number): boolean {
  return Math.abs(a - nominal) <= nominal * VRAM_TOLERANCE;
}

const VENDOR_WORDS: Record<string, GpuVendor> = {
  nvidia: 'nvidia',
  geforce: 'nvidia',
  tesla: 'nvidia',
  amd: 'amd',
  ati: 'amd',
  instinct: 'amd',
  radeon: 'amd',
};

// Words that never tell two GPUs apart. Akash attribute paths (`vendor/nvidia/model/h100/ram/80Gi`)
// and marketing suffixes ("Ada Generation", "Tensor Core GPU") reduce to the model this way.
// Words that DO matter ("laptop", "ti", "super", "max-q") are kept so they never vanish silently.
const NOISE_WORDS = new Set([
  'gpu',
  'graphics',
  'card',
  'tensor',
  'core',
  'generation',
  'founders',
  'edition',
  'vendor',
  'model',
  'ram',
  'memory',
  'interface',
  'capabilities',
  'x16',
  'pci',
  'express',
]);

// A number with a memory unit, not glued to a preceding letter (so `a10g` stays a model name).
const VRAM_SOURCE = String.raw`(?<![a-z0-9.])(\d+(?:\.\d+)?)\s*(gib|gi|gb|g|mib|mi|mb|tib|tb)(?![a-z0-9])`;
const VRAM_RE = new RegExp(VRAM_SOURCE);
const VRAM_ALL_RE = new RegExp(VRAM_SOURCE, 'g');
const INTERFACE_RE = /(?<![a-z0-9])(sxm\d?|pcie|pci e|oam)(?![a-z])/;
// ASCII and Unicode dashes (io.net's docs write `A100‑80GB` with a non-breaking hyphen).
const DASHES = /[-\u2010-\u2015\u2212]/g;
const PCIE_GEN_RE = /(?<![a-z0-9])gen\s?\d(?![0-9])/g;
const MEMORY_TYPE_RE = /(?<![a-z0-9])(hbm\d?e?|gddr\d?x?)(?![a-z0-9])/;

/** Reads a VRAM amount such as `80Gi`, `24GB`, `81559 MiB`, `81559MiB` into GB. */
export function parseVramGb(text: string): number | undefined {
  const m = VRAM_RE.exec(text.toLowerCase());
  return m ? toGb(Number(m[1]), m[2]) : undefined;
}

function toGb(amount: number, unit: string): number | undefined {
  if (!Number.isFinite(amount) || amount <= 0) return undefined;
  // nvidia-smi, Bacalhau and k8s all mean binary units; GPU marketing "80GB" is the same nominal figure.
  if (unit === 'mib' || unit === 'mi' || unit === 'mb') return amount / 1024;
  if (unit === 'tib' || unit === 'tb') return amount * 1024;
  return amount;
}

/** `SXM5`, `sxm`, `SXM4` → `sxm`; `PCIe`, `pcie` → `pcie`; `OAM` → `oam`; anything else → undefined. */
export function normaliseInterface(value: string | undefined): GpuInterface | undefined {
  if (!value) return undefined;
  const v = value.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (v.startsWith('sxm')) return 'sxm';
  if (v.startsWith('pci')) return 'pcie';
  if (v === 'oam') return 'oam';
  return undefined;
}

/** `NVIDIA` → `nvidia`; Bacalhau's `AMD/ATI` → `amd`; unknown vendors come back lower-cased as-is. */
export function normaliseVendor(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const words = value
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  for (const w of words) {
    const vendor = VENDOR_WORDS[w];
    if (vendor) return vendor;
  }
  return words.join('-') || undefined;
}

export function parseGpuLabel(label: string): ParsedGpuLabel {
  let s = ` ${label
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[_/,;:()[\]{}"'|+]+/g, ' ')
    .replace(DASHES, ' ')} `;
  const out: ParsedGpuLabel = { modelKey: '' };

  // Every VRAM token is removed from the model; the first is kept, a disagreeing second is flagged.
  s = s.replace(VRAM_ALL_RE, (_match, amount: string, unit: string) => {
    const gb = toGb(Number(amount), unit);
    if (gb !== undefined) {
      if (out.vramGb === undefined) out.vramGb = gb;
      else if (!sameVram(gb, out.vramGb)) out.vramConflict = true;
    }
    return ' ';
  });
  const iface = INTERFACE_RE.exec(s);
  if (iface) {
    out.interface = normaliseInterface(iface[1]);
    s = s.replace(iface[0], ' ');
  }
  s = s.replace(PCIE_GEN_RE, ' ');
  const memory = MEMORY_TYPE_RE.exec(s);
  if (memory) {
    out.memoryType = memory[1];
    s = s.replace(memory[0], ' ');
  }

  const kept: string[] = [];
  for (const word of s.split(/[\s.]+/)) {
    if (!word) continue;
    const vendor = VENDOR_WORDS[word];
    if (vendor) {
      out.vendor ??= vendor;
      continue;
    }
    if (!NOISE_WORDS.has(word)) kept.push(word);
  }
  out.modelKey = kept.join('');
  return out;
}

/** The compact form used to compare model and family names: `RTX-4090` → `rtx4090`. */
export function compactName(name: string): string {
  return parseGpuLabel(name).modelKey;
}
