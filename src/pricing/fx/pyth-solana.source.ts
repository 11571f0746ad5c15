// Pyth on Solana: reads sponsored `PriceUpdateV2` accounts with one getMultipleAccounts call and applies
// the receiver SDK's safety rules itself: owner = an accepted receiver program, feed id = the expected
// one, verification level Full (Partial only when allowed), publish_time fresh enough.
import { Connection, PublicKey } from '@solana/web3.js';
import { formatMoney, scaled } from '../money';
import { abortable } from './abortable';
import { PYTH_FEED_IDS, PYTH_SOLANA_PROGRAMS, PythProgramSet } from './feeds';
import type { FxAsset, FxQuote, FxRejectionListener, FxSource } from './fx-quote';
import { decodePriceUpdateV2 } from './price-update-v2';

export interface PythSolanaOptions {
  connection: Connection;
  /** Account address per asset. */
  accounts: Partial<Record<FxAsset, string>>;
  /** Owners accepted for a PriceUpdateV2 (the receiver programs of the legacy and/or upgraded set). */
  receivers: readonly string[];
  maxAgeS: number;
  allowPartial?: boolean;
  now?: () => Date;
  onRejection?: FxRejectionListener;
}

export type PythAccountRead = { asset: FxAsset; ok: true; quote: FxQuote } | { asset: FxAsset; ok: false; reason: string };

/** The sponsored feed account: PDA [u16le(shard), feed_id] under the price-feed program (shard 0 = Pyth's). */
export function pythFeedAccount(feedIdHex: string, programSet: PythProgramSet, shard = 0): string {
  const shardBytes = Buffer.alloc(2);
  shardBytes.writeUInt16LE(shard);
  const [address] = PublicKey.findProgramAddressSync(
    [shardBytes, Buffer.from(feedIdHex.replace(/^0x/, ''), 'hex')],
    new PublicKey(PYTH_SOLANA_PROGRAMS[programSet].priceFeed),
  );
  return address.toBase58();
}

export class PythSolanaFxSource implements FxSource {
  readonly id = 'pyth-solana';
  private readonly now: () => Date;

  constructor(private readonly options: PythSolanaOptions) {
    this.now = options.now ?? (() => new Date());
  }

  async quote(assets: readonly FxAsset[], signal: AbortSignal): Promise<FxQuote[]> {
    const reads = await this.read(assets, signal);
    for (const r of reads) if (!r.ok) this.options.onRejection?.({ source: this.id, asset: r.asset, reason: r.reason });
    return reads.flatMap((r) => (r.ok ? [r.quote] : []));
  }

  /** Every asset's outcome, valid or not with the reason; `quote` keeps only the valid ones. */
  async read(assets: readonly FxAsset[], signal: AbortSignal): Promise<PythAccountRead[]> {
    const wanted = assets.filter((a) => this.options.accounts[a] && PYTH_FEED_IDS[a]);
    const out: PythAccountRead[] = assets
      .filter((a) => !wanted.includes(a))
      .map((asset) => ({ asset, ok: false as const, reason: 'no Solana account configured for this asset' }));
    if (wanted.length === 0) return out;
    const keys = wanted.map((a) => new PublicKey(this.options.accounts[a]!));
    const infos = await abortable(this.options.connection.getMultipleAccountsInfo(keys, { commitment: 'confirmed' }), signal);
    const observedAt = this.now();
    wanted.forEach((asset, i) => out.push(this.check(asset, infos[i], observedAt)));
    return out;
  }

  private check(asset: FxAsset, info: { owner: PublicKey; data: Buffer } | null, now: Date): PythAccountRead {
    const fail = (reason: string): PythAccountRead => ({ asset, ok: false, reason });
    if (!info) return fail('account does not exist');
    const owner = info.owner.toBase58();
    if (!this.options.receivers.includes(owner)) return fail(`account owner ${owner} is not an accepted Pyth receiver program`);
    let update;
    try {
      update = decodePriceUpdateV2(info.data);
    } catch (err) {
      return fail((err as Error).message);
    }
    const expected = PYTH_FEED_IDS[asset]!;
    if (update.feedId !== expected) return fail(`feed id ${update.feedId} is not the ${asset}/USD feed ${expected}`);
    if (update.verification.kind === 'partial' && !this.options.allowPartial) {
      return fail(`verification level Partial (${update.verification.numSignatures} signatures); Full required`);
    }
    const ageS = Math.floor(now.getTime() / 1000) - Number(update.publishTime);
    if (ageS > this.options.maxAgeS) return fail(`stale: published ${ageS} s ago (max ${this.options.maxAgeS} s)`);
    if (update.price <= 0n) return fail(`non-positive price ${update.price}`);
    return {
      asset,
      ok: true,
      quote: {
        asset,
        usd: formatMoney(scaled(update.price, update.exponent), 12),
        source: this.id,
        publishTime: new Date(Number(update.publishTime) * 1000).toISOString(),
        confidence: formatMoney(scaled(update.conf, update.exponent), 12),
        feedId: `0x${update.feedId}`,
        observedAt: now.toISOString(),
      },
    };
  }
}
