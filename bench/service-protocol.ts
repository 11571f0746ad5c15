// What the benchmark runner and its forked service child (service-child.ts) say to each other over IPC. A
// module of its own so that the runner never imports the child, whose import would start a whole service.
export const BENCH_ADMIN_KEY = 'sy_bench_admin_key_0123456789abcdef';

export type ChildMessage =
  | { type: 'ready'; url: string; ingest?: IngestTimings; pool: number; models: Array<[string, number]>; customerKey: string }
  | { type: 'mem'; usage: NodeJS.MemoryUsage; gc: boolean; spaces?: import('node:v8').HeapSpaceInfo[] }
  | { type: 'dispatching' }
  | { type: 'error'; message: string };

/** What the simulators child (simulators-child.ts) says: the environment that points a service at its simulators. */
export type SimulatorsMessage = { type: 'ready'; env: Record<string, string> } | { type: 'error'; message: string };

export interface IngestTimings {
  offers: number;
  checkMs: number;
  publishMs: number;
  indexMs: number;
  perNetwork: Array<{ network: string; offers: number; checkMs: number; publishMs: number; indexMs: number }>;
  /** The next sync of the same networks, a minute later, with some offers repriced, gone and new. */
  resync?: IngestTimings;
}
