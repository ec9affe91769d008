// End-to-end tests of sharing (release build, served under a sub-path): a link reopens the same
// figures in a fresh browser; a real format-1 link opens through its migration; a damaged link
// says what is wrong; the library survives a reload and reports a corrupted entry; the JSON
// export imports back to the same figures. `node --test tests/e2e/share.test.mjs`.

import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fixture, linkOf, OUTPUT, ROOT, shippedBaseline, shortRun, SUB_PATH, waitForRun } from './common.mjs';

const V1_FIXTURE = new URL('tests/fixtures/links/v1-haute-garonne-chrs-600.txt', ROOT);

const f = fixture();
let server;
// Headline cards of Haute-Garonne with 600 CHRS places (seed 42, 200 replications): the first
// test opens the page without a link, so with the default count, which is also the count a
// format-1 link (it had none) opens with; the second compares its figures with these.
let chrs600Cards;

before(async () => {
  server = await f.serve({ prefix: SUB_PATH });
});

/** A fresh context (no storage shared with any other; downloads allowed) and a page there. */
const open = (url) => f.open(url, { acceptDownloads: true });

/** Opens `url` in `page` instead of what it shows: requests of the page left (its workers
 * loading their WebAssembly) are aborted on purpose, and are not problems. */
async function reopen(page, problems, url) {
  await page.goto('about:blank');
  const kept = problems.filter((p) => !p.includes('net::ERR_ABORTED'));
  problems.splice(0, problems.length, ...kept);
  await page.goto(url);
}

/** The headline cards as the user reads them (every figure, interval and verdict). */
const cards = (page) => page.innerText('section.kpis');

/** Waits for the address to hold a link other than `previous`, and returns it. */
async function nextLink(page, previous = '') {
  await page.waitForFunction((p) => location.hash.startsWith('#v=2&s=') && location.hash !== p, previous, {
    polling: 100,
  });
  return page.evaluate(() => location.href);
}

