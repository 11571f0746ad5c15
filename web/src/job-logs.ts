// A job's logs as the page shows them: followed over GET /v1/jobs/{id}/logs?follow=true (Server-Sent Events
// across attempts: attempt, log, note, end), never re-read. The stream stops for good on `end`; when it drops
// before that it is opened again after a growing pause (1 s … 15 s), and the server sends the current
// attempt's lines again from its first, so that attempt's lines start over. A refused request (4xx, not 408/429)
// is not retried: the page shows why.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, followEvents } from './api';

export interface AttemptLogs {
  attempt: number;
  network: string;
  lines: string[];
  /** A network without logs (Akash: not through its Console API), or a read that failed. */
  note?: string;
}

export interface JobLogs {
  attempts: AttemptLogs[];
  /** connecting, live, ended (state), or why it is retrying / stopped. */
  status: string;
  error?: string;
}

const RETRY_MS = [1_000, 2_000, 5_000, 15_000];

export function useJobLogs(id: string): JobLogs {
  const [logs, setLogs] = useState<JobLogs>({ attempts: [], status: 'connecting' });
  useEffect(() => {
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let ended = false;
    let failures = 0;
    setLogs({ attempts: [], status: 'connecting' });
    const upsert = (n: number, change: (a: AttemptLogs) => AttemptLogs) =>
      setLogs((s) => {
        const found = s.attempts.find((a) => a.attempt === n) ?? { attempt: n, network: '', lines: [] };
        return { ...s, attempts: [...s.attempts.filter((a) => a.attempt !== n), change(found)].sort((a, b) => a.attempt - b.attempt) };
      });
    const connect = () => {
      followEvents(
        `/v1/jobs/${id}/logs?follow=true`,
        (e) => {
          failures = 0;
          const d = JSON.parse(e.data) as { attempt: number; network?: string; line?: string; note?: string; state?: string };
          if (e.event === 'attempt') {
            // A (re)connection starts the attempt over: its lines come again from the first.
            upsert(d.attempt, () => ({ attempt: d.attempt, network: d.network ?? '', lines: [] }));
            setLogs((s) => ({ ...s, status: 'live', error: undefined }));
          } else if (e.event === 'log') upsert(d.attempt, (a) => ({ ...a, lines: [...a.lines, d.line ?? ''] }));
          else if (e.event === 'note') upsert(d.attempt, (a) => ({ ...a, network: d.network ?? a.network, note: d.note }));
          else if (e.event === 'end') {
            ended = true;
            setLogs((s) => ({ ...s, status: `ended (${d.state})` }));
          }
        },
        abort.signal,
      ).then(
        () => retry('stream closed'),
        (err: Error) => retry(err.message, err instanceof ApiError && err.status < 500 && err.status !== 408 && err.status !== 429),
      );
    };
    const retry = (why: string, fatal = false) => {
      if (ended || abort.signal.aborted) return;
      if (fatal) return setLogs((s) => ({ ...s, status: 'stopped', error: why }));
      const wait = RETRY_MS[Math.min(failures++, RETRY_MS.length - 1)];
      setLogs((s) => ({ ...s, status: `${why}; reconnecting in ${wait / 1000} s` }));
      timer = setTimeout(connect, wait);
    };
    connect();
    return () => {
      abort.abort();
      clearTimeout(timer);
    };
  }, [id]);
  return logs;
}
