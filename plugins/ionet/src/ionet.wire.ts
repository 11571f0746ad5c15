// io.net's wire shapes, as its published OpenAPI states them (ionet-official/docs @ 5d3be72c,
// openapi/full/IO_Explorer__IO_CLouds.json, schema names in brackets). Only the fields the adapter reads are
// checked; the rest travel on untouched in `raw`.
import { z } from 'zod';

/** [HardwareInfo] one hardware type of GET /enterprise/v1/io-cloud/caas/hardware/max-gpus-per-container. */
export const hardwareInfoSchema = z.object({
  max_gpus_per_container: z.number().int().min(0),
  available: z.number().int().min(0),
  hardware_id: z.number().int(),
  hardware_name: z.string().min(1),
  brand_name: z.string(),
});
/** [GetMaxGpuCountPerReplicaResponse] */
export const maxGpusResponseSchema = z.object({ data: z.object({ hardware: z.array(z.unknown()), total: z.number().int() }) });

/** [ReplicasPerLocation] of GET /enterprise/v1/io-cloud/caas/available-replicas. */
export const replicasPerLocationSchema = z.object({
  id: z.number().int(),
  iso2: z.string(),
  name: z.string(),
  available_replicas: z.number().int().min(0),
});
export const availableReplicasResponseSchema = z.object({ data: z.array(replicasPerLocationSchema) });

/** [GetCaasPriceData] of GET /enterprise/v1/io-cloud/caas/price: USDC for the whole request, fees included. */
export const caasPriceResponseSchema = z.object({
  data: z.object({
    replica_count: z.number().int(),
    gpus_per_container: z.number().int(),
    available_replica_count: z.array(z.number().int()),
    discount: z.number(),
    ionet_fee: z.number(),
    ionet_fee_percent: z.number(),
    currency_conversion_fee: z.number(),
    currency_conversion_fee_percent: z.number(),
    total_cost_usdc: z.number().positive(),
  }),
});
export type CaasPrice = z.infer<typeof caasPriceResponseSchema>['data'];

/**
 * GET /v1/io-explorer/network/market-snapshot [GetMarketResponse]: `data` is typed `object` in the document;
 * its example (and the explorer) sends an array of per-model rows.
 */
export const marketRowSchema = z.object({
  id: z.number().int(),
  hardware_name: z.string(),
  brand_name: z.string(),
  price: z.number().nonnegative(),
  available: z.number().int(),
  busy_percent: z.number(),
});
export const marketSnapshotResponseSchema = z.object({ data: z.array(z.unknown()) });

/** GET /v1/io-cloud/clusters/hardware-supply [GetHardwareSupplyResponse] (rows per its example). */
export const hardwareSupplyResponseSchema = z.object({
  data: z.array(z.object({ hardware_id: z.number().int(), quantity: z.number().int(), quantity_available: z.number().int() })),
});

/** [CaaSResourceStatus] */
export const CAAS_STATUSES = ['running', 'completed', 'failed', 'deployment requested', 'termination requested', 'destroyed'] as const;
export type CaasStatus = (typeof CAAS_STATUSES)[number];

/** [SuccessResponse] of deploy and terminate. */
export const successResponseSchema = z.object({ status: z.string(), deployment_id: z.string().min(1) });

/** [DeploymentDetails] of GET /enterprise/v1/io-cloud/caas/deployment/{id} (and of extend). */
export const deploymentDetailsSchema = z.object({
  data: z.object({
    id: z.string(),
    status: z.string(),
    created_at: z.string(),
    started_at: z.string().nullable(),
    finished_at: z.string().nullable(),
    amount_paid: z.number(),
    completed_percent: z.number(),
    total_gpus: z.number().int(),
    gpus_per_container: z.number().int(),
    total_containers: z.number().int(),
    hardware_name: z.string(),
    hardware_id: z.number().int(),
    compute_minutes_served: z.number().int(),
    compute_minutes_remaining: z.number().int(),
  }),
});
export type DeploymentDetails = z.infer<typeof deploymentDetailsSchema>['data'];

/** [DeploymentsData] of GET /enterprise/v1/io-cloud/caas/deployments. */
export const deploymentsResponseSchema = z.object({
  data: z.object({
    deployments: z.array(z.object({ id: z.string(), status: z.string(), name: z.string() })),
    total: z.number().int(),
    statuses: z.array(z.string()),
  }),
});

/** [ContainersJobsData] of GET /enterprise/v1/io-cloud/caas/deployment/{id}/containers. */
export const containersResponseSchema = z.object({
  data: z.object({
    total: z.number().int(),
    workers: z.array(
      z.object({
        container_id: z.string(),
        status: z.string(),
        public_url: z.string().nullable(),
        container_events: z.array(z.object({ time: z.string(), message: z.string() })).nullable(),
      }),
    ),
  }),
});
