// The coordinator's cost to check one proof-of-GPU challenge, next to the node's work. The opened rows are
// built so that every check the coordinator makes is the real one (Merkle path to the committed root, exact
// recomputation of the sampled entries); only the entries nobody checks are left zero, which costs the
// coordinator nothing either way. The node's side is computed from the plan (no GPU here).
import { randomBytes, randomInt } from 'node:crypto';
import { catalogGpuFor, exactPeakTops, planGpuChallenge } from '../src/nodes/challenge-sizing';
import { checkOpenedRow } from '../src/nodes/challenge-verification';
import { loadNodesConfig } from '../src/nodes/nodes.config';
import { encodeRow } from '../src/nodes/protocol/challenge';
import { columnOfB, leafHash, productEntry, rootFromPath, rowLanes, rowOfA, workKeys } from '../src/nodes/protocol/gpu-work';
import type { Measurement } from './bench-report';

const H100 = { model: 'NVIDIA H100 80GB HBM3', vramMb: 81_559 };

export function runProofOfGpuBench(opts: { gpus: number[]; repetitions: number }, log: (line: string) => void): Measurement[] {
  const config = loadNodesConfig({});
  const claim = catalogGpuFor(H100);
  if (!claim.ok) throw new Error(claim.reason);
  const plan = planGpuChallenge([claim.gpu], [H100.vramMb], config.challenge);
  const n = plan.size;
  const nodeOps = 2 * n ** 3 * plan.rounds;
  const atPeakS = nodeOps / (exactPeakTops(claim.gpu) * 1e12);
  log(`  H100 plan: n=${n}, ${plan.rounds} rounds, deadline ${plan.deadlineMs} ms, working set ${plan.workingSetMb} MiB per GPU`);
  const seed = randomBytes(32).toString('hex');
  const nodeId = 'BenchNode1111111111111111111111111111111111';
  const rows: Measurement[] = [];
  for (const gpuCount of opts.gpus) {
    // One opened row per (GPU, draw), prepared outside the timed part.
    const cases = [] as Array<Parameters<typeof checkOpenedRow>[0]>;
    for (let g = 0; g < gpuCount; g++) {
      for (let k = 0; k < config.challenge.openRows; k++) {
        const round = randomInt(plan.rounds);
        const row = randomInt(n);
        const keys = workKeys(seed, nodeId, g, round);
        const columns = Array.from({ length: config.challenge.checkEntries }, () => randomInt(n));
        const values = new Int32Array(n);
        const a = rowOfA(keys, n, row);
        for (const j of columns) values[j] = productEntry(a, columnOfB(keys, n, j));
        const leaf = leafHash(round, row, rowLanes(keys, values));
        let depth = 0;
        for (let idx = round * n + row, width = plan.rounds * n; width > 1; idx >>= 1, width = Math.ceil(width / 2)) if ((idx ^ 1) < width) depth++;
        const path = Array.from({ length: depth }, () => randomBytes(32).toString('hex'));
        const root = rootFromPath(leaf, round * n + row, plan.rounds * n, path);
        if (!root) throw new Error('bench path shape');
        cases.push({ seed, nodeId, size: n, rounds: plan.rounds, root, opened: { gpuIndex: g, round, row, values: encodeRow(values), path }, columns });
      }
    }
    const times: number[] = [];
    let heapPeak = 0;
    for (let rep = 0; rep < opts.repetitions; rep++) {
      global.gc?.();
      const used = () => {
        const m = process.memoryUsage();
        return m.heapUsed + m.arrayBuffers;
      };
      const heapBefore = used();
      const started = process.hrtime.bigint();
      for (const c of cases) {
        const verdict = checkOpenedRow(c);
        if (!verdict.ok) throw new Error(`bench row refused: ${verdict.reason}`);
        heapPeak = Math.max(heapPeak, used() - heapBefore);
      }
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    times.sort((x, y) => x - y);
    const median = times[Math.floor(times.length / 2)];
    const payloadKb = (cases.length * (Math.ceil((4 * n) / 3) * 4 + 65 * cases[0].opened.path.length)) / 1024;
    log(`  ${gpuCount} GPU(s): ${cases.length} rows checked in ${median.toFixed(1)} ms (median of ${opts.repetitions})`);
    rows.push({
      name: `coordinator verifies one H100 challenge, ${gpuCount} GPU(s) (${cases.length} rows × ${config.challenge.checkEntries} entries, n=${n})`,
      value: `${median.toFixed(1)} ms CPU · ≤ ${(heapPeak / 2 ** 20).toFixed(1)} MiB heap + buffers`,
      target: '',
      note: `the node's work: ${gpuCount} × ${nodeOps.toExponential(2)} exact ops (${atPeakS.toFixed(1)} s per GPU at the H100's ${exactPeakTops(claim.gpu)} TOPS int8 peak; deadline ${(plan.deadlineMs / 1000).toFixed(1)} s); opened rows ≈ ${(payloadKb / 1024).toFixed(1)} MiB on the wire`,
    });
  }
  return rows;
}
