// Pyth Hermes over HTTP: the only Pyth route for FIL and AKT (no sponsored Solana account). Since the
// Aug 2026 upgrade Hermes wants an API key, sent as `Authorization: Bearer <key>` (hermes-client 3.x).
// Trusting `parsed` means trusting the Hermes operator; the signed `binary` payload is not verified here.
import axios, { AxiosInstance } from 'axios';
import { z } from 'zod';
import { formatMoney, scaled } from '../money';
import { PYTH_FEED_IDS } from './feeds';
import type { FxAsset, FxQuote, FxRejectionListener, FxSource } from './fx-quote';

export interface PythHermesOptions {
  baseUrl: string;
  apiKey?: string;
  timeoutMs?: number;
  now?: () => Date;
  onRejection?: FxRejectionListener;
}

const priceSchema = z.object({
  price: z.string().regex(/^-?\d+$/),
  conf: z.string().regex(/^\d+$/),
  expo: z.number().int(),
  publish_time: z.number().int(),
});
// `parsed` is required: we ask for parsed=true, so its absence means the answer is not what we asked for.
const responseSchema = z.object({
  parsed: z.array(z.object({ id: z.string(), price: priceSchema })),
});

export class PythHermesFxSource implements FxSource {
  readonly id = 'pyth-hermes';
  private readonly http: AxiosInstance;
  private readonly now: () => Date;

  constructor(private readonly options: PythHermesOptions) {
    this.now = options.now ?? (() => new Date());
    this.http = axios.create({
      baseURL: options.baseUrl.replace(/\/+$/, ''),
      timeout: options.timeoutMs ?? 10_000,
      headers: options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {},
    });
  }

  async quote(assets: readonly FxAsset[], signal: AbortSignal): Promise<FxQuote[]> {
    const byFeed = new Map<string, FxAsset>();
    for (const a of assets) if (PYTH_FEED_IDS[a]) byFeed.set(PYTH_FEED_IDS[a]!, a);
    if (byFeed.size === 0) return [];
    const params = new URLSearchParams();
    for (const id of byFeed.keys()) params.append('ids[]', id);
    params.set('parsed', 'true');
    params.set('encoding', 'hex');
    // One unknown id must not turn the whole answer into a 404.
    params.set('ignore_invalid_price_ids', 'true');
    const res = await this.http.get(`/v2/updates/price/latest?${params.toString()}`, { signal });
    const body = responseSchema.safeParse(res.data);
    if (!body.success) throw new Error(`Hermes answered an unexpected shape: ${body.error.issues[0]?.message}`);
    const observedAt = this.now().toISOString();
    const quotes: FxQuote[] = [];
    for (const feed of body.data.parsed) {
      const asset = byFeed.get(feed.id.replace(/^0x/, '').toLowerCase());
      if (!asset) continue;
      if (BigInt(feed.price.price) <= 0n) {
        this.options.onRejection?.({ source: this.id, asset, reason: `non-positive price ${feed.price.price}` });
        continue;
      }
      quotes.push({
        asset,
        usd: formatMoney(scaled(feed.price.price, feed.price.expo), 12),
        source: this.id,
        publishTime: new Date(feed.price.publish_time * 1000).toISOString(),
        confidence: formatMoney(scaled(feed.price.conf, feed.price.expo), 12),
        feedId: `0x${feed.id.replace(/^0x/, '').toLowerCase()}`,
        observedAt,
      });
    }
    for (const [feedId, asset] of byFeed) {
      if (!quotes.some((q) => q.asset === asset)) this.options.onRejection?.({ source: this.id, asset, reason: `Hermes returned no price for feed ${feedId}` });
    }
    return quotes;
  }
}
