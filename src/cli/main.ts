// switchyard: Switchyard from a terminal. `switchyard --help` lists the commands.
import fs from 'node:fs';
import path from 'node:path';
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

/** The project's version: the nearest package.json named "switchyard" above this file (src/ or dist/src/). */
function version(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'switchyard') return pkg.version ?? 'unknown';
    } catch {
      /* no package.json here: look further up */
    }
  }
  return 'unknown';
}

if (require.main === module) {
  buildProgram()
    .parseAsync(process.argv)
    .catch((err: Error) => {
      process.stderr.write(`Error: ${err.message}\n`);
      process.exitCode = 1;
    });
}
