// Accessibility on the release build: axe-core (from npm, injected by a CDP evaluation, which the
// page's Content-Security-Policy does not block) finds no violation on the main page, the
// editor, the workshop and each embedded view; the skip link reaches the results; the settings'
// tabs follow the WAI-ARIA pattern; the live region speaks twice a run; a click on the map asks
// before it drops moved levers. Screenshots in tests/e2e/output/a11y-*.png.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, OUTPUT, shortRun, waitForRun } from './common.mjs';

const f = fixture();
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** axe's violations on `page` (or a frame): WCAG 2.x A and AA, best practices, and the visible
 * label in the accessible name (experimental in axe, asked for explicitly). Every `<details>`
 * is opened first, so that the data tables are checked too. */
async function violations(page) {
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
  // A data table is built when its details opens (on its `toggle` event): each open one has its rows.
  await page.waitForFunction(() =>
    [...document.querySelectorAll('details.data-table[open]')].every((d) => d.querySelector('tbody tr')));
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.evaluate(AXE_SOURCE);
  const found = await page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
      rules: { 'label-content-name-mismatch': { enabled: true } },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} — ${n.failureSummary?.split('\n')[1] ?? ''}`),
      count: v.nodes.length,
    }));
  });
  return found;
}

const noViolation = async (page, where) => {
  const found = await violations(page);
  assert.deepEqual(found, [], `${where}: ${JSON.stringify(found, null, 1)}`);
};

test('axe: no violation on the main page (French and English) and in the editor', async () => {
  const server = await f.serve();
  const { page, problems } = await f.tab(server.url + shortRun({ levers: { 'places:chrs': 600 } }));
  await waitForRun(page);
  await page.waitForSelector('#card-without_solution .kpi-scen');
  // Closed, a data table is its summary only; a click on it builds the rows.
  const rows = (id) => page.locator(`#${id} tr`).count();
  for (const id of ['unsheltered-data', 'tth-data', 'cohort-data', 'survival-data', 'diagram-data']) {
    assert.equal(await page.locator(`details#${id} > summary`).textContent(), 'Voir les données');
    assert.equal(await rows(id), 0, id);
  }
  await page.click('#unsheltered-data > summary');
  await page.waitForSelector('#unsheltered-data tbody tr');
  assert.match(await page.locator('#unsheltered-data caption').textContent(), /solution/);
  await noViolation(page, 'main page (fr)');
  await page.click('#lang-en');
  await page.waitForSelector('html[lang="en"]');
  await noViolation(page, 'main page (en)');
  await page.click('#tab-1');
  await page.waitForSelector('#editor');
  await page.evaluate(() => document.querySelectorAll('#editor details').forEach((d) => (d.open = true)));
  await noViolation(page, 'editor');
  // The help dialogs' bodies are built when opened, and go when closed.
  const notes = () => page.locator('#sources-dialog .source-note').count();
  assert.equal(await page.locator('#glossary-dialog dl').count(), 0);
  assert.equal(await notes(), 0);
  await page.click('#glossary-open');
  await page.waitForSelector('#glossary-dialog[open] dl.glossary');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'glossary-close');
  await noViolation(page, 'glossary');
  await page.click('#glossary-close');
  await page.waitForSelector('#glossary-dialog:not([open])', { state: 'attached' });
  await page.click('#sources-open');
  await page.waitForSelector('#sources-dialog[open] .source-note');
  assert.ok((await notes()) > 10, `${await notes()} source notes`);
  await noViolation(page, 'sources');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => !document.querySelector('#sources-dialog[open], #sources-dialog .source-note'));
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'sources-open');
  assert.deepEqual(problems, []);
});

test('axe: no violation in the workshop and in each embedded view', async () => {
  const server = await f.serve();
  const { page, problems } = await f.tab(`${server.url}?mode=atelier${shortRun()}`);
  await page.waitForSelector('#workshop');
  await page.waitForFunction(() => {
    const p = document.getElementById('workshop-progress-text');
    return p && p.dataset.total !== '0' && p.dataset.done === p.dataset.total;
  }, null, { timeout: 240_000 });
  await noViolation(page, 'workshop');
  for (const view of ['diagram', 'cards', 'chart', 'simulator']) {
    await page.goto(`${server.url}?embed=${view}${shortRun()}`);
    await waitForRun(page);
    await noViolation(page, `embed ${view}`);
  }
  assert.deepEqual(problems, []);
});

test('the skip link is the first tab stop and moves the focus to the results, the address unchanged', async () => {
  const server = await f.serve();
  const { page, problems } = await f.tab(server.url + shortRun());
  // Once the run is over the address is settled (the page rewrites the link it opened with).
  await waitForRun(page);
  const before = await page.evaluate(() => location.hash);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'skip-link');
  const box = await page.locator('#skip-link').boundingBox();
  assert.ok(box && box.y >= 0 && box.height > 0, 'shown when focused');
  await page.screenshot({ path: `${OUTPUT}a11y-skip-link.png` });
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'results-summary');
  assert.equal(await page.evaluate(() => location.hash), before);
  assert.deepEqual(problems, []);
});

