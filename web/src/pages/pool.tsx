// Pool: the offers table with /v1/offers's own filters and its cursor pagination (the server pages, so the
// table stays usable with 100k offers): freshness, FX source and age, health score, simulated networks marked.
import { useState } from 'preact/hooks';
import { get, query } from '../api';
import { ago, seconds, usd } from '../format';
import { useLoad } from '../hooks';
import type { Network, Offer, Page } from '../types';
import { Kind } from './prices';

interface Filters {
  gpu: string;
  network: string;
  region: string;
  country: string;
  minCount: string;
  minVramGb: string;
  maxUsdPerGpuHour: string;
  minScore: string;
  firmOnly: boolean;
  sort: 'price' | 'score' | 'freshness';
  limit: string;
}

const EMPTY: Filters = {
  gpu: '',
  network: '',
  region: '',
  country: '',
  minCount: '',
  minVramGb: '',
  maxUsdPerGpuHour: '',
  minScore: '',
  firmOnly: false,
  sort: 'price',
  limit: '50',
};

export function PoolPage() {
  const [draft, setDraft] = useState<Filters>(EMPTY);
  const [filters, setFilters] = useState<Filters>(EMPTY);
  // The cursors of the pages before this one, so "previous" goes back without the server keeping state.
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1];
  const networks = useLoad(() => get<{ items: Network[] }>('/v1/networks'), [], 60_000);
  const simulated = new Set(networks.data?.items.filter((n) => n.simulated).map((n) => n.id));
  // Each answer carries the page number and size it was asked with: while the next one loads, the line under the
  // filters keeps describing the rows on screen, not the filters just submitted.
  const page = useLoad(async () => {
    const answer = await get<Page<Offer>>(`/v1/offers${query({ ...filters, firmOnly: filters.firmOnly ? 'true' : undefined, cursor })}`);
    return { ...answer, askedFor: { page: cursors.length, limit: filters.limit } };
  }, [filters, cursor]);
  const field = (name: keyof Filters, label: string, placeholder = '') => (
    <label>
      {label}
      <input
        name={name}
        placeholder={placeholder}
        value={draft[name] as string}
        onInput={(e) => setDraft({ ...draft, [name]: (e.target as HTMLInputElement).value })}
      />
    </label>
  );
  return (
    <section>
      <h1>Pool</h1>
      <form
        class="filters"
        data-testid="offer-filters"
        onSubmit={(e) => {
          e.preventDefault();
          setFilters(draft);
          setCursors([null]);
        }}
      >
        {field('gpu', 'GPU', 'h100,a100-80gb')}
        {field('network', 'Network', 'akash,render')}
        {field('region', 'Region')}
        {field('country', 'Country')}
        {field('minCount', 'Min GPUs')}
        {field('minVramGb', 'Min VRAM GB')}
        {field('maxUsdPerGpuHour', 'Max $/GPU-h')}
        {field('minScore', 'Min score', '0–1')}
        <label>
          Firm only{' '}
          <input
            type="checkbox"
            name="firmOnly"
            checked={draft.firmOnly}
            onChange={(e) => setDraft({ ...draft, firmOnly: (e.target as HTMLInputElement).checked })}
          />
        </label>
        <label>
          Sort
          <select name="sort" value={draft.sort} onChange={(e) => setDraft({ ...draft, sort: (e.target as HTMLSelectElement).value as Filters['sort'] })}>
            <option value="price">price</option>
            <option value="score">score</option>
            <option value="freshness">freshness</option>
          </select>
        </label>
        <label>
          Per page
          <select name="limit" value={draft.limit} onChange={(e) => setDraft({ ...draft, limit: (e.target as HTMLSelectElement).value })}>
            {['10', '50', '200', '500'].map((n) => (
              <option value={n}>{n}</option>
            ))}
          </select>
        </label>
        <button type="submit">Apply</button>
      </form>
      {page.error && <p class="error">{page.error}</p>}
      {page.data && (
        <>
          <p data-testid="offer-total">
            {page.data.total ?? '?'} offers match · page {page.data.askedFor.page} · {page.data.askedFor.limit} per page
          </p>
          <table data-testid="offer-table">
            <thead>
              <tr>
                <th>Network</th>
                <th>Provider</th>
                <th>Region</th>
                <th>GPU</th>
                <th>GPUs</th>
                <th>$/GPU-h</th>
                <th>$/h</th>
                <th>Fresh</th>
                <th>FX</th>
                <th>Score</th>
              </tr>
            </thead>
            <tbody>
              {page.data.items.map((o) => (
                <tr data-offer={`${o.network}/${o.offerId}`}>
                  <td>
                    {o.network}{' '}
                    {simulated.has(o.network) && (
                      <span class="sim" title="simulated network: not real supply">
                        SIM
                      </span>
                    )}
                  </td>
                  <td title={o.provider.id}>{o.provider.name ?? o.provider.id.slice(0, 16)}</td>
                  <td>{[o.provider.region, o.provider.country].filter(Boolean).join(' · ') || '—'}</td>
                  <td title={o.gpu.label}>{o.gpu.model}</td>
                  <td class="num">{o.gpu.count}</td>
                  <td class="num" data-testid="offer-price">
                    {usd(o.price.usdPerGpuHour, 8)} <Kind kind={o.price.kind} />
                    {o.price.stale && <span class="kind stale">stale</span>}
                  </td>
                  <td class="num">{usd(o.price.usdPerHour)}</td>
                  <td>{seconds(o.ageSeconds)}</td>
                  <td>
                    {(o.price.provenance?.fx ?? []).map((f) => (
                      <div title={`${f.asset} = ${f.usd} USD`}>
                        {f.asset}: {f.source}, {ago(f.publishTime)}
                        {f.stale ? ' (stale)' : ''}
                      </div>
                    ))}
                    {!o.price.provenance?.fx?.length && 'USD'}
                  </td>
                  <td class="num">{o.score.toFixed(2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div class="pager">
            <button disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>
              ← Previous
            </button>
            <button data-testid="next-page" disabled={!page.data.nextCursor} onClick={() => setCursors([...cursors, page.data!.nextCursor])}>
              Next →
            </button>
          </div>
        </>
      )}
    </section>
  );
}
