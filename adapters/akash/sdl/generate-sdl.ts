// JobSpec → Akash SDL (version 2.0), the deployment the adapter creates for a routed offer. Deterministic:
// the same job, offer GPU, cap and idempotency key always give the same text, which is what makes the
// deployment findable again after a restart (see deployment-fingerprint.ts).
import { parseDocument, stringify } from 'yaml';
import type { JobSpec, OfferGpu } from '../../sdk';
import { AkashDenom, gbToQuantity } from '../akash.units';

/** Env var carrying the Switchyard idempotency key into the deployment, so every key's deployment differs. */
export const IDEMPOTENCY_ENV = 'SWITCHYARD_IDEMPOTENCY_KEY';
const PLACEMENT = 'akash';

export interface SdlRequest {
  job: JobSpec;
  /** The routed offer's GPU: its model, VRAM and interface become the GPU attributes. */
  gpu: Pick<OfferGpu, 'label' | 'vramGb' | 'interface' | 'vendor'>;
  /** Most the whole deployment may cost per block, in base units of `denom` (integer string). */
  capPerBlock: string;
  denom: AkashDenom;
  idempotencyKey: string;
  /** Placement attributes providers must carry to bid (the job's region, see akash.placement.ts). */
  attributes?: Record<string, string>;
  /** Auditors one of whom must have signed the provider (`signedBy.anyOf`), as the Console adds them. */
  auditors?: readonly string[];
}

/** Defaults for what a JobSpec may leave out; an Akash profile must state every resource. */
export const SDL_DEFAULTS = { cpuPerGpu: 4, memoryGbPerGpu: 16, diskGb: 50 } as const;

export function generateSdl({ job, gpu, capPerBlock, denom, idempotencyKey, attributes, auditors }: SdlRequest): string {
  if (job.sdl) return adoptUserSdl(job.sdl, idempotencyKey);
  const name = serviceName(job.name);
  const gpus = job.resources.gpu.count;
  const model: Record<string, string> = { model: gpu.label.toLowerCase() };
  if (gpu.vramGb) model.ram = gbToQuantity(gpu.vramGb);
  if (gpu.interface === 'sxm' || gpu.interface === 'pcie') model.interface = gpu.interface;
  const env = Object.entries(job.env ?? {})
    .filter(([k]) => k !== IDEMPOTENCY_ENV)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`);
  env.push(`${IDEMPOTENCY_ENV}=${idempotencyKey}`);

  const service: Record<string, unknown> = { image: job.image };
  if (job.command?.length) service.command = job.command;
  if (job.args?.length) service.args = job.args;
  service.env = env;
  if (job.ports?.length) service.expose = job.ports.map((port) => ({ port, as: port, to: [{ global: true }] }));

  const sdl = {
    version: '2.0',
    services: { [name]: service },
    profiles: {
      compute: {
        [name]: {
          resources: {
            cpu: { units: job.resources.cpu ?? SDL_DEFAULTS.cpuPerGpu * gpus },
            memory: { size: gbToQuantity(job.resources.memoryGb ?? SDL_DEFAULTS.memoryGbPerGpu * gpus) },
            storage: [{ size: gbToQuantity(job.resources.diskGb ?? SDL_DEFAULTS.diskGb) }],
            gpu: { units: gpus, attributes: { vendor: { [gpu.vendor?.toLowerCase() === 'amd' ? 'amd' : 'nvidia']: [model] } } },
          },
        },
      },
      placement: {
        [PLACEMENT]: {
          ...(attributes && Object.keys(attributes).length ? { attributes } : {}),
          ...(auditors?.length ? { signedBy: { anyOf: [...auditors] } } : {}),
          pricing: { [name]: { denom, amount: Number(capPerBlock) } },
        },
      },
    },
    deployment: { [name]: { [PLACEMENT]: { profile: name, count: 1 } } },
  };
  return stringify(sdl, { lineWidth: 0 });
}

/** A user's own SDL (multi-service jobs) runs as written, plus the idempotency env var in every service. */
function adoptUserSdl(text: string, idempotencyKey: string): string {
  const doc = parseDocument(text);
  const sdl = doc.toJS() as { services?: Record<string, { env?: string[] | null }> };
  for (const service of Object.values(sdl.services ?? {})) {
    service.env = [...(service.env ?? []).filter((e) => !e.startsWith(`${IDEMPOTENCY_ENV}=`)), `${IDEMPOTENCY_ENV}=${idempotencyKey}`];
  }
  return stringify(sdl, { lineWidth: 0 });
}

function serviceName(name: string | undefined): string {
  const cleaned = (name ?? '')
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/-+$/, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return cleaned || 'job';
}
