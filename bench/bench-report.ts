// What every benchmark shares: percentiles over samples, the machine the numbers came from, and the
// table of results against the targets that run.ts prints and appends to bench/RESULTS.md.
import { execSync } from 'node:child_process';
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';

export interface Measurement {
  /** What was measured, e.g. "route 100k: 1× h100 any region". */
  name: string;
  /** The figure, formatted with its unit. */
  value: string;
  /** The target it is held against ("" when it is context only). */
  target: string;
  /** true met, false missed, undefined no target. */
  met?: boolean;
  note?: string;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i];
}

export function summarize(samples: number[]): { n: number; p50: number; p99: number; mean: number; max: number } {
  const s = [...samples].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p99: percentile(s, 99), mean: s.reduce((a, b) => a + b, 0) / s.length, max: s[s.length - 1] };
}

export const ms = (v: number, digits = 3) => `${v.toFixed(digits)} ms`;
export const int = (v: number) => Math.round(v).toLocaleString('en-US');

export interface Machine {
  commit: string;
  dirty: boolean;
  date: string;
  nproc: string;
  free: string;
  node: string;
  cpu: string;
  /** 1/5/15-minute load averages when the run started: other work on the machine skews every number. */
  load: string;
}

export function machine(): Machine {
  const sh = (cmd: string) => {
    try {
      return execSync(cmd, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return '(unavailable)';
    }
  };
  return {
    commit: sh('git rev-parse --short HEAD'),
    dirty: sh('git status --porcelain -- src adapters bench') !== '',
    date: new Date().toISOString(),
    nproc: sh('nproc'),
    free: sh('free -g'),
    node: process.version,
    cpu: sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2").trim(),
    load: loadavg()
      .map((l) => l.toFixed(2))
      .join(' / '),
  };
}

export function renderTable(rows: Measurement[]): string {
  const mark = (m?: boolean) => (m === undefined ? '' : m ? 'met' : '**missed**');
  const lines = ['| Measurement | Result | Target | Verdict | Note |', '|---|---|---|---|---|'];
  for (const r of rows) lines.push(`| ${r.name} | ${r.value} | ${r.target} | ${mark(r.met)} | ${r.note ?? ''} |`);
  return lines.join('\n');
}

export function renderRun(command: string, m: Machine, rows: Measurement[], extra: string[] = []): string {
  return [
    `## Run ${m.date}`,
    '',
    `- command: \`${command}\``,
    `- commit: ${m.commit}${m.dirty ? ' (with uncommitted changes under src/, adapters/ or bench/)' : ''}`,
    `- machine: nproc ${m.nproc}, ${m.cpu}, node ${m.node}`,
    `- load average at start (1/5/15 min): ${m.load}${extraLoad(m)}`,
    '',
    '```',
    `$ free -g`,
    m.free,
    '```',
    '',
    renderTable(rows),
    '',
    ...extra,
    '',
  ].join('\n');
}

function extraLoad(m: Machine): string {
  const one = Number(m.load.split(' / ')[0]);
  return one > Number(m.nproc) * 0.5 ? ' — the machine was busy with other work; treat the numbers as a lower bound' : '';
}

/**
 * Where a run's numbers are appended: a full run to bench/RESULTS.md (tracked, the record); a smoke run only
 * where `--results=<file>` says, never to a tracked file, so a CI clone stays clean. undefined = print only.
 */
export function resultsFile(argv: readonly string[], cwd = process.cwd()): string | undefined {
  const asked = argv.find((a) => a.startsWith('--results='))?.slice('--results='.length);
  if (asked) return asked;
  return argv.includes('--smoke') ? undefined : join(cwd, 'bench', 'RESULTS.md');
}

export function appendResults(text: string, file = join(process.cwd(), 'bench', 'RESULTS.md')): string {
  if (!existsSync(file)) writeFileSync(file, '# Benchmark results\n\nAppended by `npm run bench` (`npm run bench:smoke` prints only). Newest last.\n\n');
  appendFileSync(file, text + '\n');
  return file;
}
