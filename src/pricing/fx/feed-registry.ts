// Every oracle identifier the FX sources rely on (feeds.ts), each checked against the oracle's OWN
// published list or, where that list is silent, the oracle's own repository. What only third parties
// vouch for is `unconfirmed`: GET /v1/fx lists it, and every quote and price resting on it says so.
//
// Checked on 2026-12-05 against:
// - Pyth: pyth-network/pyth-crosschain@7c915eb10e457166b9d0f2ca05132eae10542e0f (2026-07-23), the
//   official Solana push-feed list apps/developer-hub/content/docs/price-feeds/core/push-feeds/data/svm/
//   solana-mainnet.json (last changed in 26c30aa2de6754a327d1d55c4d955d409d6bcf2e) and
//   contract_manager/src/store/tokens/Tokens.json; the whole tree was searched for the other ids.
// - Chainlink: its own address list (docs.chain.link data-feeds pages, smartcontractkit/documentation)
//   could not be read from this machine (the stored copy of docs/ethereum-addresses.md is a 353-byte
//   stub); the proxies agree across many independent third-party repositories only.
import type { FxAsset } from './fx-quote';

const PYTH_REPO = 'pyth-network/pyth-crosschain@7c915eb10e457166b9d0f2ca05132eae10542e0f';
const PYTH_SOLANA_LIST = `${PYTH_REPO}:apps/developer-hub/content/docs/price-feeds/core/push-feeds/data/svm/solana-mainnet.json`;
const PYTH_TOKENS = `${PYTH_REPO}:contract_manager/src/store/tokens/Tokens.json`;
const CHAINLINK_UNREAD =
  "Chainlink's own list (docs.chain.link, smartcontractkit/documentation) could not be read here; the proxy agrees across many independent third-party repositories only";

/** The FX sources (pricing.config FX_SOURCE_IDS) an identifier matters to. */
export type OracleSourceId = 'pyth-solana' | 'pyth-hermes' | 'chainlink';

export interface FxFeedEntry {
  /** Stable id, e.g. `pyth-feed-id:RENDER`. */
  id: string;
  asset: FxAsset;
  oracle: 'pyth' | 'chainlink';
  /** A Pyth price-feed id, a Pyth-sponsored Solana push account, or a Chainlink proxy. */
  kind: 'pyth-feed-id' | 'pyth-solana-sponsored-account' | 'chainlink-proxy';
  /** The id, account or address as configured. */
  value: string;
  network?: 'solana-mainnet' | 'ethereum-mainnet';
  status: 'confirmed' | 'unconfirmed';
  /** Where the oracle itself shows it (repository@commit:path), or why that could not be done. */
  evidence: string;
  usedBy: OracleSourceId[];
}

