import { gpuForOffer, resolveGpuLabel } from '../catalog/gpu-resolver';
import type { GpuResolver } from './snapshot-check';

/** The pool's view of the catalog: a resolved (or flagged, assumed) canonical GPU, or the reason it is unknown. */
export const catalogGpuResolver: GpuResolver = (gpu) => {
  const resolution = resolveGpuLabel({ label: gpu.label, vramGb: gpu.vramGb, interface: gpu.interface, vendor: gpu.vendor });
  const picked = gpuForOffer(resolution);
  if (!picked) {
    const r = resolution as { detail?: string; suggestions?: readonly string[] };
    const hint = r.suggestions?.length ? ` (did you mean ${r.suggestions.slice(0, 3).join(', ')}?)` : '';
    return { ok: false, reason: `unknown GPU "${gpu.label}": ${r.detail ?? 'not in the catalog'}${hint}` };
  }
  return { ok: true, id: picked.gpu.id, family: picked.gpu.family, vramGb: picked.gpu.vramGb, octaneBench: picked.gpu.octaneBench };
};
