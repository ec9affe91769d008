// End-to-end tests of the offline web app (issue 6: "after one visit, the app reloads and runs
// with the network cut"): the service worker (assets/sw.js, precache list written at build time
// by scripts/pwa-precache.mjs), the manifest, and the « nouvelle version » notice (assets/pwa.js).
// Like app.test.mjs: the release build (dist/) served on 127.0.0.1 — a secure context, as service
// workers require — under a sub-path, in Debian's Chromium driven by playwright-core.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import {
  checkChart,
  CHROMIUM,
  CHROMIUM_ARGS,
  DIST,
  fixture,
  OUTPUT,
  PAGE_OPTIONS,
  recordHttpErrors,
  recordProblems,
  shortRun,
  SHORT_REPLICATIONS,
  SUB_PATH,
  waitForRun,
} from './common.mjs';

const f = fixture();

/** A copy of dist/ that a test may change (a "new build"). */
async function distCopy() {
  const dir = f.temporary(await mkdtemp(join(tmpdir(), 'parcours-dist-')));
  await cp(DIST, dir, { recursive: true });
  return dir;
}

/** Waits until the service worker is active and controls the page; returns the app's caches. */
async function waitForServiceWorker(page) {
  // (Not `await navigator.serviceWorker.ready`: it never settles if the install fails.)
  await page.waitForFunction(() => navigator.serviceWorker.controller?.state === 'activated', null, {
    timeout: 120_000,
  });
  return page.evaluate(() => caches.keys());
}

/**
 * Waits until the service worker has every file of the scenario catalogue in its cache: at
 * install it fetches the app's shell only, the rest once the page has shown its first figures
 * (assets/pwa.js asks, sw.js's 'PRECACHE_REST').
 */
async function waitForCatalogue(page) {
  const files = (await readdir(join(DIST, 'scenarios'), { recursive: true }))
    .filter((p) => p.endsWith('.json'))
    .map((p) => `${SUB_PATH}scenarios/${p.split('\\').join('/')}`);
  const missing = () =>
    page.evaluate(async (expected) => {
      const [name] = await caches.keys();
      const cached = name ? (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname) : [];
      return expected.filter((p) => !cached.includes(p));
    }, files);
  const deadline = Date.now() + 120_000;
  while ((await missing()).length > 0 && Date.now() < deadline) await page.waitForTimeout(250);
  assert.deepEqual(await missing(), [], 'catalogue files not precached');
}

/** The version the controlling service worker serves (it answers a 'VERSION' message). */
function servedVersion(page) {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = (event) => resolve(event.data.version);
        navigator.serviceWorker.controller.postMessage({ type: 'VERSION' }, [channel.port2]);
      }),
  );
}

/** Reloading closes the previous page's workers; only what happens afterwards counts. */
async function reload(page, problems) {
  await page.reload();
  problems.length = 0;
}

test('installable: the manifest, its icons and a service worker with the whole build precached (the catalogue after the first figures)', async () => {
  const server = await f.serve({ prefix: SUB_PATH });
  // A profile on disk: Chromium never offers to install from an incognito-like context.
  const profile = f.temporary(await mkdtemp(join(tmpdir(), 'parcours-profile-')));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
    ...PAGE_OPTIONS,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const problems = recordHttpErrors(page, recordProblems(page, []));
  try {
    await page.goto(server.url + shortRun());
    const names = await waitForServiceWorker(page);
    await waitForCatalogue(page);
    assert.equal(names.length, 1, `caches: ${names}`);
    assert.match(names[0], new RegExp(`^parcours:${SUB_PATH}:[0-9a-f]{16}$`));
    // Every file of the build is in the cache, under the sub-path.
    const cached = await page.evaluate(async (name) => {
      const cache = await caches.open(name);
      return (await cache.keys()).map((r) => new URL(r.url).pathname);
    }, names[0]);
    const catalogue = ['scenarios/index.json', 'scenarios/tarn.json', 'scenarios/midi-pyrenees.json', 'scenarios/variants/chrs-plus.json'];
    for (const file of ['index.html', 'parcours-worker.js', 'parcours-worker_bg.wasm', 'parcours-search.js', 'parcours-search_bg.wasm', 'manifest.webmanifest', 'icons/icon-512.png', ...catalogue]) {
      assert.ok(cached.includes(SUB_PATH + file), `${file} not precached: ${cached}`);
    }
    assert.ok(cached.some((p) => /parcours-app-[0-9a-f]+_bg\.wasm$/.test(p)), `app wasm not precached: ${cached}`);
    assert.ok(!cached.includes(SUB_PATH + 'sw.js'), 'sw.js must not precache itself');

    // What Chromium needs to offer installation.
    const cdp = await context.newCDPSession(page);
    const manifest = await cdp.send('Page.getAppManifest');
    assert.ok(manifest.url.endsWith(`${SUB_PATH}manifest.webmanifest`), manifest.url);
    assert.deepEqual(manifest.errors, []);
    const parsed = JSON.parse(manifest.data);
    assert.equal(parsed.short_name, 'Parcours');
    assert.equal(parsed.lang, 'fr');
    const installability = await cdp.send('Page.getInstallabilityErrors');
    assert.deepEqual(installability.installabilityErrors, []);
    await waitForRun(page);
    assert.deepEqual([...problems], []);
  } finally {
    await context.close();
  }
});

