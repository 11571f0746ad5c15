// Debian's chromium driven by playwright-core (which never downloads a browser of its own). Without chromium,
// suites that need it are skipped and say why; .ci/run installs it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Browser, BrowserContext, chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Why browser suites cannot run here, or undefined when they can. */
export function browserMissing(): string | undefined {
  return fs.existsSync(CHROMIUM) ? undefined : `no browser at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`;
}

/** A headless chromium with a fresh profile of its own (removed on close). */
export async function launchChromium(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'switchyard-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

export type { Browser };
