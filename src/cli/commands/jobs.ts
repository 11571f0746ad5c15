// quote, run, jobs, status, logs, cancel.
import { randomUUID } from 'node:crypto';
import readline from 'node:readline/promises';
import type { Command } from 'commander';
import type { Api } from '../api';
import { CliExit, type Context } from '../context';
import { collect, jobBody, type SpecFlags } from '../job-spec';
import { money, short, table } from '../output';
import { StateLine } from '../state-line';

interface AttemptView {
  n: number;
  network: string;
  providerId: string | null;
  region: string | null;
  gpuModel: string | null;
  state: string;
  usdPerHour: string | null;
  routing?: { explanation?: string } | null;
}
interface JobView {
  id: string;
  name?: string | null;
  state: string;
  stateReason: string | null;
  createdAt: string;
  cost?: { usd: string; final: boolean } | null;
  attempts?: AttemptView[];
  warnings?: string[];
}
interface Candidate {
  rank: number;
  network: string;
  providerId: string;
  region: string | null;
  gpuModel: string;
  gpuCount: number;
  usdPerGpuHour: string;
  estimatedTotalUsd: string | null;
  priceKind: string;
  why: string;
}
interface QuoteView {
  estimate: { usdPerHour: string; totalUsd: string | null } | null;
  decision: { explanation: string; candidates: Candidate[] };
  warnings?: string[];
}
interface JobEvent {
  type: string;
  from: string | null;
  to: string | null;
  reason: string;
  data: { endpoints?: string[]; explanation?: string } | null;
}

/** Exit codes of `run` and `status --wait`: the job's outcome. */
export const OUTCOME_EXIT: Record<string, number> = { succeeded: 0, failed: 1, cancelled: 2 };
const TERMINAL = new Set(Object.keys(OUTCOME_EXIT));

function specOptions(cmd: Command): Command {
  return cmd
    .option('--spec <file>', 'a JSON job spec or an Akash SDL (YAML); - reads stdin')
    .option('--image <image>', 'container image')
    .option('--gpu <model>', 'GPU model or family (repeatable: any of them)', collect)
    .option('--count <n>', 'GPUs')
    .option('--hours <h>', 'how long the job runs (durationHours)')
    .option('--max-price <usd>', 'cap in USD per GPU-hour')
    .option('--region <region>', 'allowed region (repeatable)', collect)
    .option('--network <id>', 'allowed network (repeatable)', collect)
    .option('--env <KEY=VALUE>', 'environment variable (repeatable)', collect)
    .option('--name <name>', 'job name')
    .argument('[command...]', 'the command to run, after --');
}

async function submitBody(api: Api, path: string, flags: SpecFlags, command: string[], idempotencyKey?: string): Promise<unknown> {
  const job = jobBody(flags, command);
  const headers: Record<string, string> = idempotencyKey ? { 'idempotency-key': idempotencyKey } : {};
  if (job.kind === 'sdl') return api.post(path, job.body, { raw: true, headers: { ...headers, 'content-type': 'application/yaml' } });
  return api.post(path, job.body, { headers });
}

