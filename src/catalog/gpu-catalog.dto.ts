import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CatalogGpu } from './gpu-catalog.data';
import { resolveGpuLabel } from './gpu-resolver';

/** One canonical GPU as `GET /v1/gpus` shows it. Field names are public API: extend, never rename. */
export class GpuCatalogEntryDto {
  @ApiProperty({ example: 'nvidia-h100-sxm-80gb', description: 'Canonical id; use it in resources.gpu.models.' })
  id!: string;

  @ApiProperty({ enum: ['nvidia', 'amd'] })
  vendor!: string;

  @ApiProperty({ example: 'h100', description: 'Family id; in resources.gpu.models it means every variant.' })
  family!: string;

  @ApiProperty({ example: 'NVIDIA H100 SXM 80GB' })
  name!: string;

  @ApiProperty({ example: 80 })
  vramGb!: number;

  @ApiProperty({ example: 'hbm3' })
  memoryType!: string;

  @ApiProperty({ enum: ['sxm', 'pcie', 'oam'] })
  interface!: string;

  @ApiProperty({ example: 'hopper' })
  architecture!: string;

  @ApiProperty({ enum: ['datacenter', 'workstation', 'consumer'] })
  tier!: string;

  @ApiPropertyOptional({ description: 'Approximate dense FP16 tensor peak (TFLOPS); GeForce: FP32 accumulate.' })
  fp16Tflops?: number;

  @ApiPropertyOptional({ description: 'Approximate dense BF16 tensor peak (TFLOPS).' })
  bf16Tflops?: number;

  @ApiPropertyOptional({ description: 'Approximate OctaneBench 2020.1 score; used to price Render work (OBh).' })
  octaneBench?: number;

  @ApiProperty({ type: [String], description: 'Other names that resolve to exactly this GPU.' })
  aliases!: string[];

  @ApiPropertyOptional({
    type: [String],
    description: 'Where a network or the public SDL collection asks for this model (repository@commit:path); set on models added for that reason.',
  })
  seenIn?: string[];
}

const entries = new WeakMap<CatalogGpu, GpuCatalogEntryDto>();

export function toGpuCatalogEntry(gpu: CatalogGpu): GpuCatalogEntryDto {
  const cached = entries.get(gpu);
  if (cached) return cached;
  // Model spellings count as aliases only when they name this variant alone ("RTX 4090", not "H100").
  const aliases = [...new Set([...gpu.models, ...gpu.aliases])].filter((name) => {
    const r = resolveGpuLabel({ label: name });
    return r.status === 'resolved' && r.gpu === gpu;
  });
  const entry: GpuCatalogEntryDto = {
    id: gpu.id,
    vendor: gpu.vendor,
    family: gpu.family,
    name: gpu.name,
    vramGb: gpu.vramGb,
    memoryType: gpu.memoryType,
    interface: gpu.interface,
    architecture: gpu.architecture,
    tier: gpu.tier,
    fp16Tflops: gpu.fp16Tflops,
    bf16Tflops: gpu.bf16Tflops,
    octaneBench: gpu.octaneBench,
    aliases,
    ...(gpu.seenIn ? { seenIn: [...gpu.seenIn] } : {}),
  };
  entries.set(gpu, Object.freeze(entry) as GpuCatalogEntryDto);
  return entry;
}
