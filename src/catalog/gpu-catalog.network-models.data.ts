// GPU models the networks' public offer data and the public SDL collection ask for, beyond the core
// catalog: each entry says where it was seen (`seenIn`). VRAM, memory, interface and architecture are
// the vendor's published specifications; no performance figure is given where we have no trustworthy one.
//
// Sources, read on 2026-12-05:
// - Akash providers advertise GPUs by the names in akash-network/provider-configs (devices/pcie/gpus.json,
//   PCI id → name, memory_size, interface); a provider's `capabilities/gpu/vendor/nvidia/model/<name>`
//   attribute and an SDL's `gpu.attributes.vendor.nvidia[].model` use the same names.
// - The public SDL collection akash-network/awesome-akash (models asked for: h100, a100, rtx4090, rtx3090,
//   rtxa6000, h200, a40, v100, t4, rtx8000, p40, rtx5090, rtx4080, rtx3090ti, p4, k80, gtx1650ti, a10).
// - io.net's API documents (shared/upstream/ionet: hardware_name values such as "RTX 3060 Mobile").
import type { CatalogGpu, GpuArchitecture, GpuInterface, GpuTier, GpuVendor } from './gpu-catalog.data';

const AKASH = 'akash-network/provider-configs@2d04f4fe4d89669650c85d5804f7a7f5ee2ebe70:devices/pcie/gpus.json';
const SDL = 'akash-network/awesome-akash@0a6f1d55cd4b09211126eebc0afe15446d0f5f48 (SDL gpu models)';
const IONET = "io.net API documents (hardware_name), shared/upstream/ionet";

interface Spec {
  id: string;
  family: string;
  name: string;
  vramGb: number;
  memoryType: string;
  architecture: GpuArchitecture;
  tier: GpuTier;
  models: string[];
  seenIn: string[];
  vendor?: GpuVendor;
  interface?: GpuInterface;
  aliases?: string[];
}

const gpu = (s: Spec): CatalogGpu => ({
  id: s.id,
  vendor: s.vendor ?? 'nvidia',
  family: s.family,
  name: s.name,
  vramGb: s.vramGb,
  memoryType: s.memoryType,
  interface: s.interface ?? 'pcie',
  architecture: s.architecture,
  tier: s.tier,
  models: s.models,
  aliases: s.aliases ?? [],
  seenIn: s.seenIn,
});

const datacenter: CatalogGpu[] = [
  // PCI id 10de:20b3 (pci.ids "GA100 [A100 SXM4 64GB]"); listed after the core A100s, so never the default.
  gpu({ id: 'nvidia-a100-sxm-64gb', family: 'a100', name: 'NVIDIA A100 SXM 64GB', vramGb: 64, memoryType: 'hbm2e', interface: 'sxm', architecture: 'ampere', tier: 'datacenter', models: ['A100'], aliases: ['NVIDIA A100-SXM-64GB'], seenIn: [AKASH] }),
  gpu({ id: 'nvidia-a800-sxm-80gb', family: 'a800', name: 'NVIDIA A800 SXM 80GB', vramGb: 80, memoryType: 'hbm2e', interface: 'sxm', architecture: 'ampere', tier: 'datacenter', models: ['A800'], seenIn: [AKASH] }),
  gpu({ id: 'nvidia-p100-pcie-16gb', family: 'p100', name: 'NVIDIA Tesla P100 PCIe 16GB', vramGb: 16, memoryType: 'hbm2', architecture: 'pascal', tier: 'datacenter', models: ['P100'], seenIn: [AKASH] }),
  gpu({ id: 'nvidia-p40-24gb', family: 'p40', name: 'NVIDIA Tesla P40 24GB', vramGb: 24, memoryType: 'gddr5', architecture: 'pascal', tier: 'datacenter', models: ['P40'], seenIn: [AKASH, SDL] }),
  gpu({ id: 'nvidia-p4-8gb', family: 'p4', name: 'NVIDIA Tesla P4 8GB', vramGb: 8, memoryType: 'gddr5', architecture: 'pascal', tier: 'datacenter', models: ['P4'], seenIn: [AKASH, SDL] }),
  // A K80 board carries two GK210 GPUs of 12 GB each; nvidia-smi (and Kubernetes) count two GPUs.
  gpu({ id: 'nvidia-k80-12gb', family: 'k80', name: 'NVIDIA Tesla K80 12GB', vramGb: 12, memoryType: 'gddr5', architecture: 'kepler', tier: 'datacenter', models: ['K80'], seenIn: [SDL] }),
  gpu({ id: 'amd-mi100-32gb', vendor: 'amd', family: 'mi100', name: 'AMD Instinct MI100 32GB', vramGb: 32, memoryType: 'hbm2', architecture: 'cdna', tier: 'datacenter', models: ['MI100', 'Instinct MI100'], seenIn: [AKASH] }),
  gpu({ id: 'amd-mi60-32gb', vendor: 'amd', family: 'mi60', name: 'AMD Radeon Instinct MI60 32GB', vramGb: 32, memoryType: 'hbm2', architecture: 'gcn5', tier: 'datacenter', models: ['MI60', 'Instinct MI60'], seenIn: [AKASH] }),
];

