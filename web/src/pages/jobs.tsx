// Jobs: the list, and a form that quotes a job (JSON fields or a pasted Akash SDL), shows the quote's
// candidates, and submits it.
import { useState } from 'preact/hooks';
import { get, post, query } from '../api';
import { time, usd } from '../format';
import { useLoad } from '../hooks';
import type { Candidate, Job, Page, Quote } from '../types';
import { Kind } from './prices';

export function JobsPage() {
  const [state, setState] = useState('');
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors[cursors.length - 1];
  const jobs = useLoad(() => get<Page<Job>>(`/v1/jobs${query({ state, cursor, limit: 25 })}`), [state, cursor], 5_000);
  return (
    <section>
      <h1>Jobs</h1>
      <p>
        <a href="#/jobs/new" class="button" data-testid="new-job">
          New job
        </a>{' '}
        <label>
          State{' '}
          <select
            value={state}
            onChange={(e) => {
              setState((e.target as HTMLSelectElement).value);
              setCursors([null]);
            }}
          >
            {['', 'pending', 'routing', 'submitted', 'running', 'succeeded', 'failed', 'cancelled'].map((s) => (
              <option value={s}>{s || 'any'}</option>
            ))}
          </select>
        </label>
      </p>
      {jobs.error && <p class="error">{jobs.error}</p>}
      {jobs.data && (
        <>
          <table data-testid="job-table">
            <thead>
              <tr>
                <th>Job</th>
                <th>Name</th>
                <th>State</th>
                <th>Where</th>
                <th>Cost</th>
                <th>Created</th>
              </tr>
            </thead>
            <tbody>
              {jobs.data.items.map((j) => {
                const a = j.attempts[j.attempts.length - 1];
                return (
                  <tr>
                    <td>
                      <a href={`#/jobs/${j.id}`}>{j.id.slice(0, 8)}</a>
                    </td>
                    <td>{j.spec.name ?? '—'}</td>
                    <td>
                      <span class={`state ${j.state}`}>{j.state}</span>
                    </td>
                    <td>{a ? `${a.network}/${a.providerId}` : '—'}</td>
                    <td class="num">{usd(j.cost.usd, 6)}</td>
                    <td>{time(j.createdAt)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {jobs.data.items.length === 0 && <p class="muted">No jobs yet.</p>}
          <div class="pager">
            <button disabled={cursors.length <= 1} onClick={() => setCursors(cursors.slice(0, -1))}>
              ← Previous
            </button>
            <button disabled={!jobs.data.nextCursor} onClick={() => setCursors([...cursors, jobs.data!.nextCursor])}>
              Next →
            </button>
          </div>
        </>
      )}
    </section>
  );
}

interface Form {
  name: string;
  image: string;
  command: string;
  gpu: string;
  count: string;
  durationHours: string;
  maxUsdPerGpuHour: string;
  networks: string;
  policy: string;
}

const START: Form = {
  name: 'hello-gpu',
  image: 'ghcr.io/switchyard/echo:1',
  command: 'nvidia-smi && echo hello',
  gpu: 'h100',
  count: '1',
  durationHours: '0.01',
  maxUsdPerGpuHour: '',
  networks: '',
  policy: 'cheapest',
};

const SDL_EXAMPLE = `version: "2.0"
services:
  app:
    image: ghcr.io/switchyard/echo:1
    command: ["sh", "-c", "echo hello"]
profiles:
  compute:
    app:
      resources:
        cpu: { units: 2 }
        memory: { size: 8Gi }
        storage: { size: 20Gi }
        gpu:
          units: 1
          attributes:
            vendor:
              nvidia:
                - model: h100
  placement:
    dcloud:
      pricing:
        app: { denom: uakt, amount: 100000 }
deployment:
  app:
    dcloud: { profile: app, count: 1 }
`;

function toSpec(f: Form) {
  const networks = f.networks
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    name: f.name,
    image: f.image,
    ...(f.command.trim() ? { command: ['sh', '-c', f.command] } : {}),
    resources: {
      gpu: {
        count: Number(f.count),
        models: f.gpu
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      },
    },
    ...(f.durationHours ? { durationHours: Number(f.durationHours) } : {}),
    ...(f.maxUsdPerGpuHour ? { maxUsdPerGpuHour: f.maxUsdPerGpuHour } : {}),
    ...(networks.length ? { placement: { networks } } : {}),
    policy: f.policy,
  };
}

export function NewJobPage() {
  const [mode, setMode] = useState<'form' | 'sdl'>('form');
  const [form, setForm] = useState<Form>(START);
  const [sdl, setSdl] = useState(SDL_EXAMPLE);
  const [quote, setQuote] = useState<Quote | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const body = () => (mode === 'form' ? { body: toSpec(form) as unknown, type: 'application/json' } : { body: sdl as unknown, type: 'application/yaml' });
  const act = async (what: 'quote' | 'submit') => {
    setBusy(true);
    setError(null);
    try {
      const { body: b, type } = body();
      if (what === 'quote') setQuote(await post<Quote>('/v1/quotes', b, type));
      else {
        const job = await post<Job>('/v1/jobs', b, type);
        location.hash = `#/jobs/${job.id}`;
      }
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const input = (name: keyof Form, label: string) => (
    <label>
      {label}
      <input
        name={name}
        value={form[name]}
        onInput={(e) => {
          setForm({ ...form, [name]: (e.target as HTMLInputElement).value });
          setQuote(null);
        }}
      />
    </label>
  );
  return (
    <section>
      <h1>New job</h1>
      <p class="toggle">
        <button
          class={mode === 'form' ? 'on' : ''}
          onClick={() => {
            setMode('form');
            setQuote(null);
          }}
        >
          Form
        </button>
        <button
          class={mode === 'sdl' ? 'on' : ''}
          data-testid="mode-sdl"
          onClick={() => {
            setMode('sdl');
            setQuote(null);
          }}
        >
          Paste an Akash SDL
        </button>
      </p>
      {mode === 'form' ? (
        <div class="filters" data-testid="job-form">
          {input('name', 'Name')}
          {input('image', 'Image')}
          {input('command', 'Command (sh -c)')}
          {input('gpu', 'GPU models or families')}
          {input('count', 'GPUs')}
          {input('durationHours', 'Hours')}
          {input('maxUsdPerGpuHour', 'Max $/GPU-h')}
          {input('networks', 'Only networks')}
          <label>
            Policy
            <select
              name="policy"
              value={form.policy}
              onChange={(e) => {
                setForm({ ...form, policy: (e.target as HTMLSelectElement).value });
                setQuote(null);
              }}
            >
              {['cheapest', 'balanced'].map((p) => (
                <option value={p}>{p}</option>
              ))}
            </select>
          </label>
        </div>
      ) : (
        <textarea
          rows={18}
          cols={80}
          name="sdl"
          value={sdl}
          onInput={(e) => {
            setSdl((e.target as HTMLTextAreaElement).value);
            setQuote(null);
          }}
        />
      )}
      <p>
        <button data-testid="quote" disabled={busy} onClick={() => act('quote')}>
          Quote
        </button>{' '}
        <button data-testid="submit" disabled={busy || !quote} title={quote ? '' : 'quote first: see where it would run'} onClick={() => act('submit')}>
          Submit
        </button>
      </p>
      {error && (
        <p class="error" data-testid="form-error">
          {error}
        </p>
      )}
      {quote && <QuoteView quote={quote} />}
    </section>
  );
}

function QuoteView({ quote }: { quote: Quote }) {
  return (
    <>
      <h2>Quote</h2>
      <p>
        {quote.decision.considered} offers considered, {quote.decision.eligible} eligible.
      </p>
      {quote.warnings.map((w) => (
        <p class="warning">{w}</p>
      ))}
      <Candidates candidates={quote.decision.candidates} testId="quote-candidates" />
    </>
  );
}

export function Candidates({ candidates, testId }: { candidates: Candidate[]; testId?: string }) {
  return (
    <table data-testid={testId}>
      <thead>
        <tr>
          <th>#</th>
          <th>Where</th>
          <th>GPU</th>
          <th>$/GPU-h</th>
          <th>Est. total</th>
          <th>Score</th>
          <th>Why</th>
        </tr>
      </thead>
      <tbody>
        {candidates.map((c) => (
          <tr>
            <td>{c.rank}</td>
            <td>
              {c.network}/{c.providerId} {c.region ? `(${c.region})` : ''}
            </td>
            <td>
              {c.gpuCount}× {c.gpuModel}
            </td>
            <td class="num">
              {usd(c.usdPerGpuHour, 8)} <Kind kind={c.priceKind} />
            </td>
            <td class="num">{usd(c.estimatedTotalUsd, 6)}</td>
            <td class="num">{c.score.toFixed(2)}</td>
            <td>{c.why}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
