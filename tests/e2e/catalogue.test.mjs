// End-to-end tests of the scenario catalogue fetched by the page (src/web/catalog.rs): a first
// visit fetches index.json and the territory it shows, nothing else until the map's small runs
// start (once the map is scrolled to); a file chosen later is fetched once; a file that cannot be fetched is named, never a
// blank page. The release build (dist/) served as a static host would (`likeAHost`, counting
// what it sends), service workers blocked so that only the page's own requests are counted —
// but in the test of the offline precache (assets/sw.js), which the first figures come before.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, fixture, OUTPUT, RUN_TIMEOUT_MS, shortRun, waitForRun } from './common.mjs';
import { serveDist } from './server.mjs';

const f = fixture();

async function serveCounting(root = DIST) {
  const server = await serveDist(root, { likeAHost: true });
  f.onCleanup(server.close);
  return server;
}

/** The problems a page recorded, but the warning that its service worker was blocked. */
const problemsOf = (problems) => problems.filter((p) => !p.includes('Service Worker registration blocked'));

/** The catalogue's files the server sent: path in scenarios/ → requests. */
function scenarioRequests(server) {
  return Object.fromEntries(
    [...server.sent]
      .filter(([path]) => path.startsWith('/scenarios/'))
      .map(([path, e]) => [path.slice('/scenarios/'.length), e.requests]),
  );
}

test('a first visit fetches the territory it shows; the map, once scrolled to, and later choices fetch each file once', async () => {
  const server = await serveCounting();
  const { context, page, problems } = await f.open(server.url, { serviceWorkers: 'block' });
  try {
    await page.waitForSelector('h2#unsheltered-title');
    // The page is there before its first run is complete: only the list and its territory.
    assert.deepEqual(scenarioRequests(server), { 'index.json': 1, 'haute-garonne.json': 1 });
    await waitForRun(page);
    // The map is below the fold: its small runs wait for it, nothing more is fetched, no worker of
    // theirs is started, and its status says what they wait for.
    await page.waitForTimeout(1000);
    assert.deepEqual(scenarioRequests(server), { 'index.json': 1, 'haute-garonne.json': 1 });
    const status = await page.$eval('#map-status', (p) => ({ ...p.dataset, text: p.textContent }));
    assert.deepEqual(status, {
      done: '0',
      started: 'false',
      text: "Les départements seront calculés une fois le premier calcul terminé, quand la carte sera à l'écran.",
    });
    assert.equal(await page.evaluate(() => document.documentElement.dataset.busyWorkersMap), undefined, 'no map worker');
    // Scrolled to, the map's small runs fetch the other départements, each once, and colour it.
    await page.locator('#map-section').scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.getElementById('map-status')?.dataset.done === '8', null, {
      timeout: RUN_TIMEOUT_MS,
    });
    const fills = await page.$$eval('.dept path', (els) => els.map((e) => e.getAttribute('fill')));
    assert.ok(new Set(fills).size >= 2, `the map is not coloured: ${fills}`);
    assert.match(await page.textContent('#map-status'), /^Estimations sur 20 réplications par département\.$/);
    const afterMap = scenarioRequests(server);
    for (const file of ['ariege', 'aveyron', 'gers', 'haute-garonne', 'hautes-pyrenees', 'lot', 'tarn', 'tarn-et-garonne']) {
      assert.equal(afterMap[`${file}.json`], 1, `${file}.json: ${JSON.stringify(afterMap)}`);
    }
    assert.ok(!Object.keys(afterMap).some((p) => p.startsWith('variants/')), 'no prepared scenario yet');
    assert.equal(afterMap['midi-pyrenees.json'], undefined, 'the region is not on the map');

    // A prepared scenario: its file, once, even chosen twice.
    await page.click('label[for="variant-chrs-plus"]');
    await page.waitForSelector('#card-without_solution .kpi-scen');
    await page.click('label[for="variant-none"]');
    await page.click('label[for="variant-chrs-plus"]');
    await page.waitForSelector('#card-without_solution .kpi-scen');
    // A territory the map fetched opens with no request; the region is fetched once.
    await page.selectOption('#territory', 'tarn');
    await page.waitForFunction(() => document.querySelector('.scenario-name')?.textContent.includes('Tarn'));
    await page.selectOption('#territory', 'midi-pyrenees');
    await page.waitForFunction(() => document.querySelector('.scenario-name')?.textContent.includes('Midi-Pyrénées'));
    await page.selectOption('#territory', 'tarn');
    await page.selectOption('#territory', 'midi-pyrenees');
    await page.waitForFunction(() => document.querySelector('.scenario-name')?.textContent.includes('Midi-Pyrénées'));
    const later = scenarioRequests(server);
    assert.equal(later['variants/chrs-plus.json'], 1, JSON.stringify(later));
    assert.equal(later['tarn.json'], 1, JSON.stringify(later));
    assert.equal(later['midi-pyrenees.json'], 1, JSON.stringify(later));
    assert.equal(later['index.json'], 1, JSON.stringify(later));
    assert.deepEqual(problemsOf([...problems]), []);
  } finally {
    await context.close();
  }
});

