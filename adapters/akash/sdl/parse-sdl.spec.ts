import { parseAkashSdl } from './parse-sdl';

function ok(text: string) {
  const result = parseAkashSdl(text);
  if (!result.ok) throw new Error(`expected a valid SDL, got ${JSON.stringify(result.errors)}`);
  return result;
}
function errors(text: string) {
  const result = parseAkashSdl(text);
  if (result.ok) throw new Error('expected the SDL to be rejected');
  return result.errors;
}

const VLLM = `
version: "2.0"
services:
  llm:
    image: vllm/vllm-openai:v0.6.3
    command: ["python3", "-m", "vllm.entrypoints.openai.api_server"]
    args: ["--model", "meta-llama/Llama-3.1-8B-Instruct", "--port", "8000"]
    env:
      - HF_TOKEN=hf_abc
      - VLLM_LOGGING_LEVEL=INFO
    expose:
      - port: 8000
        as: 80
        to: [ { global: true } ]
profiles:
  compute:
    llm:
      resources:
        cpu:     { units: 8 }
        memory:  { size: 64Gi }
        storage: [ { size: 100Gi } ]
        gpu:
          units: 1
          attributes:
            vendor:
              nvidia:
                - model: h100
                  ram: 80Gi
                  interface: sxm
                - model: a100
                  ram: 80Gi
  placement:
    dcloud:
      attributes:
        region: us-west
      pricing:
        llm:
          denom: uact
          amount: 4000
deployment:
  llm:
    dcloud: { profile: llm, count: 1 }
`;

