// Display helpers. Prices arrive as decimal strings and are shown as served (trimmed, never re-computed).
export function usd(value: string | null | undefined, digits = 4): string {
  if (value === null || value === undefined) return '—';
  const [int, frac = ''] = value.split('.');
  const f = frac.slice(0, digits).replace(/0+$/, '');
  return `$${int}${f ? '.' + f : ''}`;
}

export function ago(iso: string | null | undefined): string {
  if (!iso) return '—';
  const s = Math.round((Date.now() - Date.parse(iso)) / 1000);
  if (s < 0) return 'just now';
  if (s < 90) return `${s} s ago`;
  if (s < 5400) return `${Math.round(s / 60)} min ago`;
  if (s < 172800) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} d ago`;
}

export function seconds(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  return n < 90 ? `${n} s` : n < 5400 ? `${Math.round(n / 60)} min` : `${Math.round(n / 3600)} h`;
}

export function time(iso: string | null | undefined): string {
  return iso ? new Date(iso).toLocaleString() : '—';
}

/** Chart-only: a served decimal string as a number to place a point on an axis. */
export const num = (s: string | null | undefined): number | null => (s === null || s === undefined ? null : Number(s));

/** A stable colour per network, so a network looks the same on every chart. */
const PALETTE = ['#2563eb', '#16a34a', '#d97706', '#9333ea', '#dc2626', '#0891b2', '#4b5563'];
export function colour(network: string, all: string[]): string {
  const i = all.indexOf(network);
  return PALETTE[(i < 0 ? 0 : i) % PALETTE.length];
}
