// End-to-end tests of the release build (dist/) in Debian's Chromium driven by playwright-core.
// Run by scripts/test.sh after `trunk build --release`; by hand: `node --test tests/e2e/`.

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serveDist, SUB_PATH } from './server.mjs';

const ROOT = new URL('../../', import.meta.url);
const DIST = fileURLToPath(new URL('dist/', ROOT));
export const OUTPUT = fileURLToPath(new URL('tests/e2e/output/', ROOT));
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
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
const RUN_TIMEOUT_MS = Number(process.env.PARCOURS_E2E_RUN_TIMEOUT_MS ?? 240_000);

let browser;
const servers = [];

before(async () => {
  await mkdir(OUTPUT, { recursive: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
});

after(async () => {
  await browser?.close();
  await Promise.all(servers.map((s) => s.close()));
});

async function serve(options) {
  const server = await serveDist(DIST, options);
  servers.push(server);
  return server.url;
}

// Console warnings that are not the app's: Chromium ignores Trunk's subresource-integrity
// attribute on the wasm preload and says so; and it suggests `willReadFrequently` when these tests
// read the chart's pixels more than once.
const KNOWN_WARNINGS = [
  /`integrity` attribute is currently ignored for preload destinations/,
  /Multiple readback operations using getImageData are faster with the willReadFrequently/,
];

/** Opens the app in a fresh context (a projector-sized window) and records every problem. */
async function open(url) {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 768 },
    deviceScaleFactor: 1,
    locale: 'fr-FR',
  });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
    if (m.type() === 'warning' && !KNOWN_WARNINGS.some((re) => re.test(m.text()))) {
      problems.push(`console warning: ${m.text()}`);
    }
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`));
  page.on('worker', (w) => w.on('close', () => problems.push(`worker closed: ${w.url()}`)));
  const started = Date.now();
  await page.goto(url);
  return { context, page, problems, started };
}

/** Waits until every replication has come back from the workers. */
async function waitForRun(page) {
  await page.waitForFunction(
    () => {
      const count = document.getElementById('run-progress-count');
      return count && Number(count.dataset.total) > 0 && count.dataset.done === count.dataset.total;
    },
    null,
    { timeout: RUN_TIMEOUT_MS, polling: 100 },
  );
}

/** Pixels of the chart's canvas: how many are not white, and how many are the bands' blue. */
async function canvasPixels(page) {
  return page.evaluate(() => {
    const canvas = document.getElementById('unsheltered-chart');
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let inked = 0;
    let blue = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b, a] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
      if (a > 0 && (r < 235 || g < 235 || b < 235)) inked += 1;
      if (a > 0 && b > r + 25 && b > g) blue += 1; // the bands' blue, even the lightest
    }
    return { width: canvas.width, height: canvas.height, pixels: data.length / 4, inked, blue };
  });
}

async function checkChart(page) {
  const px = await canvasPixels(page);
  assert.ok(px.width > 300 && px.height > 200, `canvas too small: ${px.width}×${px.height}`);
  // Axes, labels, bands and the median: a good share of the canvas is drawn on, much of it blue.
  assert.ok(px.inked > px.pixels * 0.05, `chart looks blank: ${JSON.stringify(px)}`);
  assert.ok(px.blue > px.pixels * 0.02, `no bands on the chart: ${JSON.stringify(px)}`);
  return px;
}

test('opens on the default scenario, runs it in workers and draws the fan chart', async () => {
  const url = await serve();
  const { context, page, problems, started } = await open(url);
  try {
    assert.equal(await page.getAttribute('html', 'lang'), 'fr');
    assert.equal(
      (await page.textContent('h2#unsheltered-title')).trim(),
      "Ménages sans solution d'hébergement",
    );
    await waitForRun(page);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const total = await page.getAttribute('#run-progress-count', 'data-total');
    assert.equal(total, '200');
    assert.equal((await page.textContent('#run-progress-count')).trim(), '200 / 200 réplications');
    assert.ok(page.workers().length >= 1, 'no Web Worker was started');
    const px = await checkChart(page);
    await page.screenshot({ path: `${OUTPUT}default-fr.png`, fullPage: true });
    console.log(`# ${total} replications in ${seconds} s with ${page.workers().length} worker(s); canvas ${JSON.stringify(px)}`);

    // The language switch redraws everything in English.
    await page.click('#lang-en');
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(
      (await page.textContent('h2#unsheltered-title')).trim(),
      'Households without a shelter solution',
    );
    assert.equal((await page.textContent('#run-progress-count')).trim(), '200 / 200 replications');
    await checkChart(page);
    await page.screenshot({ path: `${OUTPUT}default-en.png`, fullPage: true });

    assert.deepEqual([...problems], []); // a copy: closing the page adds to the list
  } finally {
    await context.close();
  }
});

test('works from a sub-path of a static host', async () => {
  const url = await serve({ prefix: SUB_PATH });
  assert.ok(url.endsWith(SUB_PATH));
  const { context, page, problems } = await open(url.slice(0, -1)); // without the trailing slash
  try {
    assert.ok(page.url().endsWith(SUB_PATH), `not redirected into the sub-path: ${page.url()}`);
    await waitForRun(page);
    await checkChart(page);
    for (const worker of page.workers()) {
      assert.match(worker.url(), /^blob:/, 'gloo-worker starts workers from a blob: URL');
    }
    assert.deepEqual([...problems], []); // a copy: closing the page adds to the list
  } finally {
    await context.close();
  }
});
