// How a simulator's adapter config reads as environment variables, and each network's seed.

/** `akash`, {bidWaitMs: 1500} → `AKASH_BID_WAIT_MS=1500` (the inverse of the host's `<ID>_<KEY>` rule); objects as JSON. */
export function envLinesFor(id: string, config: Record<string, unknown>): string[] {
  const prefix = id.toUpperCase().replace(/-/g, '_');
  return Object.entries(config)
    .filter(([, v]) => v !== undefined)
    .map(([key, value]) => {
      const name = `${prefix}_${key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`;
      const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
      return `${name}=${/[\s"'$`\\{}]/.test(text) ? `'${text.replace(/'/g, `'\\''`)}'` : text}`;
    });
}

/** The seed a network's simulator gets from SIM_SEED; the same rule as the network registry's, so both build one world. */
export function networkSeed(seed: number, id: string): number {
  let h = 0;
  for (const c of id) h = (h * 31 + c.charCodeAt(0)) | 0;
  return seed + Math.abs(h);
}
