// The job a user asks for: from flags (`--image --gpu --count --hours --max-price --region --env K=V -- cmd…`),
// from a JSON spec file, or from an Akash SDL (YAML, sent as application/yaml).
import fs from 'node:fs';

export interface SpecFlags {
  spec?: string;
  image?: string;
  gpu?: string[];
  count?: string;
  hours?: string;
  maxPrice?: string;
  region?: string[];
  network?: string[];
  env?: string[];
  name?: string;
}

export type JobBody = { kind: 'json'; body: Record<string, unknown> } | { kind: 'sdl'; body: string };

export function jobBody(flags: SpecFlags, command: string[]): JobBody {
  if (flags.spec) {
    const text = flags.spec === '-' ? fs.readFileSync(0, 'utf8') : fs.readFileSync(flags.spec, 'utf8');
    const trimmed = text.trimStart();
    if (trimmed.startsWith('{')) return { kind: 'json', body: JSON.parse(text) as Record<string, unknown> };
    return { kind: 'sdl', body: text };
  }
  if (!flags.image) throw new Error('give --image (and --gpu/--count), or --spec FILE (a JSON job spec or an Akash SDL)');
  const env: Record<string, string> = {};
  for (const kv of flags.env ?? []) {
    const i = kv.indexOf('=');
    if (i < 1) throw new Error(`--env takes KEY=VALUE, not "${kv}"`);
    env[kv.slice(0, i)] = kv.slice(i + 1);
  }
  const placement: Record<string, unknown> = {};
  if (flags.region?.length) placement.regions = flags.region;
  if (flags.network?.length) placement.networks = flags.network;
  const body: Record<string, unknown> = {
    ...(flags.name ? { name: flags.name } : {}),
    image: flags.image,
    ...(command.length ? { command } : {}),
    ...(Object.keys(env).length ? { env } : {}),
    resources: { gpu: { count: flags.count ? Number(flags.count) : 1, ...(flags.gpu?.length ? { models: flags.gpu } : {}) } },
    ...(flags.hours ? { durationHours: Number(flags.hours) } : {}),
    ...(flags.maxPrice ? { maxUsdPerGpuHour: flags.maxPrice } : {}),
    ...(Object.keys(placement).length ? { placement } : {}),
  };
  return { kind: 'json', body };
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