const workstation: CatalogGpu[] = [
  // RTX PRO 6000 Blackwell: three editions, one die and 96 GB; the Workstation Edition is the common one.
  gpu({ id: 'nvidia-rtx-pro-6000-we-96gb', family: 'rtx-pro-6000', name: 'NVIDIA RTX PRO 6000 Blackwell Workstation Edition 96GB', vramGb: 96, memoryType: 'gddr7', architecture: 'blackwell', tier: 'workstation', models: ['RTX PRO 6000', 'RTX PRO 6000 Blackwell', 'pro6000we'], seenIn: [AKASH] }),
  gpu({ id: 'nvidia-rtx-pro-6000-maxq-96gb', family: 'rtx-pro-6000', name: 'NVIDIA RTX PRO 6000 Blackwell Max-Q Workstation Edition 96GB', vramGb: 96, memoryType: 'gddr7', architecture: 'blackwell', tier: 'workstation', models: ['RTX PRO 6000', 'pro6000mq'], seenIn: [AKASH] }),
  gpu({ id: 'nvidia-rtx-pro-6000-se-96gb', family: 'rtx-pro-6000', name: 'NVIDIA RTX PRO 6000 Blackwell Server Edition 96GB', vramGb: 96, memoryType: 'gddr7', architecture: 'blackwell', tier: 'workstation', models: ['RTX PRO 6000', 'pro6000se'], seenIn: [AKASH] }),
  gpu({ id: 'nvidia-rtx-4000-ada-20gb', family: 'rtx-4000-ada', name: 'NVIDIA RTX 4000 Ada 20GB', vramGb: 20, memoryType: 'gddr6', architecture: 'ada-lovelace', tier: 'workstation', models: ['RTX 4000 Ada', 'rtx4000ada'], aliases: ['NVIDIA RTX 4000 Ada Generation'], seenIn: [AKASH] }),
  gpu({ id: 'nvidia-rtx-4000-sff-ada-20gb', family: 'rtx-4000-sff-ada', name: 'NVIDIA RTX 4000 SFF Ada 20GB', vramGb: 20, memoryType: 'gddr6', architecture: 'ada-lovelace', tier: 'workstation', models: ['RTX 4000 SFF Ada', 'rtx4000sada'], seenIn: [AKASH] }),
  gpu({ id: 'nvidia-rtx-2000e-ada-16gb', family: 'rtx-2000e-ada', name: 'NVIDIA RTX 2000E Ada 16GB', vramGb: 16, memoryType: 'gddr6', architecture: 'ada-lovelace', tier: 'workstation', models: ['RTX 2000E Ada', 'rtx2000eada'], seenIn: [AKASH] }),
  gpu({ id: 'nvidia-rtx-a2000-6gb', family: 'rtx-a2000', name: 'NVIDIA RTX A2000 6GB', vramGb: 6, memoryType: 'gddr6', architecture: 'ampere', tier: 'workstation', models: ['RTX A2000', 'A2000'], seenIn: [AKASH] }),
  // Quadro RTX (Turing). Akash's `rtx6000` is this 24 GB card, not the 48 GB RTX 6000 Ada.
  gpu({ id: 'nvidia-quadro-rtx-8000-48gb', family: 'quadro-rtx-8000', name: 'NVIDIA Quadro RTX 8000 48GB', vramGb: 48, memoryType: 'gddr6', architecture: 'turing', tier: 'workstation', models: ['RTX 8000', 'Quadro RTX 8000'], seenIn: [AKASH, SDL] }),
  gpu({ id: 'nvidia-quadro-rtx-6000-24gb', family: 'quadro-rtx-6000', name: 'NVIDIA Quadro RTX 6000 24GB', vramGb: 24, memoryType: 'gddr6', architecture: 'turing', tier: 'workstation', models: ['RTX 6000', 'Quadro RTX 6000'], seenIn: [AKASH] }),
  gpu({ id: 'nvidia-quadro-rtx-5000-16gb', family: 'quadro-rtx-5000', name: 'NVIDIA Quadro RTX 5000 16GB', vramGb: 16, memoryType: 'gddr6', architecture: 'turing', tier: 'workstation', models: ['RTX 5000', 'Quadro RTX 5000'], seenIn: [AKASH] }),
  gpu({ id: 'nvidia-quadro-rtx-4000-8gb', family: 'quadro-rtx-4000', name: 'NVIDIA Quadro RTX 4000 8GB', vramGb: 8, memoryType: 'gddr6', architecture: 'turing', tier: 'workstation', models: ['RTX 4000', 'Quadro RTX 4000'], seenIn: [AKASH] }),
  gpu({ id: 'nvidia-quadro-p6000-24gb', family: 'quadro-p6000', name: 'NVIDIA Quadro P6000 24GB', vramGb: 24, memoryType: 'gddr5x', architecture: 'pascal', tier: 'workstation', models: ['P6000', 'Quadro P6000'], seenIn: [AKASH] }),
  gpu({ id: 'nvidia-quadro-p5000-16gb', family: 'quadro-p5000', name: 'NVIDIA Quadro P5000 16GB', vramGb: 16, memoryType: 'gddr5x', architecture: 'pascal', tier: 'workstation', models: ['P5000', 'Quadro P5000'], seenIn: [AKASH] }),
  gpu({ id: 'nvidia-quadro-p4000-8gb', family: 'quadro-p4000', name: 'NVIDIA Quadro P4000 8GB', vramGb: 8, memoryType: 'gddr5', architecture: 'pascal', tier: 'workstation', models: ['P4000', 'Quadro P4000'], seenIn: [AKASH] }),
  // provider-configs lists a P2000 under two PCI ids, at 5Gi (the card's 5 GB) and at 4Gi: both listed, so either label resolves.
  gpu({ id: 'nvidia-quadro-p2000-5gb', family: 'quadro-p2000', name: 'NVIDIA Quadro P2000 5GB', vramGb: 5, memoryType: 'gddr5', architecture: 'pascal', tier: 'workstation', models: ['P2000', 'Quadro P2000'], seenIn: [AKASH] }),
  gpu({ id: 'nvidia-quadro-p2000-4gb', family: 'quadro-p2000', name: 'NVIDIA Quadro P2000 4GB', vramGb: 4, memoryType: 'gddr5', architecture: 'pascal', tier: 'workstation', models: ['P2000', 'Quadro P2000'], seenIn: [AKASH] }),
  gpu({ id: 'nvidia-quadro-m4000-8gb', family: 'quadro-m4000', name: 'NVIDIA Quadro M4000 8GB', vramGb: 8, memoryType: 'gddr5', architecture: 'maxwell', tier: 'workstation', models: ['M4000', 'Quadro M4000'], seenIn: [AKASH] }),
];

