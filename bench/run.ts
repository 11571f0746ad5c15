// Runs every benchmark, prints the numbers against the targets of issue 13 and appends them to
// bench/RESULTS.md with the command, commit, date and machine. No timing assertions: the exit code says
// only whether the harness worked. `--smoke` uses tiny sizes, finishes in well under a minute and only prints
// (CI runs it; a tracked file it wrote to would leave every clone dirty); `--results=<file>` appends anywhere.
//   npm run bench          full: 10k/100k offers, 50 connections × 10 s per endpoint
//   npm run bench:smoke    1,000 offers, 5 connections × 1 s, 50 jobs
//   node dist/bench/run.js --only=route,http,jobs,burst,side,memory,gpu   a subset
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { appendResults, machine, renderRun, renderTable, resultsFile, type Measurement } from './bench-report';
import { runBurstBench } from './burst.bench';
import { runHttpBench } from './http.bench';
import { runJobsBench } from './jobs.bench';
import { runProofOfGpuBench } from './proof-of-gpu.bench';
import { runRouteBench } from './route.bench';
import { runSideBySide } from './side-by-side.bench';

const SUITES = ['route', 'memory', 'http', 'jobs', 'burst', 'side', 'gpu'] as const;
type Suite = (typeof SUITES)[number];

async function main(): Promise<void> {
  const smoke = process.argv.includes('--smoke');
  const only = process.argv
    .find((a) => a.startsWith('--only='))
    ?.slice(7)
    .split(',');
  const unknown = only?.filter((s) => !(SUITES as readonly string[]).includes(s));
  if (unknown?.length) throw new Error(`--only: unknown suite ${unknown.join(', ')} (suites: ${SUITES.join(', ')})`);
  const want = (s: Suite) => !only || only.includes(s);
  const m = machine();
  const rows: Measurement[] = [];
  const log = (line: string) => console.log(line);
  const size = smoke ? 1_000 : 100_000;
  console.log(`switchyard bench${smoke ? ' (smoke)' : ''} — commit ${m.commit}, nproc ${m.nproc}, node ${m.node}, load ${m.load}`);

  if (want('route')) {
    console.log('route decision, in process');
    rows.push(...runRouteBench({ sizes: smoke ? [1_000] : [10_000, 100_000], iterations: smoke ? 200 : 2_000 }, log));
  }
  if (want('memory')) {
    console.log('memory: an OfferIndex alone, in a fresh process');
    const out = execFileSync(process.execPath, ['--expose-gc', join(__dirname, 'memory-child.js'), String(size)], { encoding: 'utf8' });
    const r = JSON.parse(out.trim().split('\n').pop()!) as { size: number; before: NodeJS.MemoryUsage; after: NodeJS.MemoryUsage };
    const mb = (b: number) => (b / 2 ** 20).toFixed(0);
    log(`  ${r.size} offers: RSS ${mb(r.before.rss)} → ${mb(r.after.rss)} MB, heap used ${mb(r.before.heapUsed)} → ${mb(r.after.heapUsed)} MB`);
    rows.push({
      name: `RSS after GC, OfferIndex alone with ${r.size.toLocaleString('en-US')} offers`,
      value: `${mb(r.after.rss)} MB`,
      target: '',
      note: `heap used ${mb(r.after.heapUsed)} MB; empty process ${mb(r.before.rss)} MB`,
    });
  }
  if (want('http')) {
    console.log('HTTP (autocannon) + sync ingest + service memory');
    rows.push(...(await runHttpBench({ poolSize: size, connections: smoke ? 5 : 50, durationSec: smoke ? 1 : 10 }, log)));
  }
  if (want('jobs')) {
    console.log('job intake and dispatch');
    rows.push(
      ...(await runJobsBench(
        smoke
          ? { connections: 5, durationSec: 1, amount: 50, dispatchWindowSec: 5, dispatchBatches: [100] }
          : { connections: 50, durationSec: 10, dispatchWindowSec: 10, dispatchBatches: [100, 25] },
        log,
      )),
    );
  }
  if (want('burst')) {
    console.log('a burst of mixed jobs: placements elsewhere while Akash-bound jobs wait');
    rows.push(...(await runBurstBench({ jobs: smoke ? 100 : 2_000, connections: smoke ? 5 : 50, windowSec: smoke ? 10 : 30 }, log)));
  }
  if (want('gpu')) {
    console.log('proof of GPU: the coordinator checking one H100 challenge');
    rows.push(...runProofOfGpuBench({ gpus: [1, 8], repetitions: smoke ? 1 : 5 }, log));
  }
  if (want('side')) {
    console.log('side by side: the pool vs asking the networks live');
    rows.push(...(await runSideBySide({ poolSize: size, repetitions: smoke ? 1 : 5 }, log)));
  }

  console.log('\n' + renderTable(rows));
  const command = `node dist/bench/run.js ${process.argv.slice(2).join(' ')}`.trim();
  const target = resultsFile(process.argv.slice(2));
  if (!target) return console.log('\nsmoke run: printed only (--results=<file> appends it to a file)');
  appendResults(renderRun(command + (smoke ? '   (smoke: sizes too small to hold against the targets)' : ''), m, rows), target);
  console.log(`\nappended to ${target}`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
