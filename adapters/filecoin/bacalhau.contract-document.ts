// What Bacalhau's swagger cannot say, written from its Go source: the log stream's WebSocket frames. The swagger
// documents the logs route as a 101 answering one `models.ExecutionLog`; the wire sends one
// `concurrency.AsyncResult[models.ExecutionLog]` per frame, with lower-case keys. Listed first, so this operation
// replaces the swagger's; every other operation is checked against the swagger itself.
import type { ProjectContractDocument } from '../sdk';

export const bacalhauProjectDocument: ProjectContractDocument = {
  project: 'Bacalhau orchestrator log stream (project-written from bacalhau-project/bacalhau@e28960c7)',
  definitions: {
    ExecutionLog: {
      description: 'bacalhau-project/bacalhau@e28960c7:pkg/models/execution_log.go#L11-L14; Type: 0 unknown, 1 stdout, 2 stderr (#L6-L8)',
      type: 'object',
      required: ['Type', 'Line'],
      additionalProperties: false,
      properties: { Type: { type: 'integer', enum: [0, 1, 2] }, Line: { type: 'string' } },
    },
  },
  operations: [
    {
      method: 'GET',
      path: '/api/v1/orchestrator/jobs/{id}/logs',
      source: 'bacalhau-project/bacalhau@e28960c7:pkg/publicapi/endpoint/orchestrator/job.go#L606-L660',
      // apimodels.GetLogsRequest (pkg/publicapi/apimodels/job.go#L212-L220) and BaseRequest's namespace.
      query: {
        namespace: { schema: { type: 'string' } },
        job_version: { schema: { type: 'integer', minimum: 0 } },
        all_job_versions: { schema: { type: 'boolean' } },
        execution_id: { schema: { type: 'string' } },
        tail: { schema: { type: 'boolean' } },
        follow: { schema: { type: 'boolean' } },
      },
      // A plain GET is refused by the WebSocket upgrader (400, text); after the upgrade, errors travel as frames.
      responses: { '101': null, '400': { type: 'string' } },
      // concurrency.AsyncResult (pkg/lib/concurrency/async_result.go#L9-L12): {"value": …, "error": … (omitempty)}.
      messages: {
        type: 'object',
        required: ['value'],
        additionalProperties: false,
        properties: { value: { $ref: '#/definitions/ExecutionLog' }, error: {} },
      },
    },
  ],
};