test('after one visit, the app reloads and runs with the network cut (service worker)', async () => {
  const server = await f.serve({ prefix: SUB_PATH });
  const { context, page, problems } = await f.open(server.url + shortRun());
  try {
    await waitForServiceWorker(page);
    await waitForRun(page);
    await waitForCatalogue(page);
    assert.deepEqual([...problems], []);

    // The network is cut: the browser is offline and the site itself is gone.
    await server.close();
    await context.setOffline(true);
    await assert.rejects(fetch(server.url), 'the server should be stopped');
    const started = Date.now();
    await reload(page, problems);
    assert.equal(await page.evaluate(() => navigator.onLine), false);
    assert.equal(
      (await page.textContent('h2#unsheltered-title')).trim(),
      "Ménages sans solution d'hébergement",
    );
    await waitForRun(page); // the link's short run: reloading keeps the address
    assert.equal(
      (await page.textContent('#run-progress-count')).trim(),
      `${SHORT_REPLICATIONS} / ${SHORT_REPLICATIONS} réplications`,
    );
    assert.ok(page.workers().length >= 1, 'no Web Worker was started offline');
    await checkChart(page);
    await page.screenshot({ path: `${OUTPUT}offline.png`, fullPage: true });
    console.log(`# offline: ${SHORT_REPLICATIONS} replications in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    assert.deepEqual([...problems], []);

    // Another territory and a prepared scenario, never opened with network: precached too.
    await page.click('label[for="variant-chrs-plus"]');
    await page.waitForSelector('#card-without_solution .kpi-scen');
    await page.selectOption('#territory', 'tarn');
    await page.waitForFunction(() => document.querySelector('.scenario-name')?.textContent.includes('Tarn'));
    assert.equal(await page.$('.notice-error'), null);
    assert.deepEqual([...problems], []);

    // A new tab, offline too (the facilitator reopens the app): served from the cache as well.
    const second = await context.newPage();
    second.on('pageerror', (e) => problems.push(`page error (new tab): ${e.message}`));
    await second.goto(server.url);
    assert.equal(await second.getAttribute('html', 'lang'), 'fr');
    await second.waitForSelector('#run-progress-count');
    assert.deepEqual([...problems], []);
  } finally {
    await context.close();
  }
});

test('a new build is picked up when the network is back, announced, and installed on request', async () => {
  const dir = await distCopy();
  const first = await f.serve({ root: dir, prefix: SUB_PATH });
  const { context, page, problems } = await f.open(first.url + shortRun());
  try {
    const [oldCache] = await waitForServiceWorker(page);
    const oldVersion = await servedVersion(page);
    assert.ok(oldCache.endsWith(oldVersion));
    assert.equal(await page.$('#pwa-update'), null, 'no notice on the first visit');

    // Offline meanwhile, the site is redeployed: a new page and a new sw.js (as a build writes).
    await first.close();
    await context.setOffline(true);
    await reload(page, problems);
    await page.waitForSelector('#run-progress-count');
    const newVersion = (oldVersion.startsWith('beef') ? 'cafe' : 'beef') + oldVersion.slice(4);
    const sw = await readFile(join(dir, 'sw.js'), 'utf8');
    assert.ok(sw.includes(`const VERSION = '${oldVersion}';`));
    await writeFile(join(dir, 'sw.js'), sw.replace(`const VERSION = '${oldVersion}';`, `const VERSION = '${newVersion}';`));
    const index = await readFile(join(dir, 'index.html'), 'utf8');
    await writeFile(join(dir, 'index.html'), index.replace('<head>', '<head>\n<meta name="parcours-build" content="next" />'));

    // The network is back: the page finds the new version and says so, in French.
    const second = await f.serve({ root: dir, prefix: SUB_PATH, port: first.port });
    assert.equal(second.url, first.url);
    await context.setOffline(false);
    await page.waitForSelector('#pwa-update', { timeout: 60_000 });
    assert.equal((await page.textContent('#pwa-update span')).trim(), 'Nouvelle version de Parcours disponible.');
    assert.equal((await page.textContent('#pwa-update-reload')).trim(), 'Recharger');
    await page.screenshot({ path: `${OUTPUT}update-notice.png` });
    // Until asked, the old version keeps running and its cache stays.
    assert.equal(await servedVersion(page), oldVersion);
    assert.equal(await page.$('meta[name="parcours-build"]'), null);

    // English follows the page's language switch.
    await page.click('#lang-en');
    assert.equal((await page.textContent('#pwa-update-reload')).trim(), 'Reload');

    // « Recharger »: the new version takes over, the page reloads on it, the old cache is gone.
    await Promise.all([page.waitForEvent('load'), page.click('#pwa-update-reload')]);
    problems.length = 0;
    await page.waitForSelector('meta[name="parcours-build"][content="next"]', { state: 'attached' });
    assert.equal(await servedVersion(page), newVersion);
    assert.deepEqual(await page.evaluate(() => caches.keys()), [`parcours:${SUB_PATH}:${newVersion}`]);
    assert.equal(await page.$('#pwa-update'), null, 'the notice is gone after the update');
    await waitForRun(page);
    await checkChart(page);
    assert.deepEqual([...problems], []);
  } finally {
    await context.close();
  }
});
