// The example app as a person uses it: Vite serves it on one localhost port, the example API runs on
// another, and headless Chromium clicks through the page. What is asserted is what shows on the page
// (and in the console, where @corskit/fetch's development warnings go), down to the pixels of the
// download's progress bar. Then the production build is checked for the warnings' absence.
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApi, type Item, type RunningApi, startApi } from '@corskit/example-api';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, chromiumArgs } from '../../../test/support/browsers.ts';
import { BUILD_BUDGET_MS, buildApp } from './build.ts';
import { colourCoverage, hexColour, type Rgb } from './pixels.ts';
import { APP_ROOT, freeLocalhostPort, type RunningApp, startAppDevServer } from './servers.ts';

const SCREENSHOTS = fileURLToPath(new URL('../../../test-results/browser-app/', import.meta.url));
const START_BUDGET_MS = 60_000;
const STEP_BUDGET_MS = 30_000;

/** Text only the development warnings contain. */
const WARNING_TEXT = ['[corskit]', 'will be preflighted', 'same-origin proxy'];

/** The items the API starts with, as the page should list them. */
const initialItems: Item[] = createApi().listItems().body;

/** The progress fill colour, read from the stylesheet so that the test and the app cannot drift apart. */
async function progressFillColour(): Promise<Rgb> {
  const css = await readFile(join(APP_ROOT, 'src/style.css'), 'utf8');
  const hex = /--fill:\s*(#[0-9a-f]{6})/i.exec(css)?.[1];
  if (hex === undefined) throw new Error('src/style.css defines no --fill colour');
  return hexColour(hex);
}

/** How much of the progress bar's box the fill colour covers, in a screenshot saved as `name`. */
async function progressBarCoverage(page: Page, name: string, fill: Rgb): Promise<number> {
  const bar = page.locator('#progress');
  await bar.scrollIntoViewIfNeeded();
  const box = await bar.boundingBox();
  if (box === null) throw new Error('The progress bar is not rendered');
  expect(box.width).toBeGreaterThan(100);
  // A viewport screenshot, so that it and the bounding box share coordinates.
  const png = await page.screenshot({ path: join(SCREENSHOTS, name) });
  return colourCoverage(png, box, fill);
}

describe('the browser app in Chromium, on the Vite dev server', () => {
  let api: RunningApi | undefined;
  let app: RunningApp | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const consoleMessages: Array<{ type: string; text: string }> = [];
  const pageErrors: string[] = [];
  const corskitWarnings = () =>
    consoleMessages.filter((message) => message.type === 'warning' && message.text.startsWith('[corskit]'));

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `No Chromium at ${CHROMIUM}. Install Debian's chromium (bash scripts/ensure-browsers.sh as root) ` +
          'or set CORSKIT_CHROMIUM to a Chromium binary.',
      );
    }
    await mkdir(SCREENSHOTS, { recursive: true });
    const appPort = await freeLocalhostPort();
    api = await startApi(0, { appOrigins: [`http://localhost:${appPort}`] });
    app = await startAppDevServer(appPort, api.origin);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      // Playwright brings its own fresh profile and refuses a --user-data-dir.
      args: chromiumArgs('').filter((arg) => !arg.startsWith('--user-data-dir')),
      timeout: START_BUDGET_MS,
    });
    const context = await browser.newContext({
      viewport: { width: 1000, height: 800 },
      deviceScaleFactor: 1,
    });
    page = await context.newPage();
    page.setDefaultTimeout(STEP_BUDGET_MS);
    page.on('console', (message) => consoleMessages.push({ type: message.type(), text: message.text() }));
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(app.origin);
  }, START_BUDGET_MS * 2);

  afterAll(async () => {
    const closed = await Promise.allSettled([browser?.close(), app?.close(), api?.close()]);
    const failures = closed.filter((result) => result.status === 'rejected').map((result) => result.reason);
    if (failures.length > 0)
      throw new AggregateError(failures, 'Could not close everything the test started');
  }, START_BUDGET_MS);

  it('lists the items from GET /items, with the exposed X-Request-Id', async () => {
    await page
      .locator('#items li')
      .nth(initialItems.length - 1)
      .waitFor();
    expect(await page.locator('#items li .name').allTextContents()).toEqual(
      initialItems.map((item) => item.name),
    );
    expect(initialItems).toHaveLength(3);
    expect(await page.locator('#items-status').textContent()).toMatch(
      /^3 items \(X-Request-Id: req-\d+\)\.$/,
    );
    // A plain GET is not preflighted: nothing to warn about yet.
    expect(corskitWarnings()).toEqual([]);
    expect(await page.locator('#notes-empty').isVisible()).toBe(true);
  });

  it('marks an item done with a PATCH, and explains its preflight in the console and on the page', async () => {
    const row = page.locator('#items li[data-id="2"]');
    expect(await row.locator('.state').textContent()).toBe('to do');
    await row.getByRole('button', { name: 'Mark done' }).click();
    await page.locator('#items li[data-id="2"].done').waitFor();
    expect(await row.locator('.state').textContent()).toBe('done');
    expect(await row.getByRole('button').count()).toBe(0);

    const expected = `[corskit] PATCH ${api!.origin}/items/:id will be preflighted`;
    // One warning, about this call, and the client's default console output is still there.
    expect(corskitWarnings()).toHaveLength(1);
    expect(corskitWarnings()[0]!.text.startsWith(expected), corskitWarnings()[0]!.text).toBe(true);
    expect(await page.locator('#notes li').count()).toBe(1);
    expect(await page.locator('#notes li').textContent()).toContain(expected);
    expect(await page.locator('#notes-empty').isVisible()).toBe(false);
  });

  it('signs in with a cookie, and GET /me with credentials shows the user', async () => {
    expect(await page.locator('#me').textContent()).toBe('Not signed in.');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#me', { hasText: 'Signed in as' }).waitFor();
    expect(await page.locator('#me').textContent()).toBe(
      'Signed in as ada (GET /me sent the session cookie).',
    );
  });

  it('shows the download’s real progress, and fills the bar when done', async () => {
    const fill = await progressFillColour();
    // The empty bar first, so that the pixel check below is known to be able to fail.
    expect(await progressBarCoverage(page, 'progress-before.png', fill)).toBeLessThan(0.01);

    // Record every value the bar shows, from the page, before the download starts.
    await page.evaluate(() => {
      const bar = document.getElementById('progress')!;
      const shown: Array<string | null> = [];
      new MutationObserver((records) => {
        for (const record of records) shown.push(record.oldValue);
      }).observe(bar, { attributeFilter: ['aria-valuenow'], attributeOldValue: true });
      Object.assign(window, { progressShown: shown });
    });
    await page.getByRole('button', { name: 'Download report.csv' }).click();
    await page.locator('#saved a').waitFor();
    const shown = await page.evaluate(() => {
      const { progressShown } = window as unknown as { progressShown: Array<string | null> };
      // The value before each change, then the value now.
      return [...progressShown, document.getElementById('progress')!.getAttribute('aria-valuenow')];
    });

    // The total is exposed by the API, so the bar is never indeterminate (null), and it moves.
    expect(shown).not.toContain(null);
    const percents = shown.map(Number);
    expect(
      percents.some((percent) => percent > 0 && percent < 100),
      `values shown: ${shown}`,
    ).toBe(true);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(percents.at(-1)).toBe(100);
    expect(await page.locator('#progress-text').textContent()).toBe(
      '100% · 1,048,576 of 1,048,576 bytes · done',
    );
    expect(await page.locator('#saved a').textContent()).toBe('Save report.csv (1,048,576 bytes)');

    expect(await progressBarCoverage(page, 'progress-done.png', fill)).toBeGreaterThanOrEqual(0.99);
  });

  it('showed no page errors and logged no console errors', () => {
    expect(pageErrors).toEqual([]);
    expect(consoleMessages.filter((message) => message.type === 'error')).toEqual([]);
  });
});

describe('the production build', () => {
  let outDir: string;
  beforeAll(async () => {
    outDir = await mkdtemp(join(tmpdir(), 'corskit-browser-app-build-'));
  });
  afterAll(async () => {
    await rm(outDir, { recursive: true, force: true });
  });

  it(
    'holds none of the warning text, which the development build has',
    async () => {
      const [production, development] = await Promise.all([
        buildApp(join(outDir, 'production'), 'production'),
        buildApp(join(outDir, 'development'), 'development'),
      ]);
      expect(production).toContain('report.csv'); // it is the app
      for (const text of WARNING_TEXT) {
        expect(production, text).not.toContain(text);
        expect(development, text).toContain(text);
      }
    },
    BUILD_BUDGET_MS * 2,
  );
});