export function registerJobs(program: Command, ctx: Context): void {
  specOptions(program.command('quote').description('dry run: where a job would go, why, and what it would cost')).action(
    async (command: string[], o: SpecFlags) =>
      ctx.run(async () => {
        const quote = (await submitBody(ctx.api(), '/v1/quotes', o, command)) as QuoteView;
        if (ctx.json) return ctx.print(quote);
        ctx.say(quote.decision.explanation);
        ctx.say(
          table(
            ['#', 'network', 'provider', 'GPU', 'region', 'USD/GPU-h', 'price', 'total'],
            quote.decision.candidates.map((c) => [
              c.rank,
              c.network,
              short(c.providerId, 22),
              `${c.gpuModel} × ${c.gpuCount}`,
              c.region ?? '',
              money(c.usdPerGpuHour),
              c.priceKind,
              c.estimatedTotalUsd ? `${money(c.estimatedTotalUsd, 2)} USD` : '',
            ]),
          ),
        );
        if (quote.estimate)
          ctx.say(
            `Estimate: ${money(quote.estimate.usdPerHour)} USD/hour${quote.estimate.totalUsd ? `, ${money(quote.estimate.totalUsd, 2)} USD in all` : ''}.`,
          );
        for (const w of quote.warnings ?? []) ctx.say(`warning: ${w}`);
      }),
  );

  specOptions(program.command('run').description('submit a job, wait for placement, follow its logs to the end; exits with its outcome'))
    .option('-d, --detach', 'return as soon as the job is accepted')
    .action(async (command: string[], o: SpecFlags & { detach?: boolean }) =>
      ctx.run(async () => {
        const api = ctx.api();
        const job = (await submitBody(api, '/v1/jobs', o, command, randomUUID())) as JobView;
        if (o.detach) {
          if (ctx.json) ctx.print(job);
          else ctx.say(job.id);
          return 0;
        }
        ctx.note(`job ${job.id} accepted`);
        for (const w of job.warnings ?? []) ctx.note(`warning: ${w}`);
        return follow(ctx, api, job.id, { interactiveCancel: true });
      }),
    );

  program
    .command('jobs')
    .description('your jobs, newest first')
    .option('--state <state>', 'only jobs in this state')
    .option('--limit <n>', 'rows', '20')
    .action(async (o) =>
      ctx.run(async () => {
        const page = await ctx.api().get<{ items: JobView[]; nextCursor: string | null }>('/v1/jobs', { state: o.state, limit: o.limit });
        if (ctx.json) return ctx.print(page);
        if (!page.items.length) return ctx.say('No jobs.');
        ctx.say(
          table(
            ['id', 'name', 'state', 'created', 'cost USD', 'reason'],
            page.items.map((j) => [
              j.id,
              j.name ?? '',
              j.state,
              j.createdAt.slice(0, 19).replace('T', ' '),
              j.cost ? money(j.cost.usd) : '',
              short(j.stateReason, 50),
            ]),
          ),
        );
      }),
    );

  program
    .command('status')
    .description('a job: state, attempts with their routing, cost')
    .argument('<id>')
    .action(async (id: string) =>
      ctx.run(async () => {
        const job = await ctx.api().get<JobView>(`/v1/jobs/${encodeURIComponent(id)}`);
        if (ctx.json) return ctx.print(job);
        ctx.say(`${job.id}${job.name ? ` (${job.name})` : ''}: ${job.state}${job.stateReason ? ` — ${job.stateReason}` : ''}`);
        if (job.cost) ctx.say(`cost: ${money(job.cost.usd, 6)} USD${job.cost.final ? '' : ' so far'}`);
        if (job.attempts?.length) {
          ctx.say(
            table(
              ['#', 'network', 'provider', 'GPU', 'region', 'USD/h', 'state'],
              job.attempts.map((a) => [a.n, a.network, short(a.providerId, 22), a.gpuModel ?? '', a.region ?? '', money(a.usdPerHour), a.state]),
            ),
          );
          const why = job.attempts[job.attempts.length - 1].routing?.explanation;
          if (why) ctx.say(`why: ${why}`);
        }
      }),
    );

  program
    .command('logs')
    .description("a job's logs; -f follows them across attempts until the job ends")
    .argument('<id>')
    .option('-f, --follow', 'follow until the job ends')
    .action(async (id: string, o: { follow?: boolean }) =>
      ctx.run(async () => {
        const api = ctx.api();
        const path = `/v1/jobs/${encodeURIComponent(id)}/logs`;
        if (!o.follow) {
          const logs = await api.get<{ lines: string[]; note?: string }>(path);
          if (ctx.json) return ctx.print(logs);
          if (logs.note) process.stderr.write(`${logs.note}\n`);
          for (const line of logs.lines) ctx.say(line);
          return;
        }
        let end: { state: string } | undefined;
        await api.stream(`${path}?follow=true`, (event, data) => {
          const d = data as { line?: string; note?: string; attempt?: number; network?: string; state?: string; stateReason?: string };
          if (ctx.json) return ctx.say(JSON.stringify({ event, ...d }));
          if (event === 'log') ctx.say(d.line ?? '');
          else if (event === 'attempt') process.stderr.write(`── attempt ${d.attempt} on ${d.network} ──\n`);
          else if (event === 'note') process.stderr.write(`${d.note}\n`);
          else if (event === 'end') process.stderr.write(`── job ${d.state}${d.stateReason ? `: ${d.stateReason}` : ''} ──\n`);
          if (event === 'end') end = { state: d.state ?? '' };
        });
        return end ? (OUTCOME_EXIT[end.state] ?? 1) : 0;
      }),
    );

  program
    .command('cancel')
    .description('cancel a job (idempotent)')
    .argument('<id>')
    .action(async (id: string) =>
      ctx.run(async () => {
        const job = await ctx.api().post<JobView>(`/v1/jobs/${encodeURIComponent(id)}/cancel`, undefined);
        if (ctx.json) return ctx.print(job);
        ctx.say(`${job.id}: ${TERMINAL.has(job.state) ? job.state : 'cancel requested'}${job.stateReason ? ` — ${job.stateReason}` : ''}`);
      }),
    );
}

