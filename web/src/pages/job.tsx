// One job: live state and timeline over Server-Sent Events (/v1/jobs/{id}/events), the routing explanation of
// each attempt (why this provider, why not the others), attempts, cost, endpoints, logs followed as a stream
// (/v1/jobs/{id}/logs?follow=true), and a cancel button.
import { useEffect, useState } from 'preact/hooks';
import { followEvents, get, post } from '../api';
import { time, usd } from '../format';
import { useLoad } from '../hooks';
import { useJobLogs } from '../job-logs';
import type { Job, JobEvent } from '../types';
import { Candidates } from './jobs';

const TERMINAL = new Set(['succeeded', 'failed', 'cancelled']);

export function JobPage({ id }: { id: string }) {
  const [events, setEvents] = useState<JobEvent[]>([]);
  const [live, setLive] = useState<'connecting' | 'live' | 'ended' | string>('connecting');
  const [version, setVersion] = useState(0);
  const job = useLoad(() => get<Job>(`/v1/jobs/${id}`), [id, version]);
  const state = [...events].reverse().find((e) => e.to)?.to ?? job.data?.state;
  const done = state ? TERMINAL.has(state) : false;
  const logs = useJobLogs(id);
  const [cancelError, setCancelError] = useState<string | null>(null);

  useEffect(() => {
    setEvents([]);
    const abort = new AbortController();
    setLive('connecting');
    followEvents(
      `/v1/jobs/${id}/events`,
      (e) => {
        if (e.event === 'end') {
          setLive('ended');
          setVersion((v) => v + 1);
          return;
        }
        setLive('live');
        const ev = JSON.parse(e.data) as JobEvent;
        setEvents((list) => (list.some((x) => x.id === ev.id) ? list : [...list, ev]));
        setVersion((v) => v + 1);
      },
      abort.signal,
    ).catch((err: Error) => {
      if (!abort.signal.aborted) setLive(`stream closed: ${err.message}`);
    });
    return () => abort.abort();
  }, [id]);

  const j = job.data;
  const endpoints = [...new Set(events.flatMap((e) => e.data?.endpoints ?? []))];
  return (
    <section>
      <p>
        <a href="#/jobs">← Jobs</a>
      </p>
      <h1>
        Job {j?.spec.name ?? id.slice(0, 8)}{' '}
        <span class={`state ${state}`} data-testid="job-state">
          {state ?? '…'}
        </span>
      </h1>
      {job.error && <p class="error">{job.error}</p>}
      <p class="muted">
        {id} · events: {live}
      </p>
      {j && (
        <div class="cards">
          <div class="card">
            <div class="label">Cost</div>
            <div class="big" data-testid="job-cost">
              {usd(j.cost.usd, 6)}
            </div>
            <div>{j.cost.final ? 'final' : 'so far'}</div>
          </div>
          <div class="card">
            <div class="label">Reason</div>
            <div>{j.stateReason ?? '—'}</div>
          </div>
          <div class="card">
            <div class="label">Endpoints</div>
            <div data-testid="job-endpoints">{endpoints.length ? endpoints.map((e) => <div>{e.startsWith('http') ? <a href={e}>{e}</a> : e}</div>) : '—'}</div>
          </div>
          <div class="card">
            <button
              data-testid="cancel"
              disabled={done || j.cancelRequested}
              onClick={() =>
                post(`/v1/jobs/${id}/cancel`, {}).then(
                  () => setVersion((v) => v + 1),
                  (err: Error) => setCancelError(err.message),
                )
              }
            >
              {j.cancelRequested ? 'Cancel requested' : 'Cancel job'}
            </button>
            {cancelError && <div class="error">{cancelError}</div>}
          </div>
        </div>
      )}
      <h2>Timeline</h2>
      <ol class="timeline" data-testid="timeline">
        {events.map((e) => (
          <li>
            <time>{time(e.at)}</time> <b>{e.from && e.to && e.from !== e.to ? `${e.from} → ${e.to}` : (e.to ?? e.type)}</b> {e.reason}
            {e.data?.explanation && <div class="muted">{e.data.explanation}</div>}
          </li>
        ))}
      </ol>
      <h2>Attempts</h2>
      {j?.attempts.length === 0 && <p class="muted">Not routed yet.</p>}
      {j?.attempts.map((a) => (
        <details open={a.n === j.attempts.length} data-testid="attempt">
          <summary>
            #{a.n} {a.network}/{a.providerId} {a.region ? `(${a.region})` : ''} · {a.gpuModel} · <span class={`state ${a.state}`}>{a.state}</span> ·{' '}
            {usd(a.usdPerHour, 6)}/h · cost {usd(a.costUsd, 6)}
            {a.error && <span class="error"> · {a.error}</span>}
          </summary>
          <p>
            submitted {time(a.submittedAt)} · started {time(a.startedAt)} · finished {time(a.finishedAt)}
          </p>
          {a.routing && (
            <>
              <p data-testid="routing-explanation">{a.routing.explanation}</p>
              {a.routing.candidates?.length ? <Candidates candidates={a.routing.candidates} /> : null}
            </>
          )}
        </details>
      ))}
      <h2>Logs</h2>
      <p class="muted" data-testid="logs-status">
        logs: {logs.status}
      </p>
      {logs.error && <p class="error">{logs.error}</p>}
      <pre class="logs" data-testid="logs">
        {logs.attempts.every((a) => !a.lines.length && !a.note) && '(no output yet)'}
        {logs.attempts.map((a) => (
          <>
            {logs.attempts.length > 1 && (
              <div class="attempt-head">
                ── attempt #{a.attempt} on {a.network} ──
              </div>
            )}
            {a.note && (
              <div class="note" data-testid="log-note">
                ⓘ {a.note}
              </div>
            )}
            {a.lines.map((l) => (
              <div>{l}</div>
            ))}
          </>
        ))}
      </pre>
    </section>
  );
}
