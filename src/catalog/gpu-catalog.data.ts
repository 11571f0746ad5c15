// Canonical GPU identities. Every network label is mapped onto one of these (gpu-resolver.ts), so the
// pool, the router and the price comparison group offers by the same (model, VRAM, interface).
//
// Performance figures are approximate public peak numbers, kept only where we are reasonably sure:
// - fp16Tflops / bf16Tflops: dense (no sparsity) tensor-core peak from the vendor datasheet or
//   architecture whitepaper. For GeForce cards this is the FP16-with-FP32-accumulate figure (half the
//   FP16-accumulate figure), the one comparable with datacenter numbers. Undefined where the format is
//   not supported in tensor cores (BF16 on Volta/Turing) or where we have no trustworthy figure.
// - octaneBench: OctaneBench 2020.1 (RTX on) single-GPU averages as published on render.otoy.com,
//   rounded. They move with drivers and clocks; used only to estimate Render OBh prices.
// Ordering matters: within a family, the FIRST entry is the most common variant in rental markets and
// is the one `resolveGpuLabel` assumes when a label names only the family (status 'ambiguous').

// The added network models import only types from this file, so there is no runtime cycle.
import { NETWORK_MODEL_GPUS } from './gpu-catalog.network-models.data';

export type GpuVendor = 'nvidia' | 'amd';
export type GpuInterface = 'sxm' | 'pcie' | 'oam';
export type GpuTier = 'datacenter' | 'workstation' | 'consumer';
export type GpuArchitecture =
  'blackwell' | 'hopper' | 'ada-lovelace' | 'ampere' | 'turing' | 'volta' | 'pascal' | 'maxwell' | 'kepler' | 'cdna3' | 'cdna' | 'gcn5';

export interface CatalogGpu {
  /** Kebab-case canonical id: `<vendor>-<model>[-<interface>]-<vram>gb`. Part of the public API. */
  readonly id: string;
  readonly vendor: GpuVendor;
  /** Groups the variants of one model (`h100` covers SXM, PCIe and NVL). Part of the public API. */
  readonly family: string;
  readonly name: string;
  readonly vramGb: number;
  /** Lower-case memory technology (`hbm3`, `gddr6x`); some labels use it to tell variants apart. */
  readonly memoryType: string;
  readonly interface: GpuInterface;
  readonly architecture: GpuArchitecture;
  readonly tier: GpuTier;
  readonly fp16Tflops?: number;
  readonly bf16Tflops?: number;
  readonly octaneBench?: number;
  /** Model spellings this variant shares with its siblings (`H100`); alone they may be ambiguous. */
  readonly models: readonly string[];
  /** Names that identify exactly this variant (nvidia-smi names, network labels). */
  readonly aliases: readonly string[];
  /** Where a network or the public SDL collection asks for it (repository@commit:path), for the added models. */
  readonly seenIn?: readonly string[];
}

type Gpu = CatalogGpu;

