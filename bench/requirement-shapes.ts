// The job shapes every routing benchmark asks for, as a user would send them to POST /v1/quotes.
import { ABSENT_FAMILY } from './pool-generator';

export interface RequirementShape {
  name: string;
  body: Record<string, unknown>;
}

export const REQUIREMENT_SHAPES: RequirementShape[] = [
  { name: '1× h100, any region', body: { image: 'ghcr.io/acme/train:1', resources: { gpu: { count: 1, models: ['h100'] } } } },
  {
    name: '8× a100 in us under $2',
    body: { image: 'ghcr.io/acme/train:1', resources: { gpu: { count: 8, models: ['a100'] } }, maxUsdPerGpuHour: '2.00', placement: { regions: ['us'] } },
  },
  { name: 'any GPU with ≥24 GB', body: { image: 'ghcr.io/acme/infer:1', resources: { gpu: { count: 1, minVramGb: 24 } } } },
  { name: `a model nobody has (${ABSENT_FAMILY})`, body: { image: 'ghcr.io/acme/train:1', resources: { gpu: { count: 1, models: [ABSENT_FAMILY] } } } },
];
