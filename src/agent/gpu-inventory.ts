// What GPUs this machine has: parsed from nvidia-smi, or given by hand (--gpus) where there are no NVIDIA tools.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { GpuDevice } from '../nodes/protocol/agent-wire';

const run = promisify(execFile);
export const NVIDIA_SMI_ARGS = ['--query-gpu=index,name,memory.total,driver_version,utilization.gpu', '--format=csv,noheader,nounits'];

/** Parses `nvidia-smi --query-gpu=index,name,memory.total,driver_version,utilization.gpu --format=csv,noheader,nounits`. */
export function parseNvidiaSmi(output: string, cudaVersion?: string): GpuDevice[] {
  const devices: GpuDevice[] = [];
  for (const [n, line] of output.split(/\r?\n/).entries()) {
    if (line.trim() === '') continue;
    const cells = line.split(',').map((c) => c.trim());
    if (cells.length !== 5) throw new Error(`nvidia-smi line ${n + 1}: expected 5 fields, got ${cells.length}: "${line}"`);
    const [index, name, memory, driver, util] = cells;
    const vramMb = Number(memory);
    if (!/^\d+$/.test(index) || !name || !Number.isFinite(vramMb) || vramMb <= 0) throw new Error(`nvidia-smi line ${n + 1} is not a GPU: "${line}"`);
    const utilization = Number(util);
    devices.push({
      index: Number(index),
      model: name.replace(/\s+/g, ' '),
      vramMb: Math.round(vramMb),
      driverVersion: driver || undefined,
      cudaVersion,
      // "[N/A]" or "[Not Supported]" on some cards: leave it out rather than guess.
      utilizationPct: Number.isFinite(utilization) && util !== '' ? utilization : undefined,
    });
  }
  return devices;
}

/** The "CUDA Version: 12.4" in nvidia-smi's banner. */
export function parseCudaVersion(banner: string): string | undefined {
  return /CUDA Version:\s*([\d.]+)/.exec(banner)?.[1];
}

/** `--gpus "NVIDIA RTX 4090:24:2,NVIDIA A100 80GB:80:1"`: model:VRAM GB:count, comma-separated. */
export function parseGpuOverride(spec: string): GpuDevice[] {
  const devices: GpuDevice[] = [];
  for (const part of spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^(.+):(\d+(?:\.\d+)?):(\d+)$/.exec(part);
    if (!m) throw new Error(`--gpus "${part}": expected "model:vramGb:count", e.g. "NVIDIA RTX 4090:24:2"`);
    const [, model, vramGb, count] = m;
    if (Number(count) < 1) throw new Error(`--gpus "${part}": count must be at least 1`);
    for (let i = 0; i < Number(count); i++) devices.push({ index: devices.length, model: model.trim(), vramMb: Math.round(Number(vramGb) * 1024) });
  }
  if (devices.length === 0) throw new Error('--gpus is empty');
  return devices;
}

export async function readNvidiaSmi(binary = 'nvidia-smi'): Promise<GpuDevice[]> {
  const { stdout } = await run(binary, NVIDIA_SMI_ARGS, { timeout: 15_000 });
  const banner = await run(binary, [], { timeout: 15_000 }).then(
    (r) => r.stdout,
    () => '',
  );
  return parseNvidiaSmi(stdout, parseCudaVersion(banner));
}
