// The built-in demo agents' machines: GPU inventories in the agent's `--gpus` override format and asking
// prices near what independent GPU owners ask on io.net-style networks (consumer cards well under a
// dollar, data-centre cards around one to two).
export interface DemoMachine {
  name: string;
  /** `model:vramGb:count`, as `switchyard-agent run --gpus` takes it. */
  gpus: string;
  /** USD per GPU-hour. */
  price: string;
}

export const DEMO_FLEET: readonly DemoMachine[] = [
  { name: 'demo-rtx4090', gpus: 'NVIDIA GeForce RTX 4090:24:2', price: '0.38' },
  { name: 'demo-a100', gpus: 'NVIDIA A100 80GB PCIe:80:1', price: '1.09' },
  { name: 'demo-l40s', gpus: 'NVIDIA L40S:48:4', price: '0.74' },
  { name: 'demo-rtx3090', gpus: 'NVIDIA GeForce RTX 3090:24:2', price: '0.21' },
  { name: 'demo-h100', gpus: 'NVIDIA H100 80GB HBM3:80:8', price: '1.89' },
  { name: 'demo-a6000', gpus: 'NVIDIA RTX A6000:48:2', price: '0.45' },
  { name: 'demo-rtx4090-b', gpus: 'NVIDIA GeForce RTX 4090:24:1', price: '0.35' },
  { name: 'demo-l40s-b', gpus: 'NVIDIA L40S:48:2', price: '0.79' },
];
