import { createHash } from 'node:crypto';
import { CONSOLE_AUDITORS } from '../akash.placement';
import { consoleManifest } from './console-manifest';
import { generateSdl } from './generate-sdl';

const job = { image: 'nginx:1.27', resources: { gpu: { count: 1 } }, ports: [80] };
const gpu = { label: 'h100', vendor: 'nvidia', vramGb: 80, interface: 'sxm' };
const rewrite = { grantDenom: 'uact', auditors: CONSOLE_AUDITORS };

describe('consoleManifest (the Console rewrites, then chain-sdk)', () => {
  it('gives the hash as the sha256 of the sorted manifest JSON, base64, as the chain stores it', async () => {
    const sdl = generateSdl({ job, gpu, capPerBlock: '3000', denom: 'uact', idempotencyKey: 'k1' });
    const { hash, manifest } = await consoleManifest(sdl, rewrite);
    expect(hash).toBe(createHash('sha256').update(manifest).digest('base64'));
    expect(JSON.parse(manifest)[0].services[0].env).toContain('SWITCHYARD_IDEMPOTENCY_KEY=k1');
  });

  it('hashes a uakt SDL the same as its uact twin, because the Console rewrites the denom', async () => {
    const uakt = await consoleManifest(generateSdl({ job, gpu, capPerBlock: '3000', denom: 'uakt', idempotencyKey: 'k1' }), rewrite);
    const uact = await consoleManifest(generateSdl({ job, gpu, capPerBlock: '3000', denom: 'uact', idempotencyKey: 'k1' }), rewrite);
    expect(uakt.hash).toBe(uact.hash);
  });

  it('differs per idempotency key', async () => {
    const a = await consoleManifest(generateSdl({ job, gpu, capPerBlock: '3000', denom: 'uact', idempotencyKey: 'k1' }), rewrite);
    const b = await consoleManifest(generateSdl({ job, gpu, capPerBlock: '3000', denom: 'uact', idempotencyKey: 'k2' }), rewrite);
    expect(a.hash).not.toBe(b.hash);
  });
});
