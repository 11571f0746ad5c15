// The agent's side of the GPU prover: start, hello, commit, open and a failed start, against a stand-in for
// gpu_prover.py that speaks the same JSON lines (no GPU here; the arithmetic is checked in gpu-work.spec.ts).
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GPU_WORK_VERSION } from '../../nodes/protocol/gpu-work';
import type { Challenge } from '../../nodes/protocol/challenge';
import { TorchProver } from './torch-prover';

const dir = mkdtempSync(path.join(os.tmpdir(), 'sy-prover-'));
function stub(name: string, body: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, body);
  return file;
}

const NODE = 'TestNode111111111111111111111111';
const challenge: Challenge = {
  challengeId: 'c1',
  version: GPU_WORK_VERSION,
  seed: 'ab'.repeat(32),
  profile: 'gpu',
  size: 16,
  rounds: 1,
  gpuIndexes: [0],
  commitDeadline: new Date().toISOString(),
  openRows: 2,
};

describe('TorchProver (the agent side of gpu_prover.py)', () => {
  it('starts the script once and relays commit and open over JSON lines', async () => {
    const script = stub(
      'ok.js',
      `const rl = require('readline').createInterface({ input: process.stdin });
       rl.on('line', (line) => {
         const m = JSON.parse(line);
         const reply = (o) => process.stdout.write(JSON.stringify({ id: m.id ?? null, ok: true, ...o }) + '\\n');
         if (m.op === 'hello') return reply({ prover: 'torch-cuda', devices: ['Stand-in GPU'], arithmetic: 'int8' });
         if (m.op === 'commit') return reply({ roots: [{ gpuIndex: 0, root: ${JSON.stringify('ROOT')} }] });
         if (m.op === 'open') return reply({ rows: m.rows.map((r) => ({ ...r, values: 'VALUES', path: [] })) });
         if (m.op === 'forget') return reply({});
       });`,
    );
    const prover = await TorchProver.start(process.execPath, script);
    expect(prover.description).toBe('PyTorch/CUDA prover (int8 arithmetic) on Stand-in GPU');
    expect(await prover.commit(challenge, NODE)).toEqual([{ gpuIndex: 0, root: 'ROOT' }]);
    expect(await prover.open('c1', [{ gpuIndex: 0, round: 0, row: 3 }])).toEqual([{ gpuIndex: 0, round: 0, row: 3, values: 'VALUES', path: [] }]);
    await prover.close();
  });

  it("refuses to start when the script cannot (no CUDA), with the script's reason", async () => {
    const script = stub('fail.js', `process.stdout.write(JSON.stringify({ ok: false, error: 'RuntimeError: CUDA is not available to PyTorch' }) + '\\n');`);
    await expect(TorchProver.start(process.execPath, script)).rejects.toThrow(/CUDA is not available/);
  });

  it('fails a pending request when the script dies, instead of hanging the challenge', async () => {
    const script = stub(
      'dies.js',
      `require('readline').createInterface({ input: process.stdin }).on('line', (line) => {
         const m = JSON.parse(line);
         if (m.op === 'hello') return process.stdout.write(JSON.stringify({ id: null, ok: true, devices: ['x'], arithmetic: 'tf32' }) + '\\n');
         process.exit(3);
       });`,
    );
    const prover = await TorchProver.start(process.execPath, script);
    await expect(prover.commit(challenge, NODE)).rejects.toThrow(/exited \(code 3\)/);
  });
});
