// networks, account, keys create, login.
import type { Command } from 'commander';
import { Api } from '../api';
import type { Context } from '../context';
import { resolveConfig, writeConfigFile } from '../config';
import { money, table } from '../output';

interface NetworkView {
  id: string;
  simulated: boolean;
  state: string;
  score: number | null;
  offers: number;
  lastSyncAt?: string | null;
}

export function registerAccount(program: Command, ctx: Context): void {
  program
    .command('networks')
    .description('each network: simulated or real, state, health score, offers')
    .action(async () =>
      ctx.run(async () => {
        const view = await ctx.api().get<{ items: NetworkView[] }>('/v1/networks');
        if (ctx.json) return ctx.print(view);
        ctx.say(
          table(
            ['network', 'state', 'score', 'offers', 'simulated'],
            view.items.map((n) => [n.id, n.state, n.score === null ? '' : n.score.toFixed(2), n.offers, n.simulated ? 'SIMULATED' : '']),
          ),
        );
      }),
    );

  program
    .command('account')
    .description('your balance, what unfinished jobs hold, and what is available')
    .action(async () =>
      ctx.run(async () => {
        const a = await ctx.api().get<{
          id: string;
          name: string;
          balanceUsd: string;
          heldUsd: string;
          availableUsd: string;
          limits: { maxUsdPerHour: string | null; maxUsdPerJob: string | null };
        }>('/v1/account');
        if (ctx.json) return ctx.print(a);
        ctx.say(`${a.name} (${a.id})`);
        ctx.say(
          table(
            ['balance USD', 'held USD', 'available USD', 'max USD/hour', 'max USD/job'],
            [[money(a.balanceUsd, 6), money(a.heldUsd, 6), money(a.availableUsd, 6), a.limits.maxUsdPerHour ?? '', a.limits.maxUsdPerJob ?? '']],
          ),
        );
      }),
    );

  const keys = program.command('keys').description('API keys');
  keys
    .command('create')
    .description('a new API key for your account (admin keys: --account for another account)')
    .requiredOption('--name <name>', 'what the key is for')
    .option('--scopes <list>', 'comma-separated scopes (read, jobs, …)', 'read,jobs')
    .option('--account <id>', 'the account (default: your own)')
    .action(async (o: { name: string; scopes: string; account?: string }) =>
      ctx.run(async () => {
        const api = ctx.api();
        const accountId = o.account ?? (await api.get<{ id: string }>('/v1/account')).id;
        const key = await api.post<{ id: string; key: string; scopes: string[] }>(`/v1/accounts/${encodeURIComponent(accountId)}/keys`, {
          name: o.name,
          scopes: o.scopes
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        });
        if (ctx.json) return ctx.print(key);
        ctx.say(key.key);
        ctx.note(`key ${key.id} (${key.scopes.join(', ')}); shown once: store it now`);
      }),
    );

  program
    .command('login')
    .description('save the service URL and API key to the config file (checks them first)')
    .option('--key <apiKey>', 'the API key (default: SWITCHYARD_API_KEY, or asked for)')
    .action(async (o: { key?: string }) =>
      ctx.run(async () => {
        const flags = program.opts();
        const apiKey = o.key ?? flags.apiKey ?? process.env.SWITCHYARD_API_KEY ?? (await ask('API key: '));
        const config = resolveConfig({ url: flags.url, apiKey });
        const account = await new Api(config).get<{ id: string; name: string }>('/v1/account');
        const file = writeConfigFile(config);
        if (ctx.json) return ctx.print({ url: config.url, account, configFile: file });
        ctx.say(`logged in to ${config.url} as ${account.name}; saved to ${file}`);
      }),
    );
}

async function ask(question: string): Promise<string> {
  const readline = await import('node:readline/promises');
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await rl.question(question)).trim();
  } finally {
    rl.close();
  }
}
