import fs from 'node:fs';
import path from 'node:path';
import { AdapterPlugin, isAdapterPlugin, SDK_VERSION } from '../../adapters/sdk';
import { BUILTIN_PLUGINS } from './builtin-plugins';

export class PluginLoadError extends Error {
  constructor(
    readonly plugin: string,
    readonly reason: string,
  ) {
    super(`Cannot load network plugin "${plugin}": ${reason}`);
    this.name = 'PluginLoadError';
  }
}

export interface LoadedPlugin {
  plugin: AdapterPlugin<unknown>;
  /** How it was named in NETWORKS: a built-in id, a path or a package name. */
  specifier: string;
  builtin: boolean;
}

const ID = /^[a-z][a-z0-9-]{0,31}$/;

/** Loads every plugin NETWORKS names; any broken one stops the boot with its name and the reason. */
export function loadPlugins(specifiers: string[], cwd = process.cwd()): LoadedPlugin[] {
  const loaded: LoadedPlugin[] = [];
  const seen = new Map<string, string>();
  for (const specifier of specifiers) {
    const builtin = Object.hasOwn(BUILTIN_PLUGINS, specifier);
    const moduleExports = builtin ? requireBuiltin(specifier) : requireExternal(specifier, cwd);
    const plugin = pickPlugin(specifier, moduleExports);
    checkPlugin(specifier, plugin);
    const previous = seen.get(plugin.id);
    if (previous) throw new PluginLoadError(specifier, `network id "${plugin.id}" is already provided by "${previous}"`);
    seen.set(plugin.id, specifier);
    loaded.push({ plugin, specifier, builtin });
  }
  return loaded;
}

function requireBuiltin(id: string): unknown {
  try {
    return BUILTIN_PLUGINS[id]();
  } catch (err) {
    throw new PluginLoadError(id, `the built-in module failed to load: ${(err as Error).message}`);
  }
}

function requireExternal(specifier: string, cwd: string): unknown {
  const isPath = specifier.startsWith('.') || path.isAbsolute(specifier);
  let resolved: string;
  try {
    resolved = isPath ? require.resolve(path.resolve(cwd, specifier)) : require.resolve(specifier, { paths: [cwd] });
  } catch {
    throw new PluginLoadError(
      specifier,
      unbuiltHint(specifier, isPath, cwd) ??
        (isPath ? `no module at ${path.resolve(cwd, specifier)}` : 'no such package is installed (and it is not a built-in network id)'),
    );
  }
  try {
    return require(resolved);
  } catch (err) {
    // Node runs JavaScript: a TypeScript file fails to parse (unless a loader such as ts-node is registered).
    if (/\.[cm]?tsx?$/.test(resolved) && err instanceof SyntaxError) {
      throw new PluginLoadError(specifier, `${resolved} is TypeScript, which this host loads only compiled: ${BUILD_ADVICE}`);
    }
    throw new PluginLoadError(specifier, `the module threw while loading: ${(err as Error).message}`);
  }
}

const BUILD_ADVICE =
  'build the plugin (`npm run build` in its folder, which writes the JavaScript its package.json "main" names) and point NETWORKS at that folder or its package name';

/** Why a plugin that exists could not be resolved: a package or folder of TypeScript sources not yet built. */
function unbuiltHint(specifier: string, isPath: boolean, cwd: string): string | undefined {
  let dir: string | undefined;
  if (isPath) dir = path.resolve(cwd, specifier);
  else {
    try {
      dir = path.dirname(require.resolve(`${specifier}/package.json`, { paths: [cwd] }));
    } catch {
      return undefined;
    }
  }
  const manifest = path.join(dir, 'package.json');
  const main = fs.existsSync(manifest) ? (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { main?: string }).main : undefined;
  const sources = ['index.ts', 'src/index.ts'].map((f) => path.join(dir, f)).filter((f) => fs.existsSync(f));
  if (fs.existsSync(`${dir}.ts`)) sources.push(`${dir}.ts`);
  if (main && !fs.existsSync(path.resolve(dir, main))) return `its package.json "main" (${main}) does not exist yet: ${BUILD_ADVICE}`;
  if (sources.length) return `${sources[0]} is TypeScript, which this host loads only compiled: ${BUILD_ADVICE}`;
  return undefined;
}

function pickPlugin(specifier: string, moduleExports: unknown): AdapterPlugin<unknown> {
  const m = moduleExports as { plugin?: unknown; default?: unknown } | undefined;
  const candidate = m?.plugin ?? m?.default ?? m;
  if (!isAdapterPlugin(candidate)) {
    throw new PluginLoadError(
      specifier,
      'the module exports no adapter plugin (export `plugin` made with defineAdapterPlugin, or carrying Symbol.for("switchyard.adapter-plugin"))',
    );
  }
  return candidate;
}

function checkPlugin(specifier: string, plugin: AdapterPlugin<unknown>): void {
  if (typeof plugin.id !== 'string' || !ID.test(plugin.id))
    throw new PluginLoadError(specifier, `invalid id ${JSON.stringify(plugin.id)} (lowercase letters, digits and dashes)`);
  if (!Array.isArray(plugin.sdkVersions) || !plugin.sdkVersions.includes(SDK_VERSION)) {
    throw new PluginLoadError(
      specifier,
      `it was built for SDK version ${describeVersions(plugin.sdkVersions)}, but this host supports SDK version ${SDK_VERSION} (@switchyard/adapter-sdk ${SDK_VERSION}.x): install a release of the plugin built for SDK ${SDK_VERSION}`,
    );
  }
  if (typeof plugin.create !== 'function') throw new PluginLoadError(specifier, 'it has no create(config, context) function');
  if (typeof plugin.configSchema?.safeParse !== 'function') throw new PluginLoadError(specifier, 'its configSchema has no safeParse()');
}

function describeVersions(versions: unknown): string {
  return Array.isArray(versions) && versions.length ? versions.map(String).join(', ') : '(none declared in sdkVersions)';
}
