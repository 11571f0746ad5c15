// Talks to a Bacalhau orchestrator (`/api/v1/orchestrator`, optional Bearer token). One method per
// route the adapter uses; pagination is followed here so callers see whole lists.
import { AdapterError, UpstreamHttpClient } from '../sdk';
import { readLogStream } from './bacalhau.log-stream';
import {
  BacalhauJob,
  BacalhauJobSubmission,
  GetJobResponse,
  getJobResponseSchema,
  listJobsResponseSchema,
  listNodesResponseSchema,
  putJobResponseSchema,
} from './bacalhau.wire';

const API = '/api/v1/orchestrator';
/** A runaway NextToken loop must end; 500 pages is far beyond any real cluster. */
const MAX_PAGES = 500;
// No `limit` is sent on lists: releases before NextToken paging truncate silently at `limit` (and filtered
// job labels after it), while current ones page with their default size and a NextToken we follow.

export interface BacalhauClientOptions {
  baseUrl: string;
  token?: string;
  timeoutMs: number;
  maxAttempts: number;
}

/** The orchestrator's refusal of a resubmitted identical spec under a known name; carries the job's id. */
const NO_CHANGES = /no changes detected for new job spec.*Job Id: '([^']+)'/;
/** The orchestrator's refusal to stop a job that completed (HTTP 500, no error code). */
const CANNOT_STOP = /cannot stop job in state (\w+)/;

export class BacalhauClient {
  private readonly http: UpstreamHttpClient;
  /** Job creation is never retried by the transport: a lost response is healed by the label lookup instead. */
  private readonly httpOnce: UpstreamHttpClient;

  constructor(private readonly options: BacalhauClientOptions) {
    const base = {
      network: 'filecoin',
      baseUrl: options.baseUrl,
      timeoutMs: options.timeoutMs,
      headers: options.token ? { authorization: `Bearer ${options.token}` } : undefined,
    };
    this.http = new UpstreamHttpClient({ ...base, maxAttempts: options.maxAttempts });
    this.httpOnce = new UpstreamHttpClient({ ...base, maxAttempts: 1 });
  }

  /** Every node on every page (`next_token` → `NextToken`), as raw records for per-record checking. */
  async listNodes(signal: AbortSignal): Promise<unknown[]> {
    const nodes: unknown[] = [];
    let token: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const body = await this.http.request({
        method: 'GET',
        path: `${API}/nodes`,
        query: { next_token: token },
        signal,
        schema: listNodesResponseSchema,
      });
      nodes.push(...body.Nodes);
      // Current orchestrators answer every node with an empty NextToken (or none); a repeated token ends too.
      const next = body.NextToken || undefined;
      if (!next || next === token) return nodes;
      token = next;
    }
    throw new AdapterError('bad_response', `filecoin GET ${API}/nodes: more than ${MAX_PAGES} pages, NextToken never ended`);
  }

  /** Jobs whose labels match a selector such as `switchyard-idempotency-key=abc`, across all pages. */
  async findJobsByLabel(selector: string, namespace: string, signal: AbortSignal): Promise<BacalhauJob[]> {
    const jobs: BacalhauJob[] = [];
    let token: string | undefined;
    for (let page = 0; page < MAX_PAGES; page++) {
      const body = await this.http.request({
        method: 'GET',
        path: `${API}/jobs`,
        query: { labels: selector, namespace, next_token: token },
        signal,
        schema: listJobsResponseSchema,
      });
      jobs.push(...(body.Items ?? body.Jobs ?? []));
      token = body.NextToken || undefined;
      if (!token) return jobs;
    }
    throw new AdapterError('bad_response', `filecoin GET ${API}/jobs: more than ${MAX_PAGES} pages, NextToken never ended`);
  }

  /**
   * Creates the job. A job's Name is an upsert key on the orchestrator, so callers send a name unique per
   * attempt; resending the same attempt's spec is refused "no changes detected" (HTTP 500), which names the job
   * that attempt already created: that id is the answer.
   */
  async putJob(job: BacalhauJobSubmission, signal: AbortSignal): Promise<string> {
    const res = await this.httpOnce.send({
      method: 'PUT',
      path: `${API}/jobs`,
      body: { Job: job, Force: false },
      signal,
      acceptStatus: [500],
    });
    if (res.status === 500) {
      const existing = NO_CHANGES.exec(apiErrorMessage(res.data));
      if (existing) return existing[1];
      throw new AdapterError('unavailable', `filecoin PUT ${API}/jobs: HTTP 500 ${apiErrorMessage(res.data)}`.trim(), { status: 500 });
    }
    const parsed = putJobResponseSchema.safeParse(res.data);
    if (!parsed.success) throw new AdapterError('bad_response', `filecoin PUT ${API}/jobs: unexpected payload (${parsed.error.issues[0]?.message})`);
    return parsed.data.JobID;
  }

  async getJob(jobId: string, signal: AbortSignal): Promise<GetJobResponse> {
    return this.http.request({
      method: 'GET',
      path: `${API}/jobs/${encodeURIComponent(jobId)}`,
      query: { include: 'executions' },
      signal,
      schema: getJobResponseSchema,
    });
  }

  /**
   * Stops the job; `reason` travels in the JSON body (apimodels.StopJobRequest, `json:"reason"`; a query
   * `reason` is not bound). Returns 'completed' when the orchestrator refuses because the job completed (its
   * HTTP 500 without a code) — not retried as if the server were down.
   */
  async stopJob(jobId: string, reason: string, signal: AbortSignal): Promise<'stopped' | 'completed'> {
    const path = `${API}/jobs/${encodeURIComponent(jobId)}`;
    const res = await this.httpOnce.send({ method: 'DELETE', path, body: { reason }, signal, acceptStatus: [500] });
    if (res.status !== 500) return 'stopped';
    const message = apiErrorMessage(res.data);
    if (CANNOT_STOP.exec(message)?.[1] === 'Completed') return 'completed';
    throw new AdapterError('unavailable', `filecoin DELETE ${path}: HTTP 500 ${message}`.trim(), { status: 500 });
  }

  /** The log lines so far, read from the WebSocket (`tail`, no `follow`); none while the job has no execution. */
  async logs(jobId: string, signal: AbortSignal, executionId?: string): Promise<string[]> {
    return readLogStream({
      baseUrl: this.options.baseUrl,
      path: `${API}/jobs/${encodeURIComponent(jobId)}/logs`,
      query: { tail: true, follow: false, execution_id: executionId },
      token: this.options.token,
      timeoutMs: this.options.timeoutMs,
      signal,
    });
  }

  async alive(signal: AbortSignal): Promise<void> {
    await this.http.request({ method: 'GET', path: '/api/v1/agent/alive', signal });
  }
}

/** apimodels.APIError's Message (`{"Status":500,"Message":"…","Code":"",…}`), or the text as it came. */
function apiErrorMessage(body: unknown): string {
  if (typeof body === 'string') return body;
  const message = (body as { Message?: unknown } | undefined)?.Message;
  return typeof message === 'string' ? message : JSON.stringify(body ?? '');
}
