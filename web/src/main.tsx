// The Switchyard dashboard: a hash-routed single-page app over the service's own API (same origin).
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { apiKey, get } from './api';
import { AccountPage } from './pages/account';
import { JobPage } from './pages/job';
import { JobsPage, NewJobPage } from './pages/jobs';
import { NetworksPage } from './pages/networks';
import { PoolPage } from './pages/pool';
import { PricesPage } from './pages/prices';
import './style.css';

const PAGES = [
  ['prices', 'Prices'],
  ['pool', 'Pool'],
  ['networks', 'Networks'],
  ['jobs', 'Jobs'],
  ['account', 'Account'],
] as const;

function useHash(): string {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const on = () => setHash(location.hash);
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return hash;
}

function KeyBox({ onChange }: { onChange(): void }) {
  const [draft, setDraft] = useState('');
  const [who, setWho] = useState<string | null>(null);
  const key = apiKey.get();
  useEffect(() => {
    if (!key) return setWho(null);
    get<{ name: string }>('/v1/account').then(
      (a) => setWho(a.name),
      (err: Error) => setWho(`key refused: ${err.message}`),
    );
  }, [key]);
  if (key)
    return (
      <div class="key" data-testid="key-box">
        API key …{key.slice(-4)} {who && <span class="muted">({who})</span>}{' '}
        <button
          onClick={() => {
            apiKey.clear();
            onChange();
          }}
        >
          Forget
        </button>
      </div>
    );
  return (
    <form
      class="key"
      onSubmit={(e) => {
        e.preventDefault();
        if (draft.trim()) apiKey.set(draft.trim());
        setDraft('');
        onChange();
      }}
    >
      <input
        type="password"
        name="apiKey"
        placeholder="API key (kept for this browser session only)"
        value={draft}
        onInput={(e) => setDraft((e.target as HTMLInputElement).value)}
        autocomplete="off"
      />
      <button type="submit">Use key</button>
    </form>
  );
}

function App() {
  const hash = useHash();
  const [, setKeyVersion] = useState(0);
  const parts = hash.replace(/^#\/?/, '').split('/');
  const page = parts[0] || 'prices';
  const needsKey = (page === 'jobs' || page === 'account') && !apiKey.get();
  let body;
  if (needsKey) body = <p class="warning">This page needs an API key (a read-only key shows everything here; submitting a job needs the jobs scope).</p>;
  else if (page === 'pool') body = <PoolPage />;
  else if (page === 'networks') body = <NetworksPage />;
  else if (page === 'jobs' && parts[1] === 'new') body = <NewJobPage />;
  else if (page === 'jobs' && parts[1]) body = <JobPage id={parts[1]} />;
  else if (page === 'jobs') body = <JobsPage />;
  else if (page === 'account') body = <AccountPage />;
  else body = <PricesPage />;
  return (
    <>
      <header>
        <a class="brand" href="#/prices">
          Switchyard
        </a>
        <nav>
          {PAGES.map(([id, label]) => (
            <a href={`#/${id}`} class={page === id ? 'on' : ''} data-testid={`nav-${id}`}>
              {label}
            </a>
          ))}
          <a href="/docs">API docs</a>
        </nav>
        <KeyBox onChange={() => setKeyVersion((v) => v + 1)} />
      </header>
      <main key={`${page}:${apiKey.get() ?? ''}`}>{body}</main>
    </>
  );
}

render(<App />, document.getElementById('app')!);
