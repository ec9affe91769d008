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

// Time to first figures after a lever move (tests/e2e/workspace.test.mjs, and the page benchmark
// scripts/bench/page.mjs).

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
          const scen = document.querySelector('#card-unsheltered .kpi-scen');
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
