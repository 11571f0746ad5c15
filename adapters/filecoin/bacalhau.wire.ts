// Bacalhau v1 orchestrator API wire shapes (PascalCase JSON, see reference/filecoin.md §3.4). Schemas are
// loose (passthrough) where Bacalhau adds fields between versions; strict only where the adapter relies.
import { z } from 'zod';

export const bacalhauGpuSchema = z.object({
  Index: z.number().int().optional(),
  Name: z.string().min(1),
  Vendor: z.string().optional(),
  /** MiB, as nvidia-smi reports it (usable memory, a little below the marketed size). */
  Memory: z.number().nonnegative(),
  PCIAddress: z.string().optional(),
});
export type BacalhauGpu = z.infer<typeof bacalhauGpuSchema>;

export const bacalhauResourcesSchema = z.object({
  CPU: z.number().nonnegative().optional(),
  /** Bytes. */
  Memory: z.number().nonnegative().optional(),
  /** Bytes. */
  Disk: z.number().nonnegative().optional(),
  GPU: z.number().int().nonnegative().optional(),
  GPUs: z.array(bacalhauGpuSchema).nullish(),
});
export type BacalhauResources = z.infer<typeof bacalhauResourcesSchema>;

/** One NodeState record; checked per record so one bad node is quarantined, not fatal. */
export const bacalhauNodeStateSchema = z.object({
  Info: z
    .object({
      NodeID: z.string().min(1),
      NodeType: z.string(),
      Labels: z.record(z.string(), z.string()).nullish(),
      BacalhauVersion: z.object({ GitVersion: z.string().optional() }).passthrough().nullish(),
      ComputeNodeInfo: z
        .object({
          MaxCapacity: bacalhauResourcesSchema,
          AvailableCapacity: bacalhauResourcesSchema,
          RunningExecutions: z.number().optional(),
          EnqueuedExecutions: z.number().optional(),
        })
        .passthrough()
        .nullish(),
    })
    .passthrough(),
  Membership: z.string(),
  ConnectionState: z.object({ Status: z.string(), LastHeartbeat: z.string().optional() }).passthrough(),
});
export type BacalhauNodeState = z.infer<typeof bacalhauNodeStateSchema>;

export const listNodesResponseSchema = z.object({
  Nodes: z.array(z.unknown()),
  NextToken: z.string().nullish(),
});

export const JOB_STATE_TYPES = ['Undefined', 'Pending', 'Queued', 'Running', 'Completed', 'Failed', 'Stopped'] as const;
export type BacalhauJobStateType = (typeof JOB_STATE_TYPES)[number];

export const bacalhauJobSchema = z
  .object({
    ID: z.string().min(1),
    Name: z.string().optional(),
    Namespace: z.string().optional(),
    Labels: z.record(z.string(), z.string()).nullish(),
    State: z.object({ StateType: z.enum(JOB_STATE_TYPES), Message: z.string().optional() }),
    /** Unix nanoseconds. */
    CreateTime: z.number().optional(),
    ModifyTime: z.number().optional(),
  })
  .passthrough();
export type BacalhauJob = z.infer<typeof bacalhauJobSchema>;

export const bacalhauExecutionSchema = z
  .object({
    ID: z.string(),
    NodeID: z.string().optional(),
    /** `ExecutionStateType`: an integer on the wire (bacalhau.states.ts), unlike the job's string state. */
    ComputeState: z.object({ StateType: z.number().int(), Message: z.string().optional() }).passthrough().optional(),
    DesiredState: z.object({ StateType: z.number().int(), Message: z.string().optional() }).passthrough().optional(),
    RunOutput: z.object({ ExitCode: z.number().int().optional(), ErrorMsg: z.string().optional() }).passthrough().nullish(),
    CreateTime: z.number().optional(),
    ModifyTime: z.number().optional(),
  })
  .passthrough();
export type BacalhauExecution = z.infer<typeof bacalhauExecutionSchema>;

export const getJobResponseSchema = z.object({
  Job: bacalhauJobSchema,
  Executions: z.object({ Items: z.array(bacalhauExecutionSchema).nullish(), NextToken: z.string().nullish() }).nullish(),
});
export type GetJobResponse = z.infer<typeof getJobResponseSchema>;

/** Current Bacalhau answers `Items` (v1.5+); older releases answered `Jobs`. One of them must be there. */
export const listJobsResponseSchema = z
  .object({
    Items: z.array(bacalhauJobSchema).nullish(),
    Jobs: z.array(bacalhauJobSchema).nullish(),
    NextToken: z.string().nullish(),
  })
  .refine((b) => 'Items' in b || 'Jobs' in b, 'expected Items (or Jobs) in a job list');

export const putJobResponseSchema = z.object({
  JobID: z.string().min(1),
  EvaluationID: z.string().optional(),
  Warnings: z.array(z.string()).nullish(),
});

/**
 * `concurrency.AsyncResult[models.ExecutionLog]`, one WebSocket frame per log line: lower-case JSON keys
 * (`json:"value"`, `json:"error,omitempty"`), the ExecutionLog inside in Go's default PascalCase.
 */
export const logFrameSchema = z.object({
  value: z.object({ Type: z.number().int().optional(), Line: z.string() }).nullish(),
  error: z.unknown().optional(),
});

/** What the adapter sends to `PUT /api/v1/orchestrator/jobs` (only the fields it sets). */
export interface BacalhauJobSubmission {
  Name: string;
  Namespace: string;
  Type: 'batch';
  Count: number;
  Priority: number;
  Labels: Record<string, string>;
  Meta?: Record<string, string>;
  Constraints: Array<{ Key: string; Operator: string; Values: string[] }>;
  Tasks: Array<{
    Name: string;
    Engine: {
      Type: 'docker';
      Params: { Image: string; Entrypoint?: string[]; Parameters?: string[]; EnvironmentVariables?: string[] };
    };
    Publisher: { Type: string };
    InputSources?: Array<{ Source: { Type: 'ipfs'; Params: { CID: string } }; Target: string }>;
    ResultPaths: Array<{ Name: string; Path: string }>;
    Resources: { CPU?: string; Memory?: string; Disk?: string; GPU: string };
    Network: { Type: string };
    Timeouts: { ExecutionTimeout?: number; QueueTimeout?: number };
  }>;
}
