// What every command shares: the resolved config, --json, printing, and turning errors into one readable
// message (the problem+json title, detail and field errors) and an exit code, never a stack.
import type { Command } from 'commander';
import { SwitchyardProblemError, problemText } from '@switchyard/client';
import { Api } from './api';
import { resolveConfig, type CliConfig } from './config';
import { printJson } from './output';

export class CliExit extends Error {
  constructor(
    readonly code: number,
    message = '',
  ) {
    super(message);
  }
}

export class Context {
  constructor(private readonly program: Command) {}

  get json(): boolean {
    return Boolean(this.program.opts().json);
  }

  config(): CliConfig {
    const o = this.program.opts();
    return resolveConfig({ url: o.url, apiKey: o.apiKey });
  }

  api(): Api {
    return new Api(this.config());
  }

  print(value: unknown): void {
    printJson(value);
  }

  say(line: string): void {
    process.stdout.write(line + '\n');
  }

  /** A status line for people: stderr, so stdout stays the command's output. */
  note(line: string): void {
    if (!this.json) process.stderr.write(line + '\n');
  }

  async run(action: () => Promise<void | number>): Promise<void> {
    try {
      const code = await action();
      process.exitCode = typeof code === 'number' ? code : 0;
    } catch (err) {
      process.exitCode = this.fail(err);
    }
  }

  private fail(err: unknown): number {
    if (err instanceof CliExit) {
      if (err.message) process.stderr.write(err.message + '\n');
      return err.code;
    }
    if (err instanceof SwitchyardProblemError) {
      if (this.json) process.stderr.write(JSON.stringify({ status: err.status, ...err.problem }) + '\n');
      else process.stderr.write(`Error: ${problemText(err.problem, err.status)}\n`);
      return err.status === 401 || err.status === 403 ? 3 : 1;
    }
    const e = err as Error & { cause?: { code?: string; message?: string } };
    const unreachable = e?.message === 'fetch failed' || e?.cause?.code === 'ECONNREFUSED';
    const why = e?.cause?.code ?? e?.cause?.message ?? e?.message;
    process.stderr.write(
      `Error: ${unreachable ? `cannot reach Switchyard at ${this.config().url} (${why}); set SWITCHYARD_URL or run \`switchyard login\`` : (e?.message ?? String(err))}\n`,
    );
    if (process.env.SWITCHYARD_DEBUG && e?.stack) process.stderr.write(e.stack + '\n');
    return 1;
  }
}
