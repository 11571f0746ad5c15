import { z } from 'zod';
import { text, usdAmount } from '../common/schema-primitives';

const name = text().min(1).max(128);
const list = (max: number) => z.array(text().min(1).max(64)).max(max);

/** The public job spec (v1). Field names are part of the public API: extend, never rename. */
export const jobSpecSchema = z
  .object({
    name: name.optional(),
    image: text().min(1, 'is required').max(512),
    command: z.array(text().max(4096)).max(64).optional(),
    args: z.array(text().max(4096)).max(256).optional(),
    env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'env names are letters, digits and _'), text().max(32_768)).optional(),
    ports: z.array(z.number().int().min(1).max(65535)).max(32).optional(),
    resources: z
      .object({
        gpu: z
          .object({
            count: z
              .number({ error: (issue) => (issue.input === undefined ? 'is required: how many GPUs' : 'must be a number') })
              .int('must be a whole number of GPUs')
              .min(1, 'must be at least 1')
              .max(256, 'must be at most 256'),
            models: z.array(text().min(1).max(128)).max(32).optional(),
            minVramGb: z.number().positive().max(4096).optional(),
          })
          .strict(),
        cpu: z.number().positive().max(4096).optional(),
        memoryGb: z.number().positive().max(65536).optional(),
        diskGb: z.number().positive().max(1_000_000).optional(),
      })
      .strict(),
    durationHours: z
      .number()
      .positive()
      .max(24 * 365)
      .optional(),
    maxUsdPerGpuHour: usdAmount().optional(),
    /** How long the user will wait for the job to start: candidates expected to start later rank after those in time. */
    startWithinMinutes: z
      .number()
      .positive()
      .max(7 * 24 * 60)
      .optional(),
    placement: z
      .object({
        regions: list(64).optional(),
        excludeRegions: list(64).optional(),
        networks: list(16).optional(),
        excludeNetworks: list(16).optional(),
        /**
         * Provider attributes an offer must carry with exactly these values, e.g. io.net's
         * `{ "security_soc2": "true", "connectivity_tier": "4" }` (see GET /v1/offers: provider.attributes).
         */
        attributes: z
          .record(z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'attribute names are letters, digits and _ . : -'), z.string().max(256))
          .refine((a) => Object.keys(a).length <= 16, 'at most 16 attributes')
          .optional(),
      })
      .strict()
      .optional(),
    inputs: z
      .array(
        z
          .object({
            cid: z.string().regex(/^(Qm[1-9A-HJ-NP-Za-km-z]{44}|b[a-z2-7]{20,})$/, 'must be an IPFS CID (CIDv0 Qm… or CIDv1 base32 b…)'),
            path: z.string().regex(/^\//, 'must be an absolute path').max(1024),
          })
          .strict(),
      )
      .max(32)
      .optional(),
    policy: z.enum(['cheapest', 'balanced', 'network-preference', 'region-preference']).optional(),
    /** For `network-preference` / `region-preference`: the order of preference. */
    preference: list(16).optional(),
  })
  .strict();

/** The README's example spec, shown in the OpenAPI document. */
export const JOB_SPEC_EXAMPLE = {
  image: 'ghcr.io/acme/sdxl:1.2',
  resources: { gpu: { count: 1, models: ['h100', 'a100-80gb'], minVramGb: 40 }, cpu: 8, memoryGb: 64 },
  durationHours: 6,
  maxUsdPerGpuHour: '2.00',
  env: { HF_TOKEN: 'hf_…' },
  placement: { regions: ['us'], excludeNetworks: ['render'] },
  policy: 'cheapest',
};

export type PublicJobSpec = z.infer<typeof jobSpecSchema>;

/** What a response shows for each env value: env is write-only (values are often tokens). */
export const WRITE_ONLY = '(write-only)';

/** The spec as responses show it: env names, never their values. */
export function publicSpec<T>(spec: T): T {
  const env = (spec as { env?: Record<string, string> } | null)?.env;
  if (!env) return spec;
  return { ...spec, env: Object.fromEntries(Object.keys(env).map((name) => [name, WRITE_ONLY])) };
}
