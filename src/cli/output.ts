// Printing: JSON for scripts (--json), tables and short lines for people.
import Table from 'cli-table3';

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

export function table(head: string[], rows: Array<Array<string | number | null | undefined>>): string {
  const t = new Table({
    head,
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    style: { head: process.stdout.isTTY ? ['cyan'] : [], border: process.stdout.isTTY ? ['grey'] : [] },
  });
  for (const r of rows) t.push(r.map((c) => (c === null || c === undefined ? '' : String(c))));
  return t.toString();
}

/** A decimal string shown with at most `places` decimals, without going through a float. */
export function money(value: string | null | undefined, places = 4): string {
  if (value === null || value === undefined) return '';
  const [int, frac = ''] = value.split('.');
  const cut = frac.slice(0, places).replace(/0+$/, '');
  return cut ? `${int}.${cut}` : int;
}

export function age(seconds: number | undefined): string {
  if (seconds === undefined || seconds === null) return '';
  if (seconds < 90) return `${Math.round(seconds)}s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)}m`;
  return `${Math.round(seconds / 3600)}h`;
}

export function short(id: string | null | undefined, n = 20): string {
  if (!id) return '';
  return id.length > n ? `${id.slice(0, n - 1)}…` : id;
}
