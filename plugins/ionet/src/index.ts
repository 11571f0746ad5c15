// @switchyard/plugin-ionet: io.net's IO Cloud (Container-as-a-Service) as a Switchyard network.
//   NETWORKS=akash,render,filecoin,native,@switchyard/plugin-ionet
//   IONET_BASE_URL=https://api.io.solutions IONET_API_KEY=…   (without them, the built-in simulator runs)
import { defineAdapterPlugin } from '@switchyard/adapter-sdk';
import { IonetAdapter, IonetConfig, ionetConfigSchema } from './ionet.adapter';
import { startIonetSimulator } from './ionet.simulator';

export { IonetAdapter, ionetConfigSchema, offerIdOf, deploymentName } from './ionet.adapter';
export type { IonetConfig } from './ionet.adapter';
export { startIonetSimulator } from './ionet.simulator';

export const plugin = defineAdapterPlugin<IonetConfig>({
  id: 'ionet',
  displayName: 'io.net',
  version: '0.1.0',
  sdkVersions: [1],
  configSchema: ionetConfigSchema,
  endpointKeys: ['baseUrl'],
  create: (config, context) => new IonetAdapter(config, context),
  startSimulator: (options) => startIonetSimulator(options),
});

export default plugin;
