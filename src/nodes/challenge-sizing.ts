// How big a proof-of-GPU challenge is and how long the claimed GPUs get for it (pure). The size follows
// the claimed VRAM, the number of rounds and the deadline follow the claimed compute, both from the catalog.
import type { CatalogGpu } from '../catalog/gpu-catalog.data';
import { gpuForOffer, resolveGpuLabel } from '../catalog/gpu-resolver';
import { MAX_EXACT_SIZE } from './protocol/gpu-work';

export interface ChallengeTuning {
  /** Share of the claimed VRAM the fp16 working set (A, B in fp16, C in fp32: 8·n² bytes) should fill. */
  vramFraction: number;
  /** Work per GPU, in seconds at the claimed model's exact-arithmetic peak. */
  workMs: number;
  /** The share of that peak an honest prover is assumed to reach at least; the deadline allows for it. */
  efficiency: number;
  /** Added to every deadline: network round trips and the prover's hashing. */
  slackMs: number;
  maxSize: number;
  maxRounds: number;
}

export interface ChallengePlan {
  profile: 'gpu' | 'simulated-demo';
  size: number;
  rounds: number;
  /** Time from issue to the commit deadline. */
  deadlineMs: number;
  /** The fp16 working set per GPU, MiB. */
  workingSetMb: number;
  /** One line for the operator: what the claimed GPU must do. */
  basis: string;
}

export type ClaimCheck = { ok: true; gpu: CatalogGpu } | { ok: false; reason: string };

/** The catalog GPU a claimed device is, or why it cannot be accepted (unknown model, VRAM off the datasheet). */
export function catalogGpuFor(claim: { model: string; vramMb: number }): ClaimCheck {
  const resolution = resolveGpuLabel({ label: claim.model, vramMib: claim.vramMb });
  const found = gpuForOffer(resolution);
  if (!found) {
    const detail = resolution.status === 'unknown' ? resolution.detail : 'not in the catalog';
    return { ok: false, reason: `"${claim.model}" with ${claim.vramMb} MiB: ${detail}` };
  }
  // The resolver snaps VRAM to a variant with some tolerance; hold the claim to the datasheet size too.
  const datasheetMb = found.gpu.vramGb * 1024;
  if (claim.vramMb < datasheetMb * 0.85 || claim.vramMb > datasheetMb * 1.1) {
    return { ok: false, reason: `"${claim.model}" with ${claim.vramMb} MiB is outside the catalog's ${found.gpu.vramGb} GB for ${found.gpu.name}` };
  }
  if (!found.gpu.fp16Tflops) return { ok: false, reason: `${found.gpu.name} has no compute figure in the catalog, so no challenge can be sized for it` };
  return { ok: true, gpu: found.gpu };
}

/**
 * The fastest exact arithmetic a model offers for these entries, in tera-ops per second (dense).
 * Entries in [-16, 15] fit int8, and int8 tensor cores run at twice the dense fp16 rate on data-centre and
 * workstation parts, and at four times the catalog's fp16 figure on GeForce cards (whose catalog figure is
 * the half-rate fp32-accumulate one). Volta has no int8 tensor cores. The deadline must assume the fastest
 * path, or a smaller card using int8 would beat a claimed card using fp16.
 */
export function exactPeakTops(gpu: CatalogGpu): number {
  const fp16 = gpu.fp16Tflops ?? 0;
  if (gpu.architecture === 'volta') return fp16;
  return gpu.tier === 'consumer' ? 4 * fp16 : 2 * fp16;
}

const MiB = 1024 * 1024;

export function planGpuChallenge(gpus: CatalogGpu[], claimedVramMb: number[], tuning: ChallengeTuning): ChallengePlan {
  // A node with several models is challenged at its weakest: the smallest VRAM and the slowest peak.
  const vramBytes = Math.min(...claimedVramMb) * MiB;
  const weakest = gpus.reduce((a, b) => (exactPeakTops(a) <= exactPeakTops(b) ? a : b));
  const peak = exactPeakTops(weakest) * 1e12;
  const fit = Math.floor(Math.sqrt((tuning.vramFraction * vramBytes) / 8) / 1024) * 1024;
  const size = Math.max(Math.min(8, tuning.maxSize), Math.min(fit, MAX_EXACT_SIZE, tuning.maxSize));
  const opsPerRound = 2 * size ** 3;
  const rounds = Math.max(1, Math.min(tuning.maxRounds, Math.ceil(((tuning.workMs / 1000) * peak) / opsPerRound)));
  const computeMs = Math.ceil(((rounds * opsPerRound) / (tuning.efficiency * peak)) * 1000);
  return {
    profile: 'gpu',
    size,
    rounds,
    deadlineMs: tuning.slackMs + computeMs,
    workingSetMb: Math.ceil((8 * size * size) / MiB),
    basis: `${weakest.name}: ${exactPeakTops(weakest)} dense exact TOPS; ${rounds} × ${size}² products in ${computeMs} ms at ${Math.round(tuning.efficiency * 100)}% of peak, plus ${tuning.slackMs} ms slack`,
  };
}

/** The built-in demo agents' challenge: a CPU does it in milliseconds. Only for nodes enrolled as simulated. */
export function planSimulatedChallenge(tuning: Pick<ChallengeTuning, 'slackMs'>): ChallengePlan {
  return {
    profile: 'simulated-demo',
    size: 32,
    rounds: 1,
    deadlineMs: tuning.slackMs + 5_000,
    workingSetMb: 1,
    basis: 'simulated demo agent: CPU-sized work, meaningful only while the network is simulated',
  };
}
