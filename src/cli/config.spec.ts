import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveConfig, writeConfigFile } from './config';

describe('where the CLI finds the service and its key', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-cli-'));
  const env = { SWITCHYARD_CONFIG: path.join(dir, 'config.json') };
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('takes flags over variables over the login file over the default', () => {
    expect(resolveConfig({}, env)).toEqual({ url: 'http://127.0.0.1:8080', apiKey: undefined });
    writeConfigFile({ url: 'http://file:1/', apiKey: 'from-file' }, env);
    expect(resolveConfig({}, env)).toEqual({ url: 'http://file:1', apiKey: 'from-file' });
    expect(resolveConfig({}, { ...env, SWITCHYARD_URL: 'http://env:2', SWITCHYARD_API_KEY: 'from-env' })).toEqual({ url: 'http://env:2', apiKey: 'from-env' });
    expect(resolveConfig({ url: 'http://flag:3', apiKey: 'from-flag' }, { ...env, SWITCHYARD_URL: 'http://env:2' })).toEqual({
      url: 'http://flag:3',
      apiKey: 'from-flag',
    });
  });

  it('reads an empty variable as unset, so the login file still applies', () => {
    writeConfigFile({ url: 'http://file:1', apiKey: 'from-file' }, env);
    expect(resolveConfig({}, { ...env, SWITCHYARD_URL: '', SWITCHYARD_API_KEY: '' })).toEqual({ url: 'http://file:1', apiKey: 'from-file' });
  });

  it('keeps the login file readable by its owner only', () => {
    writeConfigFile({ url: 'http://file:1', apiKey: 'secret' }, env);
    expect(fs.statSync(env.SWITCHYARD_CONFIG).mode & 0o077).toBe(0);
  });
});
