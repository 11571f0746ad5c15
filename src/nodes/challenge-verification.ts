// The coordinator's check of one opened row (pure): the row must hash to a leaf on the committed root's tree,
// and sampled entries must equal the coordinator's own exact arithmetic. O(n · entries) per row, not O(n³).
import { decodeRow } from './protocol/challenge';
import { columnOfB, leafHash, productEntry, rootFromPath, rowLanes, rowOfA, workKeys } from './protocol/gpu-work';

export interface OpenedRow {
  gpuIndex: number;
  round: number;
  row: number;
  values: string;
  path: string[];
}

export interface RowCheckInput {
  seed: string;
  nodeId: string;
  size: number;
  rounds: number;
  root: string;
  opened: OpenedRow;
  /** Columns to recompute, chosen by the coordinator after the row arrived. */
  columns: number[];
}

export type RowCheck = { ok: true } | { ok: false; reason: string };

export function checkOpenedRow(input: RowCheckInput): RowCheck {
  const { seed, nodeId, size: n, rounds, root, opened, columns } = input;
  const where = `GPU ${opened.gpuIndex} round ${opened.round} row ${opened.row}`;
  const values = decodeRow(opened.values, n);
  if (!values) return { ok: false, reason: `${where}: expected ${n} int32 values` };
  const keys = workKeys(seed, nodeId, opened.gpuIndex, opened.round);
  const leaf = leafHash(opened.round, opened.row, rowLanes(keys, values));
  const recomputed = rootFromPath(leaf, opened.round * n + opened.row, rounds * n, opened.path);
  if (recomputed !== root) return { ok: false, reason: `${where}: the row and its path do not lead to the committed root` };
  const a = rowOfA(keys, n, opened.row);
  for (const j of columns) {
    const expected = productEntry(a, columnOfB(keys, n, j));
    if (values[j] !== expected) return { ok: false, reason: `${where}: entry ${j} is ${values[j]}, the product is ${expected}` };
  }
  return { ok: true };
}
