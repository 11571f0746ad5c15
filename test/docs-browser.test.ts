// /docs in a real browser: Debian's chromium, driven by playwright-core (which downloads no browser of its own).
// Without chromium this suite is skipped and says so; .ci/run installs it.
import fs from 'node:fs';
import { chromium } from 'playwright-core';
import { startTestApp, TestApp } from './support/test-app';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const available = fs.existsSync(CHROMIUM);
if (!available) console.warn(`SKIPPED the /docs browser suite: no browser at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH).`);

(available ? describe : describe.skip)('/docs in a browser', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ ADMIN_API_KEY: 'sy_test_admin_docs_0123456789abcdef' });
  });
  afterAll(async () => app?.close());

  it('renders the operations of the served document', async () => {
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (err) => errors.push(err.message));
      await page.goto(`${app.url}/docs`);
      await page.locator('.opblock').first().waitFor({ timeout: 30_000 });
      const paths = await page.locator('.opblock-summary-path').allTextContents();
      expect(paths.map((p) => p.replace(/\u200b/g, ''))).toEqual(expect.arrayContaining(['/v1/jobs', '/v1/offers', '/health/ready']));
      expect(await page.locator('.opblock-summary-method').first().textContent()).toMatch(/^(GET|POST|PUT|PATCH|DELETE)$/);
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
