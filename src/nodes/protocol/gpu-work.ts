// The work a GPU challenge asks for, shared bit for bit by the coordinator (which checks) and every prover
// (which computes): the matrices generated from the seed, the row digest, and the Merkle tree over rows.
// Written down in src/nodes/README.md ("The GPU challenge, exactly") so a prover in another language
// (the shipped PyTorch prover, a CUDA kernel) computes the same bits.
//
// For each claimed GPU g and round r the prover computes C = A · B, with A and B n×n integer matrices
// whose entries lie in [-16, 15]. Products are at most 256 in magnitude and n ≤ 65,536, so every partial
// sum stays below 2^24: exact in int8×int8→int32, in fp16/bf16 with fp32 accumulation, and in TF32.
import { createHash } from 'node:crypto';

export const GPU_WORK_VERSION = 'switchyard-gpu-challenge-v2';
export const ENTRY_MIN = -16;
export const ENTRY_MAX = 15;
/** The largest n for which sums stay exact in fp32 (256 · n ≤ 2^24). */
export const MAX_EXACT_SIZE = 65_536;

/** Chris Wellons' "lowbias32" integer hash: a 32-bit bijection with good avalanche, cheap in any language. */
export function lowbias32(x: number): number {
  x = (x ^ (x >>> 16)) >>> 0;
  x = Math.imul(x, 0x7feb352d) >>> 0;
  x = (x ^ (x >>> 15)) >>> 0;
  x = Math.imul(x, 0x846ca68b) >>> 0;
  return (x ^ (x >>> 16)) >>> 0;
}

/** The top five bits of a hash, as an entry in [-16, 15]. */
export const entryOf = (h: number) => (h >>> 27) - 16;

export interface WorkKeys {
  aRow: number;
  aCol: number;
  bRow: number;
  bCol: number;
  digest1: number;
  digest2: number;
}

/** Keys for one GPU and one round: bound to the seed, the node and the device index, so no answer is reusable. */
export function workKeys(seed: string, nodeId: string, gpuIndex: number, round: number): WorkKeys {
  const d = createHash('sha256').update(`${GPU_WORK_VERSION}\n${seed}\n${nodeId}\n${gpuIndex}\n${round}`, 'utf8').digest();
  const w = (i: number) => d.readUInt32LE(4 * i);
  return { aRow: w(0), aCol: w(1), bRow: w(2), bCol: w(3), digest1: w(4), digest2: w(5) };
}

/** A[i][j] = entryOf(lowbias32(lowbias32(i ^ aRow) ^ lowbias32(j ^ aCol))); B likewise with bRow, bCol. */
export function matrixEntry(rowKey: number, colKey: number, i: number, j: number): number {
  return entryOf(lowbias32((lowbias32((i ^ rowKey) >>> 0) ^ lowbias32((j ^ colKey) >>> 0)) >>> 0));
}

/** Row i of A (length n). */
export function rowOfA(keys: WorkKeys, n: number, i: number): Int8Array {
  const row = new Int8Array(n);
  const rh = lowbias32((i ^ keys.aRow) >>> 0);
  for (let k = 0; k < n; k++) row[k] = entryOf(lowbias32((rh ^ lowbias32((k ^ keys.aCol) >>> 0)) >>> 0));
  return row;
}

/** Column j of B (length n). */
export function columnOfB(keys: WorkKeys, n: number, j: number): Int8Array {
  const col = new Int8Array(n);
  const ch = lowbias32((j ^ keys.bCol) >>> 0);
  for (let k = 0; k < n; k++) col[k] = entryOf(lowbias32((lowbias32((k ^ keys.bRow) >>> 0) ^ ch) >>> 0));
  return col;
}

/** C[i][j], exactly: O(n). */
export function productEntry(aRow: Int8Array, bColumn: Int8Array): number {
  let sum = 0;
  for (let k = 0; k < aRow.length; k++) sum += aRow[k] * bColumn[k];
  return sum;
}

/**
 * The row digest, two 32-bit lanes computed in one pass (a GPU does it with element-wise ops and two sums):
 *   x_j = lowbias32(uint32(C[i][j]) ^ lowbias32(j ^ digest1));  lane1 = Σ x_j mod 2^32;  lane2 = Σ lowbias32(x_j ^ digest2) mod 2^32.
 */
