import { parse } from 'yaml';
import type { JobSpec } from '../../sdk';
import { pricingCapPerBlock } from '../akash.units';
import { IDEMPOTENCY_ENV, generateSdl } from './generate-sdl';
import { parseAkashSdl } from './parse-sdl';

const job: JobSpec = {
  name: 'SDXL Batch',
  image: 'ghcr.io/acme/sdxl:1.2',
  command: ['python', 'run.py'],
  args: ['--steps', '30'],
  env: { STEPS: '30', MODE: 'fast' },
  ports: [8080],
  resources: { gpu: { count: 2, models: ['h100'] }, cpu: 16, memoryGb: 128, diskGb: 200 },
};
const gpu = { label: 'h100', vendor: 'nvidia', vramGb: 80, interface: 'sxm' };

describe('pricingCapPerBlock', () => {
  it('turns $2.00/GPU-hour × 2 GPUs into 6667 uact per block (6666.67 rounded half-up)', () => {
    expect(pricingCapPerBlock('2.00', 2, 'uact')).toBe('6667');
  });

  it('keeps exact values exact and rounds a half up', () => {
    expect(pricingCapPerBlock('1.5', 1, 'uact')).toBe('2500'); // 1.5e6 / 600
    expect(pricingCapPerBlock('0.0009', 1, 'uact')).toBe('2'); // 1.5 → 2
    expect(pricingCapPerBlock('0.0003', 1, 'uact')).toBe('1'); // 0.5 → 1, never 0
  });

  it('converts to uakt with the AKT price, and refuses without one', () => {
    expect(pricingCapPerBlock('2.00', 2, 'uakt', '2.5')).toBe('2667'); // 6666.67 / 2.5
    expect(() => pricingCapPerBlock('2.00', 2, 'uakt')).toThrow(/aktUsd/);
  });
});

describe('generateSdl', () => {
  const request = { job, gpu, capPerBlock: '6667', denom: 'uact' as const, idempotencyKey: 'attempt-42' };

  it('writes a version 2.0 SDL with the GPU attributes of the routed offer and the cap in uact per block', () => {
    const sdl = parse(generateSdl(request));
    expect(sdl.version).toBe('2.0');
    const svc = sdl.services['sdxl-batch'];
    expect(svc).toMatchObject({ image: 'ghcr.io/acme/sdxl:1.2', command: ['python', 'run.py'], args: ['--steps', '30'] });
    expect(svc.env).toEqual(['MODE=fast', 'STEPS=30', `${IDEMPOTENCY_ENV}=attempt-42`]);
    expect(svc.expose).toEqual([{ port: 8080, as: 8080, to: [{ global: true }] }]);
    expect(sdl.profiles.compute['sdxl-batch'].resources).toEqual({
      cpu: { units: 16 },
      memory: { size: '128Gi' },
      storage: [{ size: '200Gi' }],
      gpu: { units: 2, attributes: { vendor: { nvidia: [{ model: 'h100', ram: '80Gi', interface: 'sxm' }] } } },
    });
    expect(sdl.profiles.placement.akash.pricing['sdxl-batch']).toEqual({ denom: 'uact', amount: 6667 });
    expect(sdl.deployment['sdxl-batch']).toEqual({ akash: { profile: 'sdxl-batch', count: 1 } });
  });

  it('is accepted by the SDL parser and reads back as the same job', () => {
    const parsed = parseAkashSdl(generateSdl(request));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    expect(parsed.multiService).toBe(false);
    expect(parsed.spec.resources).toEqual({ gpu: { count: 2, models: ['h100 80gb sxm'] }, cpu: 16, memoryGb: 128, diskGb: 200 });
    expect(parsed.spec.ports).toEqual([8080]);
    expect(parsed.spec.maxUsdPerGpuHour).toBe('2.0001'); // 6667 × 600 / 1e6 / 2, the half-up excess
  });

  it('is deterministic per idempotency key, and differs between keys', () => {
    expect(generateSdl(request)).toBe(generateSdl({ ...request }));
    const other = generateSdl({ ...request, idempotencyKey: 'attempt-43' });
    expect(other).not.toBe(generateSdl(request));
  });

  it('carries the placement region as an Akash placement attribute and the auditors as signedBy.anyOf', () => {
    const sdl = parse(generateSdl({ ...request, attributes: { region: 'us-east' }, auditors: ['akash1auditor'] }));
    expect(sdl.profiles.placement.akash.attributes).toEqual({ region: 'us-east' });
    expect(sdl.profiles.placement.akash.signedBy).toEqual({ anyOf: ['akash1auditor'] });
  });

  it('fills resources a job leaves out and writes fractional sizes in Mi', () => {
    const sdl = parse(generateSdl({ ...request, job: { image: 'busybox', resources: { gpu: { count: 1 }, memoryGb: 0.5 } }, gpu: { label: 'rtx4090' } }));
    expect(sdl.services.job.image).toBe('busybox');
    expect(sdl.profiles.compute.job.resources).toEqual({
      cpu: { units: 4 },
      memory: { size: '512Mi' },
      storage: [{ size: '50Gi' }],
      gpu: { units: 1, attributes: { vendor: { nvidia: [{ model: 'rtx4090' }] } } },
    });
  });

  it('runs a user’s multi-service SDL as written, adding the idempotency key to every service', () => {
    const userSdl = `
version: "2.0"
services:
  web: { image: nginx, env: ["A=1"] }
  llm: { image: vllm/vllm-openai:v0.6.3 }
profiles:
  compute:
    web: { resources: { cpu: { units: 1 }, memory: { size: 1Gi }, storage: { size: 1Gi } } }
    llm: { resources: { cpu: { units: 8 }, memory: { size: 64Gi }, storage: { size: 100Gi }, gpu: { units: 1, attributes: { vendor: { nvidia: [ { model: h100 } ] } } } } }
  placement:
    dc: { pricing: { web: { denom: uact, amount: 100 }, llm: { denom: uact, amount: 5000 } } }
deployment:
  web: { dc: { profile: web, count: 1 } }
  llm: { dc: { profile: llm, count: 1 } }
`;
    const sdl = parse(generateSdl({ ...request, job: { ...job, sdl: userSdl } }));
    expect(sdl.services.web.env).toEqual(['A=1', `${IDEMPOTENCY_ENV}=attempt-42`]);
    expect(sdl.services.llm.env).toEqual([`${IDEMPOTENCY_ENV}=attempt-42`]);
    expect(sdl.profiles.placement.dc.pricing.llm.amount).toBe(5000);
  });
});
