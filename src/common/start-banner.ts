// How a person at a terminal sees `npm start`: readable log lines and a short banner once the service
// listens (where it is, its dashboard and docs, the admin key of a first start, which networks are simulated). Where the
// output is not a terminal, or LOG_FORMAT=json, logs stay JSON lines and there is no banner.
export type LogFormat = 'json' | 'pretty';

export function logFormat(env: NodeJS.ProcessEnv = process.env, isTty = Boolean(process.stdout.isTTY)): LogFormat {
  const asked = env.LOG_FORMAT?.trim().toLowerCase();
  if (asked === 'json' || asked === 'pretty') return asked;
  return isTty ? 'pretty' : 'json';
}

export interface BannerFacts {
  url: string;
  networks: Array<{ id: string; simulated: boolean }>;
  generatedAdminKey?: string;
}

export function startBanner(facts: BannerFacts): string {
  const simulated = facts.networks.filter((n) => n.simulated).map((n) => n.id);
  const real = facts.networks.filter((n) => !n.simulated).map((n) => n.id);
  const lines = [
    '',
    `  Switchyard is running at ${facts.url}`,
    `  Dashboard    ${facts.url}/`,
    `  API docs     ${facts.url}/docs`,
    `  Networks     ${real.length ? real.join(', ') : '(no real networks)'}${simulated.length ? `; SIMULATED: ${simulated.join(', ')}` : ''}`,
  ];
  if (facts.generatedAdminKey) {
    lines.push(`  Admin key    ${facts.generatedAdminKey}`, '               generated on this first start and shown ONCE: keep it in a secret store');
  }
  lines.push(`  Try it       SWITCHYARD_URL=${facts.url} SWITCHYARD_API_KEY=<key> npx switchyard offers --gpu h100`, '');
  return lines.join('\n');
}
