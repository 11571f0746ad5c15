// The simulated Filecoin world both simulators share: storage providers (miner actors, some without
// power), miner ids that no chain knows, and the Bacalhau compute nodes the SPs run. Built from the seed
// alone, so the Lotus and Bacalhau simulators agree even when started separately.
import { SeededRandom } from '../sdk';
import {
  LABEL_MINER,
  LABEL_NODE,
  LABEL_PRICE_ATTOFIL_PER_EPOCH,
  LABEL_PRICE_FIL_PER_GPU_HOUR,
  LABEL_PROVIDER_NAME,
  LABEL_REGION,
} from './filecoin.node-labels';
import { filPerHourToAttoFilPerEpoch } from './filecoin.units';

export interface SimMiner {
  id: string;
  owner: string;
  worker: string;
  peerId: string;
  multiaddrs: string[];
  sectorSize: number;
  rawBytePower: string;
  qualityAdjPower: string;
}

export interface SimGpuModel {
  name: string;
  vendor: string;
  memoryMiB: number;
  /**
   * Typical asking price in FIL per GPU-hour. Calibrated so that at the simulated FIL price (the oracle
   * simulators put FIL at about 3.2–4.8 USD) an H100 asks about 1.3–2.0 USD and an RTX 4090 about 0.3–0.45
   * USD per GPU-hour: the same band as the GPU's price on the other simulated networks.
   */
  filPerHour: number;
}

export const SIM_GPU_MODELS = {
  h100: { name: 'NVIDIA H100 80GB HBM3', vendor: 'NVIDIA', memoryMiB: 81559, filPerHour: 0.4 },
  a100: { name: 'NVIDIA A100-SXM4-80GB', vendor: 'NVIDIA', memoryMiB: 81920, filPerHour: 0.26 },
  a100pcie: { name: 'NVIDIA A100-PCIE-40GB', vendor: 'NVIDIA', memoryMiB: 40960, filPerHour: 0.19 },
  l40s: { name: 'NVIDIA L40S', vendor: 'NVIDIA', memoryMiB: 46068, filPerHour: 0.2 },
  rtx4090: { name: 'NVIDIA GeForce RTX 4090', vendor: 'NVIDIA', memoryMiB: 24564, filPerHour: 0.085 },
  a6000: { name: 'NVIDIA RTX A6000', vendor: 'NVIDIA', memoryMiB: 49140, filPerHour: 0.11 },
  mi250x: { name: 'AMD Instinct MI250X', vendor: 'AMD/ATI', memoryMiB: 65520, filPerHour: 0.4 },
} satisfies Record<string, SimGpuModel>;
type ModelKey = keyof typeof SIM_GPU_MODELS;

/** What the simulator hands the adapter as FILECOIN_FALLBACK_PRICES: FIL per GPU-hour by label substring. */
export const SIM_FALLBACK_PRICES: Record<string, string> = {
  H100: '0.39',
  A100: '0.25',
  L40S: '0.19',
  'RTX 4090': '0.08',
  'RTX A6000': '0.1',
};

export interface SimNode {
  nodeId: string;
  nodeType: 'Compute' | 'Requester';
  labels: Record<string, string>;
  gpus: Array<{ model: SimGpuModel; count: number }>;
  cpu: number;
  memoryBytes: number;
  diskBytes: number;
  /** GPUs already busy with work the simulator does not model. */
  busyGpus: number;
  membership: 'APPROVED' | 'PENDING' | 'REJECTED';
  connected: boolean;
}

export interface FilecoinWorld {
  miners: SimMiner[];
  /** Miner ids some nodes claim that the chain does not know. */
  unknownMinerIds: string[];
  nodes: SimNode[];
  /** Seeded market deals for StateMarketStorageDeal. */
  dealIds: number[];
}

const REGIONS = ['us-east', 'us-west', 'eu-central', 'eu-west', 'ap-southeast', 'ap-northeast'];
const SP_NAMES = [
  'Holon',
  'Piknik',
  'Origin',
  'Twin Quasar',
  'DCENT',
  'Ken Labs',
  'Seal Storage',
  'Zhen',
  'Nova',
  'Glacier',
  'Lattice',
  'Coldline',
  'Arkive',
  'Delta Vault',
];
const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const GiB = 1024 ** 3;
const TiB = 1024 ** 4;

