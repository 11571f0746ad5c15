// GET /v1/jobs/{id}/logs?follow=true as a client sees it: Server-Sent Events that follow the job's placement,
// say in one line when its network has no logs (and where to look), and end when the job does.
import { createParser } from 'eventsource-parser';
import { api, startWorld, TEST_ADMIN_KEY } from './support/market-world';
import type { TestApp } from './support/test-app';

interface SseEvent {
  event: string;
  data: Record<string, unknown>;
}

/** Reads the stream, handing each event to `onEvent`, until the server closes it. */
async function readStream(url: string, onEvent: (e: SseEvent) => void): Promise<SseEvent[]> {
  const res = await fetch(url, { headers: { authorization: `Bearer ${TEST_ADMIN_KEY}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/event-stream');
  const events: SseEvent[] = [];
  const parser = createParser({
    onEvent: (e) => {
      const event = { event: e.event ?? 'message', data: JSON.parse(e.data) as Record<string, unknown> };
      events.push(event);
      onEvent(event);
    },
  });
  const decoder = new TextDecoder();
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) parser.feed(decoder.decode(chunk, { stream: true }));
  return events;
}

describe("following a job's logs", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startWorld('akash', { SIM_JOB_FAILURE_RATE: '0' });
  }, 60_000);
  afterAll(async () => app?.close());

  it('on Akash: the attempt, one note on where the logs are, then the end when the job is cancelled', async () => {
    const created = await api.post(`${app.url}/v1/jobs`, {
      image: 'ghcr.io/acme/serve:1',
      resources: { gpu: { count: 1 } },
      durationHours: 1,
      placement: { networks: ['akash'] },
    });
    expect(created.status).toBe(202);
    const id = created.data.id as string;
    let cancelled = false;
    const events = await readStream(`${app.url}/v1/jobs/${id}/logs?follow=true`, (e) => {
      if (e.event === 'note' && !cancelled) {
        cancelled = true;
        void api.post(`${app.url}/v1/jobs/${id}/cancel`);
      }
    });
    const kinds = events.map((e) => e.event);
    expect(kinds[0]).toBe('attempt');
    expect(events[0].data).toMatchObject({ attempt: 1, network: 'akash' });
    const notes = events.filter((e) => e.event === 'note');
    expect(notes).toHaveLength(1);
    expect(notes[0].data.note).toMatch(/akash does not provide logs.*lease-logs/);
    expect(kinds[kinds.length - 1]).toBe('end');
    expect(events[events.length - 1].data).toMatchObject({ state: 'cancelled' });
  }, 60_000);

  it('answers an unknown job with a problem, not a stream', async () => {
    const res = await api.get(`${app.url}/v1/jobs/00000000-0000-4000-8000-000000000000/logs?follow=true`);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });
});
