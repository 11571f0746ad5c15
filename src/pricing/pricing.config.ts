// Pricing's own environment variables, parsed once with zod. See the report/README table for the list.
import { z } from 'zod';
import { describeEnvProblem, parseEnv } from '../config/env-config';
import { isDecimalString } from './money';
import { CHAINLINK_ETHEREUM_FEEDS, DEFAULT_HERMES_URL, PYTH_FEED_IDS, PYTH_SOLANA_PROGRAMS, PYTH_SOLANA_SPONSORED, PythProgramSet } from './fx/feeds';
import { FX_ASSETS, FxAsset } from './fx/fx-quote';
import type { OracleEndpoints } from './fx/simulators';
import { pythFeedAccount } from './fx/pyth-solana.source';

export const FX_SOURCE_IDS = ['pyth-solana', 'pyth-hermes', 'chainlink', 'static', 'peg'] as const;
export type FxSourceId = (typeof FX_SOURCE_IDS)[number];

/** Which sources answer for which asset when FX_SOURCES_<ASSET> is not set (order = preference). */
export const DEFAULT_FX_SOURCES: Record<FxAsset, FxSourceId[]> = {
  SOL: ['pyth-solana', 'pyth-hermes'],
  USDC: ['pyth-solana', 'pyth-hermes'],
  RENDER: ['pyth-solana', 'pyth-hermes'],
  FIL: ['pyth-hermes', 'chainlink'],
  AKT: ['pyth-hermes'],
  ACT: ['peg'],
};

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');
const url = z.url({ protocol: /^https?$/ });
const decimal = z.string().refine(isDecimalString, 'must be a decimal string such as 2.15');
const sourceList = z
  .string()
  .transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.enum(FX_SOURCE_IDS)));
const solanaAddress = z.string().regex(/^[1-9A-HJ-NP-Za-km-z]{32,44}$/, 'must be a base58 Solana address');
const evmAddress = z.string().regex(/^0x[0-9a-fA-F]{40}$/, 'must be a 0x EVM address');

const perAsset = <T extends z.ZodType>(prefix: string, schema: T, suffix = '') =>
  Object.fromEntries(FX_ASSETS.map((a) => [`${prefix}${a}${suffix}`, schema.optional()])) as Record<string, z.ZodOptional<T>>;

export const pricingEnvSchema = z.object({
  FX_SIMULATORS: z.enum(['auto', 'off']).default('auto'),
  FX_REFRESH_S: z.coerce.number().int().min(1).max(86_400).default(60),
  FX_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(8_000),
  FX_MAX_AGE_S: z.coerce.number().int().min(1).default(600),
  FX_MAX_CONFIDENCE_RATIO: decimal.default('0.02'),
  // Chainlink updates on a deviation threshold or a heartbeat (FIL/USD's is quoted as 2 h or 24 h: check
  // data.chain.link), so its rounds get their own maximum age.
  CHAINLINK_MAX_AGE_S: z.coerce.number().int().min(1).default(7_200),
  SOLANA_RPC_URL: url.optional(),
  PYTH_PROGRAM_SET: z.enum(['legacy', 'upgraded']).default('upgraded'),
  PYTH_RECEIVER_PROGRAMS: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(solanaAddress).min(1))
    .optional(),
  PYTH_ALLOW_PARTIAL: bool.default(false),
  HERMES_URL: url.optional(),
  HERMES_API_KEY: z.string().min(1).optional(),
  EVM_RPC_URL: url.optional(),
  EVM_CHAIN_ID: z.coerce.number().int().min(1).default(1),
  ...perAsset('FX_SOURCES_', sourceList),
  ...perAsset('FX_STATIC_', decimal),
  ...perAsset('FX_MAX_AGE_S_', z.coerce.number().int().min(1)),
  ...perAsset('PYTH_SOLANA_ACCOUNT_', solanaAddress),
  ...perAsset('CHAINLINK_', evmAddress, '_USD_ADDRESS'),
});

export interface PricingConfig {
  simulators: 'auto' | 'off';
  refreshS: number;
  timeoutMs: number;
  maxConfidenceRatio: string;
  maxAgeS: Record<FxAsset, number>;
  /** Maximum age per source id, overriding the asset's. */
  sourceMaxAgeS: Record<string, number>;
  sources: Record<FxAsset, FxSourceId[]>;
  staticPrices: Partial<Record<FxAsset, string>>;
  solana?: { rpcUrl: string; accounts: Partial<Record<FxAsset, string>>; receivers: string[]; allowPartial: boolean; programSet: PythProgramSet };
  hermes?: { url: string; apiKey?: string };
  chainlink?: { rpcUrl: string; chainId: number; feeds: Partial<Record<FxAsset, string>> };
  /** True when any real oracle endpoint is configured. */
  endpointsConfigured: boolean;
}

