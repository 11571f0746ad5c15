import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import axios from 'axios';
import { startSwitchyard } from '../src/app.factory';
import { loadAppConfig } from '../src/config/app-config';

// `npm start` keeps its data in an embedded PostgreSQL under DATA_DIR: what was stored survives a restart.
describe('the embedded database', () => {
  const http = axios.create({ validateStatus: () => true });
  const admin = 'sy_test_admin_persistence_0123456789';
  let dir: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-data-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const boot = () =>
    startSwitchyard(loadAppConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', DATA_DIR: dir, NETWORKS: 'none', ADMIN_API_KEY: admin }));

  it('keeps what was stored across a restart', async () => {
    const first = await boot();
    const created = await http.post(`${first.url}/v1/accounts`, { name: 'survivor' }, { headers: { authorization: `Bearer ${admin}` } });
    expect(created.status).toBe(201);
    await first.close();
    expect(fs.readdirSync(path.join(dir, 'pglite')).length).toBeGreaterThan(0);

    const second = await boot();
    try {
      const again = await http.get(`${second.url}/v1/accounts/${created.data.id}`, { headers: { authorization: `Bearer ${admin}` } });
      expect(again.status).toBe(200);
      expect(again.data.name).toBe('survivor');
    } finally {
      await second.close();
    }
  });
});
