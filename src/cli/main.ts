// switchyard: Switchyard from a terminal. `switchyard --help` lists the commands.
import { Command } from 'commander';
import { registerAccount } from './commands/account';
import { registerJobs } from './commands/jobs';
import { registerMarket } from './commands/market';
import { Context } from './context';

export function buildProgram(): Command {
  const program = new Command('switchyard')
    .description('One API over the GPU supply of decentralized compute networks, from a terminal.')
    .option('--url <url>', 'the service (default: SWITCHYARD_URL, the config file, http://127.0.0.1:8080)')
    .option('--api-key <key>', 'API key (default: SWITCHYARD_API_KEY, the config file)')
    .option('--json', 'machine-readable output')
    .version(version())
    .showHelpAfterError();
  const ctx = new Context(program);
  registerMarket(program, ctx);
  registerJobs(program, ctx);
  registerAccount(program, ctx);
  return program;
}

function version(): string {
  try {
    // dist/src/cli/main.js or src/cli/main.ts: the project's package.json is three folders up either way.
    return (require('../../../package.json') as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

if (require.main === module) {
  buildProgram()
    .parseAsync(process.argv)
    .catch((err: Error) => {
      process.stderr.write(`Error: ${err.message}\n`);
      process.exitCode = 1;
    });
}
