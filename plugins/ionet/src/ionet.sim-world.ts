// The simulated io.net world: its hardware types (names as io.net lists them), locations with their
// compliance and connectivity tier, the published fees, and what a deployment records.
export interface Hardware {
  id: number;
  name: string;
  brand: string;
  /** Hourly hire rate per GPU, USDC. */
  rate: string;
  maxPerContainer: number;
}
export interface Location {
  id: number;
  iso2: string;
  name: string;
  soc2: boolean;
  tier: number;
}
export interface Deployment {
  id: string;
  name: string;
  status: 'deployment requested' | 'running' | 'completed' | 'failed' | 'termination requested' | 'destroyed';
  hardware: Hardware;
  location: Location;
  gpus: number;
  hours: number;
  amountPaid: string;
  createdAt: number;
  startedAt?: number;
  finishedAt?: number;
  endsAt?: number;
  config: { image_url: string; entrypoint: string[] | null; env_variables: Record<string, string> | null; traffic_port: number; args?: string[] };
  willFail: boolean;
}

export const HARDWARE: Hardware[] = [
  { id: 203, name: 'NVIDIA H100 80GB HBM3', brand: 'NVIDIA', rate: '2.19', maxPerContainer: 8 },
  { id: 206, name: 'NVIDIA A100-SXM4-80GB', brand: 'NVIDIA', rate: '1.39', maxPerContainer: 8 },
  { id: 27, name: 'NVIDIA GeForce RTX 4090', brand: 'NVIDIA', rate: '0.44', maxPerContainer: 4 },
  { id: 31, name: 'NVIDIA RTX A6000', brand: 'NVIDIA', rate: '0.61', maxPerContainer: 4 },
];
export const LOCATIONS: Location[] = [
  { id: 2, iso2: 'US', name: 'United States', soc2: true, tier: 4 },
  { id: 11, iso2: 'DE', name: 'Germany', soc2: false, tier: 3 },
  { id: 26, iso2: 'SG', name: 'Singapore', soc2: false, tier: 2 },
];
/** io.net's published fees: 2% facilitation for USDC, 0.25% reservation (reference/ionet.md §1.4). */
export const IONET_FEE_PERCENT = '0.25';
export const CONVERSION_FEE_PERCENT = '2';
/** io.net's enterprise CaaS API prefix. */
export const CAAS = '/enterprise/v1/io-cloud/caas';
