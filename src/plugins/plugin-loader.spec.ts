import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadPlugins } from './plugin-loader';

// Plugins as third parties ship them, written to a temporary folder outside this tree.
const pluginSource = (sdkVersions: string) => `
module.exports.plugin = {
  [Symbol.for('switchyard.adapter-plugin')]: true,
  id: 'future', displayName: 'Future', version: '3.0.0', sdkVersions: ${sdkVersions},
  configSchema: { safeParse: (input) => ({ success: true, data: input }) },
  endpointKeys: [], create: () => ({}),
};`;

describe('loadPlugins', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-loader-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('refuses a plugin built for an SDK version this host does not support, naming both versions', () => {
    fs.writeFileSync(path.join(dir, 'future.js'), pluginSource('[2]'));
    expect(() => loadPlugins([path.join(dir, 'future.js')])).toThrow(
      /Cannot load network plugin ".*future\.js": it was built for SDK version 2, but this host supports SDK version 1 \(@switchyard\/adapter-sdk 1\.x\)/,
    );
    fs.writeFileSync(path.join(dir, 'none.js'), pluginSource('undefined'));
    expect(() => loadPlugins([path.join(dir, 'none.js')])).toThrow(
      /built for SDK version \(none declared in sdkVersions\), but this host supports SDK version 1/,
    );
  });

  it('loads a plugin that supports this SDK version among others', () => {
    fs.writeFileSync(path.join(dir, 'future.js'), pluginSource('[1, 2]'));
    expect(loadPlugins([path.join(dir, 'future.js')]).map((p) => p.plugin.id)).toEqual(['future']);
  });

  it('says what to do when pointed at a plugin folder of TypeScript sources that was never built', () => {
    const plugin = path.join(dir, 'my-net');
    fs.mkdirSync(path.join(plugin, 'src'), { recursive: true });
    fs.writeFileSync(path.join(plugin, 'package.json'), JSON.stringify({ name: 'my-net', main: 'dist/index.js' }));
    fs.writeFileSync(path.join(plugin, 'src', 'index.ts'), 'export const plugin = {};');
    expect(() => loadPlugins([plugin])).toThrow(/"main" \(dist\/index\.js\) does not exist yet: build the plugin \(`npm run build` in its folder/);
  });

  it('loads the io.net plugin by its package name', () => {
    const [loaded] = loadPlugins(['@switchyard/plugin-ionet']);
    expect(loaded).toMatchObject({ specifier: '@switchyard/plugin-ionet', builtin: false, plugin: { id: 'ionet', displayName: 'io.net', sdkVersions: [1] } });
  });
});
