// On-demand hyperscaler GPU prices, the yardstick for "how much cheaper is the decentralized supply".
//
// HONESTY NOTE: these figures were NOT fetched here (no network). They are list prices remembered from the
// providers' public price pages (Linux, on-demand, no commitment) as of the date on each row, and are
// marked `confidence: 'medium'` where we are less sure or know prices moved since. AWS cut P4d/P4de/P5
// on-demand prices by up to 45 % in June 2025 ("Announcing up to 45% price reduction for Amazon EC2 NVIDIA
// GPU-accelerated instances", AWS What's New, 2025-06). Check the sources before quoting them to anyone.
// Keyed by canonical GPU id (src/catalog) and family, so offers and references group the same way.

export type Hyperscaler = 'aws' | 'gcp' | 'azure';

export interface HyperscalerPrice {
  provider: Hyperscaler;
  instanceType: string;
  region: string;
  /** Canonical GPU id, e.g. `nvidia-h100-sxm-80gb`. */
  gpuId: string;
  /** Canonical family, e.g. `h100`. */
  gpuFamily: string;
  vramGb: number;
  gpuCount: number;
  /** USD per hour for the whole instance (decimal string). */
  instanceUsdPerHour: string;
  /** Year-month the figure is from. */
  priceDate: string;
  /** Public source (price page name or URL). */
  source: string;
  confidence: 'high' | 'medium';
  note?: string;
}

const AWS_EC2 = 'AWS EC2 On-Demand Pricing (aws.amazon.com/ec2/pricing/on-demand/), Linux';
const GCP_GPU = 'Google Cloud GPU pricing (cloud.google.com/compute/gpus-pricing) and VM instance pricing';
const AZURE_VM = 'Azure Linux Virtual Machines Pricing (azure.microsoft.com/pricing/details/virtual-machines/linux/)';

