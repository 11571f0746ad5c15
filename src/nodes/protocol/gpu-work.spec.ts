import { CpuDemoProver } from '../../agent/provers/cpu-demo-prover';
import { checkOpenedRow } from '../challenge-verification';
import { Challenge, encodeRow } from './challenge';
import { createHash } from 'node:crypto';
import {
  columnOfB,
  computeGpuWork,
  ENTRY_MAX,
  ENTRY_MIN,
  GPU_WORK_VERSION,
  leafHash,
  lowbias32,
  matrixEntry,
  merkleLevels,
  merklePath,
  rootFromPath,
  rowLanes,
  rowOfA,
  workKeys,
} from './gpu-work';

const SEED = `${'00'.repeat(31)}01`;
const NODE = 'TestNode111111111111111111111111';

describe('the GPU challenge arithmetic', () => {
  it('agrees bit for bit with the shipped PyTorch prover (golden values from test/support/gpu-prover-parity.py)', () => {
    const w0 = computeGpuWork(SEED, NODE, 0, 8, 3);
    const w5 = computeGpuWork(SEED, NODE, 5, 8, 3);
    expect(w0.levels.at(-1)![0].toString('hex')).toBe('f407131bb0b3e027c739b7134cb3aecbca811120da2ef1130e648f6fa8d1f3fd');
    expect(w5.levels.at(-1)![0].toString('hex')).toBe('415217875d3ca690dff18b35670d0b88227679d3a895b327167759d6f513b8ee');
    expect(w0.rows(1, 1)[2]).toBe(-314);
    expect(Array.from(rowOfA(workKeys(SEED, NODE, 0, 1), 8, 0).slice(0, 4))).toEqual([5, -3, -3, -10]);
    expect(merklePath(w0.levels, 8 + 3).slice(0, 2)).toEqual([
      '453a2417f3a944457739f4e7173eec8334baa7784b7f8d5ef4b9d87f4095044b',
      '1b60aa715e6af8b6562c23097a4978cb0bc976c6ae3064c9731cfdc1dfb91153',
    ]);
  });

  it('is a 32-bit bijection with the published lowbias32 constants', () => {
    expect(lowbias32(0)).toBe(0);
    const seen = new Set(Array.from({ length: 10_000 }, (_, i) => lowbias32(i)));
    expect(seen.size).toBe(10_000);
  });

  it('draws entries across [-16, 15] and binds them to seed, node, GPU and round', () => {
    const keys = workKeys(SEED, NODE, 0, 0);
    const entries = Array.from({ length: 4096 }, (_, i) => matrixEntry(keys.aRow, keys.aCol, i >> 6, i & 63));
    expect(Math.min(...entries)).toBe(ENTRY_MIN);
    expect(Math.max(...entries)).toBe(ENTRY_MAX);
    const root = (seed: string, node: string, gpu: number) => computeGpuWork(seed, node, gpu, 8, 1).levels.at(-1)![0].toString('hex');
    const base = root(SEED, NODE, 0);
    expect(root(`${'00'.repeat(31)}02`, NODE, 0)).not.toBe(base);
    expect(root(SEED, 'OtherNode1111111111111111111111', 0)).not.toBe(base);
    expect(root(SEED, NODE, 1)).not.toBe(base);
    expect(GPU_WORK_VERSION).toBe('switchyard-gpu-challenge-v2');
  });

  it('computes the product exactly (checked against a direct triple loop)', () => {
    const n = 16;
    const keys = workKeys(SEED, NODE, 3, 0);
    const work = computeGpuWork(SEED, NODE, 3, n, 1);
    for (const [i, j] of [
      [0, 0],
      [7, 3],
      [15, 15],
    ]) {
      let sum = 0;
      for (let k = 0; k < n; k++) sum += matrixEntry(keys.aRow, keys.aCol, i, k) * matrixEntry(keys.bRow, keys.bCol, k, j);
      expect(work.rows(0, i)[j]).toBe(sum);
      expect(columnOfB(keys, n, j)[5]).toBe(matrixEntry(keys.bRow, keys.bCol, 5, j));
    }
  });

  it('proves every leaf of an odd-sized tree to its root, and no leaf at a wrong index', () => {
    const leaves = Array.from({ length: 13 }, (_, i) => createHash('sha256').update(String(i)).digest());
    const levels = merkleLevels(leaves);
    const root = levels.at(-1)![0].toString('hex');
    for (let i = 0; i < 13; i++) expect(rootFromPath(leaves[i], i, 13, merklePath(levels, i))).toBe(root);
    expect(rootFromPath(leaves[3], 4, 13, merklePath(levels, 3))).not.toBe(root);
  });
});

describe("the coordinator's row check", () => {
  const challenge: Challenge = {
    challengeId: 'c1',
    version: GPU_WORK_VERSION,
    seed: SEED,
    profile: 'gpu',
    size: 32,
    rounds: 2,
    gpuIndexes: [0, 1],
    commitDeadline: new Date().toISOString(),
    openRows: 4,
  };
  const columns = Array.from({ length: 32 }, (_, j) => j);

  it("accepts an honest prover's rows and refuses a changed entry, a swapped GPU and a wrong path", async () => {
    const prover = new CpuDemoProver();
    const roots = await prover.commit(challenge, NODE);
    const [opened] = await prover.open('c1', [{ gpuIndex: 1, round: 1, row: 17 }]);
    const input = { seed: SEED, nodeId: NODE, size: 32, rounds: 2, root: roots[1].root, opened, columns };
    expect(checkOpenedRow(input)).toEqual({ ok: true });

    const values = Buffer.from(opened.values, 'base64');
    values.writeInt32LE(values.readInt32LE(4 * 9) + 1, 4 * 9);
    expect(checkOpenedRow({ ...input, opened: { ...opened, values: values.toString('base64') } })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/do not lead to the committed root/),
    });
    // GPU 0's root for GPU 1's row: the work is bound to the device index.
    expect(checkOpenedRow({ ...input, root: roots[0].root })).toMatchObject({ ok: false });
    expect(checkOpenedRow({ ...input, opened: { ...opened, path: opened.path.slice(1) } })).toMatchObject({ ok: false });
  });

  it('catches a row that hashes to its committed leaf but holds a wrong product (the root was built over made-up rows)', () => {
    const made = new Int32Array(32).fill(7);
    // A prover that commits to rows it made up: its tree is consistent, its arithmetic is not.
    const leaves: Buffer[] = [];
    const keysFor = (r: number) => workKeys(SEED, NODE, 0, r);
    for (let r = 0; r < 2; r++) for (let i = 0; i < 32; i++) leaves.push(leafHash(r, i, rowLanes(keysFor(r), made)));
    const levels = merkleLevels(leaves);
    const opened = { gpuIndex: 0, round: 0, row: 5, values: encodeRow(made), path: merklePath(levels, 5) };
    const verdict = checkOpenedRow({ seed: SEED, nodeId: NODE, size: 32, rounds: 2, root: levels.at(-1)![0].toString('hex'), opened, columns: [3] });
    expect(verdict).toMatchObject({ ok: false, reason: expect.stringMatching(/entry 3 is 7, the product is -?\d+/) });
  });

  it('the CPU demo prover refuses a GPU-sized challenge instead of pretending', async () => {
    await expect(new CpuDemoProver().commit({ ...challenge, size: 65_536, rounds: 37, gpuIndexes: [0] }, NODE)).rejects.toThrow(
      /a GPU's work, far past what a CPU does/,
    );
  });
});
