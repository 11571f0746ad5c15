// Starts the three oracle simulators on loopback and hands back the config that points the FX sources
// at them. Used by the host in demo mode (no real oracle endpoint configured) and by the tests.
import type { PythProgramSet } from '../feeds';
import { EvmRpcSimulator, startEvmRpcSimulator } from './evm-rpc.simulator';
import { HermesSimulator, startHermesSimulator } from './hermes.simulator';
import { OracleWorld } from './oracle-world';
import { SolanaRpcSimulator, startSolanaRpcSimulator } from './solana-rpc.simulator';

export interface OracleSimulatorOptions {
  seed: number;
  host?: string;
  /** Make Hermes demand this API key. */
  hermesApiKey?: string;
  /** The simulated clock (tests move it). */
  now?: () => Date;
}

/** The endpoint part of the pricing config, as `resolvePricingConfig` takes it. */
export interface OracleEndpoints {
  solanaRpcUrl: string;
  hermesUrl: string;
  hermesApiKey?: string;
  evmRpcUrl: string;
  evmChainId: number;
  pythProgramSet: PythProgramSet;
}

export interface RunningOracleSimulators {
  world: OracleWorld;
  solana: SolanaRpcSimulator;
  evm: EvmRpcSimulator;
  hermes: HermesSimulator;
  urls: { solanaRpc: string; hermes: string; evmRpc: string };
  config: OracleEndpoints;
  close(): Promise<void>;
}

export async function startOracleSimulators(options: OracleSimulatorOptions): Promise<RunningOracleSimulators> {
  const world = new OracleWorld(options.seed, options.now);
  const common = { seed: options.seed, host: options.host ?? '127.0.0.1' };
  const solana = await startSolanaRpcSimulator(world, common);
  const evm = await startEvmRpcSimulator(world, common);
  const hermes = await startHermesSimulator(world, { ...common, apiKey: options.hermesApiKey });
  return {
    world,
    solana,
    evm,
    hermes,
    urls: { solanaRpc: solana.url, hermes: hermes.url, evmRpc: evm.url },
    config: {
      solanaRpcUrl: solana.url,
      hermesUrl: hermes.url,
      hermesApiKey: options.hermesApiKey,
      evmRpcUrl: evm.url,
      evmChainId: evm.chainId,
      pythProgramSet: 'upgraded',
    },
    async close() {
      await Promise.all([solana.server.close(), evm.server.close(), hermes.server.close()]);
    },
  };
}

export { OracleWorld } from './oracle-world';
export type { EvmRpcSimulator } from './evm-rpc.simulator';
export type { HermesSimulator } from './hermes.simulator';
export type { SolanaRpcSimulator } from './solana-rpc.simulator';
