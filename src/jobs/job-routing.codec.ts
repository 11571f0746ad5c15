import type { RouteRequirements, RoutingPolicy } from '../routing/routing.types';

/** Routing requirements as stored in jobs.routing (JSON: sets become arrays). */
export interface StoredRouting {
  requirements: Omit<RouteRequirements, 'gpuModels'> & { gpuModels?: string[] };
  policy: RoutingPolicy;
}

export function encodeRouting(requirements: RouteRequirements, policy: RoutingPolicy): StoredRouting {
  return { requirements: { ...requirements, gpuModels: requirements.gpuModels ? [...requirements.gpuModels] : undefined }, policy };
}

export function decodeRouting(stored: StoredRouting): { requirements: RouteRequirements; policy: RoutingPolicy } {
  const { gpuModels, ...rest } = stored.requirements;
  return { requirements: { ...rest, gpuModels: gpuModels ? new Set(gpuModels) : undefined }, policy: stored.policy };
}