const blackwellHopper: Gpu[] = [
  {
    id: 'nvidia-b200-sxm-180gb',
    vendor: 'nvidia',
    family: 'b200',
    name: 'NVIDIA B200 SXM 180GB',
    // Sold as "192GB"; DGX/HGX B200 expose ~180 GB per GPU (nvidia-smi 183359 MiB). Both snap here.
    vramGb: 180,
    memoryType: 'hbm3e',
    interface: 'sxm',
    architecture: 'blackwell',
    tier: 'datacenter',
    fp16Tflops: 2250,
    bf16Tflops: 2250, // HGX B200 datasheet, dense (4.5 PF with sparsity); approximate
    models: ['B200'],
    aliases: ['B200 192GB'],
  },
  {
    id: 'nvidia-h200-sxm-141gb',
    vendor: 'nvidia',
    family: 'h200',
    name: 'NVIDIA H200 SXM 141GB',
    vramGb: 141,
    memoryType: 'hbm3e',
    interface: 'sxm',
    architecture: 'hopper',
    tier: 'datacenter',
    fp16Tflops: 989,
    bf16Tflops: 989, // datasheet 1,979 with sparsity
    models: ['H200'],
    aliases: ['H200 SXM', 'H200 SXM5'],
  },
  {
    id: 'nvidia-h200-nvl-141gb',
    vendor: 'nvidia',
    family: 'h200',
    name: 'NVIDIA H200 NVL 141GB',
    vramGb: 141,
    memoryType: 'hbm3e',
    interface: 'pcie',
    architecture: 'hopper',
    tier: 'datacenter',
    fp16Tflops: 835,
    bf16Tflops: 835, // datasheet 1,671 with sparsity; approximate
    models: ['H200', 'H200 NVL'],
    aliases: [],
  },
  {
    id: 'nvidia-h100-sxm-80gb',
    vendor: 'nvidia',
    family: 'h100',
    name: 'NVIDIA H100 SXM 80GB',
    vramGb: 80,
    memoryType: 'hbm3',
    interface: 'sxm',
    architecture: 'hopper',
    tier: 'datacenter',
    fp16Tflops: 989,
    bf16Tflops: 989, // datasheet 1,979 with sparsity
    // "NVIDIA H100 80GB HBM3" is what nvidia-smi (and so Bacalhau, io.net) reports for the SXM5 part.
    models: ['H100'],
    aliases: ['NVIDIA H100 80GB HBM3', 'H100 SXM', 'H100 SXM5'],
  },
  {
    id: 'nvidia-h100-pcie-80gb',
    vendor: 'nvidia',
    family: 'h100',
    name: 'NVIDIA H100 PCIe 80GB',
    vramGb: 80,
    memoryType: 'hbm2e',
    interface: 'pcie',
    architecture: 'hopper',
    tier: 'datacenter',
    fp16Tflops: 756,
    bf16Tflops: 756, // datasheet 1,513 with sparsity
    models: ['H100'],
    aliases: ['NVIDIA H100 PCIe', 'H100 PCIe'],
  },
  {
    id: 'nvidia-h100-nvl-94gb',
    vendor: 'nvidia',
    family: 'h100',
    name: 'NVIDIA H100 NVL 94GB',
    vramGb: 94,
    memoryType: 'hbm3',
    interface: 'pcie',
    architecture: 'hopper',
    tier: 'datacenter',
    fp16Tflops: 835,
    bf16Tflops: 835, // 2024 datasheet 1,671 with sparsity; approximate
    models: ['H100', 'H100 NVL'],
    aliases: [],
  },
];

const ampereDatacenter: Gpu[] = [
  {
    id: 'nvidia-a100-sxm-80gb',
    vendor: 'nvidia',
    family: 'a100',
    name: 'NVIDIA A100 SXM 80GB',
    vramGb: 80,
    memoryType: 'hbm2e',
    interface: 'sxm',
    architecture: 'ampere',
    tier: 'datacenter',
    fp16Tflops: 312,
    bf16Tflops: 312, // datasheet 624 with sparsity
    models: ['A100'],
    aliases: ['NVIDIA A100-SXM4-80GB'],
  },
  {
    id: 'nvidia-a100-pcie-80gb',
    vendor: 'nvidia',
    family: 'a100',
    name: 'NVIDIA A100 PCIe 80GB',
    vramGb: 80,
    memoryType: 'hbm2e',
    interface: 'pcie',
    architecture: 'ampere',
    tier: 'datacenter',
    fp16Tflops: 312,
    bf16Tflops: 312,
    models: ['A100'],
    aliases: ['NVIDIA A100 80GB PCIe'],
  },
  {
    id: 'nvidia-a100-sxm-40gb',
    vendor: 'nvidia',
    family: 'a100',
    name: 'NVIDIA A100 SXM 40GB',
    vramGb: 40,
    memoryType: 'hbm2',
    interface: 'sxm',
    architecture: 'ampere',
    tier: 'datacenter',
    fp16Tflops: 312,
    bf16Tflops: 312,
    models: ['A100'],
    aliases: ['NVIDIA A100-SXM4-40GB'],
  },
  {
    id: 'nvidia-a100-pcie-40gb',
    vendor: 'nvidia',
    family: 'a100',
    name: 'NVIDIA A100 PCIe 40GB',
    vramGb: 40,
    memoryType: 'hbm2',
    interface: 'pcie',
    architecture: 'ampere',
    tier: 'datacenter',
    fp16Tflops: 312,
    bf16Tflops: 312,
    models: ['A100'],
    aliases: ['NVIDIA A100-PCIE-40GB'],
  },
  {
    id: 'nvidia-a40-48gb',
    vendor: 'nvidia',
    family: 'a40',
    name: 'NVIDIA A40 48GB',
    vramGb: 48,
    memoryType: 'gddr6',
    interface: 'pcie',
    architecture: 'ampere',
    tier: 'datacenter',
    fp16Tflops: 149.7,
    bf16Tflops: 149.7, // datasheet 299.4 with sparsity
    models: ['A40'],
    aliases: [],
  },
  {
    id: 'nvidia-a10-24gb',
    vendor: 'nvidia',
    family: 'a10',
    name: 'NVIDIA A10 24GB',
    vramGb: 24,
    memoryType: 'gddr6',
    interface: 'pcie',
    architecture: 'ampere',
    tier: 'datacenter',
    fp16Tflops: 125,
    bf16Tflops: 125, // datasheet 250 with sparsity
    models: ['A10'],
    aliases: [],
  },
  {
    // AWS's variant of the A10 (g5 instances); NVIDIA publishes no datasheet, so no figures.
    id: 'nvidia-a10g-24gb',
    vendor: 'nvidia',
    family: 'a10g',
    name: 'NVIDIA A10G 24GB',
    vramGb: 24,
    memoryType: 'gddr6',
    interface: 'pcie',
    architecture: 'ampere',
    tier: 'datacenter',
    models: ['A10G'],
    aliases: [],
  },
];