test('the settings tabs: one tab stop, arrows wrap, Home and End', async () => {
  const server = await f.serve();
  const { page, problems } = await f.tab(server.url + shortRun());
  await page.waitForSelector('#tab-0');
  const state = () =>
    page.evaluate(() => ({
      focused: document.activeElement.id,
      selected: [...document.querySelectorAll('[role="tab"]')].filter((t) => t.getAttribute('aria-selected') === 'true').map((t) => t.id),
      stops: [...document.querySelectorAll('[role="tab"]')].filter((t) => t.tabIndex === 0).map((t) => t.id),
    }));
  // The focus moves in the key's handler, the selection once the page has re-rendered: each
  // expected state is awaited (up to 2 s), then asserted.
  const reaches = async (expected) => {
    const deadline = Date.now() + 2000;
    let now = await state();
    while (JSON.stringify(now) !== JSON.stringify(expected) && Date.now() < deadline) {
      await page.waitForTimeout(25);
      now = await state();
    }
    assert.deepEqual(now, expected);
  };
  assert.deepEqual((await state()).stops, ['tab-0']);
  await page.focus('#tab-0');
  await page.keyboard.press('ArrowRight');
  await reaches({ focused: 'tab-1', selected: ['tab-1'], stops: ['tab-1'] });
  await page.waitForSelector('#tabpanel-1 #editor');
  await page.keyboard.press('ArrowRight');
  await reaches({ focused: 'tab-0', selected: ['tab-0'], stops: ['tab-0'] });
  await page.keyboard.press('End');
  await reaches({ focused: 'tab-1', selected: ['tab-1'], stops: ['tab-1'] });
  await page.keyboard.press('Home');
  await reaches({ focused: 'tab-0', selected: ['tab-0'], stops: ['tab-0'] });
  await page.keyboard.press('ArrowLeft');
  assert.equal((await state()).focused, 'tab-1');
  assert.deepEqual(problems, []);
});

test('the live region speaks when a run starts and when it ends, not at each batch', async () => {
  const server = await f.serve();
  const { context, page, problems } = await f.open();
  try {
    // Every text the page's live regions take, from the first render on.
    await page.addInitScript(() => {
      window.announced = [];
      const seen = new Map();
      new MutationObserver(() => {
        document.querySelectorAll('.app [aria-live], .app [role="status"]').forEach((region) => {
          const text = region.textContent.trim();
          if (text && seen.get(region) !== text) window.announced.push(text);
          seen.set(region, text);
        });
      }).observe(document, { subtree: true, childList: true, characterData: true });
    });
    await page.goto(server.url + shortRun());
    await waitForRun(page);
    await page.waitForTimeout(300);
    const texts = await page.evaluate(() => window.announced);
    // The progress bar changed with each batch (20 replications); the announcements did not.
    assert.ok(texts.length >= 1 && texts.length <= 2, JSON.stringify(texts));
    assert.match(texts.at(-1), /Simulation terminée/);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('a click on the map asks before it drops moved levers; without them it opens at once', async () => {
  const server = await f.serve();
  const { page, problems } = await f.tab(server.url + shortRun({ levers: { 'places:chrs': 600 } }));
  await waitForRun(page);
  await page.locator('#map-section').scrollIntoViewIfNeeded();
  await page.click('#map-81');
  await page.waitForSelector('#map-confirm[open]');
  assert.match(await page.textContent('#map-confirm-text'), /Ouvrir Tarn \? Les leviers modifiés/);
  await page.screenshot({ path: `${OUTPUT}a11y-map-confirm.png` });
  await page.click('#map-confirm-cancel');
  assert.equal(await page.inputValue('#territory'), 'haute-garonne');
  assert.ok(await page.$('#card-without_solution .kpi-scen'), 'the scenario is still compared');
  await page.click('#map-81');
  await page.click('#map-confirm-open');
  await page.waitForFunction(() => document.getElementById('territory')?.value === 'tarn');
  // Tarn's baseline alone: nothing to drop, a click opens at once.
  await page.click('#map-09');
  await page.waitForFunction(() => document.getElementById('territory')?.value === 'ariege');
  assert.equal(await page.$('#map-confirm[open]'), null);
  // The keyboard's focus is drawn unlike the territory shown.
  await page.focus('#map-81');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'map-81');
  const look = await page.evaluate(() => {
    const style = (el) => getComputedStyle(el).strokeDasharray;
    return { focused: style(document.getElementById('map-81')), shown: style(document.getElementById('map-09')) };
  });
  assert.notEqual(look.focused, look.shown);
  assert.deepEqual(problems, []);
});
