// What the coordinator believes about a claimed GPU model: VRAM and peak memory bandwidth from vendor
// datasheets. A measurement faster than the datasheet (plus headroom) or a card with the wrong VRAM is not
// plausible. Unknown models are accepted on VRAM alone and say so.
import type { Measurement } from './challenge';

interface GpuSpec {
  /** Lower-case fragments that identify the model in an nvidia-smi name. */
  match: string[];
  vramGb: number;
  bandwidthGbps: number;
}

// Order matters: more specific names first.
const SPECS: GpuSpec[] = [
  { match: ['h200'], vramGb: 141, bandwidthGbps: 4800 },
  { match: ['h100', 'nvl'], vramGb: 94, bandwidthGbps: 3900 },
  { match: ['h100', 'pcie'], vramGb: 80, bandwidthGbps: 2000 },
  { match: ['h100'], vramGb: 80, bandwidthGbps: 3350 },
  { match: ['a100', '80gb'], vramGb: 80, bandwidthGbps: 2039 },
  { match: ['a100'], vramGb: 40, bandwidthGbps: 1555 },
  { match: ['l40s'], vramGb: 48, bandwidthGbps: 864 },
  { match: ['l40'], vramGb: 48, bandwidthGbps: 864 },
  { match: ['a6000'], vramGb: 48, bandwidthGbps: 768 },
  { match: ['l4'], vramGb: 24, bandwidthGbps: 300 },
  { match: ['a10'], vramGb: 24, bandwidthGbps: 600 },
  { match: ['5090'], vramGb: 32, bandwidthGbps: 1792 },
  { match: ['4090'], vramGb: 24, bandwidthGbps: 1008 },
  { match: ['4080'], vramGb: 16, bandwidthGbps: 717 },
  { match: ['3090'], vramGb: 24, bandwidthGbps: 936 },
  { match: ['3080'], vramGb: 10, bandwidthGbps: 760 },
  { match: ['3060'], vramGb: 12, bandwidthGbps: 360 },
];

const BANDWIDTH_HEADROOM = 1.2;
const VRAM_TOLERANCE = 0.15;
/** Host memory bandwidth a CPU probe may report: anything outside is a made-up number. */
const CPU_GBPS_RANGE: [number, number] = [0.05, 1000];

export function gpuSpecFor(label: string): GpuSpec | undefined {
  const l = label.toLowerCase();
  return SPECS.find((s) => s.match.every((m) => l.includes(m)));
}

export interface ClaimedGpu {
  model: string;
  vramMb: number;
}

export type Plausibility = { ok: true; note: string } | { ok: false; reason: string };

/** Is a claimed inventory itself plausible (VRAM matches the model)? */
export function checkClaim(gpu: ClaimedGpu): Plausibility {
  const spec = gpuSpecFor(gpu.model);
  if (!spec) return { ok: true, note: `unknown model "${gpu.model}": VRAM not checked` };
  const claimedGb = gpu.vramMb / 1024;
  // Some models ship in several sizes (A100 40/80, H100 80/94): accept the datasheet size or larger siblings.
  if (claimedGb < spec.vramGb * (1 - VRAM_TOLERANCE) || claimedGb > spec.vramGb * 2) {
    return { ok: false, reason: `${gpu.model} with ${claimedGb.toFixed(1)} GB VRAM does not match its datasheet (${spec.vramGb} GB)` };
  }
  return { ok: true, note: `${gpu.model}: VRAM matches datasheet` };
}

/** Is a measurement plausible for the GPUs a node claims? */
export function checkMeasurement(claimed: ClaimedGpu[], m: Measurement, acceptCpuProbes: boolean): Plausibility {
  if (m.kind === 'cpu') {
    if (!acceptCpuProbes) return { ok: false, reason: 'only a CPU probe was offered, and this coordinator requires a GPU measurement (NODES_ACCEPT_CPU_PROBES=false)' };
    if (m.memoryGbps < CPU_GBPS_RANGE[0] || m.memoryGbps > CPU_GBPS_RANGE[1]) return { ok: false, reason: `CPU memory bandwidth ${m.memoryGbps} GB/s is implausible` };
    return { ok: true, note: 'CPU probe only: the claimed GPU was not measured' };
  }
  const target = claimed.find((g) => g.model.toLowerCase() === m.device.toLowerCase());
  if (!target) return { ok: false, reason: `probed device "${m.device}" is not one of the claimed GPUs` };
  if (m.memoryMb < target.vramMb * 0.5) return { ok: false, reason: `probe touched ${m.memoryMb} MiB, less than half of the claimed ${target.vramMb} MiB` };
  const spec = gpuSpecFor(target.model);
  if (!spec) return { ok: true, note: `unknown model "${target.model}": bandwidth not checked` };
  if (m.memoryGbps > spec.bandwidthGbps * BANDWIDTH_HEADROOM) {
    return { ok: false, reason: `${m.memoryGbps} GB/s is faster than a ${target.model} can be (${spec.bandwidthGbps} GB/s datasheet)` };
  }
  if (m.memoryGbps < spec.bandwidthGbps * 0.05) {
    return { ok: false, reason: `${m.memoryGbps} GB/s is far below a ${target.model} (${spec.bandwidthGbps} GB/s): a different or shared card?` };
  }
  return { ok: true, note: `${target.model}: bandwidth within datasheet bounds` };
}
