// DeploymentResponse → PlacementStatus. Akash deployments do not "finish": a closed deployment was closed
// by its owner (cancelled) or by the escrow running dry (failed); a lease closed under a live deployment
// means the provider dropped it (lost).
import type { PlacementStatus } from '../sdk';
import { AdapterError } from '../sdk';
import type { AkashDeployment, AkashLease } from './akash.wire';

export function placementStatusOf(deployment: AkashDeployment, provider?: string): PlacementStatus {
  const leases = deployment.leases.filter((l) => !provider || l.id.provider === provider);
  const lease = leases.find((l) => l.state === 'active') ?? leases[leases.length - 1];
  if (deployment.deployment.state === 'closed') {
    if (lease?.state === 'insufficient_funds') return failedForFunds(lease);
    return { state: 'cancelled', message: 'deployment closed' };
  }
  if (!lease) return { state: 'pending', message: 'deployment open, no lease yet' };
  switch (lease.state) {
    case 'insufficient_funds':
      return failedForFunds(lease);
    case 'closed':
      return {
        state: 'lost',
        message: `provider ${lease.id.provider} closed the lease${lease.reason ? ` (${lease.reason})` : ''}`,
        error: new AdapterError('internal', `lease closed by provider ${lease.id.provider}`, { scope: 'provider', retryable: true }).toJSON(),
      };
    case 'active':
    case 'reclaiming':
      return activeLeaseStatus(lease);
    default:
      return { state: 'pending', message: `lease state ${lease.state}` };
  }
}

function activeLeaseStatus(lease: AkashLease): PlacementStatus {
  const services = Object.values(lease.status?.services ?? {});
  const endpoints = [
    ...services.flatMap((s) => (s.uris ?? []).map((u) => (/^\w+:\/\//.test(u) ? u : `http://${u}`))),
    ...Object.values(lease.status?.forwarded_ports ?? {}).flatMap((ports) => ports.filter((p) => p.host).map((p) => `${p.host}:${p.externalPort}`)),
  ];
  const reclaiming = lease.state === 'reclaiming' ? '; the provider is reclaiming the lease' : '';
  if (services.length === 0) return { state: 'starting', message: `lease active, waiting for the provider to start the services${reclaiming}` };
  const ready = services.every((s) => s.available >= s.total && s.total > 0);
  if (!ready) {
    const counts = services.map((s) => `${s.name} ${s.available}/${s.total}`).join(', ');
    return { state: 'starting', message: `services starting (${counts})${reclaiming}`, endpoints };
  }
  return { state: 'running', message: `services ready${reclaiming}`, endpoints };
}

function failedForFunds(lease: AkashLease): PlacementStatus {
  return {
    state: 'failed',
    message: 'escrow account ran out of funds',
    error: new AdapterError('unavailable', `lease with ${lease.id.provider} closed: insufficient funds`, { scope: 'account', retryable: false }).toJSON(),
  };
}