async function moveChrsTo600(page) {
  // Typed and committed in one step: a re-render between `fill` and `Enter` (a batch of the run
  // arriving) puts the field's shown value back, and the typed one would be lost.
  await page.evaluate(() => {
    const input = document.getElementById('lever-places-chrs-number');
    input.value = '600';
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await page.waitForSelector('#card-without_solution .kpi-scen');
  await waitForRun(page);
}

test('a link reopens the same scenario and the same figures in a fresh browser', async () => {
  const { context, page, problems } = await open(`${server.url}?lang=fr`);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
  await waitForRun(page);
  const first = await nextLink(page);
  assert.match(first, /\/sub\/parcours\/\?lang=fr#v=2&s=/, 'the view stays in the query, the state in the fragment');
  await moveChrsTo600(page);
  const link = await nextLink(page, new URL(first).hash);
  chrs600Cards = await cards(page);
  assert.match(chrs600Cards, /Scénario/);

  await page.click('#copy-link');
  await page.waitForSelector('#share-status');
  assert.match(await page.textContent('#share-status'), /Lien copié/);
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), link);
  console.log(`link length: ${new URL(link).hash.length} characters`);

  const fresh = await open(link);
  await fresh.page.waitForSelector('#card-without_solution .kpi-scen');
  await waitForRun(fresh.page);
  assert.equal(await cards(fresh.page), chrs600Cards, 'another browser shows other figures');
  assert.equal(await fresh.page.inputValue('#lever-places-chrs'), '600');
  assert.equal(await fresh.page.inputValue('#territory'), 'haute-garonne');
  assert.equal(await fresh.page.$('#notices'), null, 'a link of this version needs no notice');
  await fresh.page.screenshot({ path: join(OUTPUT, 'share-link-opened.png') });
  assert.deepEqual([...problems, ...fresh.problems], []);
  await fresh.context.close();
  await context.close();
});

test('a real format-1 link opens through its migration and says so', async () => {
  const fragment = (await readFile(V1_FIXTURE, 'utf8')).trim();
  assert.match(fragment, /^#v=1&s=/);
  const { context, page, problems } = await open(`${server.url}${fragment}`);
  await page.waitForSelector('#notices .notice');
  const notice = await page.textContent('#notices');
  assert.match(notice, /format 1/);
  assert.match(notice, /inclus dans le réseau comparé/);
  // The link carries the baseline shipped when it was made (every place full and unblocked at
  // day 0); today's file starts from the territory's run-in state (issue 10): the link's is used,
  // to give the figures it gave then, and the page says so.
  assert.match(notice, /La référence de ce lien diffère du fichier livré/);
  await page.waitForSelector('#card-without_solution .kpi-scen');
  await waitForRun(page);
  // The old link's scenario is CHRS at 600 places on its own baseline: not today's figures.
  if (chrs600Cards) assert.notEqual(await cards(page), chrs600Cards);
  // Once opened, the address holds the link in the current format.
  await nextLink(page, fragment);
  await page.screenshot({ path: join(OUTPUT, 'share-migration-notice.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test('a damaged or foreign link says what is wrong and the default opens', async () => {
  const good = (await readFile(V1_FIXTURE, 'utf8')).trim();
  const cases = [
    [`#v=2&s=${'A'.repeat(40)}`, /décompression impossible/],
    [good.slice(0, 400), /tronqué/],
    ['#v=7&s=abc', /version de lien inconnue « 7 »/],
    ['#v=2&s=a$b', /base64url/],
    ['#chapitre-2', /pas de lien Parcours/],
  ];
  const { context, page, problems } = await open(`${server.url}${cases[0][0]}`);
  for (const [i, [fragment, message]] of cases.entries()) {
    if (i > 0) await reopen(page, problems, `${server.url}${fragment}`);
    await page.waitForSelector('#notices .notice-error');
    assert.match(await page.textContent('#notices'), message, fragment);
    assert.match(await page.textContent('#notices'), /Lien illisible/);
    assert.equal(await page.inputValue('#territory'), 'haute-garonne');
    assert.match(await page.textContent('.meta'), /Référence seule/);
  }
  await waitForRun(page);
  // A link pasted into the address bar of the open page opens (no reload: a `hashchange`).
  await page.evaluate((f) => {
    location.hash = f;
  }, good);
  await page.waitForSelector('#notices .notice:not(.notice-error)');
  assert.match(await page.textContent('#notices'), /format 1/);
  await page.waitForSelector('#card-without_solution .kpi-scen');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a link’s own baseline, seed and replication count are used; an invalid one names its field', async () => {
  const baseline = shippedBaseline('haute-garonne');
  baseline.stages.find((s) => s.id === 'chrs').places = 500; // not the shipped file any more
  const state = { territory: 'haute-garonne', variant: null, baseline, levers: {}, openings: [], seed: 7, replications: 40 };
  const { context, page, problems } = await open(`${server.url}${linkOf(state)}`);
  await page.waitForSelector('#notices .notice');
  assert.match(await page.textContent('#notices'), /diffère du fichier livré/);
  await waitForRun(page);
  assert.equal(await page.getAttribute('#run-progress-count', 'data-total'), '40');
  assert.match(await page.textContent('.meta'), /graine 7/);
  assert.equal(await page.inputValue('#lever-places-chrs'), '500', 'the levers read the link’s baseline');

  baseline.horizon_months = -1;
  await reopen(page, problems, `${server.url}${linkOf(state)}`);
  await page.waitForSelector('#notices .notice-error');
  assert.match(await page.textContent('#notices'), /baseline\.horizon_months/);
  assert.equal(await page.inputValue('#lever-places-chrs'), '451', 'the default opens');
  await waitForRun(page);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the library survives a reload, reports a corrupted entry, and the JSON export imports back', async () => {
  const { context, page, problems } = await open(server.url + shortRun());
  await waitForRun(page);
  await moveChrsTo600(page);
  const scenarioCards = await cards(page);
  await page.click('#library summary');
  await page.fill('#library-name', 'Plus de CHRS');
  await page.click('#library-save');
  await page.waitForSelector('.library-entry[data-name="Plus de CHRS"]');
  assert.match(await page.textContent('#share-status'), /Enregistré dans la bibliothèque/);
  // The same name again: asked before replacing.
  await page.click('#library-save');
  await page.waitForSelector('#library-replace');
  await page.click('#library-replace-yes');
  await page.waitForSelector('#library-replace', { state: 'detached' });
  assert.equal(await page.locator('.library-entry:not(.unreadable)').count(), 1);

  // Someone else's (or a damaged) entry under the library's prefix.
  await page.evaluate(() => localStorage.setItem('parcours.library.zz-broken', '{"kind": oops'));
  await page.reload();
  await page.click('#library summary');
  await page.waitForSelector('.library-entry.unreadable');
  assert.match(await page.textContent('.library-entry.unreadable'), /Entrée illisible : JSON invalide, ligne 1/);
  const [raw] = await Promise.all([page.waitForEvent('download'), page.click('.library-export-raw')]);
  assert.equal(await readFile(await raw.path(), 'utf8'), '{"kind": oops');
  await page.screenshot({ path: join(OUTPUT, 'share-library.png') });

  // Back to the baseline, then the saved entry opens the scenario again.
  await page.click('#reset-all');
  await page.waitForSelector('#card-without_solution .kpi-scen', { state: 'detached' });
  await page.click('.library-entry[data-name="Plus de CHRS"] .library-open');
  await page.waitForSelector('#card-without_solution .kpi-scen');
  await waitForRun(page);
  assert.equal(await page.inputValue('#lever-places-chrs'), '600');
  assert.equal(await cards(page), scenarioCards);
  // The entry opened in a new history entry: Back shows the scenario shown before (the baseline).
  await page.goBack();
  await page.waitForSelector('#card-without_solution .kpi-scen', { state: 'detached' });
  assert.equal(await page.inputValue('#lever-places-chrs'), '451');
  await page.goForward();
  await page.waitForSelector('#card-without_solution .kpi-scen');
  await waitForRun(page);
  assert.equal(await cards(page), scenarioCards);

  // Export the scenario that runs, forget it, import the file: the same figures.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-scenario')]);
  assert.equal(download.suggestedFilename(), 'parcours-haute-garonne-scenario.json');
  const file = await download.path();
  const exported = JSON.parse(await readFile(file, 'utf8'));
  assert.equal(exported.format_version, 1);
  assert.equal(exported.stages.find((s) => s.id === 'chrs').places, 600);
  await page.click('#reset-all');
  await page.waitForSelector('#card-without_solution .kpi-scen', { state: 'detached' });
  // An invalid file changes nothing and names the field.
  const bad = { ...exported, horizon_months: -3 };
  await page.setInputFiles('#import-scenario', {
    name: 'bad.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(bad)),
  });
  await page.waitForSelector('#share-status.error');
  assert.match(await page.textContent('#share-status'), /horizon_months/);
  assert.equal(await page.$('#card-without_solution .kpi-scen'), null);
  await page.setInputFiles('#import-scenario', file);
  await page.waitForSelector('#card-without_solution .kpi-scen');
  await waitForRun(page);
  assert.match(await page.textContent('#notices'), /Scénario importé/);
  assert.equal(await cards(page), scenarioCards);
  assert.deepEqual(problems, []);
  await context.close();
});
