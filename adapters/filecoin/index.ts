// The Filecoin network plugin: Bacalhau compute on storage providers, verified through Lotus.
import { defineAdapterPlugin } from '../sdk';
import { SUPPLY_REQUIREMENTS } from './filecoin.node-labels';
import { FilecoinAdapter } from './filecoin.adapter';
import { FilecoinConfig, filecoinConfigSchema } from './filecoin.config';
import { startFilecoinSimulators } from './filecoin.simulator';

export const plugin = defineAdapterPlugin<FilecoinConfig>({
  id: 'filecoin',
  displayName: 'Filecoin (Bacalhau on storage providers)',
  version: '1.0.0',
  sdkVersions: [1],
  configSchema: filecoinConfigSchema,
  endpointKeys: ['bacalhauUrl'],
  supplyRequirements: SUPPLY_REQUIREMENTS,
  create: (config, context) => new FilecoinAdapter(config, context),
  startSimulator: (options) => startFilecoinSimulators(options),
});

export { FilecoinAdapter } from './filecoin.adapter';
export { filecoinConfigSchema } from './filecoin.config';
export type { FilecoinConfig, FilecoinConfigInput } from './filecoin.config';
export { startFilecoinSimulators, startBacalhauSimulator, startLotusSimulator } from './filecoin.simulator';