export const FX_FEED_REGISTRY: readonly FxFeedEntry[] = Object.freeze([
  {
    id: 'pyth-feed-id:SOL',
    asset: 'SOL',
    oracle: 'pyth',
    kind: 'pyth-feed-id',
    value: 'ef0d8b6fda2ceba41da15d4095d1da392a0d2f8ed0c6c7bc0f4cfac8c280b56d',
    status: 'confirmed',
    evidence: `${PYTH_SOLANA_LIST} (alias SOL/USD)`,
    usedBy: ['pyth-solana', 'pyth-hermes'],
  },
  {
    id: 'pyth-feed-id:USDC',
    asset: 'USDC',
    oracle: 'pyth',
    kind: 'pyth-feed-id',
    value: 'eaa020c61cc479712813461ce153894a96a6c00b21ed0cfc2798d1f9a9e9c94a',
    status: 'confirmed',
    evidence: `${PYTH_SOLANA_LIST} (alias USDC/USD); ${PYTH_TOKENS} (USDC pythId)`,
    usedBy: ['pyth-solana', 'pyth-hermes'],
  },
  {
    id: 'pyth-feed-id:FIL',
    asset: 'FIL',
    oracle: 'pyth',
    kind: 'pyth-feed-id',
    value: '150ac9b959aee0051e4091f0ef5216d941f590e1c5e7f91cf7635b5c11628c0e',
    status: 'confirmed',
    evidence: `${PYTH_TOKENS} (FIL pythId)`,
    usedBy: ['pyth-solana', 'pyth-hermes'],
  },
  {
    id: 'pyth-feed-id:RENDER',
    asset: 'RENDER',
    oracle: 'pyth',
    kind: 'pyth-feed-id',
    value: '3d4a2bd9535be6ce8059d75eadeba507b043257321aa544717c56fa19b49e35d',
    status: 'unconfirmed',
    evidence: `not in any file of ${PYTH_REPO} (the repository names the symbol Crypto.RENDER/USD, not its id); third-party code only`,
    usedBy: ['pyth-solana', 'pyth-hermes'],
  },
  {
    id: 'pyth-feed-id:AKT',
    asset: 'AKT',
    oracle: 'pyth',
    kind: 'pyth-feed-id',
    value: '4ea5bb4d2f5900cc2e97ba534240950740b4d3b89fe712a94a7304fd2fd92702',
    status: 'unconfirmed',
    evidence: `not in any file of ${PYTH_REPO}; vouched for by a consumer (Akash's chain parameters DefaultPythContractParams.AktPriceFeedId), not by the oracle`,
    usedBy: ['pyth-solana', 'pyth-hermes'],
  },
  {
    id: 'pyth-solana-sponsored:SOL',
    asset: 'SOL',
    oracle: 'pyth',
    kind: 'pyth-solana-sponsored-account',
    network: 'solana-mainnet',
    value: '7UVimffxr9ow1uXYxsr4LHAcV58mLzhmwaeKvJ1pjLiE',
    status: 'confirmed',
    evidence: `${PYTH_SOLANA_LIST} (account_address, pro_compatible_status "available")`,
    usedBy: ['pyth-solana'],
  },
  {
    id: 'pyth-solana-sponsored:USDC',
    asset: 'USDC',
    oracle: 'pyth',
    kind: 'pyth-solana-sponsored-account',
    network: 'solana-mainnet',
    value: 'Dpw1EAVrSB1ibxiDQyTAW6Zip3J4Btk2x4SgApQCeFbX',
    status: 'confirmed',
    evidence: `${PYTH_SOLANA_LIST} (account_address, pro_compatible_status "available")`,
    usedBy: ['pyth-solana'],
  },
  {
    id: 'pyth-solana-sponsored:RENDER',
    asset: 'RENDER',
    oracle: 'pyth',
    kind: 'pyth-solana-sponsored-account',
    network: 'solana-mainnet',
    value: 'HAm5DZhrgrWa12heKSxocQRyJWGCtXegC77hFQ8F5QTH',
    status: 'unconfirmed',
    evidence: `absent from ${PYTH_SOLANA_LIST}; only a third-party on-chain census (2026-09-18) saw it updated`,
    usedBy: ['pyth-solana'],
  },
  {
    id: 'chainlink:FIL',
    asset: 'FIL',
    oracle: 'chainlink',
    kind: 'chainlink-proxy',
    network: 'ethereum-mainnet',
    value: '0x1A31D42149e82Eb99777f903C08A2E41A00085d3',
    status: 'unconfirmed',
    evidence: CHAINLINK_UNREAD,
    usedBy: ['chainlink'],
  },
  {
    id: 'chainlink:SOL',
    asset: 'SOL',
    oracle: 'chainlink',
    kind: 'chainlink-proxy',
    network: 'ethereum-mainnet',
    value: '0x4ffC43a60e009B551865A93d232E33Fce9f01507',
    status: 'unconfirmed',
    evidence: CHAINLINK_UNREAD,
    usedBy: ['chainlink'],
  },
  {
    id: 'chainlink:USDC',
    asset: 'USDC',
    oracle: 'chainlink',
    kind: 'chainlink-proxy',
    network: 'ethereum-mainnet',
    value: '0x8fFfFfd4AfB6115b954Bd326cbe7B4BA576818f6',
    status: 'unconfirmed',
    evidence: CHAINLINK_UNREAD,
    usedBy: ['chainlink'],
  },
] satisfies FxFeedEntry[]);

const ORACLE_SOURCES = /\b(pyth-solana|pyth-hermes|chainlink)\b/g;
/** unconfirmedFeedsFor's answers, per asset and source. */
const UNCONFIRMED_BY_QUOTE = new Map<string, readonly string[]>();

/**
 * The unconfirmed identifiers a quote rests on, from its asset and its source (`pyth-hermes`,
 * `median(pyth-solana,chainlink)`). Static and pegged quotes rest on none.
 */
export function unconfirmedFeedsFor(asset: string, source: string): string[] {
  // The registry is fixed, so the answer per asset and source is too: worked out once per pair (every offer a
  // sync normalizes asks), a fresh list each call.
  const key = `${asset}\n${source}`;
  let feeds = UNCONFIRMED_BY_QUOTE.get(key);
  if (feeds === undefined) {
    if (UNCONFIRMED_BY_QUOTE.size >= 256) UNCONFIRMED_BY_QUOTE.clear();
    const used = new Set(source.match(ORACLE_SOURCES) ?? []);
    feeds = FX_FEED_REGISTRY.filter((f) => f.asset === asset && f.status === 'unconfirmed' && f.usedBy.some((s) => used.has(s))).map((f) => f.id);
    UNCONFIRMED_BY_QUOTE.set(key, feeds);
  }
  return [...feeds];
}