export class PricingConfigError extends Error {}

export function parsePricingEnv(env: Record<string, string | undefined>): z.infer<typeof pricingEnvSchema> {
  return parseEnv(pricingEnvSchema, env, {
    fail: (problems) => new PricingConfigError(`Invalid pricing configuration: ${problems.map(describeEnvProblem).join('; ')}`),
  });
}

/** Builds the pricing config from the environment, with simulator endpoints filling in when given. */
export function resolvePricingConfig(env: Record<string, string | undefined>, simulated?: OracleEndpoints): PricingConfig {
  const e = parsePricingEnv(env);
  const raw = e as Record<string, unknown>;
  const endpointsConfigured = Boolean(e.SOLANA_RPC_URL || e.HERMES_URL || e.HERMES_API_KEY || e.EVM_RPC_URL);
  const solanaRpcUrl = e.SOLANA_RPC_URL ?? simulated?.solanaRpcUrl;
  const hermesUrl = e.HERMES_URL ?? simulated?.hermesUrl ?? (e.HERMES_API_KEY ? DEFAULT_HERMES_URL : undefined);
  const evmRpcUrl = e.EVM_RPC_URL ?? simulated?.evmRpcUrl;
  const programSet = (e.SOLANA_RPC_URL ? e.PYTH_PROGRAM_SET : simulated?.pythProgramSet) ?? e.PYTH_PROGRAM_SET;

  const staticPrices: Partial<Record<FxAsset, string>> = {};
  const sources = {} as Record<FxAsset, FxSourceId[]>;
  const maxAgeS = {} as Record<FxAsset, number>;
  const accounts: Partial<Record<FxAsset, string>> = {};
  const feeds: Partial<Record<FxAsset, string>> = {};
  for (const asset of FX_ASSETS) {
    const fixed = raw[`FX_STATIC_${asset}`] as string | undefined;
    if (fixed) staticPrices[asset] = fixed;
    // An operator's static price replaces the oracles for that asset unless FX_SOURCES_<ASSET> says otherwise.
    sources[asset] = (raw[`FX_SOURCES_${asset}`] as FxSourceId[] | undefined) ?? (fixed ? ['static'] : DEFAULT_FX_SOURCES[asset]);
    maxAgeS[asset] = (raw[`FX_MAX_AGE_S_${asset}`] as number | undefined) ?? e.FX_MAX_AGE_S;
    const account =
      (raw[`PYTH_SOLANA_ACCOUNT_${asset}`] as string | undefined) ??
      (PYTH_SOLANA_SPONSORED.includes(asset) ? pythFeedAccount(PYTH_FEED_IDS[asset]!, programSet) : undefined);
    if (account) accounts[asset] = account;
    const feed = (raw[`CHAINLINK_${asset}_USD_ADDRESS`] as string | undefined) ?? CHAINLINK_ETHEREUM_FEEDS[asset];
    if (feed) feeds[asset] = feed;
    if (sources[asset].includes('static') && !fixed) throw new PricingConfigError(`FX_SOURCES_${asset} lists static but FX_STATIC_${asset} is not set`);
  }

  return {
    simulators: e.FX_SIMULATORS,
    refreshS: e.FX_REFRESH_S,
    timeoutMs: e.FX_TIMEOUT_MS,
    maxConfidenceRatio: e.FX_MAX_CONFIDENCE_RATIO,
    maxAgeS,
    sourceMaxAgeS: { chainlink: e.CHAINLINK_MAX_AGE_S },
    sources,
    staticPrices,
    solana: solanaRpcUrl
      ? {
          rpcUrl: solanaRpcUrl,
          accounts,
          receivers: e.PYTH_RECEIVER_PROGRAMS ?? [PYTH_SOLANA_PROGRAMS.legacy.receiver, PYTH_SOLANA_PROGRAMS.upgraded.receiver],
          allowPartial: e.PYTH_ALLOW_PARTIAL,
          programSet,
        }
      : undefined,
    hermes: hermesUrl ? { url: hermesUrl, apiKey: e.HERMES_API_KEY ?? simulated?.hermesApiKey } : undefined,
    chainlink: evmRpcUrl ? { rpcUrl: evmRpcUrl, chainId: e.EVM_RPC_URL ? e.EVM_CHAIN_ID : (simulated?.evmChainId ?? e.EVM_CHAIN_ID), feeds } : undefined,
    endpointsConfigured,
  };
}
