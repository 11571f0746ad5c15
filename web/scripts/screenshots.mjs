// Screenshots of every dashboard page and its first-load time, taken with Debian's chromium (playwright-core)
// from a running service, e.g. `npm start` (simulated world):
//   SWITCHYARD_URL=http://127.0.0.1:8080 SWITCHYARD_KEY=<admin or jobs key> npm run screenshots -w web
// Writes docs/screenshots/*.png and prints the first-load times (cold browser profile each run: no cache).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const url = (process.env.SWITCHYARD_URL ?? 'http://127.0.0.1:8080').replace(/\/$/, '');
const key = process.env.SWITCHYARD_KEY;
const out = path.resolve(import.meta.dirname, '..', '..', 'docs', 'screenshots');
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const args = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
if (!key) throw new Error('SWITCHYARD_KEY must be a key with the jobs scope (the screenshots submit a job)');

async function browser() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-shots-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath, headless: true, args, viewport: { width: 1400, height: 900 } });
  return { context, close: async () => (await context.close(), fs.rmSync(profile, { recursive: true, force: true })) };
}

/** Cold first load of / until the cheapest price and the price chart are on screen, as the page's own clock measures it. */
async function firstLoad() {
  const b = await browser();
  try {
    const page = await b.context.newPage();
    await page.goto(`${url}/`);
    await page.locator('[data-testid=price-chart] canvas').waitFor();
    await page.getByTestId('cheapest-price').waitFor();
    const t = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const bytes = performance.getEntriesByType('resource').reduce((s, r) => s + r.transferSize, nav.transferSize);
      return {
        domContentLoadedMs: Math.round(nav.domContentLoadedEventEnd),
        loadMs: Math.round(nav.loadEventEnd),
        pricesShownMs: Math.round(performance.now()),
        transferredBytes: bytes,
      };
    });
    return t;
  } finally {
    await b.close();
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const runs = [];
for (let i = 0; i < 5; i++) runs.push(await firstLoad());
console.log(
  'first load (cold profile, 5 runs, median):',
  JSON.stringify({
    domContentLoadedMs: median(runs.map((r) => r.domContentLoadedMs)),
    loadMs: median(runs.map((r) => r.loadMs)),
    pricesShownMs: median(runs.map((r) => r.pricesShownMs)),
    transferredBytes: median(runs.map((r) => r.transferredBytes)),
  }),
);

fs.mkdirSync(out, { recursive: true });
const b = await browser();
try {
  const page = await b.context.newPage();
  const shot = async (name) => {
    await page.waitForTimeout(300); // let the charts finish their first frame
    await page.screenshot({ path: path.join(out, `${name}.png`), fullPage: true });
    console.log(`docs/screenshots/${name}.png`);
  };
  await page.goto(`${url}/#/prices`);
  await page.locator('input[name=apiKey]').fill(key);
  await page.getByRole('button', { name: 'Use key' }).click();
  await page.locator('[data-testid=history-chart] canvas, [data-testid=history-empty]').first().waitFor();
  await shot('prices');
  await page.goto(`${url}/#/pool`);
  await page.locator('[data-testid=offer-table] tbody tr').first().waitFor();
  await shot('pool');
  await page.goto(`${url}/#/networks`);
  await page.locator('[data-testid=health-chart] canvas').waitFor();
  await shot('networks');
  await page.goto(`${url}/#/jobs/new`);
  await page.locator('[data-testid=job-form] input[name=durationHours]').fill('0.05');
  await page.getByTestId('quote').click();
  await page.locator('[data-testid=quote-candidates] tbody tr').first().waitFor();
  await shot('job-quote');
  await page.getByTestId('submit').click();
  await page
    .getByTestId('job-state')
    .filter({ hasText: /^running$/ })
    .waitFor({ timeout: 60_000 });
  await page.getByTestId('logs').filter({ hasNotText: '(no output yet)' }).waitFor();
  await shot('job');
  await page.goto(`${url}/#/jobs`);
  await page.locator('[data-testid=job-table] tbody tr').first().waitFor();
  await shot('jobs');
  await page.goto(`${url}/#/account`);
  await page.locator('[data-testid=ledger-table] tbody tr').first().waitFor();
  await shot('account');
} finally {
  await b.close();
}