const adaDatacenter: Gpu[] = [
  {
    id: 'nvidia-l40s-48gb',
    vendor: 'nvidia',
    family: 'l40s',
    name: 'NVIDIA L40S 48GB',
    vramGb: 48,
    memoryType: 'gddr6',
    interface: 'pcie',
    architecture: 'ada-lovelace',
    tier: 'datacenter',
    fp16Tflops: 362,
    bf16Tflops: 362, // datasheet 733 with sparsity
    models: ['L40S'],
    aliases: [],
  },
  {
    id: 'nvidia-l40-48gb',
    vendor: 'nvidia',
    family: 'l40',
    name: 'NVIDIA L40 48GB',
    vramGb: 48,
    memoryType: 'gddr6',
    interface: 'pcie',
    architecture: 'ada-lovelace',
    tier: 'datacenter',
    fp16Tflops: 181,
    bf16Tflops: 181, // datasheet 362 with sparsity
    models: ['L40'],
    aliases: [],
  },
  {
    id: 'nvidia-l4-24gb',
    vendor: 'nvidia',
    family: 'l4',
    name: 'NVIDIA L4 24GB',
    vramGb: 24,
    memoryType: 'gddr6',
    interface: 'pcie',
    architecture: 'ada-lovelace',
    tier: 'datacenter',
    fp16Tflops: 121,
    bf16Tflops: 121, // datasheet 242 with sparsity
    models: ['L4'],
    aliases: [],
  },
];

const olderDatacenter: Gpu[] = [
  {
    id: 'nvidia-t4-16gb',
    vendor: 'nvidia',
    family: 't4',
    name: 'NVIDIA T4 16GB',
    vramGb: 16,
    memoryType: 'gddr6',
    interface: 'pcie',
    architecture: 'turing',
    tier: 'datacenter',
    fp16Tflops: 65, // datasheet "mixed precision"; Turing has no BF16
    models: ['T4'],
    aliases: [],
  },
  {
    id: 'nvidia-v100-sxm-16gb',
    vendor: 'nvidia',
    family: 'v100',
    name: 'NVIDIA V100 SXM2 16GB',
    vramGb: 16,
    memoryType: 'hbm2',
    interface: 'sxm',
    architecture: 'volta',
    tier: 'datacenter',
    fp16Tflops: 125, // datasheet tensor performance; Volta has no BF16
    models: ['V100'],
    aliases: ['Tesla V100-SXM2-16GB'],
  },
  {
    id: 'nvidia-v100-sxm-32gb',
    vendor: 'nvidia',
    family: 'v100',
    name: 'NVIDIA V100 SXM2 32GB',
    vramGb: 32,
    memoryType: 'hbm2',
    interface: 'sxm',
    architecture: 'volta',
    tier: 'datacenter',
    fp16Tflops: 125,
    models: ['V100'],
    aliases: ['Tesla V100-SXM2-32GB'],
  },
  {
    id: 'nvidia-v100-pcie-16gb',
    vendor: 'nvidia',
    family: 'v100',
    name: 'NVIDIA V100 PCIe 16GB',
    vramGb: 16,
    memoryType: 'hbm2',
    interface: 'pcie',
    architecture: 'volta',
    tier: 'datacenter',
    fp16Tflops: 112,
    models: ['V100'],
    aliases: ['Tesla V100-PCIE-16GB'],
  },
  {
    id: 'nvidia-v100-pcie-32gb',
    vendor: 'nvidia',
    family: 'v100',
    name: 'NVIDIA V100 PCIe 32GB',
    vramGb: 32,
    memoryType: 'hbm2',
    interface: 'pcie',
    architecture: 'volta',
    tier: 'datacenter',
    fp16Tflops: 112,
    models: ['V100'],
    aliases: ['Tesla V100-PCIE-32GB'],
  },
];