/**
 * Follows a job to its end: the event stream drives the state line (routing → submitted → running, where and
 * why), the log stream prints its lines; returns the exit code of the job's outcome. Ctrl-C asks whether to
 * cancel (on a terminal; elsewhere it leaves the job running and says how to follow it again).
 */
async function follow(ctx: Context, api: Api, id: string, opts: { interactiveCancel: boolean }): Promise<number> {
  const line = new StateLine(ctx.json);
  const stop = new AbortController();
  let cancelled = false;
  let asking = false;
  const onSigint = async () => {
    if (asking) process.exit(130);
    if (!opts.interactiveCancel || !process.stdin.isTTY) {
      line.stop();
      process.stderr.write(`\nleft job ${id} running; follow it with: switchyard logs -f ${id}\n`);
      process.exit(130);
    }
    asking = true;
    line.stop();
    const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
    const answer = await rl.question(`\nCancel job ${id}? [y/N] `);
    rl.close();
    asking = false;
    if (/^y/i.test(answer.trim())) {
      cancelled = true;
      await api.post(`/v1/jobs/${encodeURIComponent(id)}/cancel`, undefined);
      process.stderr.write('cancel requested; waiting for the network to stop it\n');
    } else {
      stop.abort();
      process.stderr.write(`left job ${id} running; follow it with: switchyard logs -f ${id}\n`);
    }
  };
  process.on('SIGINT', onSigint);
  try {
    const events = api.stream(
      `/v1/jobs/${encodeURIComponent(id)}/events`,
      (_event, data) => {
        const e = data as JobEvent;
        if (e.type === 'attempt') line.print(`→ ${e.reason}${e.data?.explanation ? `\n  ${e.data.explanation}` : ''}`, process.stderr);
        if (e.to && e.type === 'state') line.set(`${e.to}: ${e.reason}`);
        if (e.to === 'running' && e.data?.endpoints?.length) line.print(`endpoints: ${e.data.endpoints.join(' ')}`, process.stderr);
      },
      stop.signal,
    );
    const logs = api.stream(
      `/v1/jobs/${encodeURIComponent(id)}/logs?follow=true`,
      (event, data) => {
        const d = data as { line?: string; note?: string; attempt?: number; network?: string };
        if (event === 'log') line.print(d.line ?? '', ctx.json ? process.stderr : process.stdout);
        else if (event === 'note') line.print(d.note ?? '', process.stderr);
        else if (event === 'attempt' && (d.attempt ?? 1) > 1) line.print(`── attempt ${d.attempt} on ${d.network} ──`, process.stderr);
      },
      stop.signal,
    );
    await Promise.all([events, logs]);
  } catch (err) {
    if (!stop.signal.aborted) throw err;
    return 0;
  } finally {
    process.off('SIGINT', onSigint);
  }
  const job = await api.get<JobView>(`/v1/jobs/${encodeURIComponent(id)}`);
  const code = OUTCOME_EXIT[job.state] ?? 1;
  line.done(
    `${job.state}${job.stateReason ? ` — ${job.stateReason}` : ''}${job.cost ? ` (${money(job.cost.usd, 6)} USD)` : ''}${cancelled ? ' (cancelled from here)' : ''}`,
    code === 0,
  );
  if (ctx.json) ctx.print(job);
  if (!TERMINAL.has(job.state)) throw new CliExit(1, `job ${id} is ${job.state}`);
  return code;
}
