// Talks to a Bacalhau orchestrator (`/api/v1/orchestrator`, optional Bearer token). One method per
// route the adapter uses; pagination is followed here so callers see whole lists.
import { AdapterError, UpstreamHttpClient } from '../sdk';
import {
  BacalhauJob,
  BacalhauJobSubmission,
  GetJobResponse,
  getJobResponseSchema,
  listJobsResponseSchema,
  listNodesResponseSchema,
  logFramesSchema,
  putJobResponseSchema,
} from './bacalhau.schemas';

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

export class BacalhauClient {
  private readonly http: UpstreamHttpClient;
  /** Job creation is never retried by the transport: a lost response is healed by the label lookup instead. */
  private readonly httpOnce: UpstreamHttpClient;

  constructor(options: BacalhauClientOptions) {
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
      token = body.NextToken || undefined;
      if (!token) return nodes;
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

  async putJob(job: BacalhauJobSubmission, signal: AbortSignal): Promise<string> {
    const body = await this.httpOnce.request({
      method: 'PUT',
      path: `${API}/jobs`,
      body: { Job: job, Force: false },
      signal,
      schema: putJobResponseSchema,
    });
    return body.JobID;
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

  async stopJob(jobId: string, reason: string, signal: AbortSignal): Promise<void> {
    await this.http.request({ method: 'DELETE', path: `${API}/jobs/${encodeURIComponent(jobId)}`, query: { reason }, signal });
  }

  /**
   * Log lines so far. The real route upgrades to a WebSocket and streams `AsyncResult[ExecutionLog]`
   * frames; this reads the same frames as one JSON array over plain HTTP (what the simulator serves).
   */
  async logs(jobId: string, signal: AbortSignal): Promise<string[]> {
    const frames = await this.http.request({
      method: 'GET',
      path: `${API}/jobs/${encodeURIComponent(jobId)}/logs`,
      query: { with_history: true, follow: false },
      signal,
      schema: logFramesSchema,
    });
    return frames.flatMap((f) => (f.Value ? [f.Value.Line] : []));
  }

  async alive(signal: AbortSignal): Promise<void> {
    await this.http.request({ method: 'GET', path: '/api/v1/agent/alive', signal });
  }
}