describe('parseAkashSdl', () => {
  it('turns a single-service GPU SDL into an ordinary job spec', () => {
    const { spec, multiService, warnings } = ok(VLLM);
    expect(multiService).toBe(false);
    expect(spec.sdl).toBeUndefined();
    expect(spec).toMatchObject({
      name: 'llm',
      image: 'vllm/vllm-openai:v0.6.3',
      command: ['python3', '-m', 'vllm.entrypoints.openai.api_server'],
      args: ['--model', 'meta-llama/Llama-3.1-8B-Instruct', '--port', '8000'],
      env: { HF_TOKEN: 'hf_abc', VLLM_LOGGING_LEVEL: 'INFO' },
      ports: [8000],
      resources: { gpu: { count: 1, models: ['h100 80gb sxm', 'a100 80gb'] }, cpu: 8, memoryGb: 64, diskGb: 100 },
      placement: { regions: ['us-west'] },
      maxUsdPerGpuHour: '2.4', // 4000 uact/block × 600 / 1e6
    });
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/publishes port 8000 as 80/),
        expect.stringMatching(/4000 uact\/block for the deployment taken as a cap of \$2.4\/GPU-hour/),
      ]),
    );
  });

  it('accepts version 2.1 and an unquoted version 2.0', () => {
    expect(ok(VLLM.replace('version: "2.0"', 'version: "2.1"')).spec.image).toBe('vllm/vllm-openai:v0.6.3');
    expect(ok(VLLM.replace('version: "2.0"', 'version: 2.0')).spec.image).toBe('vllm/vllm-openai:v0.6.3');
  });

  it('reads ram on a model as that memory variant exactly, as Akash matches it, not as a minimum', () => {
    const mixed = VLLM.replace('                - model: a100\n                  ram: 80Gi', '                - model: a100\n                  ram: 40Gi');
    expect(ok(mixed).spec.resources.gpu).toEqual({ count: 1, models: ['h100 80gb sxm', 'a100 40gb'] });
    const open = VLLM.replace('                - model: a100\n                  ram: 80Gi', '                - model: a100');
    expect(ok(open).spec.resources.gpu).toEqual({ count: 1, models: ['h100 80gb sxm', 'a100'] });
  });

  it('reads vendor nvidia with no model list as any NVIDIA GPU, never another vendor', () => {
    const any = VLLM.replace(/ {12}vendor:\n {14}nvidia:\n[\s\S]*? {2}placement:/, '            vendor:\n              nvidia:\n  placement:');
    const parsed = ok(any);
    expect(parsed.spec.resources.gpu).toEqual({ count: 1, models: ['nvidia'] });
    expect(parsed.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/any nvidia GPU will do/)]));
  });

  it('reads sizes case-insensitively as chain-sdk does: 16gi, 512mi and 8gb (powers of 1000)', () => {
    const sizes = VLLM.replace('size: 64Gi', 'size: 16gi').replace('storage: [ { size: 100Gi } ]', 'storage: [ { size: 512mi }, { size: 8gb } ]');
    const { spec } = ok(sizes);
    expect(spec.resources.memoryGb).toBe(16);
    expect(spec.resources.diskGb).toBe(7.95); // 0.5 GiB + 8e9 bytes (7.45 GiB)
  });

  it('accepts env entries without = as the variable with an empty value, as providers do', () => {
    const { spec } = ok(VLLM.replace('      - VLLM_LOGGING_LEVEL=INFO', '      - VLLM_LOGGING_LEVEL=INFO\n      - DEBUG'));
    expect(spec.env).toEqual({ HF_TOKEN: 'hf_abc', VLLM_LOGGING_LEVEL: 'INFO', DEBUG: '' });
  });

  it('answers a YAML alias bomb with an error, not an exception', () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      ...'bcdefghi'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`),
    ].join('\n');
    const result = parseAkashSdl(bomb);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0]).toEqual({ path: '(root)', message: expect.stringMatching(/^YAML: .*alias/i) });
  });

  it('counts persistent storage into diskGb and warns that persistence is Akash-only', () => {
    const sdl = `
version: "2.0"
services:
  trainer:
    image: ghcr.io/acme/trainer:3
    params:
      storage:
        checkpoints: { mount: /checkpoints, readOnly: false }
profiles:
  compute:
    trainer:
      resources:
        cpu: { units: 16 }
        memory: { size: 128Gi }
        storage:
          - size: 50Gi
          - name: checkpoints
            size: 1Ti
            attributes: { persistent: true, class: beta3 }
        gpu: { units: 4, attributes: { vendor: { nvidia: [ { model: a100, ram: 80Gi, interface: sxm } ] } } }
  placement:
    anywhere: { pricing: { trainer: { denom: uakt, amount: 20000 } } }
deployment:
  trainer: { anywhere: { profile: trainer, count: 1 } }
`;
    const { spec, warnings } = ok(sdl);
    expect(spec.resources).toEqual({ gpu: { count: 4, models: ['a100 80gb sxm'] }, cpu: 16, memoryGb: 128, diskGb: 1074 });
    expect(spec.maxUsdPerGpuHour).toBe('3'); // the Console reads 20000 uakt as 20000 uact: × 600 / 1e6 / 4 GPUs
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/persistent volume "checkpoints" \(1Ti, class beta3\) is counted in diskGb/),
        expect.stringMatching(/params\.storage\.checkpoints: mounted at \/checkpoints on Akash only/),
        expect.stringMatching(/the Akash Console rewrites uakt to uact, so 20000 is read as 20000 uact\/block/),
      ]),
    );
  });

  it('accepts a multi-service SDL as Akash-only: image and ports of its GPU service, resources of the whole deployment', () => {
    const sdl = `
version: "2.0"
services:
  web:
    image: ghcr.io/acme/chat-ui:1
    env: [ "BACKEND=http://llm:8000" ]
    expose:
      - port: 3000
        as: 80
        to: [ { global: true } ]
  llm:
    image: ollama/ollama:0.3
    expose:
      - port: 8000
        to: [ { service: web } ]
profiles:
  compute:
    web: { resources: { cpu: { units: 1 }, memory: { size: 2Gi }, storage: { size: 5Gi } } }
    llm: { resources: { cpu: { units: 8 }, memory: { size: 48Gi }, storage: { size: 200Gi }, gpu: { units: 2, attributes: { vendor: { nvidia: [ { model: rtx4090 }, { model: rtx3090 } ] } } } } }
  placement:
    dc:
      pricing:
        web: { denom: uact, amount: 50 }
        llm: { denom: uact, amount: 1500 }
deployment:
  web: { dc: { profile: web, count: 1 } }
  llm: { dc: { profile: llm, count: 1 } }
`;
    const { spec, multiService, warnings } = ok(sdl);
    expect(multiService).toBe(true);
    expect(spec.sdl).toBe(sdl);
    expect(spec.name).toBe('llm');
    expect(spec.image).toBe('ollama/ollama:0.3');
    expect(spec.resources).toEqual({ gpu: { count: 2, models: ['rtx4090', 'rtx3090'] }, cpu: 9, memoryGb: 50, diskGb: 205 });
    expect(spec.maxUsdPerGpuHour).toBe('0.465'); // (50 + 1500) uact/block × 600 / 1e6 / 2 GPUs
    expect(spec.ports).toBeUndefined();
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/several services: image, command, env and ports are those of "llm"; "web" run beside it on Akash only/),
        'quoted, held and routed as the whole deployment (every service × count): 2 GPUs, 9 CPU, 50 GB memory, 205 GB disk',
        expect.stringMatching(/port 8000 is not exposed globally \(only to web\)/),
      ]),
    );
  });

  it('multiplies resources by count > 1 and marks the job Akash-only', () => {
    const replicated = VLLM.replace('dcloud: { profile: llm, count: 1 }', 'dcloud: { profile: llm, count: 3 }');
    const { spec, multiService, warnings } = ok(replicated);
    expect(multiService).toBe(true);
    expect(spec.sdl).toBe(replicated);
    expect(spec.resources).toEqual({ gpu: { count: 3, models: ['h100 80gb sxm', 'a100 80gb'] }, cpu: 24, memoryGb: 192, diskGb: 300 });
    expect(warnings).toEqual(expect.arrayContaining([expect.stringMatching(/count 3: 3 replicas of "llm"/)]));
  });

  it('quotes a deployment of three 8-GPU services as 24 GPUs, not 8', () => {
    const one = (name: string) => `  ${name}:\n    image: ghcr.io/acme/${name}:1\n`;
    const profile = (name: string) =>
      `    ${name}: { resources: { cpu: { units: 32 }, memory: { size: 512Gi }, storage: { size: 1Ti }, gpu: { units: 8, attributes: { vendor: { nvidia: [ { model: h100, ram: 80Gi } ] } } } } }\n`;
    const names = ['trainer-a', 'trainer-b', 'trainer-c'];
    const sdl = `version: "2.0"\nservices:\n${names.map(one).join('')}profiles:\n  compute:\n${names.map(profile).join('')}  placement:\n    dc:\n      pricing:\n${names
      .map((n) => `        ${n}: { denom: uact, amount: 20000 }\n`)
      .join('')}deployment:\n${names.map((n) => `  ${n}: { dc: { profile: ${n}, count: 1 } }\n`).join('')}`;
    const { spec, multiService } = ok(sdl);
    expect(multiService).toBe(true);
    expect(spec.resources).toEqual({ gpu: { count: 24, models: ['h100 80gb'] }, cpu: 96, memoryGb: 1536, diskGb: 3072 });
    expect(spec.maxUsdPerGpuHour).toBe('1.5'); // 60000 uact/block × 600 / 1e6 / 24
  });

  it('reports what it cannot carry over instead of dropping it', () => {
    const extra = VLLM.replace(
      '    image: vllm/vllm-openai:v0.6.3\n',
      '    image: vllm/vllm-openai:v0.6.3\n    credentials: { host: ghcr.io, username: me, password: secret }\n',
    ).replace(
      '      attributes:\n        region: us-west\n',
      '      attributes:\n        region: us-west\n        tier: community\n      signedBy:\n        anyOf: [ akash1365yvmc4s7awdyj3n2sav7xfx76adc6dnmlx63 ]\n',
    );
    const { warnings } = ok(extra);
    expect(warnings).toEqual(
      expect.arrayContaining([
        'services.llm.credentials is not carried over',
        expect.stringMatching(/attributes\.tier=community is an Akash provider attribute/),
        expect.stringMatching(/signedBy \(auditor requirements\) is Akash-only/),
      ]),
    );
  });

  describe('rejects invalid SDL with the offending path', () => {
    it.each([
      ['negative GPU units', VLLM.replace('units: 1\n          attributes', 'units: -1\n          attributes'), 'profiles.compute.llm.resources.gpu.units'],
      ['fractional GPU units', VLLM.replace('units: 1\n          attributes', 'units: 1.5\n          attributes'), 'profiles.compute.llm.resources.gpu.units'],
      [
        'an unknown GPU interface',
        VLLM.replace('interface: sxm', 'interface: nvlink'),
        'profiles.compute.llm.resources.gpu.attributes.vendor.nvidia.0.interface',
      ],
      ['a pricing denom that is not uakt/uact', VLLM.replace('denom: uact', 'denom: usdc'), 'profiles.placement.dcloud.pricing.llm.denom'],
      ['a memory size that is not a size', VLLM.replace('size: 64Gi', 'size: lots'), 'profiles.compute.llm.resources.memory.size'],
      ['a missing image', VLLM.replace('    image: vllm/vllm-openai:v0.6.3\n', ''), 'services.llm.image'],
      ['an unsupported version', VLLM.replace('version: "2.0"', 'version: "1.0"'), 'version'],
      ['a deployment of an unknown profile', VLLM.replace('profile: llm', 'profile: gpu-box'), 'deployment.llm.dcloud.profile'],
      ['a deployment to an unknown placement', VLLM.replace('dcloud: { profile', 'westcoast: { profile'), 'deployment.llm.westcoast'],
      [
        'GPU units without a vendor',
        VLLM.replace(/ {10}attributes:\n {12}vendor:\n[\s\S]*? {2}placement:/, '  placement:'),
        'profiles.compute.llm.resources.gpu.attributes',
      ],
    ])('%s', (_label, text, path) => {
      expect(errors(text).map((e) => e.path)).toContain(path);
    });

    it('an SDL with no GPU service', () => {
      const cpuOnly = VLLM.replace(/ {8}gpu:\n[\s\S]*? {2}placement:/, '  placement:');
      expect(errors(cpuOnly)).toEqual([{ path: 'profiles.compute', message: expect.stringMatching(/no deployed service requests a GPU/) }]);
    });

    it('text that is not YAML, or not a mapping', () => {
      expect(errors('services: [unclosed')[0].path).toBe('(root)');
      expect(errors('- just\n- a list')[0].message).toMatch(/YAML mapping/);
    });
  });
});
