// Bacalhau reports GPU memory in MiB as nvidia-smi sees it: usable memory after the driver's reserve,
// a little under the marketed size (H100 80GB → 81559 MiB, L40S 48GB → 46068 MiB). Offers carry the
// marketed size, which is what users ask for and what the GPU catalog matches on.

/** Marketed per-GPU memory sizes in GB across current data-centre and workstation GPUs. */
const MARKETED_GB = [4, 6, 8, 10, 11, 12, 16, 20, 24, 32, 40, 48, 64, 80, 94, 96, 128, 141, 180, 192, 288];
/** Snap only when the reported size is within this fraction below/above a marketed size. */
const SNAP_TOLERANCE = 0.07;

/**
 * GiB = MiB / 1024, then snapped up or down to the nearest marketed size within 7 %, otherwise rounded
 * to a whole GB: 81559 → 80, 46068 → 48, 24564 → 24, 40960 → 40, 30000 → 29.
 */
export function vramGbFromMiB(mib: number): number {
  const gib = mib / 1024;
  let best: number | undefined;
  for (const size of MARKETED_GB) {
    if (Math.abs(gib - size) / size <= SNAP_TOLERANCE && (best === undefined || Math.abs(gib - size) < Math.abs(gib - best))) best = size;
  }
  return best ?? Math.round(gib);
}
