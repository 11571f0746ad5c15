/**
 * A plugin's configuration from the environment: every `<ID>_<KEY>` variable, KEY in SCREAMING_SNAKE_CASE
 * mapped to camelCase (AKASH_BASE_URL → baseUrl; my-net → MY_NET_…).
 */
export function pluginConfigFromEnv(id: string, env: Record<string, string | undefined>): Record<string, string> {
  const prefix = `${id.toUpperCase().replace(/-/g, '_')}_`;
  const config: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith(prefix) || value === undefined || value === '') continue;
    const key = name
      .slice(prefix.length)
      .toLowerCase()
      .replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    if (key) config[key] = value;
  }
  return config;
}

export function describeConfigIssues(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): string {
  return issues.map((i) => `${i.path.map(String).join('.') || '(config)'}: ${i.message}`).join('; ');
}
