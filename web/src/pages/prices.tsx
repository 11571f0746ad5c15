// Prices: per GPU model, USD per GPU-hour by network (min / median / p90; firm and estimate drawn apart),
// the hyperscaler reference as a line, the saving, and the history (24 h / 7 d) from the stored aggregates.
import { useMemo, useState } from 'preact/hooks';
import type uPlot from 'uplot';
import { get, query } from '../api';
import { bars, Chart } from '../chart';
import { colour, num, time, usd } from '../format';
import { useLoad } from '../hooks';
import type { Compare, CompareGpu, HistoryPoint } from '../types';

const FIRM = '#2563eb';
const ESTIMATE = '#d97706';
const REFERENCE = '#dc2626';

export function PricesPage() {
  const compare = useLoad(() => get<Compare>('/v1/pricing/compare'), [], 30_000);
  const models = compare.data?.gpus.map((g) => g.gpuModel) ?? [];
  const [picked, setPicked] = useState<string | null>(null);
  const model = picked && models.includes(picked) ? picked : (models.find((m) => m.includes('h100-sxm')) ?? models[0]);
  const gpu = compare.data?.gpus.find((g) => g.gpuModel === model);
  return (
    <section>
      <h1>Prices</h1>
      {compare.error && <p class="error">{compare.error}</p>}
      {!compare.data && !compare.error && <p>Loading…</p>}
      {compare.data && (
        <>
          <label>
            GPU model{' '}
            <select data-testid="gpu-model" value={model} onChange={(e) => setPicked((e.target as HTMLSelectElement).value)}>
              {models.map((m) => (
                <option value={m}>{m}</option>
              ))}
            </select>
          </label>
          {gpu && <GpuPrices gpu={gpu} />}
          {model && <History model={model} reference={gpu?.hyperscaler?.usdPerGpuHour ?? null} />}
        </>
      )}
    </section>
  );
}

