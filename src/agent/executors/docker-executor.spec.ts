import { buildDockerRunArgs } from './docker-executor';

describe('docker run arguments', () => {
  it('pins the leased GPUs, limits CPU and memory, passes env, and runs the image with its command', () => {
    const args = buildDockerRunArgs({
      leaseId: 'lease-1234',
      gpuIndexes: [0, 2],
      job: {
        image: 'ghcr.io/acme/sdxl:1.2',
        command: ['python', 'run.py'],
        args: ['--steps', '30'],
        env: { STEPS: '30' },
        ports: [8080],
        resources: { gpu: { count: 2 }, cpu: 8, memoryGb: 64 },
      },
    });
    expect(args.slice(0, 4)).toEqual(['run', '--rm', '--name', 'sy-lease-1234']);
    expect(args[args.indexOf('--gpus') + 1]).toBe('"device=0,2"');
    expect(args[args.indexOf('--cpus') + 1]).toBe('8');
    expect(args[args.indexOf('--memory') + 1]).toBe('65536m');
    expect(args[args.indexOf('-p') + 1]).toBe('8080');
    expect(args).toContain('STEPS=30');
    expect(args).toContain('SWITCHYARD_LEASE_ID=lease-1234');
    expect(args.slice(-5)).toEqual(['ghcr.io/acme/sdxl:1.2', 'python', 'run.py', '--steps', '30']);
  });

  it('leaves out limits the job does not set, and never passes env values through a shell', () => {
    const args = buildDockerRunArgs({
      leaseId: 'l/2',
      gpuIndexes: [],
      job: { image: 'alpine', env: { X: 'a b; rm -rf /' }, resources: { gpu: { count: 0 } } },
    });
    expect(args).not.toContain('--gpus');
    expect(args).not.toContain('--cpus');
    expect(args).not.toContain('--memory');
    expect(args).toContain('X=a b; rm -rf /');
    expect(args[3]).toBe('sy-l-2');
    expect(args[args.length - 1]).toBe('alpine');
  });
});