type C = Omit<Spec, 'tier' | 'seenIn'> & { seenIn?: string[] };
const geforce = (s: C): CatalogGpu => gpu({ ...s, tier: 'consumer', seenIn: s.seenIn ?? [AKASH] });

const consumer: CatalogGpu[] = [
  geforce({ id: 'nvidia-rtx-5080-16gb', family: 'rtx-5080', name: 'NVIDIA GeForce RTX 5080 16GB', vramGb: 16, memoryType: 'gddr7', architecture: 'blackwell', models: ['RTX 5080'] }),
  geforce({ id: 'nvidia-rtx-5070-12gb', family: 'rtx-5070', name: 'NVIDIA GeForce RTX 5070 12GB', vramGb: 12, memoryType: 'gddr7', architecture: 'blackwell', models: ['RTX 5070'] }),
  geforce({ id: 'nvidia-rtx-5090-laptop-24gb', family: 'rtx-5090-laptop', name: 'NVIDIA GeForce RTX 5090 Laptop GPU 24GB', vramGb: 24, memoryType: 'gddr7', architecture: 'blackwell', models: ['RTX 5090 Laptop', 'RTX 5090 Mobile', 'rtx5090m'] }),
  geforce({ id: 'nvidia-rtx-4080-super-16gb', family: 'rtx-4080-super', name: 'NVIDIA GeForce RTX 4080 SUPER 16GB', vramGb: 16, memoryType: 'gddr6x', architecture: 'ada-lovelace', models: ['RTX 4080 Super', 'rtx4080s'] }),
  geforce({ id: 'nvidia-rtx-4070-ti-12gb', family: 'rtx-4070-ti', name: 'NVIDIA GeForce RTX 4070 Ti 12GB', vramGb: 12, memoryType: 'gddr6x', architecture: 'ada-lovelace', models: ['RTX 4070 Ti'] }),
  geforce({ id: 'nvidia-rtx-4070-super-12gb', family: 'rtx-4070-super', name: 'NVIDIA GeForce RTX 4070 SUPER 12GB', vramGb: 12, memoryType: 'gddr6x', architecture: 'ada-lovelace', models: ['RTX 4070 Super', 'rtx4070s'] }),
  geforce({ id: 'nvidia-rtx-4060-ti-16gb', family: 'rtx-4060-ti', name: 'NVIDIA GeForce RTX 4060 Ti 16GB', vramGb: 16, memoryType: 'gddr6', architecture: 'ada-lovelace', models: ['RTX 4060 Ti'] }),
  geforce({ id: 'nvidia-rtx-4060-8gb', family: 'rtx-4060', name: 'NVIDIA GeForce RTX 4060 8GB', vramGb: 8, memoryType: 'gddr6', architecture: 'ada-lovelace', models: ['RTX 4060'] }),
  geforce({ id: 'nvidia-rtx-3090-ti-24gb', family: 'rtx-3090-ti', name: 'NVIDIA GeForce RTX 3090 Ti 24GB', vramGb: 24, memoryType: 'gddr6x', architecture: 'ampere', models: ['RTX 3090 Ti'], seenIn: [AKASH, SDL] }),
  geforce({ id: 'nvidia-rtx-3070-8gb', family: 'rtx-3070', name: 'NVIDIA GeForce RTX 3070 8GB', vramGb: 8, memoryType: 'gddr6', architecture: 'ampere', models: ['RTX 3070'] }),
  geforce({ id: 'nvidia-rtx-3060-ti-8gb', family: 'rtx-3060-ti', name: 'NVIDIA GeForce RTX 3060 Ti 8GB', vramGb: 8, memoryType: 'gddr6', architecture: 'ampere', models: ['RTX 3060 Ti'] }),
  geforce({ id: 'nvidia-rtx-3070-laptop-8gb', family: 'rtx-3070-laptop', name: 'NVIDIA GeForce RTX 3070 Laptop GPU 8GB', vramGb: 8, memoryType: 'gddr6', architecture: 'ampere', models: ['RTX 3070 Laptop', 'RTX 3070 Mobile', 'RTX 3070 Max-Q'], seenIn: [IONET] }),
  geforce({ id: 'nvidia-rtx-3060-laptop-6gb', family: 'rtx-3060-laptop', name: 'NVIDIA GeForce RTX 3060 Laptop GPU 6GB', vramGb: 6, memoryType: 'gddr6', architecture: 'ampere', models: ['RTX 3060 Laptop', 'RTX 3060 Mobile', 'RTX 3060 Max-Q', 'rtx3060m'], seenIn: [AKASH, IONET] }),
  geforce({ id: 'nvidia-rtx-2080-ti-11gb', family: 'rtx-2080-ti', name: 'NVIDIA GeForce RTX 2080 Ti 11GB', vramGb: 11, memoryType: 'gddr6', architecture: 'turing', models: ['RTX 2080 Ti'] }),
  geforce({ id: 'nvidia-rtx-2080-super-8gb', family: 'rtx-2080-super', name: 'NVIDIA GeForce RTX 2080 SUPER 8GB', vramGb: 8, memoryType: 'gddr6', architecture: 'turing', models: ['RTX 2080 Super', 'rtx2080s'] }),
  geforce({ id: 'nvidia-rtx-2080-8gb', family: 'rtx-2080', name: 'NVIDIA GeForce RTX 2080 8GB', vramGb: 8, memoryType: 'gddr6', architecture: 'turing', models: ['RTX 2080'] }),
  geforce({ id: 'nvidia-rtx-2070-super-8gb', family: 'rtx-2070-super', name: 'NVIDIA GeForce RTX 2070 SUPER 8GB', vramGb: 8, memoryType: 'gddr6', architecture: 'turing', models: ['RTX 2070 Super', 'rtx2070s'] }),
  geforce({ id: 'nvidia-rtx-2070-8gb', family: 'rtx-2070', name: 'NVIDIA GeForce RTX 2070 8GB', vramGb: 8, memoryType: 'gddr6', architecture: 'turing', models: ['RTX 2070'] }),
  geforce({ id: 'nvidia-rtx-2060-super-8gb', family: 'rtx-2060-super', name: 'NVIDIA GeForce RTX 2060 SUPER 8GB', vramGb: 8, memoryType: 'gddr6', architecture: 'turing', models: ['RTX 2060 Super', 'rtx2060s'] }),
  geforce({ id: 'nvidia-rtx-2060-6gb', family: 'rtx-2060', name: 'NVIDIA GeForce RTX 2060 6GB', vramGb: 6, memoryType: 'gddr6', architecture: 'turing', models: ['RTX 2060'] }),
  geforce({ id: 'nvidia-gtx-1660-ti-6gb', family: 'gtx-1660-ti', name: 'NVIDIA GeForce GTX 1660 Ti 6GB', vramGb: 6, memoryType: 'gddr6', architecture: 'turing', models: ['GTX 1660 Ti'] }),
  geforce({ id: 'nvidia-gtx-1660-6gb', family: 'gtx-1660', name: 'NVIDIA GeForce GTX 1660 6GB', vramGb: 6, memoryType: 'gddr5', architecture: 'turing', models: ['GTX 1660'] }),
  geforce({ id: 'nvidia-gtx-1650-super-4gb', family: 'gtx-1650-super', name: 'NVIDIA GeForce GTX 1650 SUPER 4GB', vramGb: 4, memoryType: 'gddr6', architecture: 'turing', models: ['GTX 1650 Super', 'gtx1650s'] }),
  geforce({ id: 'nvidia-gtx-1650-ti-4gb', family: 'gtx-1650-ti', name: 'NVIDIA GeForce GTX 1650 Ti 4GB', vramGb: 4, memoryType: 'gddr6', architecture: 'turing', models: ['GTX 1650 Ti'], seenIn: [AKASH, SDL] }),
  geforce({ id: 'nvidia-gtx-1080-ti-11gb', family: 'gtx-1080-ti', name: 'NVIDIA GeForce GTX 1080 Ti 11GB', vramGb: 11, memoryType: 'gddr5x', architecture: 'pascal', models: ['GTX 1080 Ti'] }),
  geforce({ id: 'nvidia-gtx-1080-8gb', family: 'gtx-1080', name: 'NVIDIA GeForce GTX 1080 8GB', vramGb: 8, memoryType: 'gddr5x', architecture: 'pascal', models: ['GTX 1080'] }),
  geforce({ id: 'nvidia-gtx-1070-ti-8gb', family: 'gtx-1070-ti', name: 'NVIDIA GeForce GTX 1070 Ti 8GB', vramGb: 8, memoryType: 'gddr5', architecture: 'pascal', models: ['GTX 1070 Ti'] }),
  geforce({ id: 'nvidia-gtx-1070-8gb', family: 'gtx-1070', name: 'NVIDIA GeForce GTX 1070 8GB', vramGb: 8, memoryType: 'gddr5', architecture: 'pascal', models: ['GTX 1070'] }),
  geforce({ id: 'nvidia-gtx-1060-6gb', family: 'gtx-1060', name: 'NVIDIA GeForce GTX 1060 6GB', vramGb: 6, memoryType: 'gddr5', architecture: 'pascal', models: ['GTX 1060'] }),
  geforce({ id: 'nvidia-gtx-1060-3gb', family: 'gtx-1060', name: 'NVIDIA GeForce GTX 1060 3GB', vramGb: 3, memoryType: 'gddr5', architecture: 'pascal', models: ['GTX 1060'] }),
  geforce({ id: 'nvidia-gtx-1060-5gb', family: 'gtx-1060', name: 'NVIDIA GeForce GTX 1060 5GB', vramGb: 5, memoryType: 'gddr5', architecture: 'pascal', models: ['GTX 1060'] }),
  geforce({ id: 'nvidia-gtx-1050-ti-4gb', family: 'gtx-1050-ti', name: 'NVIDIA GeForce GTX 1050 Ti 4GB', vramGb: 4, memoryType: 'gddr5', architecture: 'pascal', models: ['GTX 1050 Ti'] }),
  geforce({ id: 'nvidia-gtx-1050-2gb', family: 'gtx-1050', name: 'NVIDIA GeForce GTX 1050 2GB', vramGb: 2, memoryType: 'gddr5', architecture: 'pascal', models: ['GTX 1050'] }),
  geforce({ id: 'nvidia-gtx-1050-3gb', family: 'gtx-1050', name: 'NVIDIA GeForce GTX 1050 3GB', vramGb: 3, memoryType: 'gddr5', architecture: 'pascal', models: ['GTX 1050'] }),
  geforce({ id: 'nvidia-gt-1030-2gb', family: 'gt-1030', name: 'NVIDIA GeForce GT 1030 2GB', vramGb: 2, memoryType: 'gddr5', architecture: 'pascal', models: ['GT 1030'] }),
  geforce({ id: 'nvidia-mx150-2gb', family: 'mx150', name: 'NVIDIA GeForce MX150 2GB', vramGb: 2, memoryType: 'gddr5', architecture: 'pascal', models: ['MX150'] }),
  geforce({ id: 'nvidia-gtx-980-ti-6gb', family: 'gtx-980-ti', name: 'NVIDIA GeForce GTX 980 Ti 6GB', vramGb: 6, memoryType: 'gddr5', architecture: 'maxwell', models: ['GTX 980 Ti'] }),
  geforce({ id: 'nvidia-gtx-980-4gb', family: 'gtx-980', name: 'NVIDIA GeForce GTX 980 4GB', vramGb: 4, memoryType: 'gddr5', architecture: 'maxwell', models: ['GTX 980'] }),
  geforce({ id: 'nvidia-gtx-970-4gb', family: 'gtx-970', name: 'NVIDIA GeForce GTX 970 4GB', vramGb: 4, memoryType: 'gddr5', architecture: 'maxwell', models: ['GTX 970'] }),
  geforce({ id: 'nvidia-gtx-960-2gb', family: 'gtx-960', name: 'NVIDIA GeForce GTX 960 2GB', vramGb: 2, memoryType: 'gddr5', architecture: 'maxwell', models: ['GTX 960'] }),
  geforce({ id: 'nvidia-gtx-960-4gb', family: 'gtx-960', name: 'NVIDIA GeForce GTX 960 4GB', vramGb: 4, memoryType: 'gddr5', architecture: 'maxwell', models: ['GTX 960'] }),
];

/** In display order after the core catalog: datacenter, workstation, consumer. */
export const NETWORK_MODEL_GPUS: readonly CatalogGpu[] = [...datacenter, ...workstation, ...consumer];
