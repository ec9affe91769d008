// End-to-end tests of the release build (dist/) in Debian's Chromium driven by playwright-core.
// Run by scripts/test.sh after `trunk build --release`; by hand: `node --test tests/e2e/`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkChart,
  figure,
  fixture,
  OUTPUT,
  RUN_TIMEOUT_MS,
  shortRun,
  SUB_PATH,
  waitForRun,
} from './common.mjs';

const f = fixture();

/** A new server of dist/ (at the root, or under `prefix`); resolves to its URL. */
const serve = async (options) => (await f.serve(options)).url;

/** Opens `url` in a fresh context; a worker that closes is a problem too. */
async function open(url) {
  const started = Date.now();
  return { ...(await f.open(url, { workers: true })), started };
}

test('opens on the default scenario, runs it in workers and draws the fan chart', async () => {
  const url = await serve();
  const started = Date.now();
  const { context, page, problems } = await f.open(undefined, { workers: true });
  try {
    // plotters' own text measurement appends a hidden <span> to <body> and reads its size: a
    // forced layout per label (src/plot/canvas.rs measures with the canvas instead). Count them
    // from the start.
    await page.addInitScript(() => {
      window.measuringSpans = 0;
      document.addEventListener('DOMContentLoaded', () =>
        new MutationObserver((records) => {
          for (const r of records) for (const n of r.addedNodes) if (n.nodeName === 'SPAN') window.measuringSpans += 1;
        }).observe(document.body, { childList: true }),
      );
    });
    await page.goto(url);
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
    // Every chart was drawn, in both languages, without a text measured through the page.
    assert.equal(await page.evaluate(() => window.measuringSpans), 0, 'text measured by a <span> in <body>');

    assert.deepEqual([...problems], []); // a copy: closing the page adds to the list
  } finally {
    await context.close();
  }
});