test('with the service worker, a first visit fetches its figures first, then the rest of the catalogue for offline', async () => {
  const server = await serveCounting();
  const { context, page, problems } = await f.open();
  // When the page first shows a baseline figure (assets/pwa.js waits for the same, then for an
  // idle moment, before asking the service worker for the rest of the catalogue).
  await page.addInitScript(() => {
    const shown = () => /\d/.test(document.querySelector('.kpi-base')?.textContent ?? '');
    new MutationObserver(() => {
      if (window.__firstFigures === undefined && shown()) window.__firstFigures = Date.now();
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
  try {
    await page.goto(server.url);
    await page.waitForFunction(() => window.__firstFigures !== undefined, null, { timeout: RUN_TIMEOUT_MS });
    // Every file of the catalogue is fetched in the end (offline.test.mjs: it then opens offline).
    const catalogue = (await readdir(join(DIST, 'scenarios'), { recursive: true }))
      .filter((p) => p.endsWith('.json'))
      .map((p) => p.split('\\').join('/'));
    const deadline = Date.now() + RUN_TIMEOUT_MS;
    while (catalogue.some((file) => !scenarioRequests(server)[file]) && Date.now() < deadline) {
      await page.waitForTimeout(250);
    }
    assert.deepEqual(catalogue.filter((file) => !scenarioRequests(server)[file]), [], 'not fetched');
    const firstFigures = await page.evaluate(() => window.__firstFigures);
    const before = [...server.sent].filter(([, e]) => e.first <= firstFigures);
    const beforeFiles = before.map(([path]) => path).filter((p) => p.startsWith('/scenarios/'));
    assert.deepEqual(beforeFiles.sort(), ['/scenarios/haute-garonne.json', '/scenarios/index.json']);
    // What a first visit downloads before its first figures (body bytes, gzip): issue 14 asks
    // for at most 400 kB; this bound is the page as it is (1,261.6 kB measured on the branch
    // first-visit, the page's and the simulation worker's WebAssembly nearly all of it; 1,420 kB
    // before the search worker had a binary of its own, BENCHMARKS.md) with room for small
    // changes, so that start-up growing back (the catalogue, 240 kB, or the search worker,
    // 320 kB, fetched before the figures) fails here.
    const bytes = before.reduce((n, [, e]) => n + e.bytes, 0);
    const files = before.map(([path, e]) => `${path} ${(e.bytes / 1000).toFixed(1)}`).join(', ');
    console.log(`# first visit, before the first figures: ${(bytes / 1000).toFixed(1)} kB (${files})`);
    assert.ok(bytes < 1_350_000, `${bytes} bytes before the first figures: ${files}`);
    assert.deepEqual([...problems], []);
  } finally {
    await context.close();
  }
});

test('a link and an embedded view fetch only the territory they show', async () => {
  const server = await serveCounting();
  const { context, page, problems } = await f.open(
    `${server.url}?embed=chart${shortRun({ territory: 'lot' })}`,
    { serviceWorkers: 'block' },
  );
  try {
    await waitForRun(page);
    // No map in an embedded view: nothing else, even once the run is complete.
    await page.waitForTimeout(1000);
    assert.deepEqual(scenarioRequests(server), { 'index.json': 1, 'lot.json': 1 });
    assert.deepEqual(problemsOf([...problems]), []);
  } finally {
    await context.close();
  }
});

test('a file that cannot be fetched is named: at start-up instead of the page, later beside it', async () => {
  const dir = f.temporary(await mkdtemp(join(tmpdir(), 'parcours-dist-')));
  await cp(DIST, dir, { recursive: true });
  await rm(join(dir, 'scenarios', 'tarn.json'));
  const server = await serveCounting(dir);
  // A link to Tarn opens all the same: it carries its baseline.
  const linked = await f.open(`${server.url}${shortRun({ territory: 'tarn' })}`, { serviceWorkers: 'block' });
  try {
    await waitForRun(linked.page);
    assert.match(await linked.page.textContent('.scenario-name'), /Tarn/);
  } finally {
    await linked.context.close();
  }
  const { context, page } = await f.open(server.url, { serviceWorkers: 'block' });
  try {
    await waitForRun(page);
    await page.selectOption('#territory', 'tarn');
    await page.waitForSelector('.notice-error');
    assert.match(
      await page.textContent('.notice-error'),
      /Le fichier tarn\.json n'a pas pu être chargé \(HTTP 404\)/,
    );
    assert.match(await page.textContent('.scenario-name'), /Haute-Garonne/, 'the page stays');
    await rm(join(dir, 'scenarios', 'haute-garonne.json'));
    // The plain address (the page wrote a link, which would open without the file).
    await page.goto('about:blank');
    await page.goto(server.url);
    await page.waitForSelector('#catalog-error');
    assert.match(await page.textContent('#catalog-error'), /haute-garonne\.json.*HTTP 404/);
    await page.screenshot({ path: `${OUTPUT}catalogue-error.png` });
  } finally {
    await context.close();
  }
});
