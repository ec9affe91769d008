// What every end-to-end test file shares: where things are, how Debian's Chromium is launched,
// which console messages are not the app's, how problems are recorded and how a run is awaited.

import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const ROOT = new URL('../../', import.meta.url);
export const DIST = fileURLToPath(new URL('dist/', ROOT));
export const OUTPUT = fileURLToPath(new URL('tests/e2e/output/', ROOT));
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
// The whole default run (200 replications) on a slow, busy machine.
export const RUN_TIMEOUT_MS = Number(process.env.PARCOURS_E2E_RUN_TIMEOUT_MS ?? 240_000);

// Console warnings that are not the app's: Chromium ignores Trunk's subresource-integrity
// attribute on the wasm preload and says so; and it suggests `willReadFrequently` when these tests
// read the chart's pixels more than once.
export const KNOWN_WARNINGS = [
  /`integrity` attribute is currently ignored for preload destinations/,
  /Multiple readback operations using getImageData are faster with the willReadFrequently/,
];

/** Creates the screenshot folder and launches Chromium headless. */
export async function launchBrowser() {
  await mkdir(OUTPUT, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/** Records console errors, unknown warnings, page errors and failed requests of `page`. */
export function recordProblems(page, problems) {
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
    if (m.type() === 'warning' && !KNOWN_WARNINGS.some((re) => re.test(m.text()))) {
      problems.push(`console warning: ${m.text()}`);
    }
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  return problems;
}

/** Waits until every replication has come back from the workers. */
export async function waitForRun(page) {
  await page.waitForFunction(
    () => {
      const count = document.getElementById('run-progress-count');
      return count && Number(count.dataset.total) > 0 && count.dataset.done === count.dataset.total;
    },
    null,
    { timeout: RUN_TIMEOUT_MS, polling: 100 },
  );
}