const workstation: Gpu[] = [
  {
    id: 'nvidia-rtx-6000-ada-48gb',
    vendor: 'nvidia',
    family: 'rtx-6000-ada',
    name: 'NVIDIA RTX 6000 Ada 48GB',
    vramGb: 48,
    memoryType: 'gddr6',
    interface: 'pcie',
    architecture: 'ada-lovelace',
    tier: 'workstation',
    fp16Tflops: 364,
    bf16Tflops: 364, // derived from datasheet 728 with sparsity; approximate
    // "RTX 6000" alone is absent: it names the 2018 Quadro RTX 6000 (Turing, 24 GB), Akash's `rtx6000`.
    models: ['RTX 6000 Ada', '6000 Ada'],
    aliases: ['NVIDIA RTX 6000 Ada Generation'],
  },
  {
    id: 'nvidia-rtx-a6000-48gb',
    vendor: 'nvidia',
    family: 'rtx-a6000',
    name: 'NVIDIA RTX A6000 48GB',
    vramGb: 48,
    memoryType: 'gddr6',
    interface: 'pcie',
    architecture: 'ampere',
    tier: 'workstation',
    fp16Tflops: 154.8,
    bf16Tflops: 154.8, // GA102 whitepaper 309.7 with sparsity
    models: ['RTX A6000', 'A6000'],
    aliases: [],
  },
  {
    id: 'nvidia-rtx-a5000-24gb',
    vendor: 'nvidia',
    family: 'rtx-a5000',
    name: 'NVIDIA RTX A5000 24GB',
    vramGb: 24,
    memoryType: 'gddr6',
    interface: 'pcie',
    architecture: 'ampere',
    tier: 'workstation',
    fp16Tflops: 111.1,
    bf16Tflops: 111.1, // datasheet 222.2 with sparsity
    models: ['RTX A5000', 'A5000'],
    aliases: [],
  },
  {
    id: 'nvidia-rtx-a4000-16gb',
    vendor: 'nvidia',
    family: 'rtx-a4000',
    name: 'NVIDIA RTX A4000 16GB',
    vramGb: 16,
    memoryType: 'gddr6',
    interface: 'pcie',
    architecture: 'ampere',
    tier: 'workstation',
    fp16Tflops: 76.7,
    bf16Tflops: 76.7, // datasheet 153.4 with sparsity
    models: ['RTX A4000', 'A4000'],
    aliases: [],
  },
];

