// GET /v1/jobs/{id}/logs?follow=true: the job's logs as Server-Sent Events, across attempts, until the job
// ends. Each network is read through its adapter's logs (native: the lease log the agent appends to; Filecoin:
// Bacalhau's log WebSocket; Render: the run detail) once a second, and only lines not sent yet go out.
// Events: `attempt` (a new placement: {attempt, network}), `log` ({attempt, line}), `note` (a network without
// logs, or a read that failed: {attempt, network, note}) and `end` ({state, stateReason}), then the stream closes.
import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { TERMINAL_JOB_STATES, type JobState } from './entities/job.entity';
import { JobsService } from './jobs.service';

/** GET /v1/jobs/{id}/logs query: follow=true streams. */
export const jobLogsQuerySchema = z.strictObject({
  follow: z.enum(['true', 'false']).optional().describe('true: a text/event-stream of attempt, log, note and end events until the job ends.'),
});

const POLL_MS = 1_000;
const KEEPALIVE_EVERY = 15;

/** Where to look when a network's API offers no logs. */
const NO_LOGS_HINT: Record<string, string> = {
  akash:
    "Akash's Console API offers no logs: the provider serves them itself, over a WebSocket at wss://<provider host>:8443/lease/{dseq}/{gseq}/{oseq}/logs authenticated with the deployment owner's certificate (mTLS) or a JWT the owner signs; `provider-services lease-logs` and the Console's Logs tab read it there.",
};

interface AttemptLike {
  n: number;
  network: string;
  placement: unknown;
}

@Injectable()
export class JobLogFollow {
  constructor(private readonly jobs: JobsService) {}

  /** Checks ownership (a 404 problem before any byte is sent), then takes over the reply as an SSE stream. */
  async stream(id: string, accountId: string, req: FastifyRequest, reply: FastifyReply): Promise<void> {
    await this.jobs.get(id, accountId);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    let closed = false;
    req.raw.on('close', () => (closed = true));
    let seq = 0;
    const send = (event: string, data: unknown) => {
      if (closed) return;
      if (event === ':') res.write(': keep-alive\n\n');
      else res.write(`event: ${event}\nid: ${++seq}\ndata: ${JSON.stringify(data)}\n\n`);
    };
    try {
      await this.follow(id, accountId, send, () => closed);
    } catch (err) {
      send('error', { message: (err as Error).message });
    } finally {
      if (!closed) res.end();
    }
  }

  private async follow(id: string, accountId: string, send: (event: string, data: unknown) => void, isClosed: () => boolean): Promise<void> {
    let attemptN = 0;
    let sent = 0;
    let noted = false;
    let polls = 0;
    while (!isClosed()) {
      // State first, logs second: once the job is seen ended, this read of the logs is complete.
      const job = (await this.jobs.get(id, accountId)) as { state: JobState; stateReason: string | null; attempts?: AttemptLike[] };
      const attempt = [...(job.attempts ?? [])].sort((a, b) => b.n - a.n)[0];
      if (attempt && attempt.n !== attemptN) {
        attemptN = attempt.n;
        sent = 0;
        noted = false;
        send('attempt', { attempt: attempt.n, network: attempt.network });
      }
      if (attempt?.placement) {
        try {
          const read = (await this.jobs.logs(id, accountId)) as { lines: string[]; note?: string; attempt?: number };
          if (read.note && !noted) {
            noted = true;
            send('note', {
              attempt: attemptN,
              network: attempt.network,
              note: NO_LOGS_HINT[attempt.network] ? `${read.note}. ${NO_LOGS_HINT[attempt.network]}` : read.note,
            });
          }
          if ((read.attempt ?? attemptN) === attemptN) {
            // A network that trims its log to a tail may answer fewer lines than were sent: start over from what it has.
            if (read.lines.length < sent) sent = 0;
            for (const line of read.lines.slice(sent)) send('log', { attempt: attemptN, line });
            sent = read.lines.length;
          }
        } catch (err) {
          if (!noted) send('note', { attempt: attemptN, network: attempt.network, note: `reading logs failed: ${(err as Error).message}` });
          noted = true;
        }
      }
      if (TERMINAL_JOB_STATES.has(job.state)) {
        send('end', { state: job.state, stateReason: job.stateReason });
        return;
      }
      // A comment line now and then keeps proxies from closing a quiet stream.
      if (++polls % KEEPALIVE_EVERY === 0) send(':', undefined);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}
