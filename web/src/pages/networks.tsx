// Networks: state, score and its parts, breaker, last sync, quarantined records, health history chart.
import { useMemo } from 'preact/hooks';
import type uPlot from 'uplot';
import { get } from '../api';
import { Chart } from '../chart';
import { ago, colour } from '../format';
import { useLoad } from '../hooks';
import type { HealthSample, Network } from '../types';

export function NetworksPage() {
  const list = useLoad(() => get<{ items: Network[] }>('/v1/networks'), [], 15_000);
  const ids = list.data?.items.map((n) => n.id) ?? [];
  const health = useLoad(
    () => Promise.all(ids.map((id) => get<{ samples: HealthSample[] }>(`/v1/networks/${encodeURIComponent(id)}/health`).then((h) => [id, h.samples] as const))),
    [ids.join(',')],
    60_000,
  );
  const chart = useMemo(() => (health.data ? healthChart(health.data, ids) : null), [health.data]);
  return (
    <section>
      <h1>Networks</h1>
      {list.error && <p class="error">{list.error}</p>}
      {list.data && (
        <table data-testid="network-table">
          <thead>
            <tr>
              <th>Network</th>
              <th>State</th>
              <th>Score</th>
              <th>Score parts</th>
              <th>Breaker</th>
              <th>Last sync</th>
              <th>Offers</th>
              <th>GPUs</th>
              <th>Quarantined</th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((n) => (
              <tr data-network={n.id}>
                <td>
                  <b>{n.displayName}</b>{' '}
                  {n.simulated && (
                    <span class="sim" title={n.mode}>
                      SIM
                    </span>
                  )}
                </td>
                <td>
                  <span class={`state ${n.state}`}>{n.state}</span>
                  <div class="muted">{n.reason}</div>
                </td>
                <td class="num" data-testid="score">
                  {n.score.toFixed(4)}
                </td>
                <td class="parts">
                  {Object.entries(n.scoreParts ?? {}).map(([k, v]) => (
                    <div>
                      {k} <meter min={0} max={1} value={v} /> {v.toFixed(2)}
                    </div>
                  ))}
                </td>
                <td>{n.breaker}</td>
                <td>
                  {n.lastSync ? (
                    <>
                      {n.lastSync.ok ? 'ok' : <span class="error">failed</span>} {ago(n.lastSync.finishedAt ?? n.lastSync.startedAt)} · {n.lastSync.durationMs}{' '}
                      ms
                      {n.lastSync.error && <div class="error">{n.lastSync.error}</div>}
                    </>
                  ) : (
                    'never'
                  )}
                </td>
                <td class="num">{n.offers}</td>
                <td class="num">{n.gpus}</td>
                <td class="num">{n.lastSync?.quarantined ?? 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Quarantine ids={ids} />
      <h2>Health score, last 24 h</h2>
      {chart && <Chart options={chart.options} data={chart.data} testId="health-chart" />}
    </section>
  );
}

function healthChart(byNetwork: ReadonlyArray<readonly [string, HealthSample[]]>, ids: string[]) {
  const times = [...new Set(byNetwork.flatMap(([, s]) => s.map((x) => Math.floor(Date.parse(x.at) / 1000))))].sort((a, b) => a - b);
  const series: uPlot.Series[] = [{}];
  const data: (number | null)[][] = [times];
  for (const [id, samples] of byNetwork) {
    const at = new Map(samples.map((s) => [Math.floor(Date.parse(s.at) / 1000), s.score]));
    series.push({ label: id, stroke: colour(id, ids), width: 2, spanGaps: true });
    data.push(times.map((t) => at.get(t) ?? null));
  }
  const options: Omit<uPlot.Options, 'width'> = { height: 220, series, scales: { y: { range: [0, 1] } }, axes: [{}, { label: 'score' }] };
  return { options, data: data as uPlot.AlignedData };
}

function Quarantine({ ids }: { ids: string[] }) {
  const details = useLoad(
    () => Promise.all(ids.map((id) => get<{ id: string; recentQuarantine?: Array<{ reason: string; at: string }> }>(`/v1/networks/${encodeURIComponent(id)}`))),
    [ids.join(',')],
    60_000,
  );
  const rows = (details.data ?? []).flatMap((d) => (d.recentQuarantine ?? []).map((q) => ({ network: d.id, ...q })));
  return (
    <>
      <h2>Recently quarantined records</h2>
      {rows.length === 0 ? (
        <p class="muted">None: every record the networks sent was usable.</p>
      ) : (
        <table data-testid="quarantine-table">
          <thead>
            <tr>
              <th>Network</th>
              <th>When</th>
              <th>Why</th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, 30).map((q) => (
              <tr>
                <td>{q.network}</td>
                <td>{ago(q.at)}</td>
                <td>{q.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
