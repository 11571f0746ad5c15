// The structure of an Akash SDL (versions 2.0 and 2.1), after chain-sdk `go/sdl/sdl-input.schema.yaml`.
// Zod gives each problem its path (e.g. profiles.compute.web.resources.gpu.units); cross-references
// between sections are checked in parse-sdl.ts.
import { z } from 'zod';
import { parseQuantityBytes } from '../akash.units';

const size = z.union([z.string(), z.number()]).refine((v) => parseQuantityBytes(v) !== undefined, {
  message: 'expected a size such as 512Mi, 64Gi or 1T',
});

const intLike = z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).pipe(z.number().int());

const cpuUnits = z.union([z.number(), z.string()]).transform((v, ctx) => {
  const s = String(v).trim();
  const milli = /^(\d+)m$/.exec(s);
  const n = milli ? Number(milli[1]) / 1000 : /^\d+(\.\d+)?$/.test(s) ? Number(s) : NaN;
  if (!(n > 0)) {
    ctx.addIssue({ code: 'custom', message: 'expected a positive number of CPUs (e.g. 4, 0.5 or 500m)' });
    return z.NEVER;
  }
  return n;
});

export const sdlGpuModelSchema = z.object({
  model: z.string().min(1),
  ram: size.optional(),
  interface: z.enum(['pcie', 'sxm']).optional(),
});

const gpuSchema = z
  .object({
    units: intLike.pipe(z.number().min(0, 'GPU units cannot be negative')),
    attributes: z
      .object({
        vendor: z.partialRecord(z.enum(['nvidia', 'amd']), z.array(sdlGpuModelSchema).nullable()),
      })
      .optional(),
  })
  .superRefine((gpu, ctx) => {
    if (gpu.units > 0 && (!gpu.attributes || Object.keys(gpu.attributes.vendor).length === 0)) {
      ctx.addIssue({ code: 'custom', path: ['attributes'], message: 'GPU units > 0 need attributes.vendor (e.g. nvidia)' });
    }
  });

const storageVolume = z.object({
  name: z.string().min(1).optional(),
  size,
  attributes: z
    .object({
      persistent: z.union([z.boolean(), z.enum(['true', 'false'])]).optional(),
      class: z.string().optional(),
    })
    .optional(),
});

export const sdlComputeProfileSchema = z.object({
  resources: z.object({
    cpu: z.object({ units: cpuUnits }),
    memory: z.object({ size }),
    storage: z.union([storageVolume, z.array(storageVolume).min(1)]),
    gpu: gpuSchema.optional(),
  }),
});

const exposeTo = z.object({ global: z.boolean().optional(), service: z.string().optional(), ip: z.string().optional() });

export const sdlServiceSchema = z.looseObject({
  image: z.string().min(1, 'image is required'),
  command: z.array(z.string()).nullish(),
  args: z.array(z.string()).nullish(),
  // Providers accept an entry without `=` as the variable with an empty value.
  env: z.array(z.string().regex(/^[^=\s]+(=|$)/, 'expected NAME=value or NAME')).nullish(),
  expose: z
    .array(
      z.looseObject({
        port: intLike.pipe(z.number().min(1).max(65535)),
        as: intLike.pipe(z.number().min(1).max(65535)).optional(),
        proto: z.enum(['tcp', 'udp', 'TCP', 'UDP']).optional(),
        to: z.array(exposeTo).optional(),
        accept: z.array(z.string()).optional(),
      }),
    )
    .nullish(),
  params: z
    .looseObject({
      storage: z.record(z.string(), z.object({ mount: z.string().optional(), readOnly: z.boolean().optional() })).optional(),
    })
    .nullish(),
});

const pricingSchema = z.object({
  denom: z.enum(['uakt', 'uact']),
  amount: z.union([z.number().nonnegative(), z.string().regex(/^[0-9]+(\.[0-9]+)?$/, 'expected a decimal amount')]),
});

export const sdlPlacementSchema = z.looseObject({
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).nullish(),
  signedBy: z.looseObject({}).nullish(),
  pricing: z.record(z.string(), pricingSchema),
});

export const sdlSchema = z.looseObject({
  version: z.union([z.literal('2.0'), z.literal('2.1'), z.literal(2), z.literal(2.1)], {
    message: 'version must be "2.0" or "2.1"',
  }),
  services: z.record(z.string().regex(/^[a-z]([-a-z0-9]*[a-z0-9])?$/, 'service names are lowercase DNS labels'), sdlServiceSchema),
  profiles: z.object({
    compute: z.record(z.string(), sdlComputeProfileSchema),
    placement: z.record(z.string(), sdlPlacementSchema),
  }),
  deployment: z.record(z.string(), z.record(z.string(), z.object({ profile: z.string(), count: intLike.pipe(z.number().min(1)) }))),
});

export type SdlDocument = z.infer<typeof sdlSchema>;
export type SdlService = z.infer<typeof sdlServiceSchema>;
export type SdlComputeProfile = z.infer<typeof sdlComputeProfileSchema>;