function peerId(rnd: SeededRandom): string {
  let id = '12D3KooW';
  for (let i = 0; i < 44; i++) id += BASE58[rnd.int(0, BASE58.length - 1)];
  return id;
}

function uuid(rnd: SeededRandom): string {
  const h = rnd.hex(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

function priceLabels(rnd: SeededRandom, model: SimGpuModel, convention: 'atto' | 'fil' | 'none'): Record<string, string> {
  const filPerHour = (model.filPerHour * rnd.between(0.85, 1.2)).toFixed(3);
  if (convention === 'atto') return { [LABEL_PRICE_ATTOFIL_PER_EPOCH]: filPerHourToAttoFilPerEpoch(filPerHour) };
  if (convention === 'fil') return { [LABEL_PRICE_FIL_PER_GPU_HOUR]: filPerHour };
  return {};
}

/**
 * The world the seed builds; `supplyScale` k runs every compute node k times (copy c > 1: node id `<id>-c<c>`,
 * its node label `<label>-c<c>`, the same SP, GPUs and price labels), drawing nothing more from the seed's
 * sequence, so k = 1 is the world as before.
 */
export function buildFilecoinWorld(seed: number, supplyScale = 1): FilecoinWorld {
  const rnd = new SeededRandom(seed ^ 0xf11ec01);
  const usedIds = new Set<string>();
  const minerId = () => {
    let id: string;
    do id = `f0${rnd.int(1_000, 3_400_000)}`;
    while (usedIds.has(id));
    usedIds.add(id);
    return id;
  };

  const miners: SimMiner[] = SP_NAMES.map((_, i) => {
    const id = minerId();
    const sectorSize = rnd.chance(0.7) ? 32 * GiB : 64 * GiB;
    // Two SPs have an actor on chain but no proven storage (power 0): they must not pass verification.
    const raw = i >= SP_NAMES.length - 2 ? 0n : BigInt(rnd.int(20, 9_000)) * BigInt(TiB);
    const qap = raw * BigInt(rnd.pick([1, 1, 4, 10, 10]));
    return {
      id,
      owner: `f0${rnd.int(100_000, 3_000_000)}`,
      worker: `f0${rnd.int(100_000, 3_000_000)}`,
      peerId: peerId(rnd),
      multiaddrs: [Buffer.from(`/ip4/${rnd.int(11, 223)}.${rnd.int(0, 255)}.${rnd.int(0, 255)}.${rnd.int(1, 254)}/tcp/24001`).toString('base64')],
      sectorSize,
      rawBytePower: raw.toString(),
      qualityAdjPower: qap.toString(),
    };
  });
  const unknownMinerIds = [minerId(), minerId(), minerId()];

  const nodes: SimNode[] = [];
  const mix: Array<readonly [ModelKey, number]> = [
    ['h100', 3],
    ['a100', 3],
    ['a100pcie', 1],
    ['l40s', 3],
    ['rtx4090', 4],
    ['a6000', 2],
  ];
  const addNode = (
    owner: string | undefined,
    name: string,
    region: string,
    convention: 'atto' | 'fil' | 'none',
    model: SimGpuModel,
    extra: Partial<SimNode> = {},
    second?: SimGpuModel,
  ) => {
    const count = rnd.pick([1, 2, 4, 8, 8]);
    const gpus = [{ model, count }];
    if (second) gpus.push({ model: second, count: 2 });
    const nodeLabel = `${owner ?? 'independent'}-gpu-${nodes.length}`;
    const labels: Record<string, string> = {
      Architecture: 'amd64',
      'Operating-System': 'linux',
      [LABEL_REGION]: region,
      ...(owner ? { [LABEL_MINER]: owner, [LABEL_PROVIDER_NAME]: name } : {}),
      ...(rnd.chance(0.8) ? { [LABEL_NODE]: nodeLabel } : {}),
      ...priceLabels(rnd, model, convention),
    };
    nodes.push({
      nodeId: `n-${uuid(rnd)}`,
      nodeType: 'Compute',
      labels,
      gpus,
      cpu: count * rnd.pick([8, 12, 16]),
      memoryBytes: count * rnd.pick([64, 128, 256]) * 1e9,
      diskBytes: rnd.int(1, 8) * 1e12,
      busyGpus: rnd.chance(0.3) ? rnd.int(0, count - 1) : 0,
      membership: 'APPROVED',
      connected: true,
      ...extra,
    });
  };

  // Every SP runs one to three GPU nodes, each with its own price convention.
  miners.forEach((miner, i) => {
    const region = rnd.pick(REGIONS);
    const nodeCount = rnd.int(1, 3);
    for (let k = 0; k < nodeCount; k++) {
      const convention = rnd.weighted([
        ['atto', 4],
        ['fil', 4],
        ['none', 2],
      ] as const);
      const model = SIM_GPU_MODELS[rnd.weighted(mix)];
      addNode(miner.id, SP_NAMES[i], region, convention, model);
    }
  });
  // Nodes that claim miners the chain does not know: listed, but unverified.
  for (const id of unknownMinerIds) addNode(id, `Unknown SP ${id}`, rnd.pick(REGIONS), 'fil', SIM_GPU_MODELS[rnd.weighted(mix)]);
  // A mixed node (A100 + L40S on one host) → one offer per model, each priced by the fallback table.
  addNode(miners[0].id, SP_NAMES[0], 'us-east', 'none', SIM_GPU_MODELS.a100, {}, SIM_GPU_MODELS.l40s);
  // An independent GPU owner with no miner label: priced, but nothing to verify.
  addNode(undefined, 'independent', 'eu-west', 'atto', SIM_GPU_MODELS.rtx4090);
  // No price label and no fallback for AMD in the simulator's table → quarantined.
  addNode(miners[1].id, SP_NAMES[1], 'eu-central', 'none', SIM_GPU_MODELS.mi250x);
  // A price label that is not a number → quarantined.
  addNode(miners[2].id, SP_NAMES[2], 'ap-southeast', 'none', SIM_GPU_MODELS.h100, {});
  nodes[nodes.length - 1].labels[LABEL_PRICE_FIL_PER_GPU_HOUR] = 'cheap';
  // Not supply: waiting for approval, disconnected, CPU-only, and the requester itself.
  for (let i = 0; i < 3; i++) addNode(rnd.pick(miners).id, 'pending', rnd.pick(REGIONS), 'fil', SIM_GPU_MODELS.h100, { membership: 'PENDING' });
  for (let i = 0; i < 3; i++) addNode(rnd.pick(miners).id, 'offline', rnd.pick(REGIONS), 'fil', SIM_GPU_MODELS.a100, { connected: false });
  for (let i = 0; i < 2; i++) {
    nodes.push({
      nodeId: `n-${uuid(rnd)}`,
      nodeType: 'Compute',
      labels: { Architecture: 'amd64', [LABEL_MINER]: rnd.pick(miners).id },
      gpus: [],
      cpu: 32,
      memoryBytes: 128e9,
      diskBytes: 4e12,
      busyGpus: 0,
      membership: 'APPROVED',
      connected: true,
    });
  }
  nodes.push({
    nodeId: `n-${uuid(rnd)}`,
    nodeType: 'Requester',
    labels: {},
    gpus: [],
    cpu: 8,
    memoryBytes: 32e9,
    diskBytes: 5e11,
    busyGpus: 0,
    membership: 'APPROVED',
    connected: true,
  });

  const dealIds = Array.from({ length: 40 }, () => rnd.int(80_000_000, 120_000_000));
  return { miners, unknownMinerIds, nodes: [...nodes, ...nodeCopies(nodes, supplyScale)], dealIds };
}

function nodeCopies(nodes: SimNode[], supplyScale: number): SimNode[] {
  const out: SimNode[] = [];
  for (let c = 2; c <= supplyScale; c++) {
    for (const n of nodes) {
      if (n.nodeType !== 'Compute') continue;
      const labels = { ...n.labels };
      if (labels[LABEL_NODE]) labels[LABEL_NODE] = `${labels[LABEL_NODE]}-c${c}`;
      out.push({ ...n, nodeId: `${n.nodeId}-c${c}`, labels, gpus: n.gpus.map((g) => ({ ...g })) });
    }
  }
  return out;
}