test('works from a sub-path of a static host', async () => {
  const url = await serve({ prefix: SUB_PATH });
  assert.ok(url.endsWith(SUB_PATH));
  // Without the trailing slash; a short run (the default's count is checked above).
  const { context, page, problems } = await open(url.slice(0, -1) + shortRun());
  try {
    assert.equal(new URL(page.url()).pathname, SUB_PATH, `not redirected into the sub-path: ${page.url()}`);
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

// ---- The planner's workspace (issues 4 and 5) ----

/** Waits for the first figures, returns the width of the baseline's 95 % interval then. */
async function firstCiWidth(page) {
  await page.waitForFunction(
    () => Number(document.getElementById('card-without_solution')?.dataset.ciWidth) > 0,
    null,
    { timeout: RUN_TIMEOUT_MS, polling: 20 },
  );
  return Number(await page.getAttribute('#card-without_solution', 'data-ci-width'));
}


test('levers: the CHRS places change the figures and the diagram; bands tighten; keyboard; English', async () => {
  const url = await serve();
  // The default run (200 replications), not a short one: that the interval tightens as the
  // replications arrive is only sure over a long run (over 20 the first width read may come late).
  const { context, page, problems } = await open(url);
  try {
    const first = await firstCiWidth(page);
    await waitForRun(page);
    const last = Number(await page.getAttribute('#card-without_solution', 'data-ci-width'));
    console.log(`# 95 % interval of « sans solution »: ${first} at first paint, ${last} at the end`);
    assert.ok(last < first, `the interval did not tighten: ${first} → ${last}`);
    const baseUnsheltered = figure(await page.textContent('#card-without_solution .kpi-base'));
    const chrsBefore = Number(await page.getAttribute('g.stage[data-stage="chrs"]', 'data-occupancy'));
    assert.match(await page.textContent('#summary-bottleneck'), /Goulot|Pas de goulot/);

    // Keyboard only: Tab reaches every lever, and arrows move it.
    const levers = await page.$$eval('.lever input[type="range"]', (els) => els.map((e) => e.id));
    assert.ok(levers.length >= 8, `levers: ${levers}`);
    await page.focus('#territory');
    const reached = new Set();
    for (let i = 0; i < 250 && reached.size < levers.length; i += 1) {
      await page.keyboard.press('Tab');
      const id = await page.evaluate(() => document.activeElement?.id);
      if (levers.includes(id)) reached.add(id);
    }
    assert.deepEqual([...reached].sort(), [...levers].sort(), 'Tab does not reach every lever');
    await page.focus('#lever-places-chrs');
    const before = await page.inputValue('#lever-places-chrs');
    await page.keyboard.press('ArrowRight');
    assert.notEqual(await page.inputValue('#lever-places-chrs'), before, 'arrow keys do not move the lever');
    await page.keyboard.press('ArrowLeft'); // back to the baseline value: no scenario
    assert.equal(await page.inputValue('#lever-places-chrs'), before);
    await page.waitForSelector('#card-without_solution .kpi-scen', { state: 'detached' });

    // The CHRS places: +300.
    await page.fill('#lever-places-chrs-number', String(Number(before) + 300));
    const moved = Date.now();
    await page.press('#lever-places-chrs-number', 'Enter');
    await page.waitForFunction(
      () => /\d/.test(document.querySelector('#card-without_solution .kpi-scen')?.textContent ?? ''),
      null,
      { timeout: 20_000, polling: 10 },
    );
    const firstMs = Date.now() - moved;
    console.log(`# first scenario figures ${firstMs} ms after the lever moved (a single change runs at once)`);
    // Both runs counted: the baseline's and the scenario's replications.
    await page.waitForFunction(
      () => Number(document.getElementById('run-progress-count').dataset.total) === 400,
      null,
      { timeout: 10_000 },
    );
    await waitForRun(page);
    const scen = figure(await page.textContent('#card-without_solution .kpi-scen'));
    assert.notEqual(scen, baseUnsheltered, 'the headline did not change');
    assert.ok((await page.textContent('#card-without_solution .kpi-diff')).includes('IC 95 %'));
    assert.ok((await page.textContent('#card-without_solution .kpi-verdict')).trim().length > 0);
    const chrsAfter = Number(await page.getAttribute('g.stage[data-stage="chrs"]', 'data-occupancy'));
    assert.ok(chrsAfter > chrsBefore + 50, `diagram: CHRS occupancy ${chrsBefore} → ${chrsAfter}`);
    await checkChart(page);
    await page.screenshot({ path: `${OUTPUT}levers-fr.png`, fullPage: true });

    // English: no French label left on the main screen.
    await page.click('#lang-en');
    const text = await page.evaluate(() => document.body.innerText);
    const french = ['Ménages', 'Leviers', 'Rétablir', 'référence', 'Référence', 'Scénario', 'Territoire',
      'Goulot', 'Délai', 'Interrompre', 'Éditeur', 'réplications', 'places occupées', 'Tout rétablir',
      'Indicateur', 'Structure', 'Ouvertures', 'hiver', 'mois', 'bruit statistique', 'Amélioration'];
    const left = french.filter((w) => text.includes(w));
    assert.deepEqual(left, [], `French left in English mode: ${left}`);
    assert.match(await page.textContent('#card-without_solution .kpi-diff'), /95 % CI/);
    await page.screenshot({ path: `${OUTPUT}levers-en.png`, fullPage: true });

    // Reset all: back to the baseline alone.
    await page.click('#reset-all');
    await page.waitForSelector('#card-without_solution .kpi-scen', { state: 'detached' });
    assert.deepEqual([...problems], []);
  } finally {
    await context.close();
  }
});

test('cancel stops a long run', async () => {
  const url = await serve();
  const { context, page, problems } = await open(url);
  try {
    await page.waitForFunction(() => Number(document.getElementById('run-progress-count')?.dataset.done) > 0);
    await page.click('#cancel-run');
    await page.waitForSelector('#run-cancelled');
    // « Interrompue » alone: no « en cours » beside it.
    assert.equal(await page.$('.run-bar .run-progress-status'), null);
    const done = await page.getAttribute('#run-progress-count', 'data-done');
    assert.ok(Number(done) < 200, `the run had already finished (${done})`);
    await page.waitForTimeout(2000);
    assert.equal(await page.getAttribute('#run-progress-count', 'data-done'), done, 'the run went on');
    assert.ok(await page.isDisabled('#cancel-run'));
    assert.deepEqual([...problems], []);
  } finally {
    await context.close();
  }
});

test('a prepared scenario runs against the baseline; the map opens a département', async () => {
  const url = await serve();
  const { context, page, problems } = await open(url + shortRun());
  try {
    await waitForRun(page);
    await page.click('label[for="variant-chrs-plus"]');
    await page.waitForSelector('#card-without_solution .kpi-scen');
    await waitForRun(page);
    for (const id of ['without_solution', 'blocked_places', 'cost_per_year']) {
      assert.ok((await page.textContent(`#card-${id} .kpi-diff`)).trim().length > 0, `no difference for ${id}`);
      assert.ok((await page.textContent(`#card-${id} .kpi-verdict`)).trim().length > 0, `no verdict for ${id}`);
    }
    await page.screenshot({ path: `${OUTPUT}prepared-scenario-fr.png`, fullPage: true });

    // The map: its figures come from small runs after the main one, once it is scrolled to.
    await page.locator('#map-section').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.getElementById('map-status')?.dataset.done === '8', null, {
      timeout: RUN_TIMEOUT_MS,
    });
    const fills = await page.$$eval('.dept path', (els) => els.map((e) => e.getAttribute('fill')));
    assert.equal(fills.length, 8);
    assert.ok(new Set(fills).size >= 2, `the map is not coloured: ${fills}`);
    await page.screenshot({ path: `${OUTPUT}map-fr.png`, fullPage: true });
    // A prepared scenario is compared: the map asks before it drops it.
    await page.click('#map-81');
    await page.click('#map-confirm-open');
    await page.waitForFunction(() => document.querySelector('.scenario-name')?.textContent.includes('Tarn'));
    assert.equal(await page.inputValue('#territory'), 'tarn');
    assert.equal(await page.$('#card-without_solution .kpi-scen'), null, 'the new baseline runs alone');
    await waitForRun(page);
    assert.ok(figure(await page.textContent('#card-without_solution .kpi-base')) >= 0);
    await page.click('#lang-en');
    await page.screenshot({ path: `${OUTPUT}map-tarn-en.png`, fullPage: true });
    assert.deepEqual([...problems], []);
  } finally {
    await context.close();
  }
});
