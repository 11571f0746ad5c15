import { DEFAULT_JOB_FAILURE_RATE, failsByKey, SimJobEngine } from './bacalhau.sim-jobs';
import { JOB_LABEL_IDEMPOTENCY_KEY } from './filecoin.node-labels';
import type { SimNode } from './filecoin.sim-world';

const TIMINGS = { pendingMs: 100, queuedMs: 100, runMs: 1_000 };

function engineWithOneGpu() {
  let now = 0;
  let ids = 0;
  const node = {
    nodeId: 'n1',
    nodeType: 'Compute',
    labels: {},
    gpus: [{ model: 'H100', count: 1 }],
    cpu: 8,
    memoryBytes: 1,
    diskBytes: 1,
    busyGpus: 0,
    membership: 'APPROVED',
    connected: true,
  } as unknown as SimNode;
  const engine = new SimJobEngine(
    [node],
    () => String(++ids),
    () => now,
  );
  const job = (key: string, timings = TIMINGS) =>
    engine.create(
      { Labels: { [JOB_LABEL_IDEMPOTENCY_KEY]: key }, Tasks: [{ Resources: { GPU: '1' }, Engine: { Params: { Image: 'ok' } } }] },
      { forceFail: false, timings },
    );
  return { engine, node, job, at: (ms: number) => ((now = ms), engine.advanceAll()) };
}

describe('the Bacalhau simulator job engine', () => {
  it('moves jobs through their states in the order their changes fall due', () => {
    const { node, job, at } = engineWithOneGpu();
    const first = job('a');
    at(150);
    expect(first.record.State.StateType).toBe('Queued');
    at(200);
    expect(first.record.State.StateType).toBe('Running');
    expect(node.busyGpus).toBe(1);
    at(1_200);
    expect(first.record.State.StateType).toBe('Completed');
    expect(node.busyGpus).toBe(0);
  });

  it('replays what happened between two requests in time order, not in the order jobs were created', () => {
    const { job, at } = engineWithOneGpu();
    // Created first but wants the only GPU late (at 1,300); the second job holds it from 200 to 1,200.
    const late = job('later', { pendingMs: 1_200, queuedMs: 100, runMs: 1_000 });
    const early = job('early');
    at(1_500); // nobody asked in between: one advance replays it all
    expect([early.record.State.StateType, late.record.State.StateType]).toEqual(['Completed', 'Running']);
  });

  it('leaves a stopped job stopped and finds jobs by idempotency key', () => {
    const { engine, job, at } = engineWithOneGpu();
    const j = job('k1');
    job('k3');
    engine.stop(j, 'cancelled');
    at(10_000);
    expect(j.record.State.StateType).toBe('Stopped');
    expect(engine.withIdempotencyKey('k1')).toEqual([j]);
    expect(engine.withIdempotencyKey('nope')).toEqual([]);
  });
});

describe('simulated workload failures', () => {
  const keys = Array.from({ length: 2000 }, (_, i) => `key-${i}`);

  it('fail about one job in twenty by default, the same jobs every time', () => {
    const failing = keys.filter((k) => failsByKey(k));
    expect(failing.length / keys.length).toBeGreaterThan(DEFAULT_JOB_FAILURE_RATE * 0.7);
    expect(failing.length / keys.length).toBeLessThan(DEFAULT_JOB_FAILURE_RATE * 1.3);
    expect(keys.filter((k) => failsByKey(k))).toEqual(failing);
  });

  it('follow the configured rate, down to none at 0', () => {
    expect(keys.filter((k) => failsByKey(k, 0))).toEqual([]);
    expect(keys.filter((k) => failsByKey(k, 1))).toHaveLength(keys.length);
    const half = keys.filter((k) => failsByKey(k, 0.5)).length / keys.length;
    expect(half).toBeGreaterThan(0.45);
    expect(half).toBeLessThan(0.55);
  });
});
