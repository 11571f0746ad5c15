import { Injectable } from '@nestjs/common';
import { resolveGpuRequirement } from '../catalog/gpu-requirement';
import { AnswerCache } from '../common/answer-cache';
import { ProblemException, validationProblem } from '../common/problem';
import { parseOrProblem } from '../common/zod-body';
import { ListingTotals } from './listing-totals';
import { NetworkStates } from './network-states';
import { InvalidCursorError, queryOffers } from './offer-query';
import { ageChangesAtMs, offerView, offerViewJson } from './offer-view';
import { OffersQuery, offersQuerySchema } from './offers.query-schema';
import { PoolViewService } from './pool-view.service';
import { toMicros } from '../pricing/money';

@Injectable()
export class OffersService {
  private readonly totals = new ListingTotals();
  private readonly networkStates = new NetworkStates();
  private readonly pages = new AnswerCache();

  constructor(private readonly view: PoolViewService) {}

  /**
   * One page of offers as the JSON bytes of `{ total, nextCursor, items, networks }`, for the query parameters as
   * sent (read with offersQuerySchema: a bad one is a 400 naming it). A page is kept (AnswerCache) per query as sent
   * while the pool view's stamp stays the same and until the first moment it would read differently: a live offer of
   * the pool expiring, an item's ageSeconds ticking over, the remembered total being counted again. So a kept page is
   * byte for byte the page this request would have computed; under load most requests send one, without reading the
   * query again.
   */
  list(query: Record<string, unknown>): Buffer {
    const nowMs = Date.now();
    const key = JSON.stringify(query);
    const stamp = this.view.stamp();
    const kept = this.pages.get(key, stamp, nowMs);
    if (kept) return kept;
    const { body, validUntilMs } = this.page(parseOrProblem(offersQuerySchema, query, 'query'), nowMs);
    return this.pages.set(key, stamp, Math.min(validUntilMs, this.view.liveUntilMs(nowMs)), body);
  }

  /** One page computed from the pool as it is at `nowMs`, and until when nothing but the view's stamp can change it. */
  private page(q: OffersQuery, nowMs: number): { body: string; validUntilMs: number } {
    const now = new Date(nowMs);
    const gpuModels = q.gpu ? this.resolveModels(q.gpu) : undefined;
    try {
      const index = this.view.pool.index;
      const lists = gpuModels ? [...gpuModels].map((m) => index.rawOfModel(m)) : [index.rawAll()];
      const filters = {
        gpuModels,
        minCount: q.minCount,
        minVramGb: q.minVramGb,
        region: q.region,
        country: q.country,
        networks: q.network ? new Set(q.network) : undefined,
        maxUsdPerGpuHourMicros: q.maxUsdPerGpuHour ? toMicros(q.maxUsdPerGpuHour) : undefined,
        minScore: q.minScore,
        firmOnly: q.firmOnly,
      };
      const filterKey = JSON.stringify(filters, (_k, v: unknown) => (v instanceof Set ? [...v].sort() : v));
      const known = this.totals.get(filterKey, index.revision, nowMs);
      const page = queryOffers(lists, this.view.scoreOf, { ...filters, sort: q.sort, limit: q.limit, cursor: q.cursor }, nowMs, known);
      if (known === undefined) this.totals.set(filterKey, index.revision, nowMs, page.total);
      let validUntilMs = this.totals.recountAtMs(filterKey) ?? nowMs;
      // Written as text: the offers' JSON is reused across requests (offerViewJson).
      const items = page.items
        .map((m) => {
          validUntilMs = Math.min(validUntilMs, ageChangesAtMs(m.offer, nowMs));
          return offerViewJson(m.offer, m.score, now, this.view.outlookOf(m.offer));
        })
        .join(',');
      // Never a silent empty list: a known GPU with no offer says so (an unknown one is a 422 above).
      const notice =
        page.total === 0 && q.gpu
          ? `,"notice":${JSON.stringify(`No offer matches right now: the catalog knows ${q.gpu.join(', ')}, but no network offers it in the pool under these filters. GET /v1/pricing/compare?gpu=${q.gpu.join(',')} shows its hyperscaler reference.`)}`
          : '';
      // Each network the listing covers, with its state and staleness (a down network's offers still list; the answer says so).
      const networks = this.networkStates.of(index, (n) => this.view.networkHealth(n), nowMs, filters.networks);
      const body = `{"total":${page.total},"nextCursor":${JSON.stringify(page.nextCursor ?? null)},"items":[${items}],"networks":${JSON.stringify(networks)}${notice}}`;
      return { body, validUntilMs };
    } catch (err) {
      if (err instanceof InvalidCursorError) throw validationProblem([{ field: 'cursor', reason: err.message }]);
      throw err;
    }
  }

  get(network: string, offerId: string) {
    const offer = this.view.pool.index.get(network, offerId);
    if (!offer) throw new ProblemException(404, 'not-found', 'Not found', `Offer ${network}/${offerId} is not in the pool.`);
    return offerView(offer, this.view.scoreOf(offer), new Date(), this.view.outlookOf(offer));
  }

  resolveModels(models: string[]): Set<string> {
    const resolved = resolveGpuRequirement(models);
    if (!resolved.ok) {
      throw new ProblemException(422, 'unknown-gpu', 'Unknown GPU', 'The catalog does not know some of the GPUs asked for.', {
        errors: resolved.unknown.map((u) => ({
          field: 'gpu',
          reason: `unknown GPU "${u.input}"${u.suggestions.length ? `; did you mean ${u.suggestions.join(', ')}?` : ''}`,
        })),
        suggestions: Object.fromEntries(resolved.unknown.map((u) => [u.input, u.suggestions])),
      });
    }
    return new Set(resolved.ids);
  }
}
