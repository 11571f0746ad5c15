// offers and compare: what the pool holds, cheapest first, and how the networks compare on a GPU.
import asciichart from 'asciichart';
import type { Command } from 'commander';
import type { Context } from '../context';
import { age, money, short, table } from '../output';

interface OfferView {
  network: string;
  offerId: string;
  provider: { id: string; name?: string | null; region: string | null };
  gpu: { model: string; label?: string; vramGb: number; count: number; fixedCount: boolean };
  price: { usdPerGpuHour: string; kind: string; stale: boolean };
  score: number;
  ageSeconds?: number;
}

interface CompareNetwork {
  network: string;
  offers: number;
  availableGpus: number;
  minUsdPerGpuHour: string;
  medianUsdPerGpuHour: string;
  p90UsdPerGpuHour: string;
  cheapest: { providerId: string; region: string | null; totalUsd: string; priceKind: string };
  savingVsHyperscaler: { percent: string } | null;
}
interface CompareView {
  query: { count: number; hours: number };
  gpus: Array<{
    gpuModel: string;
    networks: CompareNetwork[];
    hyperscaler: { usdPerGpuHour: string; stale: boolean; cheapest?: { provider: string; instanceType: string } } | null;
    savingVsHyperscaler: { percent: string } | null;
  }>;
  withoutOffers?: Array<{ gpuModel: string; reason: string }>;
}
interface HistoryView {
  points: Array<{ network: string; gpuModel: string; start: string; minUsd: string; medianUsd: string }>;
}

export function registerMarket(program: Command, ctx: Context): void {
  program
    .command('offers')
    .description('GPU offers in the pool, cheapest first')
    .option('--gpu <model>', 'GPU model or family (h100, a100-80gb, …)')
    .option('--count <n>', 'at least this many GPUs in one offer')
    .option('--region <region>', 'region prefix (us, eu-central, …)')
    .option('--network <id>', 'one network (akash, render, filecoin, native, …)')
    .option('--max-price <usd>', 'at most this USD per GPU-hour')
    .option('--firm', 'firm prices only (no estimates)')
    .option('--limit <n>', 'rows to show', '20')
    .action(async (o) =>
      ctx.run(async () => {
        const page = await ctx.api().get<{ total: number; items: OfferView[] }>('/v1/offers', {
          gpu: o.gpu,
          minCount: o.count,
          region: o.region,
          network: o.network,
          maxUsdPerGpuHour: o.maxPrice,
          firmOnly: o.firm ? 'true' : undefined,
          sort: 'price',
          limit: o.limit,
        });
        if (ctx.json) return ctx.print(page);
        if (!page.items.length) return ctx.say('No offers match.');
        ctx.say(
          table(
            ['network', 'provider', 'GPU', 'VRAM', 'region', 'USD/GPU-h', 'price', 'age', 'score'],
            page.items.map((x) => [
              x.network,
              short(x.provider.name || x.provider.id, 22),
              `${x.gpu.label ?? x.gpu.model} × ${x.gpu.count}${x.gpu.fixedCount ? ' (whole node)' : ''}`,
              `${x.gpu.vramGb} GB`,
              x.provider.region ?? '',
              money(x.price.usdPerGpuHour),
              x.price.stale ? `${x.price.kind} (stale)` : x.price.kind,
              age(x.ageSeconds),
              x.score.toFixed(2),
            ]),
          ),
        );
        ctx.say(`${page.items.length} of ${page.total} offers, cheapest first.`);
      }),
    );

  program
    .command('compare')
    .description('per GPU model and network: min / median / p90 price, cheapest total, hyperscaler saving')
    .requiredOption('--gpu <model>', 'GPU model or family')
    .option('--count <n>', 'GPUs', '1')
    .option('--hours <h>', 'hours, for the totals', '1')
    .option('--region <region>', 'region prefix')
    .option('--history <window>', 'also chart the median price over a window (e.g. 24h, 7d)')
    .action(async (o) =>
      ctx.run(async () => {
        const api = ctx.api();
        const view = await api.get<CompareView>('/v1/pricing/compare', { gpu: o.gpu, count: o.count, hours: o.hours, region: o.region });
        const history = o.history
          ? await api.get<HistoryView>('/v1/pricing/history', { gpu: o.gpu, from: since(o.history), bucket: bucketFor(o.history) })
          : undefined;
        if (ctx.json) return ctx.print(history ? { ...view, history } : view);
        for (const g of view.gpus) {
          const ref = g.hyperscaler;
          ctx.say(
            `\n${g.gpuModel}${ref ? ` — hyperscaler on-demand ${money(ref.usdPerGpuHour)} USD/GPU-h${ref.cheapest ? ` (${ref.cheapest.provider} ${ref.cheapest.instanceType})` : ''}${ref.stale ? ', stale' : ''}` : ''}`,
          );
          ctx.say(
            table(
              ['network', 'offers', 'GPUs free', 'min', 'median', 'p90', `cheapest ${view.query.count} GPU × ${view.query.hours} h`, 'saving'],
              g.networks.map((n) => [
                n.network,
                n.offers,
                n.availableGpus,
                money(n.minUsdPerGpuHour),
                money(n.medianUsdPerGpuHour),
                money(n.p90UsdPerGpuHour),
                `${money(n.cheapest.totalUsd, 2)} USD (${n.cheapest.priceKind})`,
                n.savingVsHyperscaler ? `${n.savingVsHyperscaler.percent} %` : '',
              ]),
            ),
          );
        }
        for (const w of view.withoutOffers ?? []) ctx.say(`${w.gpuModel}: ${w.reason}`);
        if (history) ctx.say(historyChart(history));
      }),
    );
}

