// The web dashboard at / in a real browser (Debian's chromium, playwright-core) against the service with the
// simulated world: every page shows the numbers the API serves, a job submitted from the form reaches running
// and shows its logs, and no page logs an error to the console. Without chromium the suite is skipped and
// says why.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import Decimal from 'decimal.js';
import type { ConsoleMessage, Page } from 'playwright-core';
import { browserMissing, launchChromium } from './support/browser';
import { http, waitFor } from './support/service-process';
import { startTestApp, TestApp } from './support/test-app';

const missing = browserMissing();
if (missing) console.warn(`SKIPPED the dashboard browser suite: ${missing}.`);

const ADMIN_KEY = 'sy_test_admin_dashboard_0123456789abcdef';
const REPO = path.resolve(__dirname, '..');

/** "$1.43601989" (as the page shows it) → a Decimal, to compare with the API's decimal strings. */
const dollars = (text: string | null) => new Decimal((text ?? '').trim().replace(/^\$/, '').split(/\s/)[0]);

(missing ? describe.skip : describe)('the dashboard at / in chromium', () => {
  let app: TestApp;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  const consoleErrors: string[] = [];
  const auth = { headers: { authorization: `Bearer ${ADMIN_KEY}` } };

  beforeAll(async () => {
    // The suite checks the dashboard as it is in this tree: build it first (Vite, a few seconds).
    await promisify(execFile)('npm', ['run', 'build', '--workspace', 'web'], { cwd: REPO, timeout: 120_000 });
    [app, browser] = await Promise.all([
      startTestApp({
        ADMIN_API_KEY: ADMIN_KEY,
        NETWORKS: 'akash,render,filecoin',
        SYNC_ENABLED: 'true',
        // One sync at boot and none during the test, so the page and the API read the same pool.
        SYNC_INTERVAL_MS: '600000',
        DISPATCH_ENABLED: 'true',
        SIM_JOB_FAILURE_RATE: '0',
        DEMO_AGENTS: '0',
        RATE_LIMIT_PER_MINUTE: '100000',
      }),
      launchChromium(),
    ]);
    // The first sync of every network has landed before any page is opened.
    await waitFor(
      async () => {
        const items = (await http.get(`${app.url}/v1/networks`)).data.items as Array<{ lastSync: { ok: boolean } | null }>;
        return items.length === 3 && items.every((n) => n.lastSync?.ok) ? true : undefined;
      },
      { timeoutMs: 60_000, describe: async () => JSON.stringify((await http.get(`${app.url}/v1/networks`)).data) },
    );
    page = await browser.context.newPage();
    page.on('console', (m: ConsoleMessage) => m.type() === 'error' && consoleErrors.push(`${page.url()}: ${m.text()}`));
    page.on('pageerror', (err) => consoleErrors.push(`${page.url()}: ${err.message}`));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('Prices: the cheapest H100 and every network row are the served numbers, with charts', async () => {
    type CompareAnswer = {
      gpus: Array<{
        gpuModel: string;
        cheapest: { usdPerGpuHour: string; network: string };
        networks: Array<{ network: string; minUsdPerGpuHour: string }>;
        savingVsHyperscaler: { percent: string } | null;
      }>;
    };
    const served = async () =>
      ((await http.get(`${app.url}/v1/pricing/compare`)).data as CompareAnswer).gpus.find((g) => g.gpuModel === 'nvidia-h100-sxm-80gb')!;
    // Prices move between syncs when an FX quote does; the page must show what the API served just before or
    // just after the page read it.
    const before = await served();
    await page.goto(app.url + '/');
    await page.getByTestId('gpu-model').selectOption('nvidia-h100-sxm-80gb');
    await page.getByTestId('price-table').waitFor();
    const shown = {
      cheapest: dollars(await page.getByTestId('cheapest-price').textContent()).toString(),
      network: await page.getByTestId('cheapest-network').textContent(),
      saving: await page.getByTestId('saving').textContent(),
      mins: await page
        .locator('[data-testid=price-table] tbody tr')
        .evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-network'), r.querySelector('[data-testid=min]')!.textContent])),
    };
    const after = await served();
    const view = (g: Awaited<ReturnType<typeof served>>) => ({
      cheapest: new Decimal(g.cheapest.usdPerGpuHour).toString(),
      network: g.cheapest.network,
      saving: g.savingVsHyperscaler ? `${g.savingVsHyperscaler.percent} %` : '—',
      mins: g.networks.map((n) => [n.network, n.minUsdPerGpuHour]),
    });
    const page2 = { ...shown, mins: shown.mins.map(([n, m]) => [n, dollars(m).toString()]) };
    const norm = (v: ReturnType<typeof view>) => ({ ...v, mins: v.mins.map(([n, m]) => [n, new Decimal(m).toString()]) });
    expect([norm(view(before)), norm(view(after))]).toContainEqual(page2);
    await page.locator('[data-testid=price-chart] canvas').waitFor();
    await page.locator('[data-testid=history-chart] canvas').waitFor();
    await page.getByTestId('history-7d').click();
    await page.locator('[data-testid=history-chart] canvas').waitFor();
  });

  it('Pool: the cheapest H100 offer, the total and the next page are the served ones, simulated networks marked', async () => {
    type OffersAnswer = { total: number; nextCursor: string; items: Array<{ network: string; offerId: string; price: { usdPerGpuHour: string } }> };
    const served = async (cursor?: string) => {
      const res = (await http.get(`${app.url}/v1/offers`, { params: { gpu: 'h100', sort: 'price', limit: 10, cursor } })).data as OffersAnswer;
      return {
        res,
        view: { total: res.total, first: `${res.items[0].network}/${res.items[0].offerId}`, price: new Decimal(res.items[0].price.usdPerGpuHour).toString() },
      };
    };
    const shownNow = async () => {
      const row = page.locator('[data-testid=offer-table] tbody tr').first();
      return {
        total: Number((await page.getByTestId('offer-total').textContent())!.split(' ')[0]),
        first: await row.getAttribute('data-offer'),
        price: dollars(await row.getByTestId('offer-price').textContent()).toString(),
      };
    };
    // Prices (and so the order) move when an FX quote does: the page must match the API just before or after.
    const before = await served();
    await page.goto(app.url + '/#/pool');
    await page.locator('[data-testid=offer-filters] input[name=gpu]').fill('h100');
    await page.locator('[data-testid=offer-filters] select[name=limit]').selectOption('10');
    await page.locator('[data-testid=offer-filters] button[type=submit]').click();
    await page.getByTestId('offer-total').filter({ hasText: '10 per page' }).waitFor();
    const shown = await shownNow();
    const after = await served();
    expect([before.view, after.view]).toContainEqual(shown);
    expect(await page.locator('[data-testid=offer-table] tbody tr').count()).toBe(10);
    expect(await page.locator('[data-testid=offer-table] tbody tr').first().locator('.sim').textContent()).toBe('SIM');

    const cursor = (shown.first === after.view.first ? after : before).res.nextCursor;
    const before2 = await served(cursor);
    await page.getByTestId('next-page').click();
    await page.getByTestId('offer-total').filter({ hasText: 'page 2' }).waitFor();
    const shown2 = await shownNow();
    const after2 = await served(cursor);
    expect([before2.view, after2.view]).toContainEqual(shown2);
  });

  it('Networks: one row per served network with its state, and the health chart', async () => {
    const networks = (await http.get(`${app.url}/v1/networks`)).data.items as Array<{ id: string; state: string; simulated: boolean }>;
    await page.goto(app.url + '/#/networks');
    await page.locator('[data-testid=network-table] tbody tr').first().waitFor();
    expect(await page.locator('[data-testid=network-table] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-network')))).toEqual(
      networks.map((n) => n.id),
    );
    for (const n of networks) {
      const row = page.locator(`[data-testid=network-table] tr[data-network="${n.id}"]`);
      expect(await row.locator('.state').textContent()).toBe(n.state);
      expect(await row.locator('.sim').count()).toBe(n.simulated ? 1 : 0);
    }
    await page.locator('[data-testid=health-chart] canvas').waitFor();
  });

  it('Jobs: a job quoted and submitted from the form reaches running, shows its logs, and is cancelled by the button', async () => {
    await page.goto(app.url + '/#/account');
    await page.locator('input[name=apiKey]').fill(ADMIN_KEY);
    await page.getByRole('button', { name: 'Use key' }).click();
    const account = (await http.get(`${app.url}/v1/account`, auth)).data as { balanceUsd: string; availableUsd: string };
    expect(dollars(await page.getByTestId('balance').textContent()).equals(account.balanceUsd)).toBe(true);
    expect(dollars(await page.getByTestId('available').textContent()).equals(account.availableUsd)).toBe(true);
    await page.locator('[data-testid=ledger-table] tbody tr').first().waitFor();

    await page.getByTestId('nav-jobs').click();
    await page.getByTestId('new-job').click();
    const form = page.getByTestId('job-form');
    await form.locator('input[name=gpu]').fill('h100');
    // Filecoin serves logs; a job long enough to be seen running, then cancelled.
    await form.locator('input[name=networks]').fill('filecoin');
    await form.locator('input[name=durationHours]').fill('0.05');
    await page.getByTestId('quote').click();
    const spec = {
      name: 'hello-gpu',
      image: 'ghcr.io/switchyard/echo:1',
      command: ['sh', '-c', 'nvidia-smi && echo hello'],
      resources: { gpu: { count: 1, models: ['h100'] } },
      durationHours: 0.05,
      placement: { networks: ['filecoin'] },
      policy: 'cheapest',
    };
    const quote = (await http.post(`${app.url}/v1/quotes`, spec, auth)).data as { decision: { candidates: Array<{ network: string; providerId: string }> } };
    const candidates = page.locator('[data-testid=quote-candidates] tbody tr');
    await candidates.first().waitFor();
    expect(await candidates.count()).toBe(quote.decision.candidates.length);
    expect(await candidates.first().textContent()).toContain(`${quote.decision.candidates[0].network}/${quote.decision.candidates[0].providerId}`);

    // Every read of a job's logs the page makes: it follows them as one stream, never re-reads them.
    const logReads: string[] = [];
    page.on('request', (r) => /\/v1\/jobs\/[^/]+\/logs/.test(r.url()) && logReads.push(new URL(r.url()).search));
    await page.getByTestId('submit').click();
    await page.waitForURL(/#\/jobs\/[0-9a-f-]{36}$/);
    const jobId = page.url().split('/').pop()!;
    await page
      .getByTestId('job-state')
      .filter({ hasText: /^running$/ })
      .waitFor({ timeout: 60_000 });
    await page.getByTestId('logs').filter({ hasText: 'container started' }).waitFor({ timeout: 30_000 });
    // The stream's lines are the API's lines: what GET …/logs answers now is on the page (the job writes more
    // while it runs, so the page may show more, never less).
    const served = (await http.get(`${app.url}/v1/jobs/${jobId}/logs`, auth)).data as { lines: string[] };
    expect(served.lines.length).toBeGreaterThan(0);
    await page
      .getByTestId('logs')
      .filter({ hasText: served.lines[served.lines.length - 1] })
      .waitFor();
    expect(logReads).toEqual(['?follow=true']);
    await page.getByTestId('routing-explanation').filter({ hasText: 'offers considered' }).waitFor();
    expect(await page.getByTestId('timeline').textContent()).toContain('submitted → running');

    await page.getByTestId('cancel').click();
    await page
      .getByTestId('job-state')
      .filter({ hasText: /^cancelled$/ })
      .waitFor({ timeout: 60_000 });
    const job = (await http.get(`${app.url}/v1/jobs/${jobId}`, auth)).data as { state: string; cost: { usd: string } };
    expect(job.state).toBe('cancelled');
    await page
      .getByTestId('job-cost')
      .filter({ hasText: `$${new Decimal(job.cost.usd).toString()}` })
      .waitFor();
    // The stream's `end` closes it for good: the page says so and opens no other.
    await page.getByTestId('logs-status').filter({ hasText: 'ended (cancelled)' }).waitFor({ timeout: 30_000 });
    expect(logReads).toEqual(['?follow=true']);

    await page.getByTestId('nav-jobs').click();
    await page.locator(`[data-testid=job-table] a[href="#/jobs/${jobId}"]`).waitFor();
  }, 150_000);

  it("Jobs: an Akash job's log stream says, apart from the lines, where Akash's logs are", async () => {
    const spec = {
      name: 'akash-logs',
      image: 'ghcr.io/switchyard/echo:1',
      resources: { gpu: { count: 1, models: ['h100'] } },
      durationHours: 0.05,
      placement: { networks: ['akash'] },
      policy: 'cheapest',
    };
    const { id } = (await http.post(`${app.url}/v1/jobs`, spec, auth)).data as { id: string };
    // The key as the page keeps it (this test does not depend on the one before it having entered it).
    await page.goto(app.url + '/#/account');
    await page.evaluate(`sessionStorage.setItem('switchyard.apiKey', ${JSON.stringify(ADMIN_KEY)})`);
    // The first stream drops after one line, before `end`: the page opens it again, and the attempt the server
    // sends again starts over (the line from the dropped stream is not kept twice or left behind).
    const follows: string[] = [];
    await page.route(`**/v1/jobs/${id}/logs?follow=true`, async (route) => {
      follows.push(route.request().url());
      if (follows.length > 1) return route.continue();
      await route.fulfill({
        status: 200,
        contentType: 'text/event-stream',
        body: 'event: attempt\ndata: {"attempt":1,"network":"akash"}\n\nevent: log\ndata: {"attempt":1,"line":"a line from the dropped stream"}\n\n',
      });
    });
    await page.goto(`${app.url}/#/jobs/${id}`);
    // The Console API has no logs: the stream's note is shown as a note, not as a log line.
    await page.getByTestId('log-note').filter({ hasText: 'provider-services lease-logs' }).waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-testid=logs] .note').count()).toBe(1);
    expect(follows.length).toBe(2);
    expect(await page.getByTestId('logs').textContent()).not.toContain('a line from the dropped stream');
    await http.post(`${app.url}/v1/jobs/${id}/cancel`, {}, auth);
    await page.getByTestId('logs-status').filter({ hasText: 'ended (cancelled)' }).waitFor({ timeout: 60_000 });
    expect(follows.length).toBe(2);
    await page.unroute(`**/v1/jobs/${id}/logs?follow=true`);
  }, 120_000);

  it('logged no console errors on any page', () => {
    expect(consoleErrors).toEqual([]);
  });

  it('works with a read-only key for everything but submitting', async () => {
    const created = (await http.post(`${app.url}/v1/accounts`, { name: 'viewer' }, auth)).data as { id: string };
    const key = (await http.post(`${app.url}/v1/accounts/${created.id}/keys`, { name: 'viewer read key', scopes: ['read'] }, auth)).data.key as string;
    const viewer = await browser.context.newPage();
    const errors: string[] = [];
    viewer.on('console', (m: ConsoleMessage) => m.type() === 'error' && errors.push(m.text()));
    try {
      await viewer.goto(app.url + '/#/account');
      await viewer.locator('input[name=apiKey]').fill(key);
      await viewer.getByRole('button', { name: 'Use key' }).click();
      await viewer.getByTestId('balance').waitFor();
      await viewer.getByTestId('nav-pool').click();
      await viewer.locator('[data-testid=offer-table] tbody tr').first().waitFor();
      // Listing jobs needs the jobs scope (GET /v1/jobs answers 403): the page says so instead of a table.
      await viewer.getByTestId('nav-jobs').click();
      await viewer.locator('.error').filter({ hasText: 'jobs' }).waitFor();
      await viewer.getByTestId('new-job').click();
      await viewer.getByTestId('quote').click();
      await viewer.locator('[data-testid=quote-candidates] tbody tr').first().waitFor();
      await viewer.getByTestId('submit').click();
      await viewer.getByTestId('form-error').waitFor();
      expect(await viewer.getByTestId('form-error').textContent()).toMatch(/scope|forbidden/i);
      // The refused requests are the only errors the browser reports.
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.filter((e) => !/status of 403/.test(e))).toEqual([]);
    } finally {
      await viewer.close();
    }
  });
});
