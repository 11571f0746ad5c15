// Oracle identifiers (facts from /work/shared/reference/oracles.md §1(b), §1(c), §2). Each one is checked
// against the oracle's own published list in feed-registry.ts, which names the list (repository@commit)
// or says why it could not be confirmed; feed-registry.spec.ts keeps the two in step.
import type { FxAsset } from './fx-quote';

/** Pyth price feed ids (32-byte hex, the same on every chain and on Hermes). ACT has none: it is pegged. */
export const PYTH_FEED_IDS: Partial<Record<FxAsset, string>> = {
  SOL: 'ef0d8b6fda2ceba41da15d4095d1da392a0d2f8ed0c6c7bc0f4cfac8c280b56d', // confirmed: Pyth's Solana push-feed list
  USDC: 'eaa020c61cc479712813461ce153894a96a6c00b21ed0cfc2798d1f9a9e9c94a', // confirmed: Pyth's Solana push-feed list
  RENDER: '3d4a2bd9535be6ce8059d75eadeba507b043257321aa544717c56fa19b49e35d', // UNCONFIRMED: third-party code only
  FIL: '150ac9b959aee0051e4091f0ef5216d941f590e1c5e7f91cf7635b5c11628c0e', // confirmed: pyth-crosschain contract_manager Tokens.json
  AKT: '4ea5bb4d2f5900cc2e97ba534240950740b4d3b89fe712a94a7304fd2fd92702', // UNCONFIRMED by Pyth: Akash's chain params use it
};

/**
 * The two Pyth Core contract sets on Solana since the Aug 2026 upgrade. Both are live; every sponsored
 * account address differs between them. A `PriceUpdateV2` is owned by the receiver program; its address
 * is a PDA of the price-feed program.
 */
export const PYTH_SOLANA_PROGRAMS = {
  legacy: { receiver: 'rec5EKMGg6MxZYaMdyBfgwp4d5rB9T1VQH5pJv5LtFJ', priceFeed: 'pythWSnswVUd12oZpeFP8e9CVaEqJg25g1Vtc2biRsT' },
  upgraded: { receiver: 'rec2HHDDnjLfj4kE7VyEtFA1HPGQLK33259532cRyHp', priceFeed: 'pyt2F414BA6dPttK6RddPZUdHfapoBN24GL5wbrPCou' },
} as const;
export type PythProgramSet = keyof typeof PYTH_SOLANA_PROGRAMS;

/**
 * Assets read from a Pyth-sponsored Solana account (FIL and AKT have none: use Hermes or Chainlink).
 * SOL and USDC are on Pyth's own list; RENDER is NOT (a third-party census saw its account updated), so
 * it is marked unconfirmed in feed-registry.ts and every RENDER quote from pyth-solana says so.
 */
export const PYTH_SOLANA_SPONSORED: readonly FxAsset[] = ['SOL', 'USDC', 'RENDER'];

/**
 * Chainlink AggregatorV3 proxies on Ethereum mainnet (8 decimals). No AKT or RENDER feed was found.
 * UNCONFIRMED: Chainlink's own address list could not be read here; third-party code agrees on them.
 */
export const CHAINLINK_ETHEREUM_FEEDS: Partial<Record<FxAsset, string>> = {
  FIL: '0x1A31D42149e82Eb99777f903C08A2E41A00085d3',
  SOL: '0x4ffC43a60e009B551865A93d232E33Fce9f01507',
  USDC: '0x8fFfFfd4AfB6115b954Bd326cbe7B4BA576818f6',
};

export const DEFAULT_HERMES_URL = 'https://pyth.dourolabs.app/hermes';