/** "7d" / "24h" / "90m" → an ISO time that long ago. */
export function since(window: string): string {
  const m = /^(\d+)\s*([mhd])$/.exec(window.trim());
  if (!m) throw new Error(`--history takes a window like 24h or 7d, not "${window}"`);
  const ms = Number(m[1]) * { m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 'm' | 'h' | 'd'];
  return new Date(Date.now() - ms).toISOString();
}

function bucketFor(window: string): string {
  return /d$/.test(window.trim()) && Number.parseInt(window, 10) > 2 ? 'day' : 'hour';
}

/** The cheapest median per bucket for each network, as lines on one chart. */
export function historyChart(history: HistoryView): string {
  const byNetwork = new Map<string, Map<string, number>>();
  const starts = [...new Set(history.points.map((p) => p.start))].sort();
  if (starts.length < 2) return `\nPrice history: ${starts.length} point(s) so far; a chart needs two buckets.`;
  for (const p of history.points) {
    const series = byNetwork.get(p.network) ?? new Map<string, number>();
    // Display only: the chart needs numbers; the table above keeps the decimal strings.
    const v = Number(p.medianUsd);
    series.set(p.start, Math.min(series.get(p.start) ?? Infinity, v));
    byNetwork.set(p.network, series);
  }
  const colors = [asciichart.green, asciichart.blue, asciichart.magenta, asciichart.yellow, asciichart.cyan, asciichart.red];
  const names = [...byNetwork.keys()];
  const series = names.map((n) => {
    const s = byNetwork.get(n)!;
    // A bucket without a point repeats the one before; before a network's first point, its first point
    // (asciichart cannot draw a gap: a leading NaN made it throw).
    let last = s.get(starts.find((t) => s.has(t))!)!;
    return starts.map((t) => (s.has(t) ? (last = s.get(t)!) : last));
  });
  const chart = asciichart.plot(series, { height: 10, colors: process.stdout.isTTY ? colors : undefined, format: (x: number) => x.toFixed(2).padStart(7) });
  const legend = names.map((n, i) => (process.stdout.isTTY ? `${colors[i % colors.length]}━━${asciichart.reset} ${n}` : `${n}`)).join('  ');
  return `\nMedian USD/GPU-h, ${starts[0].slice(0, 16)} → ${starts[starts.length - 1].slice(0, 16)} (${starts.length} buckets)\n${chart}\n${legend}`;
}
