// Wire shapes of the Render Compute (Dispersed) API, as shown in shared/reference/render.md §2.3.
// Schemas are lenient about extra fields (the API grows) and strict about what we rely on.
import { z } from 'zod';

/** The documented lifecycle (otoyinc.mintlify.app/service-consumers/job-monitoring, "Job Lifecycle"). */
export const RENDER_JOB_STATUSES = ['PENDING', 'ASSIGNED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLING', 'CANCELLED'] as const;
export type RenderJobStatus = (typeof RENDER_JOB_STATUSES)[number];
export const isKnownRenderStatus = (status: string): status is RenderJobStatus => (RENDER_JOB_STATUSES as readonly string[]).includes(status);
/**
 * Any status word is accepted: the API may add one (third-party clients already name PREPARING and FAILING),
 * and one unknown word must not make a running job unreadable. render.jobs.ts maps unknown words.
 */
export const renderJobStatusSchema = z.string().min(1);

/** Every list endpoint: `{ data, page, limit, total }`. Records stay unknown here so one bad one can be quarantined. */
export const renderPageSchema = z.object({
  data: z.array(z.unknown()),
  page: z.coerce.number().int().min(1),
  limit: z.coerce.number().int().min(1),
  total: z.coerce.number().int().min(0),
});
export type RenderPage = z.infer<typeof renderPageSchema>;

const gpuModelSchema = z.object({
  name: z.string().min(1),
  count: z.number().int().positive().optional(),
  min_vram_gib: z.number().positive().optional(),
  gpu_registry_uuid: z.string().optional(),
});

/** One compute offer (GET /v1/compute/offers). `hourly_rate_usd` is for the whole offer, all its GPUs. */
export const renderOfferSchema = z.object({
  offer_id: z.string().min(1),
  region_code: z.string().min(1),
  availability: z.unknown().optional(),
  hardware_summary: z.object({
    cpu_cores: z.number().int().positive().optional(),
    gpu_count: z.number().int().positive(),
    gpu_model_label: z.string().optional(),
    gpu_models: z.array(gpuModelSchema).min(1),
    gpu_registry_uuid: z.string().optional(),
    min_gpu_vram_gib: z.number().positive().optional(),
    ram_gib: z.number().positive().optional(),
    storage_gib: z.number().positive().optional(),
  }),
  pricing: z.object({
    hourly_rate_usd: z.number().positive().finite(),
    quoted_at: z.string().optional(),
  }),
});
export type RenderOffer = z.infer<typeof renderOfferSchema>;

/** Docker parameters (Create Job reference): optional strings are left out, never null. */
export interface RenderDockerParameters {
  image: string;
  tag?: string;
  env: Record<string, string>;
  ports: number[];
  sshkey?: string;
  allowed_ips: string[];
  volumes: unknown[];
}

/** POST /v1/jobs request body. */
export interface RenderCreateJobBody {
  title: string;
  description: string;
  task: 'BATCH' | 'PERSISTENT';
  max_timeout_run_ms: number | null;
  max_timeout_assign_ms: number;
  max_timeout_start_ms: number;
  max_node_count: number;
  max_retry_count: number;
  cpu_count: number;
  gpu_count: number;
  /** Exactly one of gpu_name and gpu_registry_uuid: the reference calls them mutually exclusive. */
  gpu_name?: string;
  gpu_registry_uuid?: string;
  min_ram_gb: number;
  min_vram_gb: number;
  min_storage_gb: number;
  parameters: { type: 'docker'; parameters: RenderDockerParameters };
}

export const renderCreateJobBodySchema = z.object({
  title: z.string().min(1).max(255),
  description: z.string().max(2000).optional(),
  task: z.enum(['BATCH', 'PERSISTENT']),
  max_timeout_run_ms: z.number().int().positive().nullable(),
  max_timeout_assign_ms: z.number().int().positive().optional(),
  max_timeout_start_ms: z.number().int().positive().optional(),
  max_node_count: z.number().int().positive().optional(),
  max_retry_count: z.number().int().min(0).optional(),
  cpu_count: z.number().int().positive(),
  gpu_count: z.number().int().positive(),
  gpu_name: z.string().min(1).optional(),
  gpu_registry_uuid: z.string().min(1).optional(),
  min_ram_gb: z.number().int().min(0),
  min_vram_gb: z.number().int().min(0),
  min_storage_gb: z.number().int().min(0),
  parameters: z.object({
    type: z.literal('docker'),
    parameters: z.object({
      image: z.string().min(1),
      tag: z.string().optional(),
      env: z.record(z.string(), z.string()).optional(),
      ports: z.array(z.number().int().min(1).max(65535)).optional(),
    }),
  }),
});

/**
 * A job as the API returns it. The reference excerpt does not show the id field; list and filter usage
 * (`filter[job_uuid]`) imply `uuid`. We accept `id` as a fallback and expose it as `uuid`.
 */
/** The vendor's client reads a created job's id from `uuid` or `data.uuid`: a job wrapped in `data` is unwrapped. */
const unwrapData = (value: unknown): unknown => {
  if (value && typeof value === 'object' && !('status' in value) && 'data' in value) {
    const inner = (value as { data: unknown }).data;
    if (inner && typeof inner === 'object' && !Array.isArray(inner)) return inner;
  }
  return value;
};

const renderJobObjectSchema = z
  .object({
    uuid: z.string().min(1).optional(),
    id: z.string().min(1).optional(),
    status: renderJobStatusSchema,
    task: z.enum(['BATCH', 'PERSISTENT']).optional(),
    title: z.string().optional(),
    description: z.string().nullable().optional(),
    created_at: z.string().optional(),
    updated_at: z.string().optional(),
  })
  .refine((j) => j.uuid !== undefined || j.id !== undefined, { message: 'job has neither uuid nor id' })
  .transform((j) => ({ ...j, uuid: (j.uuid ?? j.id)! }));
export const renderJobSchema = z.preprocess(unwrapData, renderJobObjectSchema);
export type RenderJob = z.output<typeof renderJobSchema>;

const nodeUrlSchema = z.object({
  description: z.string().optional(),
  hostname: z.string(),
  port: z.number().int(),
  protocol: z.string().optional(),
});

export const renderJobRunSchema = z.object({
  uuid: z.string().min(1),
  status: renderJobStatusSchema,
  started_at_ms: z.number().nullable().optional(),
  finished_at_ms: z.number().nullable().optional(),
  exit_code: z.number().int().nullable().optional(),
  status_message: z.string().nullable().optional(),
  node_urls: z.array(nodeUrlSchema).nullable().optional(),
  /** Only on GET /v1/job-runs/{uuid}: container output, as text or as lines. */
  logs: z
    .union([z.string(), z.array(z.string())])
    .nullable()
    .optional(),
});
export type RenderJobRun = z.infer<typeof renderJobRunSchema>;
