// Bacalhau NodeState records → Switchyard offers: only approved, connected compute nodes with GPUs; one
// offer per node, or per GPU model when a node mixes models. Price from filecoin.price-resolver.ts, identity
// signals from the miner verification.
import type { OfferListing, QuarantinedRecord } from '../sdk';
import { checkUpstream } from '../sdk';
import { BacalhauGpu, BacalhauNodeState, bacalhauNodeStateSchema } from './bacalhau.wire';
import { vramGbFromMiB } from './filecoin.gpu-memory';
import type { MinerVerification } from './filecoin.miner-verifier';
import { LABEL_MINER, LABEL_NODE, LABEL_PROVIDER_NAME, LABEL_REGION, MINER_ID_PATTERN } from './filecoin.node-labels';
import { FallbackPrices, resolvePrice } from './filecoin.price-resolver';

export const NETWORK = 'filecoin';
const BYTES_PER_GB = 1e9; // Bacalhau's "16Gb" means 16 × 10^9 bytes, so offers use decimal GB too.

export interface SelectedNodes {
  nodes: Array<{ node: BacalhauNodeState; raw: unknown }>;
  quarantined: QuarantinedRecord[];
}

/** Keeps the nodes that can take a GPU job now; records that do not parse are quarantined with the reason. */
export function selectGpuComputeNodes(records: unknown[]): SelectedNodes {
  const out: SelectedNodes = { nodes: [], quarantined: [] };
  for (const raw of records) {
    const checked = checkUpstream(bacalhauNodeStateSchema, raw);
    if (!checked.ok) {
      out.quarantined.push({ reason: `not a Bacalhau NodeState: ${checked.reason}`, raw });
      continue;
    }
    const node = checked.value;
    // Requester nodes, unapproved or disconnected nodes and CPU-only nodes are not supply: skipped, not errors.
    if (node.Info.NodeType !== 'Compute' || node.Membership !== 'APPROVED' || node.ConnectionState.Status !== 'CONNECTED') continue;
    if (!node.Info.ComputeNodeInfo || (node.Info.ComputeNodeInfo.MaxCapacity.GPU ?? 0) === 0) continue;
    out.nodes.push({ node, raw });
  }
  return out;
}

/** The miner id a node claims, when it is a well-formed ID address. */
export function claimedMinerId(node: BacalhauNodeState): string | undefined {
  const value = node.Info.Labels?.[LABEL_MINER]?.trim();
  return value && MINER_ID_PATTERN.test(value) ? value : undefined;
}

interface GpuGroup {
  name: string;
  vendor?: string;
  installed: BacalhauGpu[];
}

function groupByModel(gpus: BacalhauGpu[]): GpuGroup[] {
  const groups = new Map<string, GpuGroup>();
  for (const gpu of gpus) {
    const group = groups.get(gpu.Name) ?? { name: gpu.Name, vendor: gpu.Vendor, installed: [] };
    group.installed.push(gpu);
    groups.set(gpu.Name, group);
  }
  return [...groups.values()];
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** How many GPUs of one model a job can take now. */
function availableOf(group: GpuGroup, node: BacalhauNodeState, groups: number): number {
  const available = node.Info.ComputeNodeInfo!.AvailableCapacity;
  if (available.GPUs && available.GPUs.length > 0) return available.GPUs.filter((g) => g.Name === group.name).length;
  // Without a per-device list, a single-model node has its free count; a mixed node is bounded by both.
  const free = available.GPU ?? 0;
  return groups === 1 ? free : Math.min(group.installed.length, free);
}

function verificationSignals(node: BacalhauNodeState, verification: MinerVerification | undefined) {
  const label = node.Info.Labels?.[LABEL_MINER];
  if (label === undefined) return { verified: false, verificationNote: `the node carries no ${LABEL_MINER} label, so there is no storage provider to verify` };
  if (!MINER_ID_PATTERN.test(label.trim())) return { verified: false, verificationNote: `${LABEL_MINER}="${label}" is not a miner ID address (f0…)` };
  if (!verification) return { verified: false, verificationNote: `miner ${label} was not checked` };
  return { verified: verification.verified, verificationNote: verification.note };
}

export interface MapContext {
  verifications: Map<string, MinerVerification>;
  fallbackPrices: FallbackPrices;
  observedAt: string;
}

export function nodeToOffers(node: BacalhauNodeState, raw: unknown, ctx: MapContext): OfferListing {
  const listing: OfferListing = { offers: [], quarantined: [] };
  const info = node.Info;
  const compute = info.ComputeNodeInfo!;
  const labels = info.Labels ?? {};
  const installed = compute.MaxCapacity.GPUs ?? [];
  if (installed.length === 0) {
    listing.quarantined.push({ reason: `node ${info.NodeID} reports ${compute.MaxCapacity.GPU} GPUs but no GPU models (MaxCapacity.GPUs is empty)`, raw });
    return listing;
  }
  const minerId = claimedMinerId(node);
  if (!minerId && !labels[LABEL_NODE]) {
    // A job is pinned by one of these labels; without either the node cannot be targeted, so it is no offer.
    listing.quarantined.push({ reason: `node ${info.NodeID} has neither a ${LABEL_MINER} nor a ${LABEL_NODE} label, so no job can be pinned to it`, raw });
    return listing;
  }
  const verification = minerId ? ctx.verifications.get(minerId) : undefined;
  const signals = { online: true, ...verificationSignals(node, verification) };
  const groups = groupByModel(installed);
  const available = compute.AvailableCapacity;

  for (const group of groups) {
    const count = availableOf(group, node, groups.length);
    if (count <= 0) continue; // fully booked right now: no offer, and nothing wrong with the node
    const price = resolvePrice(labels, group.name, ctx.fallbackPrices);
    if (!price.ok) {
      listing.quarantined.push({ reason: `node ${info.NodeID} (${group.name}): ${price.reason}`, raw });
      continue;
    }
    const attributes: Record<string, string> = { nodeId: info.NodeID };
    if (minerId) attributes.minerId = minerId;
    if (labels[LABEL_NODE]) attributes.nodeLabel = labels[LABEL_NODE];
    if (verification?.peerId) attributes.peerId = verification.peerId;
    if (info.BacalhauVersion?.GitVersion) attributes.bacalhauVersion = info.BacalhauVersion.GitVersion;
    listing.offers.push({
      network: NETWORK,
      offerId: groups.length === 1 ? info.NodeID : `${info.NodeID}#${slug(group.name)}`,
      provider: {
        id: minerId ?? `node:${info.NodeID}`,
        name: labels[LABEL_PROVIDER_NAME] ?? minerId ?? info.NodeID,
        region: labels[LABEL_REGION],
        attributes,
      },
      gpu: {
        label: group.name,
        vendor: group.vendor,
        vramGb: vramGbFromMiB(Math.min(...group.installed.map((g) => g.Memory))),
        count,
      },
      cpu: available.CPU,
      memoryGb: available.Memory === undefined ? undefined : Math.floor(available.Memory / BYTES_PER_GB),
      diskGb: available.Disk === undefined ? undefined : Math.floor(available.Disk / BYTES_PER_GB),
      price: price.price,
      signals,
      observedAt: ctx.observedAt,
      raw,
    });
  }
  return listing;
}