function GpuPrices({ gpu }: { gpu: CompareGpu }) {
  const networks = gpu.networks;
  const { options, data } = useMemo(() => byNetworkChart(gpu), [gpu]);
  return (
    <>
      <div class="cards">
        <div class="card">
          <div class="label">Cheapest</div>
          <div class="big" data-testid="cheapest-price">
            {usd(gpu.cheapest?.usdPerGpuHour ?? null, 8)}
          </div>
          <div>
            per GPU-hour on <b data-testid="cheapest-network">{gpu.cheapest?.network ?? '—'}</b> <Kind kind={gpu.cheapest?.priceKind} />
          </div>
        </div>
        <div class="card">
          <div class="label">Hyperscaler reference</div>
          <div class="big" data-testid="hyperscaler-price">
            {usd(gpu.hyperscaler?.usdPerGpuHour ?? null)}
          </div>
          <div>
            {gpu.hyperscaler?.cheapest
              ? `${gpu.hyperscaler.cheapest.provider} ${gpu.hyperscaler.cheapest.instanceType} (${gpu.hyperscaler.match} match)`
              : 'no reference for this model'}
          </div>
        </div>
        <div class="card">
          <div class="label">Saving</div>
          <div class="big" data-testid="saving">
            {gpu.savingVsHyperscaler ? `${gpu.savingVsHyperscaler.percent} %` : '—'}
          </div>
          <div>{gpu.savingVsHyperscaler ? `${usd(gpu.savingVsHyperscaler.usdPerGpuHour)} per GPU-hour less` : ''}</div>
        </div>
      </div>
      <h2>USD per GPU-hour by network</h2>
      <p class="legend">
        Bars: p90 (light), median, min (dark). <span style={{ color: FIRM }}>■ firm</span> prices, <span style={{ color: ESTIMATE }}>▨ estimates</span> (the
        network's cheapest offer is an estimate), <span style={{ color: REFERENCE }}>— hyperscaler</span>.
      </p>
      <Chart options={options} data={data} testId="price-chart" />
      <table data-testid="price-table">
        <thead>
          <tr>
            <th>Network</th>
            <th>Min</th>
            <th>Median</th>
            <th>p90</th>
            <th>Firm / estimate offers</th>
            <th>GPUs free</th>
            <th>Saving</th>
            <th>Newest</th>
          </tr>
        </thead>
        <tbody>
          {networks.map((n) => (
            <tr data-network={n.network}>
              <td>{n.network}</td>
              <td class="num" data-testid="min">
                {usd(n.minUsdPerGpuHour, 8)} <Kind kind={n.cheapest.priceKind} />
              </td>
              <td class="num">{usd(n.medianUsdPerGpuHour)}</td>
              <td class="num">{usd(n.p90UsdPerGpuHour)}</td>
              <td>
                {n.firmOffers} / {n.estimateOffers}
                {n.staleOffers ? ` (${n.staleOffers} stale)` : ''}
              </td>
              <td class="num">{n.availableGpus}</td>
              <td class="num">{n.savingVsHyperscaler ? `${n.savingVsHyperscaler.percent} %` : '—'}</td>
              <td>{time(n.freshness.newestObservedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export function Kind({ kind }: { kind?: string }) {
  if (!kind) return null;
  return <span class={`kind ${kind}`}>{kind}</span>;
}

function byNetworkChart(gpu: CompareGpu): { options: Omit<uPlot.Options, 'width'>; data: uPlot.AlignedData } {
  const ns = gpu.networks;
  const xs = ns.map((_, i) => i);
  const pick = (kind: 'firm' | 'estimate', f: (n: (typeof ns)[number]) => string) => ns.map((n) => (n.cheapest.priceKind === kind ? num(f(n)) : null));
  const ref = gpu.hyperscaler ? ns.map(() => num(gpu.hyperscaler!.usdPerGpuHour)) : ns.map(() => null);
  const series: uPlot.Series[] = [{ label: 'network' }];
  const data: (number | null)[][] = [xs];
  for (const [kind, col] of [
    ['firm', FIRM],
    ['estimate', ESTIMATE],
  ] as const) {
    const dash = kind === 'estimate' ? [4, 3] : undefined;
    series.push({ label: `p90 (${kind})`, stroke: col, dash, fill: col + '33', paths: bars(0.7), points: { show: false } });
    data.push(pick(kind, (n) => n.p90UsdPerGpuHour));
    series.push({ label: `median (${kind})`, stroke: col, dash, fill: col + '77', paths: bars(0.5), points: { show: false } });
    data.push(pick(kind, (n) => n.medianUsdPerGpuHour));
    series.push({ label: `min (${kind})`, stroke: col, dash, fill: kind === 'estimate' ? col + 'aa' : col, paths: bars(0.3), points: { show: false } });
    data.push(pick(kind, (n) => n.minUsdPerGpuHour));
  }
  series.push({ label: 'hyperscaler', stroke: REFERENCE, width: 2, points: { show: false } });
  data.push(ref);
  return {
    data: data as uPlot.AlignedData,
    options: {
      height: 260,
      legend: { show: false },
      scales: {
        x: { time: false, range: [-0.5, Math.max(0.5, ns.length - 0.5)] },
        y: { range: (_u, _min, max) => [0, Math.max(max, num(gpu.hyperscaler?.usdPerGpuHour) ?? 0) * 1.1] },
      },
      axes: [
        { values: (_u, splits) => splits.map((s) => (Number.isInteger(s) ? (ns[s]?.network ?? '') : '')), splits: () => xs },
        { label: 'USD / GPU-hour', values: (_u, splits) => splits.map((s) => `$${s.toFixed(2)}`) },
      ],
      series,
    },
  };
}

function History({ model, reference }: { model: string; reference: string | null }) {
  const [range, setRange] = useState<'24h' | '7d'>('24h');
  const hours = range === '24h' ? 24 : 168;
  const history = useLoad(
    () => {
      const to = new Date();
      const from = new Date(to.getTime() - hours * 3_600_000);
      return get<{ points: HistoryPoint[] }>(
        `/v1/pricing/history${query({ gpu: model, from: from.toISOString(), to: to.toISOString(), bucket: 'hour' })}`,
      ).then((h) => ({ ...h, window: [from.getTime() / 1000, to.getTime() / 1000] as [number, number] }));
    },
    [model, range],
    60_000,
  );
  const chart = useMemo(
    () =>
      history.data
        ? historyChart(
            history.data.points.filter((p) => p.gpuModel === model),
            reference,
            history.data.window,
          )
        : null,
    [history.data, model, reference],
  );
  return (
    <>
      <h2>
        History{' '}
        <span class="toggle">
          {(['24h', '7d'] as const).map((r) => (
            <button class={r === range ? 'on' : ''} data-testid={`history-${r}`} onClick={() => setRange(r)}>
              {r}
            </button>
          ))}
        </span>
      </h2>
      <p class="legend">Hourly aggregates stored at every sync: median per network (line), min (dotted); the hyperscaler reference in red.</p>
      {history.error && <p class="error">{history.error}</p>}
      {chart &&
        (chart.empty ? (
          <p data-testid="history-empty">
            No stored aggregates for {model} in the last {range} yet.
          </p>
        ) : (
          <Chart options={chart.options} data={chart.data} testId="history-chart" />
        ))}
    </>
  );
}

function historyChart(points: HistoryPoint[], reference: string | null, window: [number, number]) {
  const networks = [...new Set(points.map((p) => p.network))].sort();
  const times = [...new Set(points.map((p) => Date.parse(p.start) / 1000))].sort((a, b) => a - b);
  const at = new Map(points.map((p) => [`${p.network}|${Date.parse(p.start) / 1000}`, p]));
  const series: uPlot.Series[] = [{}];
  const data: (number | null)[][] = [times];
  for (const n of networks) {
    const c = colour(n, networks);
    series.push({ label: `${n} median`, stroke: c, width: 2, spanGaps: true });
    data.push(times.map((t) => num(at.get(`${n}|${t}`)?.medianUsd)));
    series.push({ label: `${n} min`, stroke: c, dash: [2, 3], spanGaps: true, points: { show: false } });
    data.push(times.map((t) => num(at.get(`${n}|${t}`)?.minUsd)));
  }
  if (reference) {
    series.push({ label: 'hyperscaler', stroke: REFERENCE, width: 2, points: { show: false } });
    data.push(times.map(() => num(reference)));
  }
  const options: Omit<uPlot.Options, 'width'> = {
    height: 240,
    series,
    // The whole window asked for (24 h or 7 d), however few hours hold aggregates yet.
    scales: { x: { time: true, range: window }, y: { range: (_u, _min, max) => [0, max * 1.1] } },
    axes: [{}, { label: 'USD / GPU-hour', values: (_u, splits) => splits.map((s) => `$${s.toFixed(2)}`) }],
  };
  return { empty: times.length === 0, options, data: data as uPlot.AlignedData };
}
