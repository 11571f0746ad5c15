import { z } from 'zod';
import { defineAdapterPlugin } from '../sdk';
import { ExampleAdapter, ExampleConfig } from './example.adapter';
import { startExampleSimulator } from './example.simulator';

/** The example network: not loaded by default; enable it with NETWORKS=example. */
export const plugin = defineAdapterPlugin<ExampleConfig>({
  id: 'example',
  displayName: 'Example network',
  version: '1.0.0',
  sdkVersions: [1],
  configSchema: z.object({ baseUrl: z.string().url(), timeoutMs: z.coerce.number().int().positive().default(5_000) }),
  endpointKeys: ['baseUrl'],
  create: (config, context) => new ExampleAdapter(config, context),
  startSimulator: startExampleSimulator,
});
