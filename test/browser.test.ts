/**
 * GraphiQL in a real browser (Debian's chromium, driven by playwright-core), with every request
 * outside loopback blocked: the page must load, run the README's example query and show the result.
 */
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const skip = process.env.SKIP_BROWSER_TESTS === '1';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.close());

describe.skipIf(skip)('GraphiQL', () => {
  it('runs the example query offline and shows the result', async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`No browser at ${CHROMIUM}: apt-get install chromium (or SKIP_BROWSER_TESTS=1)`);
    const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'graphiql-')), {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1400, height: 900 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const outside: string[] = [];
    try {
      const page = await context.newPage();
      await page.route('**/*', (route) => {
        const host = new URL(route.request().url()).hostname;
        if (host === '127.0.0.1' || host === 'localhost') return route.continue();
        outside.push(route.request().url());
        return route.abort();
      });
      await page.goto(h.url);
      await page.locator('.graphiql-execute-button').click({ timeout: 15_000 });
      const result = page.locator('.result-window');
      await expect.poll(async () => result.innerText(), { timeout: 15_000 }).toContain('"tickets"');
      const text = await result.innerText();
      expect(text).toMatch(/"id": "\d+"/);
      expect(text).toContain('"category"');
      mkdirSync('test-artifacts', { recursive: true });
      await page.screenshot({ path: 'test-artifacts/graphiql.png' });
    } finally {
      await context.close();
    }
    expect(outside).toEqual([]);
  }, 60_000);
});
