// How a simulator's adapter config reads as environment variables, and each network's seed.

/** `akash`, {bidWaitMs: 1500} → `AKASH_BID_WAIT_MS=1500` (the inverse of the host's `<ID>_<KEY>` rule); objects as JSON. */
export function envLinesFor(id: string, config: Record<string, unknown>): string[] {
  return Object.entries(envFor(id, config)).map(([name, text]) => `${name}=${shellQuoted(text)}`);
}

/** The same as variables: `akash`, {bidWaitMs: 1500} → { AKASH_BID_WAIT_MS: '1500' }. */
export function envFor(id: string, config: Record<string, unknown>): Record<string, string> {
  const prefix = id.toUpperCase().replace(/-/g, '_');
  return Object.fromEntries(
    Object.entries(config)
      .filter(([, v]) => v !== undefined)
      .map(([key, value]) => [
        `${prefix}_${key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`,
        typeof value === 'object' ? JSON.stringify(value) : String(value),
      ]),
  );
}

/** A value as a shell reads it back, quoted only where it has to be. */
export function shellQuoted(text: string): string {
  return /[\s"'$`\\{}]/.test(text) ? `'${text.replace(/'/g, `'\\''`)}'` : text;
}
