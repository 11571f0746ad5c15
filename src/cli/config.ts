// Where the CLI finds the service and its key: flags, then SWITCHYARD_URL / SWITCHYARD_API_KEY, then the
// config file `switchyard login` writes (SWITCHYARD_CONFIG, else $XDG_CONFIG_HOME or ~/.config/switchyard/config.json).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface CliConfig {
  url: string;
  apiKey?: string;
}

export const DEFAULT_URL = 'http://127.0.0.1:8080';

export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SWITCHYARD_CONFIG) return env.SWITCHYARD_CONFIG;
  const base = env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
  return path.join(base, 'switchyard', 'config.json');
}

export function readConfigFile(env: NodeJS.ProcessEnv = process.env): Partial<CliConfig> {
  try {
    const parsed = JSON.parse(fs.readFileSync(configPath(env), 'utf8')) as Partial<CliConfig>;
    return { url: typeof parsed.url === 'string' ? parsed.url : undefined, apiKey: typeof parsed.apiKey === 'string' ? parsed.apiKey : undefined };
  } catch {
    return {};
  }
}

export function writeConfigFile(config: CliConfig, env: NodeJS.ProcessEnv = process.env): string {
  const file = configPath(env);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // The key is a secret: readable by its owner only.
  fs.writeFileSync(file, JSON.stringify(config, null, 2) + '\n', { mode: 0o600 });
  return file;
}

export function resolveConfig(flags: { url?: string; apiKey?: string }, env: NodeJS.ProcessEnv = process.env): CliConfig {
  const file = readConfigFile(env);
  return {
    url: (flags.url || env.SWITCHYARD_URL || file.url || DEFAULT_URL).replace(/\/+$/, ''),
    apiKey: flags.apiKey || env.SWITCHYARD_API_KEY || file.apiKey,
  };
}