export function rowLanes(keys: WorkKeys, row: Int32Array): [number, number] {
  let lane1 = 0;
  let lane2 = 0;
  for (let j = 0; j < row.length; j++) {
    const x = lowbias32((row[j] >>> 0) ^ lowbias32((j ^ keys.digest1) >>> 0));
    lane1 = (lane1 + x) >>> 0;
    lane2 = (lane2 + lowbias32((x ^ keys.digest2) >>> 0)) >>> 0;
  }
  return [lane1, lane2];
}

/** Leaf r·n + i of a GPU's tree: sha256(0x00 ‖ le32 round ‖ le32 row ‖ le32 lane1 ‖ le32 lane2). */
export function leafHash(round: number, row: number, lanes: [number, number]): Buffer {
  const b = Buffer.alloc(17);
  b.writeUInt32LE(round, 1);
  b.writeUInt32LE(row, 5);
  b.writeUInt32LE(lanes[0], 9);
  b.writeUInt32LE(lanes[1], 13);
  return createHash('sha256').update(b).digest();
}

const nodeHash = (left: Buffer, right: Buffer) =>
  createHash('sha256')
    .update(Buffer.from([1]))
    .update(left)
    .update(right)
    .digest();

/** The Merkle tree's levels, leaves first. A level's odd last node is carried up unchanged. */
export function merkleLevels(leaves: Buffer[]): Buffer[][] {
  if (leaves.length === 0) throw new Error('a Merkle tree needs at least one leaf');
  const levels = [leaves];
  while (levels[levels.length - 1].length > 1) {
    const level = levels[levels.length - 1];
    const next: Buffer[] = [];
    for (let i = 0; i < level.length; i += 2) next.push(i + 1 < level.length ? nodeHash(level[i], level[i + 1]) : level[i]);
    levels.push(next);
  }
  return levels;
}

/** The siblings on the way from leaf `index` to the root, skipping levels where the node is carried up. */
export function merklePath(levels: Buffer[][], index: number): string[] {
  const path: string[] = [];
  for (let l = 0; l < levels.length - 1; l++) {
    const sibling = index ^ 1;
    if (sibling < levels[l].length) path.push(levels[l][sibling].toString('hex'));
    index >>= 1;
  }
  return path;
}

/** Recomputes the root from a leaf and its path; the leaf count fixes where siblings exist. */
export function rootFromPath(leaf: Buffer, index: number, leafCount: number, path: string[]): string | null {
  let hash = leaf;
  let width = leafCount;
  let used = 0;
  while (width > 1) {
    const sibling = index ^ 1;
    if (sibling < width) {
      const s = path[used++];
      if (s === undefined || !/^[0-9a-f]{64}$/.test(s)) return null;
      hash = index & 1 ? nodeHash(Buffer.from(s, 'hex'), hash) : nodeHash(hash, Buffer.from(s, 'hex'));
    }
    index >>= 1;
    width = Math.ceil(width / 2);
  }
  return used === path.length ? hash.toString('hex') : null;
}

/** Everything one GPU's work produces, computed on the CPU: only sensible at demo and test sizes. */
export function computeGpuWork(
  seed: string,
  nodeId: string,
  gpuIndex: number,
  n: number,
  rounds: number,
): { levels: Buffer[][]; rows: (round: number, row: number) => Int32Array } {
  const products: Int32Array[][] = [];
  const leaves: Buffer[] = [];
  for (let r = 0; r < rounds; r++) {
    const keys = workKeys(seed, nodeId, gpuIndex, r);
    const columns = Array.from({ length: n }, (_, j) => columnOfB(keys, n, j));
    const rows: Int32Array[] = [];
    for (let i = 0; i < n; i++) {
      const a = rowOfA(keys, n, i);
      const c = new Int32Array(n);
      for (let j = 0; j < n; j++) c[j] = productEntry(a, columns[j]);
      rows.push(c);
      leaves.push(leafHash(r, i, rowLanes(keys, c)));
    }
    products.push(rows);
  }
  return { levels: merkleLevels(leaves), rows: (round, row) => products[round][row] };
}
