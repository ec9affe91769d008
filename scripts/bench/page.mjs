// The page's side of the benchmark (scripts/bench.sh, BENCHMARKS.md): one release build in
// Debian's headless Chromium (Playwright, the end-to-end tests' launch flags), served on
// 127.0.0.1 as a static host would serve it (gzip, ETag): what a first visit transfers, the time
// to first figures at cold start and after a lever move, 1,000 replications of the default
// territory, and the main thread's long tasks while a scenario of 1,000 replications runs.
//
// Everything is read from the outside of the app, through what it already shows (the progress
// counter's data attributes, the headline cards, `data-scenario-run`, the `data-scenario-figures-*`
// stamp, the address's link) and the browser's own APIs (PerformanceObserver `longtask`, paint
// timing), so the same code measures an older commit's build.

import { deflateSync, inflateSync } from 'node:zlib';
import { busyMoves, dragMoves, idleMoves, moveLever, RUN_TIMEOUT_MS, waitForRun } from '../../tests/e2e/common.mjs';

/** The lever moved (as in tests/e2e/workspace.test.mjs): CHRS places. */
export const LEVER = '#lever-places-chrs';

// Installed in every page before its own scripts: records the main thread's long tasks (over
// 50 ms, the browser's definition), and, at every animation frame, the first one whose
// headline cards show the baseline's figures and the progress counter.
function recorder() {
  const bench = (window.__bench = { longtasks: [], progress: [], firstFigures: null });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longtasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    bench.longtasks = null; // not supported: said in the report
  }
  let last = '';
  const frame = () => {
    const now = performance.now();
    if (bench.firstFigures === null) {
      const base = document.querySelector('#card-without_solution .kpi-base, #card-unsheltered .kpi-base');
      if (base && /\d/.test(base.textContent)) bench.firstFigures = now;
    }
    const count = document.getElementById('run-progress-count')?.dataset;
    const seen = count ? `${count.done}/${count.total}` : '';
    if (seen !== last) {
      last = seen;
      bench.progress.push({ at: now, done: Number(count?.done ?? 0), total: Number(count?.total ?? 0) });
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

async function newPage(browser) {
  const context = await browser.newContext({
    viewport: { width: 1366, height: 900 },
    deviceScaleFactor: 1,
    locale: 'fr-FR',
  });
  await context.addInitScript(recorder);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && errors.push(`console error: ${m.text()}`));
  return { context, page, errors };
}

/** Resolves once no request has reached `server` for `quietMs` (at most `maxMs`). */
async function networkQuiet(server, quietMs = 1500, maxMs = 30_000) {
  const total = () => [...server.sent.values()].reduce((n, e) => n + e.requests, 0);
  const start = Date.now();
  let seen = total();
  let since = Date.now();
  while (Date.now() - start < maxMs) {
    await new Promise((ok) => setTimeout(ok, 250));
    const now = total();
    if (now !== seen) {
      seen = now;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) return;
  }
}

/**
 * A first visit of the plain address (the default territory, 200 replications), then `moves`
 * lever moves of each kind: one at a time, each after the previous run is complete (idle);
 * each while the previous run is going (busy); drags of 14 moves (drag). Returns the bytes sent
 * by file, the times to first figures and paint, each kind's [cards], [drawn] times, the link the
 * page wrote in its address.
 */
export async function firstVisit(browser, server, { moves = 5 } = {}) {
  const { context, page, errors } = await newPage(browser);
  try {
    server.resetSent();
    await page.goto(server.url);
    await page.waitForFunction(() => window.__bench.firstFigures !== null, null, { timeout: RUN_TIMEOUT_MS });
    await waitForRun(page);
    // The service worker precaches the rest of the build meanwhile: part of a first visit.
    await networkQuiet(server);
    const transfer = Object.fromEntries([...server.sent].map(([path, e]) => [path, { ...e }]));
    const cold = await page.evaluate(() => ({
      firstFigures: window.__bench.firstFigures,
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
      runDone: window.__bench.progress.find((p) => p.total > 0 && p.done === p.total)?.at ?? null,
      link: location.hash,
    }));
    const baseline = Number(await page.inputValue(LEVER));
    // The moves of tests/e2e/workspace.test.mjs: one at a time, during a run, drags. A kind of
    // move that fails (a timeout on a very busy machine) is reported, and the others kept.
    const latency = {};
    for (const [kind, moved, from] of [['idle', idleMoves, 20], ['busy', busyMoves, 25], ['drag', dragMoves, 100]]) {
      try {
        const times = await moved(page, LEVER, { from: baseline + from, count: moves });
        latency[kind] = { cards: times.map((t) => t[0]), drawn: times.map((t) => t[1]) };
      } catch (error) {
        errors.push(`${kind} moves: ${error.message.split('\n')[0]}`);
      }
    }
    return { transfer, ...cold, latency, errors };
  } finally {
    await context.close();
  }
}

/** `link` (the page's own `#v=…&s=…`) with `replications` and no lever moved. */
export function linkWithReplications(link, replications) {
  const params = new URLSearchParams(link.replace(/^#/, ''));
  const payload = JSON.parse(inflateSync(Buffer.from(params.get('s'), 'base64url')).toString('utf8'));
  payload.replications = replications;
  payload.levers = {};
  payload.openings = [];
  params.set('s', deflateSync(Buffer.from(JSON.stringify(payload))).toString('base64url'));
  return `#${params}`;
}

/**
 * Opens `link` (1,000 replications of the default territory): the baseline's run from the
 * navigation and from its progress first shown; then one lever move and its scenario run of as
 * many replications; the main thread's long tasks during each of the two runs.
 */
export async function thousandReplications(browser, server, link, replications = 1000) {
  const { context, page, errors } = await newPage(browser);
  try {
    await page.goto(server.url + link);
    await waitForRun(page);
    const base = await page.evaluate((n) => {
      const progress = window.__bench.progress.filter((p) => p.total === n);
      return {
        total: progress.at(-1)?.total ?? 0,
        shown: progress[0]?.at ?? null,
        done: progress.find((p) => p.done === n)?.at ?? null,
      };
    }, replications);
    if (base.total !== replications) throw new Error(`the link ran ${base.total} replications, not ${replications}`);
    // Let the page settle (the map's small runs, once the map is scrolled to — not here; in a
    // build from before the lazy map, once the baseline is done — pause while the scenario runs).
    await page.waitForTimeout(1000);
    const value = Number(await page.inputValue(LEVER));
    const at = await moveLever(page, LEVER, value + 20);
    const scenario = await page
      .waitForFunction(
        ({ since, n }) => {
          const frames = window.latencyFrames;
          const before = frames.filter((f) => f.at < since).at(-1)?.run ?? '';
          const done = frames.find(
            (f) => f.at >= since && f.run !== before && f.run !== '' && f.total === 2 * n && f.done === f.total,
          );
          return done ? done.at - since : false;
        },
        { since: at, n: replications },
        { timeout: RUN_TIMEOUT_MS, polling: 100 },
      )
      .then((h) => h.jsonValue());
    const longtasks = (from, to) =>
      page.evaluate(
        ({ from, to }) => {
          const all = window.__bench.longtasks;
          if (all === null) return null;
          const during = all.filter((t) => t.start + t.duration > from && t.start < to).map((t) => t.duration);
          return {
            count: during.length,
            total: during.reduce((a, b) => a + b, 0),
            longest: during.length ? Math.max(...during) : 0,
            blocking: during.reduce((a, b) => a + Math.max(0, b - 50), 0),
          };
        },
        { from, to },
      );
    return {
      baselineFromNavigation: base.done,
      baselineFromShown: base.done - base.shown,
      scenario,
      baselineLongtasks: await longtasks(0, base.done),
      scenarioLongtasks: await longtasks(at, at + scenario),
      errors,
    };
  } finally {
    await context.close();
  }
}

/**
 * « Où agir ? » (issue 13) on the default territory: the plain address, its own run complete,
 * then every lever at `replications` each (the panel's choice). From the click on « Lancer
 * l'analyse » to the first frame showing a ranking (its sentence: after the first round of 10
 * replications of every scenario) and to the first frame where it is complete (all replications
 * back, no longer running), on the page's clock.
 */
export async function whereToAct(browser, server, replications = 200) {
  const { context, page, errors } = await newPage(browser);
  try {
    await page.goto(server.url);
    await waitForRun(page);
    await page.selectOption('#marginal-replications', String(replications));
    await page.evaluate((n) => {
      const m = (window.__bench.marginal = { start: performance.now(), first: null, complete: null });
      document.getElementById('marginal-run').click();
      const frame = () => {
        const now = performance.now();
        if (m.first === null && document.getElementById('marginal-sentence')) m.first = now;
        const panel = document.getElementById('marginal');
        if (panel?.dataset.running === 'false' && Number(panel.dataset.done) === n) m.complete = now;
        else requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    }, replications);
    await page.waitForFunction(() => window.__bench.marginal.complete !== null, null, {
      timeout: RUN_TIMEOUT_MS,
      polling: 500,
    });
    const m = await page.evaluate(() => window.__bench.marginal);
    const levers = await page.$$eval('#marginal .marginal-list li', (els) => els.length);
    return { first: m.first - m.start, complete: m.complete - m.start, levers, errors };
  } finally {
    await context.close();
  }
}