// GeForce: FP16 figures are FP16-with-FP32-accumulate, dense (see the header).
const consumer: Gpu[] = [
  {
    id: 'nvidia-rtx-5090-32gb',
    vendor: 'nvidia',
    family: 'rtx-5090',
    name: 'NVIDIA GeForce RTX 5090 32GB',
    vramGb: 32,
    memoryType: 'gddr7',
    interface: 'pcie',
    architecture: 'blackwell',
    tier: 'consumer',
    fp16Tflops: 209.5,
    bf16Tflops: 209.5, // Blackwell GeForce whitepaper; approximate
    models: ['RTX 5090', '5090'],
    aliases: [],
  },
  {
    id: 'nvidia-rtx-4090-24gb',
    vendor: 'nvidia',
    family: 'rtx-4090',
    name: 'NVIDIA GeForce RTX 4090 24GB',
    vramGb: 24,
    memoryType: 'gddr6x',
    interface: 'pcie',
    architecture: 'ada-lovelace',
    tier: 'consumer',
    fp16Tflops: 165.2,
    bf16Tflops: 165.2, // Ada whitepaper
    octaneBench: 1250, // OctaneBench 2020.1 RTX on, approximate (public results ~1,200–1,300)
    models: ['RTX 4090', '4090'],
    aliases: [],
  },
  {
    id: 'nvidia-rtx-4080-16gb',
    vendor: 'nvidia',
    family: 'rtx-4080',
    name: 'NVIDIA GeForce RTX 4080 16GB',
    vramGb: 16,
    memoryType: 'gddr6x',
    interface: 'pcie',
    architecture: 'ada-lovelace',
    tier: 'consumer',
    fp16Tflops: 97.5,
    bf16Tflops: 97.5, // Ada whitepaper
    models: ['RTX 4080', '4080'],
    aliases: [],
  },
  {
    id: 'nvidia-rtx-4070-12gb',
    vendor: 'nvidia',
    family: 'rtx-4070',
    name: 'NVIDIA GeForce RTX 4070 12GB',
    vramGb: 12,
    memoryType: 'gddr6x',
    interface: 'pcie',
    architecture: 'ada-lovelace',
    tier: 'consumer',
    fp16Tflops: 58.3,
    bf16Tflops: 58.3, // from SM count and boost clock; approximate
    models: ['RTX 4070', '4070'],
    aliases: [],
  },
  {
    id: 'nvidia-rtx-3090-24gb',
    vendor: 'nvidia',
    family: 'rtx-3090',
    name: 'NVIDIA GeForce RTX 3090 24GB',
    vramGb: 24,
    memoryType: 'gddr6x',
    interface: 'pcie',
    architecture: 'ampere',
    tier: 'consumer',
    fp16Tflops: 71,
    bf16Tflops: 71, // GA102 whitepaper
    octaneBench: 650, // OctaneBench 2020.1 RTX on, approximate
    models: ['RTX 3090', '3090'],
    aliases: [],
  },
  {
    id: 'nvidia-rtx-3080-10gb',
    vendor: 'nvidia',
    family: 'rtx-3080',
    name: 'NVIDIA GeForce RTX 3080 10GB',
    vramGb: 10,
    memoryType: 'gddr6x',
    interface: 'pcie',
    architecture: 'ampere',
    tier: 'consumer',
    fp16Tflops: 59.5,
    bf16Tflops: 59.5, // GA102 whitepaper
    octaneBench: 550, // OctaneBench 2020.1 RTX on, approximate
    models: ['RTX 3080', '3080'],
    aliases: [],
  },
  {
    id: 'nvidia-rtx-3060-12gb',
    vendor: 'nvidia',
    family: 'rtx-3060',
    name: 'NVIDIA GeForce RTX 3060 12GB',
    vramGb: 12,
    memoryType: 'gddr6',
    interface: 'pcie',
    architecture: 'ampere',
    tier: 'consumer',
    fp16Tflops: 25.5,
    bf16Tflops: 25.5, // from SM count and boost clock; approximate
    models: ['RTX 3060', '3060'],
    aliases: [],
  },
];

const amd: Gpu[] = [
  {
    id: 'amd-mi300x-192gb',
    vendor: 'amd',
    family: 'mi300x',
    name: 'AMD Instinct MI300X 192GB',
    vramGb: 192,
    memoryType: 'hbm3',
    interface: 'oam',
    architecture: 'cdna3',
    tier: 'datacenter',
    fp16Tflops: 1307.4,
    bf16Tflops: 1307.4, // AMD datasheet, dense (2,614.9 with sparsity)
    models: ['MI300X', 'Instinct MI300X'],
    aliases: [],
  },
];

function deepFreeze(gpu: Gpu): Gpu {
  Object.freeze(gpu.models);
  Object.freeze(gpu.aliases);
  if (gpu.seenIn) Object.freeze(gpu.seenIn);
  return Object.freeze(gpu);
}

/** The whole catalog, in display order (newest datacenter parts first). */
export const GPU_CATALOG: readonly CatalogGpu[] = Object.freeze(
  [...blackwellHopper, ...ampereDatacenter, ...adaDatacenter, ...olderDatacenter, ...workstation, ...consumer, ...amd, ...NETWORK_MODEL_GPUS].map(deepFreeze),
);
