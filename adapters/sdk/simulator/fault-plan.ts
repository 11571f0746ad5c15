import { z } from 'zod';

/** Faults a simulator injects into matching requests; settable per test and at run time via /__sim/faults. */
export const faultPlanSchema = z
  .object({
    /** Extra latency on every matching request, in ms. */
    latencyMs: z.number().int().min(0).max(120_000).default(0),
    /** Random extra latency on top, uniformly in [0, jitterMs]. */
    jitterMs: z.number().int().min(0).max(120_000).default(0),
    /** Probability in [0, 1] that a matching request fails with `errorStatus`. */
    errorRate: z.number().min(0).max(1).default(0),
    errorStatus: z.number().int().min(400).max(599).default(503),
    /** Every matching request answers 429 with Retry-After. */
    rateLimited: z.boolean().default(false),
    /** Matching requests are never answered (the client's timeout fires). */
    hang: z.boolean().default(false),
    /** Matching requests that act (not GETs) are carried out, but the answer is lost: a 504 after the network acted. */
    loseAnswers: z.boolean().default(false),
    /** Matching requests answer 200 with a body that is not JSON. */
    malformed: z.boolean().default(false),
    /** Matching requests answer 200 with JSON of the wrong shape. */
    garbage: z.boolean().default(false),
    /** Only paths matching this regular expression are affected (all when absent). */
    paths: z.string().max(200).optional(),
    /** Network-specific switches (e.g. `noBids` for Akash, `loseJobs` for a provider that loses work). */
    flags: z.record(z.string(), z.union([z.boolean(), z.number(), z.string()])).default({}),
  })
  .strict();

export type FaultPlan = z.infer<typeof faultPlanSchema>;
export type FaultPlanInput = z.input<typeof faultPlanSchema>;

export const NO_FAULTS: FaultPlan = faultPlanSchema.parse({});
