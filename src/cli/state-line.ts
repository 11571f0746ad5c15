// The live line of a job's state while `run` waits: a spinner on a terminal (stderr), plain lines otherwise.
// Log lines and messages are printed above it without tearing it.
import { createSpinner, type Spinner } from 'nanospinner';

export class StateLine {
  private readonly spinner?: Spinner;
  private last = '';

  constructor(private readonly quiet: boolean) {
    if (!quiet && process.stderr.isTTY) this.spinner = createSpinner('', { stream: process.stderr }).start();
  }

  set(text: string): void {
    if (this.quiet || text === this.last) return;
    this.last = text;
    if (this.spinner) this.spinner.update({ text });
    else process.stderr.write(`» ${text}\n`);
  }

  /** A line above the state line, to `stream`. */
  print(line: string, stream: NodeJS.WriteStream = process.stdout): void {
    if (this.spinner) this.spinner.clear();
    stream.write(line + '\n');
    if (this.spinner) this.spinner.render();
  }

  done(text: string, ok: boolean): void {
    if (this.spinner) {
      if (ok) this.spinner.success({ text });
      else this.spinner.error({ text });
    } else if (!this.quiet) process.stderr.write(`${ok ? '✔' : '✖'} ${text}\n`);
  }

  stop(): void {
    this.spinner?.stop();
  }
}