export const HYPERSCALER_PRICES: readonly HyperscalerPrice[] = [
  // AWS, us-east-1
  { provider: 'aws', instanceType: 'p5.48xlarge', region: 'us-east-1', gpuId: 'nvidia-h100-sxm-80gb', gpuFamily: 'h100', vramGb: 80, gpuCount: 8, instanceUsdPerHour: '55.04', priceDate: '2025-06', source: AWS_EC2, confidence: 'medium', note: 'after the June 2025 reduction; 98.32 before it' },
  { provider: 'aws', instanceType: 'p4de.24xlarge', region: 'us-east-1', gpuId: 'nvidia-a100-sxm-80gb', gpuFamily: 'a100', vramGb: 80, gpuCount: 8, instanceUsdPerHour: '40.9657', priceDate: '2024-06', source: AWS_EC2, confidence: 'medium', note: 'before the June 2025 reduction; likely lower now' },
  { provider: 'aws', instanceType: 'p4d.24xlarge', region: 'us-east-1', gpuId: 'nvidia-a100-sxm-40gb', gpuFamily: 'a100', vramGb: 40, gpuCount: 8, instanceUsdPerHour: '32.7726', priceDate: '2024-06', source: AWS_EC2, confidence: 'medium', note: 'before the June 2025 reduction; likely lower now' },
  { provider: 'aws', instanceType: 'g6e.xlarge', region: 'us-east-1', gpuId: 'nvidia-l40s-48gb', gpuFamily: 'l40s', vramGb: 48, gpuCount: 1, instanceUsdPerHour: '1.861', priceDate: '2024-09', source: AWS_EC2, confidence: 'medium' },
  { provider: 'aws', instanceType: 'g5.xlarge', region: 'us-east-1', gpuId: 'nvidia-a10g-24gb', gpuFamily: 'a10g', vramGb: 24, gpuCount: 1, instanceUsdPerHour: '1.006', priceDate: '2024-06', source: AWS_EC2, confidence: 'high' },
  { provider: 'aws', instanceType: 'g6.xlarge', region: 'us-east-1', gpuId: 'nvidia-l4-24gb', gpuFamily: 'l4', vramGb: 24, gpuCount: 1, instanceUsdPerHour: '0.8048', priceDate: '2024-06', source: AWS_EC2, confidence: 'high' },
  { provider: 'aws', instanceType: 'g4dn.xlarge', region: 'us-east-1', gpuId: 'nvidia-t4-16gb', gpuFamily: 't4', vramGb: 16, gpuCount: 1, instanceUsdPerHour: '0.526', priceDate: '2024-06', source: AWS_EC2, confidence: 'high' },
  { provider: 'aws', instanceType: 'p3.2xlarge', region: 'us-east-1', gpuId: 'nvidia-v100-sxm-16gb', gpuFamily: 'v100', vramGb: 16, gpuCount: 1, instanceUsdPerHour: '3.06', priceDate: '2024-06', source: AWS_EC2, confidence: 'high' },
  // Google Cloud, us-central1
  { provider: 'gcp', instanceType: 'a3-highgpu-8g', region: 'us-central1', gpuId: 'nvidia-h100-sxm-80gb', gpuFamily: 'h100', vramGb: 80, gpuCount: 8, instanceUsdPerHour: '88.49', priceDate: '2024-06', source: GCP_GPU, confidence: 'medium' },
  { provider: 'gcp', instanceType: 'a2-ultragpu-1g', region: 'us-central1', gpuId: 'nvidia-a100-sxm-80gb', gpuFamily: 'a100', vramGb: 80, gpuCount: 1, instanceUsdPerHour: '5.0688', priceDate: '2024-06', source: GCP_GPU, confidence: 'medium' },
  { provider: 'gcp', instanceType: 'a2-highgpu-1g', region: 'us-central1', gpuId: 'nvidia-a100-sxm-40gb', gpuFamily: 'a100', vramGb: 40, gpuCount: 1, instanceUsdPerHour: '3.6731', priceDate: '2024-06', source: GCP_GPU, confidence: 'high' },
  { provider: 'gcp', instanceType: 'g2-standard-4', region: 'us-central1', gpuId: 'nvidia-l4-24gb', gpuFamily: 'l4', vramGb: 24, gpuCount: 1, instanceUsdPerHour: '0.7068', priceDate: '2024-06', source: GCP_GPU, confidence: 'medium' },
  { provider: 'gcp', instanceType: 'nvidia-tesla-t4 (GPU only)', region: 'us-central1', gpuId: 'nvidia-t4-16gb', gpuFamily: 't4', vramGb: 16, gpuCount: 1, instanceUsdPerHour: '0.35', priceDate: '2024-06', source: GCP_GPU, confidence: 'high', note: 'GPU alone; the N1 VM it attaches to is extra' },
  { provider: 'gcp', instanceType: 'nvidia-tesla-v100 (GPU only)', region: 'us-central1', gpuId: 'nvidia-v100-sxm-16gb', gpuFamily: 'v100', vramGb: 16, gpuCount: 1, instanceUsdPerHour: '2.48', priceDate: '2024-06', source: GCP_GPU, confidence: 'high', note: 'GPU alone; the N1 VM it attaches to is extra' },
  // Azure, East US
  { provider: 'azure', instanceType: 'Standard_ND96isr_H100_v5', region: 'eastus', gpuId: 'nvidia-h100-sxm-80gb', gpuFamily: 'h100', vramGb: 80, gpuCount: 8, instanceUsdPerHour: '98.32', priceDate: '2024-06', source: AZURE_VM, confidence: 'medium' },
  { provider: 'azure', instanceType: 'Standard_ND96amsr_A100_v4', region: 'eastus', gpuId: 'nvidia-a100-sxm-80gb', gpuFamily: 'a100', vramGb: 80, gpuCount: 8, instanceUsdPerHour: '32.77', priceDate: '2024-06', source: AZURE_VM, confidence: 'medium' },
  { provider: 'azure', instanceType: 'Standard_NC24ads_A100_v4', region: 'eastus', gpuId: 'nvidia-a100-pcie-80gb', gpuFamily: 'a100', vramGb: 80, gpuCount: 1, instanceUsdPerHour: '3.673', priceDate: '2024-06', source: AZURE_VM, confidence: 'medium' },
  { provider: 'azure', instanceType: 'Standard_NC4as_T4_v3', region: 'eastus', gpuId: 'nvidia-t4-16gb', gpuFamily: 't4', vramGb: 16, gpuCount: 1, instanceUsdPerHour: '0.526', priceDate: '2024-06', source: AZURE_VM, confidence: 'high' },
  { provider: 'azure', instanceType: 'Standard_NC6s_v3', region: 'eastus', gpuId: 'nvidia-v100-pcie-16gb', gpuFamily: 'v100', vramGb: 16, gpuCount: 1, instanceUsdPerHour: '3.06', priceDate: '2024-06', source: AZURE_VM, confidence: 'high' },
];
