// The documented shapes of job responses (the OpenAPI document is generated from these; the every-operation
// test validates live answers against the served document).
import { z } from 'zod';
import { jobSpecSchema } from '../routing/job-spec.schema';

const money = z.string().describe('USD as a decimal string');
const time = z.string().describe('ISO-8601 time');

export const attemptViewSchema = z.object({
  n: z.number().int(),
  id: z.string(),
  network: z.string(),
  providerId: z.string(),
  offerId: z.string(),
  region: z.string().nullable(),
  gpuModel: z.string(),
  state: z.string(),
  quotedUsdPerHour: money,
  usdPerHour: money,
  nativePrice: z.unknown(),
  placement: z
    .object({
      placementId: z.string().optional(),
      endpoints: z.array(z.string()).optional().describe("The running placement's service endpoints (URLs, host:port), as its network reports them."),
    })
    .nullable(),
  submittedAt: time,
  startedAt: time.nullable(),
  finishedAt: time.nullable(),
  costUsd: money,
  error: z.unknown(),
  routing: z.object({
    explanation: z.string().optional(),
    policy: z.unknown(),
    candidates: z.array(z.unknown()).optional(),
    dropped: z.record(z.string(), z.number()).optional(),
  }),
});

export const jobViewSchema = z.object({
  id: z.uuid(),
  state: z.enum(['pending', 'routing', 'submitted', 'running', 'succeeded', 'failed', 'cancelled']),
  stateReason: z.string().nullable(),
  spec: jobSpecSchema.describe('The spec as Switchyard understood it; env values are write-only and show as "(write-only)".'),
  warnings: z.array(z.string()),
  attempts: z.array(attemptViewSchema),
  cost: z.object({ usd: money, final: z.boolean() }),
  maxAttempts: z.number().int(),
  deadlineAt: time,
  cancelRequested: z.boolean(),
  createdAt: time,
  updatedAt: time,
  finishedAt: time.nullable(),
  links: z.object({ self: z.string(), events: z.string(), logs: z.string() }),
});

export const jobListSchema = z.object({ items: z.array(jobViewSchema), nextCursor: z.string().nullable() });

export const jobLogsSchema = z.object({
  jobId: z.string(),
  network: z.string().optional(),
  attempt: z.number().int().optional(),
  lines: z.array(z.unknown()),
  note: z.string().optional(),
});

export const jobIdParams = z.object({ id: z.uuid() });
