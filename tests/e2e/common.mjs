// What every end-to-end test file shares: where things are, how Debian's Chromium is launched,
// the per-file fixture (one browser, the servers and folders it started, pages that record every
// problem: in fresh contexts closed at their test's end, or in the file's one tab), how a run is
// awaited, and links to short runs.

import { readFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { deflateSync, inflateSync } from 'node:zlib';
import assert from 'node:assert/strict';
import { after, afterEach, before } from 'node:test';
import { chromium } from 'playwright-core';
import { serveDist, SUB_PATH } from './server.mjs';

export { SUB_PATH };
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
  page.on('requestfailed', (r) => {
    // A worker's loader (a `blob:` URL, runner.rs) still loading when a test navigates away is
    // aborted by the navigation (the map's runs, once it is scrolled to, start after the first
    // figures). A worker that fails to load while its page stays is reported by the page itself
    // (the pool's `error` event, a notice) and its run never completes, which the tests check.
    if (r.url().startsWith('blob:') && r.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  return problems;
}

/** Records HTTP errors (4xx, 5xx) of `page` too. */
export function recordHttpErrors(page, problems) {
  page.on('response', (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`));
  return problems;
}

/** Records every problem of `page` into `problems` (recordProblems, recordHttpErrors) and makes a
 * violation of the page's Content-Security-Policy (index.html, active in every test) one. */
async function watchPage(page, problems) {
  recordHttpErrors(page, recordProblems(page, problems));
  await page.addInitScript(() =>
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`),
    ),
  );
  return problems;
}

/** What a page of these tests is opened with: a projector-sized window, in French. */
export const PAGE_OPTIONS = { viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1, locale: 'fr-FR' };

/**
 * The set-up of one test file: a Chromium launched before its first test and closed after its
 * last, with the servers and temporary folders its tests started, stopped and removed then.
 * Call it once at the top level of the file.
 */
export function fixture() {
  let browser;
  const cleanups = [];
  // The contexts `open` made during the current test: closed when it ends, passed or failed, so
  // that no page of a finished test goes on working (a run, the map's small runs, an analysis)
  // beside the next tests. Closing a context twice is harmless.
  const contexts = [];
  // The file's one reusable tab (`tab`): its page, whether the current test uses it, and the
  // problems of that use (a new list each time).
  let tab;
  before(async () => {
    browser = await launchBrowser();
  });
  afterEach(async () => {
    await Promise.all(contexts.splice(0).map((context) => context.close()));
    // The tab's document goes (its workers with it); what it says while going is no one's problem.
    if (tab?.inUse) {
      tab.inUse = false;
      tab.problems = [];
      await tab.page.goto('about:blank');
    }
  });
  after(async () => {
    await browser?.close();
    await Promise.all(cleanups.map((cleanup) => cleanup()));
  });
  return {
    get browser() {
      return browser;
    },

    /** Runs `cleanup` after the file's tests (a temporary folder to remove…). */
    onCleanup(cleanup) {
      cleanups.push(cleanup);
    },

    /** Removes `dir` after the file's tests; returns it. */
    temporary(dir) {
      cleanups.push(() => rm(dir, { recursive: true, force: true }));
      return dir;
    },

    /**
     * Serves `root` (dist/ by default) on 127.0.0.1, at the root or under `prefix` (SUB_PATH);
     * resolves to { url, port, close } (closing twice is harmless).
     */
    async serve({ root = DIST, prefix = '/', port } = {}) {
      const server = await serveDist(root, { prefix, port });
      cleanups.push(server.close);
      return server;
    },

    /** Serves `pages` (path → HTML, looked up at each request) on another loopback port: another
     * origin. Resolves to that origin. */
    async servePages(pages) {
      const server = createServer((req, res) => {
        const path = new URL(req.url, 'http://x').pathname;
        if (path === '/favicon.ico') return res.writeHead(204).end(); // Chromium asks for it
        const body = pages[path];
        res.writeHead(body ? 200 : 404, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
        res.end(body ?? 'not found');
      });
      await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
      cleanups.push(
        () =>
          new Promise((ok) => {
            server.close(ok);
            server.closeAllConnections();
          }),
      );
      return `http://127.0.0.1:${server.address().port}`;
    },

    /**
     * A fresh context (no storage shared with any other; PAGE_OPTIONS and `options`) and a page
     * in it that records every problem (console errors and unknown warnings, page errors, failed
     * requests, HTTP errors) into `problems`. With `url`, the page goes there. With `context`,
     * a new page of that context instead. `workers: true` also counts a worker that closes.
     * A context made here is closed at the end of the test that made it.
     */
    async open(url, { context, workers = false, ...options } = {}) {
      if (!context) {
        context = await browser.newContext({ ...PAGE_OPTIONS, ...options });
        contexts.push(context);
      }
      const page = await context.newPage();
      const problems = await watchPage(page, []);
      if (workers) page.on('worker', (w) => w.on('close', () => problems.push(`worker closed: ${w.url()}`)));
      if (url !== undefined) await page.goto(url);
      return { context, page, problems };
    },

    /**
     * The file's one tab, kept from test to test, on a new document at `url` in a window of
     * `viewport` (PAGE_OPTIONS otherwise), recording every problem into a new `problems` list (as
     * `open`). The tab's renderer process is already started, with the page's WebAssembly compiled
     * (V8 keeps a module per process): a new document there is ready in about 0.8 s instead of a
     * fresh context's 1.4 s, for about 1 CPU-second less. What it shares with the file's earlier
     * tests is the storage of their origin (localStorage, service worker, caches): a test that
     * serves dist/ on a port of its own (`serve`) has an origin, so a storage, of its own. For a
     * test that needs a fresh browser, more than one page, a context's options, or changes the
     * page itself (init scripts, routes, its clock), `open`. A test uses the tab once; at its end
     * the tab goes to about:blank (the document and its workers stop).
     */
    async tab(url, { viewport = PAGE_OPTIONS.viewport } = {}) {
      if (tab?.inUse) throw new Error('the tab is used once a test: open another page with `open`');
      if (!tab || tab.page.isClosed()) {
        const context = await browser.newContext(PAGE_OPTIONS);
        const page = await context.newPage();
        tab = { page, problems: [] };
        await watchPage(page, { push: (problem) => tab.problems.push(problem) });
      }
      tab.inUse = true;
      tab.problems = [];
      await tab.page.setViewportSize(viewport);
      await tab.page.goto(url);
      return { page: tab.page, problems: tab.problems };
    },
  };
}

/** A partner's page holding the app at `src` in an iframe `#app` (for `servePages`). */
export const hostPage = (src, { width = 800, height = 500 } = {}) =>
  `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Host</title></head><body>
<iframe id="app" src="${src}" width="${width}" height="${height}" title="Parcours"></iframe></body></html>`;

/** A runaway scenario of the engine's fixtures (crates/engine/tests/fixtures/runaway/): valid,
 * but too long for the page (asked about, or refused). */
export const runaway = (name) =>
  JSON.parse(readFileSync(new URL(`../../crates/engine/tests/fixtures/runaway/${name}.json`, import.meta.url), 'utf8'));

/** Busy workers of a pool (`base`, `scen`), as the pool writes them on <html>. */
export const busyWorkers = (page, pool) =>
  page.evaluate((pool) => Number(document.documentElement.getAttribute(`data-busy-workers-${pool}`) ?? 0), pool);

/** Waits until every replication of the run shown has come back from the workers, is summarised,
 * and is drawn. */
export async function waitForRun(page) {
  await page.waitForFunction(
    () => {
      const count = document.getElementById('run-progress-count');
      // Every replication summarised, and every chart drawn from that summary (a chart's
      // redraw waits for the next paint: src/components/plot_canvas.rs).
      return count && Number(count.dataset.total) > 0 && count.dataset.done === count.dataset.total
        && !document.querySelector('canvas[data-redraw-pending]');
    },
    null,
    { timeout: RUN_TIMEOUT_MS, polling: 100 },
  );
}

/** Pixels of a chart's canvas (the fan chart unless told): how many are not white, and how many
 * are the charts' blue (bands, bars, points). */
export async function canvasPixels(page, id = 'unsheltered-chart') {
  return page.evaluate((id) => {
    const canvas = document.getElementById(id);
    const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
    let inked = 0;
    let blue = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b, a] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
      if (a > 0 && (r < 235 || g < 235 || b < 235)) inked += 1;
      if (a > 0 && b > r + 25 && b > g) blue += 1; // the bands' blue, even the lightest
    }
    return { width: canvas.width, height: canvas.height, pixels: data.length / 4, inked, blue };
  }, id);
}

/** The fan chart of households without a solution is drawn: a canvas of a fair size, inked, with
 * its bands. Returns its pixel counts. */
export async function checkChart(page) {
  const px = await canvasPixels(page);
  assert.ok(px.width > 300 && px.height > 200, `canvas too small: ${px.width}×${px.height}`);
  // Axes, labels, bands and the median: a good share of the canvas is drawn on, much of it blue.
  assert.ok(px.inked > px.pixels * 0.05, `chart looks blank: ${JSON.stringify(px)}`);
  assert.ok(px.blue > px.pixels * 0.02, `no bands on the chart: ${JSON.stringify(px)}`);
  return px;
}

/** A figure as the page writes it in French (« 1 234,5 », « −12 ») as a number. */
export const figure = (text) => Number(text.replace(/[\s\u202f]/g, '').replace(',', '.').replace('−', '-'));

// ---- Short runs ----
//
// A link holds the number of replications of its runs (crates/core/src/link/, format 2: « seed,
// number of replications »): a planner shares a quick look or a precise run the same way. Tests
// that check what a run does, not its precision, open the page through such a link with
// SHORT_REPLICATIONS instead of the default 200: the same scenario, the same code paths, a tenth
// of the wait. The default's own count (200) is checked where the page opens without a link.

export const SHORT_REPLICATIONS = 20;

const SCENARIOS = new URL('assets/scenarios/', ROOT);
const INDEX = JSON.parse(readFileSync(new URL('index.json', SCENARIOS), 'utf8'));

/** The shipped baseline of `territory` (assets/scenarios/), as the engine's JSON. */
export function shippedBaseline(territory = INDEX.default) {
  const entry = INDEX.territories.find((t) => t.id === territory);
  if (!entry) throw new Error(`no territory « ${territory} » in assets/scenarios/index.json`);
  return JSON.parse(readFileSync(new URL(entry.file, SCENARIOS), 'utf8'));
}

/** A format-2 link (`#v=2&s=…`) to `state`, written as the app writes it: JSON, zlib, base64url. */
export function linkOf(state) {
  return `#v=2&s=${deflateSync(Buffer.from(JSON.stringify(state))).toString('base64url')}`;
}

/**
 * The link to `territory`'s shipped baseline (nothing changed, so the page says nothing about
 * it) with seed 42, `levers` (link keys: { 'places:chrs': 600 }) and `replications` replications;
 * and `analysis`, the decision-support question it asks (crates/core/src/analysis.rs), if any.
 */
export function shortRun({ territory = INDEX.default, levers = {}, replications = SHORT_REPLICATIONS, analysis } = {}) {
  const baseline = shippedBaseline(territory);
  return linkOf({ territory, variant: null, baseline, levers, openings: [], seed: 42, replications, ...(analysis && { analysis }) });
}

/** « Où agir ? » on the default objective, per step, with SHORT_REPLICATIONS per lever. */
export const SHORT_MARGINAL = {
  kind: 'marginal',
  objective: 'household_days_without_solution_per_year',
  rank_by: 'step',
  replications: SHORT_REPLICATIONS,
};

// ---- Time to first figures after a lever move (tests/e2e/workspace.test.mjs, and the page benchmark
// scripts/bench/page.mjs): idle moves, moves during a run, drags.

/**
 * Sets the slider `selector` to `value` with one input event; returns the event's time. From the
 * first move on, every animation frame records what was on screen: its time, the scenario run
 * shown (`data-scenario-run`), whether the cards show scenario figures, the app's stamp, and
 * the progress (replications done and to do, baseline and scenario together).
 */
export function moveLever(page, selector, value) {
  return page.evaluate(
    ({ selector, value }) => {
      if (!window.latencyFrames) {
        window.latencyFrames = [];
        const record = () => {
          const scen = document.querySelector('#card-without_solution .kpi-scen');
          const html = document.documentElement.dataset;
          const progress = document.getElementById('run-progress-count')?.dataset ?? {};
          window.latencyFrames.push({
            at: performance.now(),
            run: document.querySelector('.app').dataset.scenarioRun ?? '',
            shown: Boolean(scen && /\d/.test(scen.textContent)),
            stampAt: Number(html.scenarioFiguresAt ?? 0),
            stampRun: html.scenarioFiguresRun ?? '',
            done: Number(progress.done ?? 0),
            total: Number(progress.total ?? 0),
          });
          requestAnimationFrame(record);
        };
        requestAnimationFrame(record);
      }
      const input = document.querySelector(selector);
      input.value = String(value);
      const at = performance.now();
      input.dispatchEvent(new Event('input', { bubbles: true }));
      return at;
    },
    { selector, value },
  );
}

/**
 * After the move at `since`: [ms to the first frame whose cards show the figures of the run it
 * started, ms to the app's stamp for that run (cards, diagram and charts drawn)]. The run is the
 * first started after `since`, or with `last` the last one shown (after a drag, where a run
 * started by an earlier move's debounce may begin after the last move and then be replaced).
 */
export async function figuresAfter(page, since, last = false) {
  const handle = await page.waitForFunction(
    ({ since, last }) => {
      const frames = window.latencyFrames;
      const before = frames.filter((f) => f.at < since).at(-1)?.run ?? '';
      const after = frames.filter((f) => f.at >= since);
      const run = last
        ? after.at(-1)?.run
        : after.find((f) => f.run !== before && f.run !== '')?.run;
      if (run === undefined) return false;
      const shown = after.find((f) => f.run === run && f.shown);
      const stamped = after.find((f) => f.stampRun === run && f.stampAt >= since);
      return shown && stamped ? [shown.at - since, stamped.stampAt - since] : false;
    },
    { since, last },
    { timeout: 30_000, polling: 50 },
  );
  return handle.jsonValue();
}

/** Whether a run is going: replications still to come (read just before a move). */
export const runGoing = (page) => page.$eval('#run-progress-count', (c) => c.dataset.done !== c.dataset.total);

/**
 * `count` moves of the slider `lever`, to `from`, `from` + 10, …, each once the previous run is
 * complete (the map's small runs, if it was scrolled to, may go on in the background). Returns
 * each move's [cards, drawn] (figuresAfter).
 */
export async function idleMoves(page, lever, { from, count }) {
  const times = [];
  for (let i = 0; i < count; i += 1) {
    assert.ok(!(await runGoing(page)), 'an « idle » move while a run was going');
    const at = await moveLever(page, lever, from + 10 * i);
    times.push(await figuresAfter(page, at));
    await waitForRun(page);
  }
  return times;
}

/**
 * `count` moves of `lever`, to `from`, `from` + 10, …, each while the previous scenario run is
 * still going (the new run supersedes it); [cards, drawn] of each. The runs must last longer
 * than a move's first figures plus 250 ms.
 */
export async function busyMoves(page, lever, { from, count }) {
  const times = [];
  for (let i = 0; i < count; i += 1) {
    // A run must be going. It usually is (the previous move's), but on a busy machine the wait
    // for its first figures can outlast it: then an unmeasured move starts one first.
    if (!(await runGoing(page))) {
      await moveLever(page, lever, from - 1 + 10 * i);
      await page.waitForFunction(() => {
        const c = document.querySelector('#run-progress-count');
        return c && c.dataset.done !== c.dataset.total;
      });
    }
    assert.ok(await runGoing(page), `« busy » move ${i + 1}: no run going before it`);
    const at = await moveLever(page, lever, from + 10 * i);
    times.push(await figuresAfter(page, at));
    await page.waitForTimeout(250);
  }
  return times;
}

/**
 * `count` drags of `lever`: 14 input events 30 ms apart (further apart on a busy machine), from
 * `from`, `from` + 40, …, each to its 14th value; then the time from the last event to the
 * figures of the final value (its run starts once the moves stop for the debounce's 120 ms).
 * Returns [cards, drawn] of each drag, and checks that the last value moved is the one shown.
 */
export async function dragMoves(page, lever, { from, count }) {
  const times = [];
  let value = 0;
  for (let i = 0; i < count; i += 1) {
    let last = 0;
    for (let step = 0; step < 14; step += 1) {
      value = from + 40 * i + step;
      last = await moveLever(page, lever, value);
      await page.waitForTimeout(30);
    }
    await waitForRun(page);
    times.push(await figuresAfter(page, last, true));
  }
  assert.equal(Number(await page.inputValue(lever)), value, 'the last value moved is the scenario shown');
  return times;
}

/** The analysis a page's address carries (the link's JSON, inflated), or undefined. */
export async function analysisOf(page) {
  const hash = await page.evaluate(() => location.hash);
  const s = new URLSearchParams(hash.slice(1)).get('s');
  return JSON.parse(inflateSync(Buffer.from(s, 'base64url')).toString('utf8')).analysis;
}
