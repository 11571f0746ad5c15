import { Injectable, MessageEvent } from '@nestjs/common';
import { Observable } from 'rxjs';
import { TERMINAL_JOB_STATES } from './entities/job.entity';
import { JobsService } from './jobs.service';

const POLL_MS = 500;

/**
 * Streams a job's events: what happened so far (after `afterId`, a reconnecting client's Last-Event-ID), then
 * new ones as any replica records them, until it ends. Every message carries the id of the last job event it
 * covers, so a client that reconnects resumes where it stopped instead of replaying the timeline.
 */
@Injectable()
export class JobEventStream {
  constructor(private readonly jobs: JobsService) {}

  follow(id: string, accountId: string, afterId = '0'): Observable<MessageEvent> {
    return new Observable<MessageEvent>((subscriber) => {
      let lastId = afterId;
      let timer: NodeJS.Timeout | undefined;
      let closed = false;
      const poll = async () => {
        try {
          const { job, events } = await this.jobs.events(id, accountId, lastId);
          for (const e of events) {
            subscriber.next({ id: e.id, type: e.type, data: e });
            lastId = e.id;
          }
          if (TERMINAL_JOB_STATES.has(job.state) && events.length === 0) {
            // Without an id of its own, the SSE layer would number it from 1, and a reconnect would replay everything.
            subscriber.next({ id: lastId, type: 'end', data: { state: job.state, reason: job.state_reason } });
            subscriber.complete();
            return;
          }
          if (!closed) timer = setTimeout(poll, POLL_MS);
        } catch (err) {
          subscriber.error(err);
        }
      };
      void poll();
      return () => {
        closed = true;
        if (timer) clearTimeout(timer);
      };
    });
  }
}
