// From the spec a user sent to the spec as Switchyard understood it: GPU names resolved to catalog ids,
// defaults filled in, warnings for anything that will not be honoured exactly. Pure.
import Decimal from 'decimal.js';
import type { JobSpec } from '../../adapters/sdk';
import { resolveGpuRequirement } from '../catalog/gpu-requirement';
import { ProblemException } from '../common/problem';
import { toMicros } from '../pricing/money';
import type { PublicJobSpec } from './job-spec.schema';
import type { RouteRequirements, RoutingPolicy } from './routing.types';
import { SETTLEMENT_HEADROOM } from './settlement-headroom';

/** What a job without maxUsdPerGpuHour is held to: the settlement cap (jobs/settlement-cap.ts), said as it is. */
const NO_CAP_WARNING = `no maxUsdPerGpuHour: a network that settles its price at submit (Akash bids) may charge up to the quote plus ${new Decimal(SETTLEMENT_HEADROOM).minus(1).times(100).toString()} % per GPU-hour, never more than the next firm offer on another network; firm offers charge their quote. Set maxUsdPerGpuHour to be held to a price.`;

export interface UnderstoodJob {
  /** The spec sent to networks (JobSpec of the adapter SDK), with resolved GPU ids. */
  spec: JobSpec & { resources: JobSpec['resources'] & { gpu: { count: number; models?: string[]; minVramGb?: number } }; startWithinMinutes?: number };
  requirements: RouteRequirements;
  policy: RoutingPolicy;
  warnings: string[];
}

export const DEFAULT_MIN_SCORE = 0.3;

export function understandJob(
  input: PublicJobSpec,
  extra: { document?: string; onlyNetwork?: string; warnings?: string[]; keepKnownModels?: boolean } = {},
): UnderstoodJob {
  const warnings = [...(extra.warnings ?? [])];
  let gpuModels: Set<string> | undefined;
  let resolvedModels: string[] | undefined;
  if (input.resources.gpu.models?.length) {
    let resolved = resolveGpuRequirement(input.resources.gpu.models);
    // A network's own document (an Akash SDL) may list models the catalog lacks: its known ones still hold.
    if (!resolved.ok && extra.keepKnownModels) {
      const unknown = new Set(resolved.unknown.map((u) => u.input));
      const known = input.resources.gpu.models.filter((m) => !unknown.has(m));
      if (known.length > 0) {
        warnings.push(
          `resources.gpu.models: ${[...unknown].map((u) => `"${u}"`).join(', ')} not in the catalog (GET /v1/gpus); left out, the job asks for ${known.map((k) => `"${k}"`).join(', ')}`,
        );
        resolved = resolveGpuRequirement(known);
      }
    }
    if (!resolved.ok) {
      const failed = resolved;
      throw new ProblemException(422, 'unknown-gpu', 'Unknown GPU', 'The catalog (GET /v1/gpus) does not know some of the GPUs asked for.', {
        errors: failed.unknown.map((u) => ({
          field: 'resources.gpu.models',
          reason: `unknown GPU "${u.input}"${u.suggestions.length ? `; did you mean ${u.suggestions.join(', ')}?` : ''}`,
        })),
        suggestions: Object.fromEntries(failed.unknown.map((u) => [u.input, u.suggestions])),
        ...(warnings.length ? { warnings } : {}),
      });
    }
    resolvedModels = resolved.ids;
    gpuModels = new Set(resolved.ids);
    for (const e of resolved.entries) {
      if (e.matchedAs !== 'id') warnings.push(`resources.gpu.models: "${e.input}" read as ${e.matchedAs} → ${e.ids.join(', ')}`);
    }
  }
  const placement = input.placement ?? {};
  const policy = policyOf(input, warnings);
  if (!input.maxUsdPerGpuHour) warnings.push(NO_CAP_WARNING);
  const spec: UnderstoodJob['spec'] = {
    name: input.name,
    image: input.image,
    command: input.command,
    args: input.args,
    env: input.env,
    ports: input.ports,
    resources: {
      gpu: { count: input.resources.gpu.count, models: resolvedModels, minVramGb: input.resources.gpu.minVramGb },
      cpu: input.resources.cpu,
      memoryGb: input.resources.memoryGb,
      diskGb: input.resources.diskGb,
    },
    durationHours: input.durationHours,
    maxUsdPerGpuHour: input.maxUsdPerGpuHour,
    startWithinMinutes: input.startWithinMinutes,
    placement: {
      regions: placement.regions ?? [],
      excludeRegions: placement.excludeRegions ?? [],
      networks: extra.onlyNetwork ? [extra.onlyNetwork] : (placement.networks ?? []),
      excludeNetworks: placement.excludeNetworks ?? [],
      ...(placement.attributes && Object.keys(placement.attributes).length ? { attributes: placement.attributes } : {}),
    },
    inputs: input.inputs,
    policy: policy.kind,
    sdl: extra.document,
  };
  if (extra.onlyNetwork)
    warnings.push(`only ${extra.onlyNetwork} can run this document as written (e.g. several services), so routing is limited to ${extra.onlyNetwork}`);
  const requirements: RouteRequirements = {
    gpuModels,
    gpuCount: input.resources.gpu.count,
    minVramGb: input.resources.gpu.minVramGb,
    cpu: input.resources.cpu,
    memoryGb: input.resources.memoryGb,
    diskGb: input.resources.diskGb,
    regions: spec.placement!.regions,
    excludeRegions: spec.placement!.excludeRegions,
    networks: spec.placement!.networks,
    excludeNetworks: spec.placement!.excludeNetworks,
    attributes: spec.placement!.attributes,
    maxUsdPerGpuHourMicros: input.maxUsdPerGpuHour ? toMicros(input.maxUsdPerGpuHour) : undefined,
    minScore: DEFAULT_MIN_SCORE,
    firmOnly: false,
    needs: { ipfsInputs: Boolean(input.inputs?.length), multiService: Boolean(extra.onlyNetwork), ports: Boolean(input.ports?.length) },
    durationHours: input.durationHours,
    startWithinMs: input.startWithinMinutes === undefined ? undefined : input.startWithinMinutes * 60_000,
  };
  return { spec, requirements, policy, warnings };
}

function policyOf(input: PublicJobSpec, warnings: string[]): RoutingPolicy {
  switch (input.policy ?? 'cheapest') {
    case 'balanced':
      return { kind: 'balanced', healthWeight: 0.5 };
    case 'network-preference':
    case 'region-preference': {
      if (!input.preference?.length) {
        throw new ProblemException(400, 'validation', 'Invalid request', 'A preference policy needs an order.', {
          errors: [
            {
              field: 'preference',
              reason: `is required with policy ${input.policy}: list the ${input.policy === 'network-preference' ? 'networks' : 'regions'} in order`,
            },
          ],
        });
      }
      return { kind: input.policy as 'network-preference' | 'region-preference', order: input.preference };
    }
    default:
      if (input.preference?.length) warnings.push('preference is ignored with the cheapest policy');
      return { kind: 'cheapest' };
  }
}
