import { Injectable } from '@nestjs/common';
import { type CatalogGpu, GPU_CATALOG } from './gpu-catalog.data';
import { catalogIndex, type GpuFamily } from './gpu-catalog.index';
import { type GpuLabelInput, type GpuResolution, resolveGpuLabel } from './gpu-resolver';
import { type GpuRequirementResolution, resolveGpuRequirement } from './gpu-requirement';

/** The catalog for Nest consumers. A thin wrapper: the logic is in the pure functions it calls. */
@Injectable()
export class GpuCatalogService {
  all(): readonly CatalogGpu[] {
    return GPU_CATALOG;
  }

  byId(id: string): CatalogGpu | undefined {
    return catalogIndex.byId(id);
  }

  families(): GpuFamily[] {
    return catalogIndex.families();
  }

  /** Canonical ids for a mix of ids and family ids (as in suggestions), deduplicated. */
  idsFor(names: readonly string[]): string[] {
    const ids = names.flatMap((n) => catalogIndex.family(n)?.variants.map((g) => g.id) ?? (catalogIndex.byId(n) ? [n] : []));
    return [...new Set(ids)];
  }

  resolveLabel(input: GpuLabelInput): GpuResolution {
    return resolveGpuLabel(input);
  }

  resolveRequirement(models: readonly string[]): GpuRequirementResolution {
    return resolveGpuRequirement(models);
  }
}
