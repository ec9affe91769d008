// « Où agir ? » (issue 13): on Haute-Garonne, with 20 replications per lever, the panel ranks
// every lever with its interval and cost, says which is best, and the best's button applies its
// step to the levers, which makes a scenario the cards compare. The analysis runs in its own
// workers: progressive (a first ranking from the fluid model within a fraction of a second, then
// the simulation's after the first round of 10), cancellable (the cancel stops it within 200 ms
// on the page's clock, and a new analysis then starts at once: runtime.test.mjs, whose tests
// time the page alone).
// Screenshots: /work/shots/decision-*.png (and tests/e2e/output/), French and English.
//
// The question asked travels (issue 13, « Links, the library, the printable report and the
// workshop carry the analysis »): the link written after a run holds it, and opened in a fresh
// browser it shows the same ranking without a click (the analysis is deterministic for a seed);
// a library entry too; the printable report has its section, the workshop its screen (key 0).
//
// Expected: the reserved social-housing allocations bind in Haute-Garonne (answers.test.mjs,
// the engine's binding test), so +2 of them a month rank first, far ahead of any +10 places
// (parcours marginal on the same file: −6 700 household-days a year against −2 400 for the
// next, intervals apart).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { analysisOf, canvasPixels, figure, fixture, OUTPUT, shortRun, waitForRun, RUN_TIMEOUT_MS, SHORT_MARGINAL } from './common.mjs';

const f = fixture();
const SHOTS = process.env.PARCOURS_SHOTS ?? '/work/shots';

const levers = (page) =>
  page.$$eval('#marginal .marginal-list li', (els) => els.map((e) => ({ id: e.dataset.lever, verdict: e.dataset.verdict })));

async function shot(page, name) {
  await mkdir(SHOTS, { recursive: true }).catch(() => {});
  for (const dir of [OUTPUT, SHOTS]) {
    await page.locator('#marginal').screenshot({ path: `${dir}/decision-${name}.png` }).catch(() => {});
  }
  // The chart and the sentence alone, as one reads them.
  await page.locator('#marginal .marginal-chart').screenshot({ path: `${SHOTS}/decision-chart-${name}.png` }).catch(() => {});
}

test('Où agir ? ranks the levers of Haute-Garonne and applies the best one', async () => {
  const { url } = await f.serve();
  const { page, problems } = await f.tab(url + shortRun({ territory: 'haute-garonne', replications: 20 }));
  await waitForRun(page);
  await page.selectOption('#marginal-replications', '20');
  // The rankings the panel shows, in order: the fluid model's first, then the simulation's.
  await page.evaluate(() => {
    const panel = document.getElementById('marginal');
    window.rankings = [panel.dataset.ranking];
    new MutationObserver(() => {
      if (window.rankings.at(-1) !== panel.dataset.ranking) window.rankings.push(panel.dataset.ranking);
    }).observe(panel, { attributes: true, attributeFilter: ['data-ranking'] });
  });
  await page.click('#marginal-run');
  // Cancellable while it runs, and a first ranking comes before the end: the fluid model's
  // (allocations first there too, crates/core/src/marginal/tests.rs), then the simulation's.
  await page.waitForSelector('#marginal-cancel');
  await page.waitForSelector('#marginal[data-ranking="fluid"]', { timeout: RUN_TIMEOUT_MS });
  const fluid = await page.textContent('#marginal-fluid');
  assert.match(fluid, /^Premier classement, par l'approximation fluide \(sans intervalle\), sur « .+ » : 1\. Attributions/);
  // The page's columns scroll on their own: the progress's hidden live region, absolutely
  // placed, must not lengthen the document under them (a blank band once scrolled).
  const { documentHeight, viewport } = await page.evaluate(() => ({
    documentHeight: document.documentElement.scrollHeight,
    viewport: innerHeight,
  }));
  assert.ok(documentHeight <= viewport, `the document is ${documentHeight} px high in a ${viewport} px window`);
  await shot(page, 'fluid-fr-1366');
  await page.waitForSelector('#marginal-sentence', { timeout: RUN_TIMEOUT_MS });
  await page.waitForSelector('#marginal[data-running="false"]', { timeout: RUN_TIMEOUT_MS });
  assert.equal(await page.getAttribute('#marginal', 'data-done'), '20');
  assert.deepEqual(await page.evaluate(() => window.rankings), ['none', 'fluid', 'simulation']);
  const ranked = await levers(page);
  assert.ok(ranked.length >= 8, JSON.stringify(ranked));
  assert.equal(ranked[0].id, 'lever-alloc-hlm', JSON.stringify(ranked));
  assert.equal(ranked[0].verdict, 'improvement');
  const sentence = await page.textContent('#marginal-sentence');
  assert.match(sentence, /^Le levier le plus utile est « Attributions/);
  assert.match(sentence, /Il devance nettement le deuxième/);
  // The chart is drawn: a canvas of a fair size with the bars' blue.
  const px = await canvasPixels(page, 'marginal-chart');
  assert.ok(px.width > 300 && px.height > 300 && px.blue > 500, JSON.stringify(px));
  await shot(page, 'fr-1366');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.waitForTimeout(300);
  await shot(page, 'fr-1920');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  await shot(page, 'fr-390');
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.click('#lang-en');
  await page.waitForFunction(() => /^The most useful lever is/.test(document.getElementById('marginal-sentence')?.textContent ?? ''));
  await shot(page, 'en-1366');
  await page.click('#lang-fr');

  // Apply the best: the lever moves by its step (44,2 → 46,2 a month), the scenario runs
  // against the baseline, and the ranking is said to be the previous scenario's.
  const before = figure(await page.inputValue('#lever-alloc-hlm-number'));
  await page.click('#marginal li[data-lever="lever-alloc-hlm"] .marginal-apply');
  await page.waitForFunction((b) => {
    const v = document.getElementById('lever-alloc-hlm-number')?.value ?? '';
    return Math.abs(Number(v.replace(',', '.')) - (b + 2)) < 1e-9;
  }, before);
  await page.waitForSelector('#marginal-stale');
  // The compact cards show the difference with their details.
  await page.click('#cards-details');
  await page.waitForSelector('#card-household_days_without_solution_per_year .kpi-diff');
  await waitForRun(page);
  const diff = await page.textContent('#card-household_days_without_solution_per_year .kpi-diff');
  assert.ok(figure(diff.trim().split(' ')[0]) < 0, diff);
  await page.locator('#card-household_days_without_solution_per_year').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/decision-applied-1366.png` }).catch(() => {});
  assert.deepEqual(problems, []);
});

/** The report at 1366 × 768, scrolled to its « Où agir ? » section (below the sticky toolbar). */
async function reportShot(page, lang) {
  await page.evaluate(() => {
    const overlay = document.getElementById('report');
    const section = document.getElementById('report-analysis-marginal');
    const toolbar = overlay.querySelector('.report-toolbar');
    overlay.scrollTop += section.getBoundingClientRect().top - toolbar.getBoundingClientRect().bottom - 8;
  });
  await page.waitForTimeout(200);
  for (const dir of [OUTPUT, SHOTS]) {
    await page.screenshot({ path: `${dir}/carry-report-${lang}-1366.png` }).catch(() => {});
  }
}

/** Waits until « Où agir ? » has ranked `n` replications of every lever, and its sentence. */
async function ranked(page, selector = '#marginal', n = 20) {
  await page.waitForSelector(`${selector}[data-running="false"][data-done="${n}"]`, { timeout: RUN_TIMEOUT_MS });
}

test('the analysis travels: link in a fresh browser, library entry, report section, workshop screen', async () => {
  const { url } = await f.serve();
  const plain = url + shortRun({ territory: 'haute-garonne', replications: 20 });
  const { context, page, problems } = await f.open(plain);
  await waitForRun(page);
  assert.equal(await analysisOf(page), undefined, 'no analysis asked: the link holds none');
  await page.selectOption('#marginal-replications', '20');
  await page.selectOption('#marginal-rank-by', 'cost');
  await page.click('#marginal-run');
  await ranked(page);
  const sentence = await page.textContent('#marginal-sentence');
  const order = await levers(page);
  await page.waitForFunction(() => location.hash.length > 0);
  await page.waitForTimeout(500);
  assert.deepEqual(await analysisOf(page), { ...SHORT_MARGINAL, rank_by: 'cost' });
  const link = await page.evaluate(() => location.hash);

  // The printable report: the question and the answer.
  await page.evaluate(() => { window.print = () => {}; });
  await page.click('#open-report');
  const section = page.locator('#report-analysis-marginal');
  await section.waitFor();
  const text = await section.textContent();
  assert.ok(text.includes(sentence), text);
  assert.match(text, /Question posée/);
  assert.match(text, /effet pour 100 k€ par an/);
  assert.equal(await section.locator('tbody tr').count(), order.length);
  assert.match(await section.locator('tbody tr').first().textContent(), /IC 95 %/);
  await reportShot(page, 'fr');
  await page.click('#report-close');
  await page.click('#lang-en');
  await page.click('#open-report');
  await section.waitFor();
  assert.match(await section.textContent(), /Question asked[\s\S]*The most useful lever is/);
  await reportShot(page, 'en');
  await page.click('#report-close');
  await page.click('#lang-fr');

  // Saved in the library; a fresh page opens the entry and ranks again, unasked.
  await page.click('#library summary');
  await page.fill('#library-name', 'Où agir HG');
  await page.click('#library-save');
  await page.waitForSelector('.library-entry[data-name="Où agir HG"]');
  // A new page load (not a hash change) of the plain link: nothing ranked.
  await page.goto('about:blank');
  await page.goto(plain);
  await waitForRun(page);
  assert.equal(await page.$('#marginal-sentence'), null);
  await page.click('#library summary');
  await page.click('.library-entry[data-name="Où agir HG"] .library-open');
  await ranked(page);
  assert.equal(await page.textContent('#marginal-sentence'), sentence);
  assert.deepEqual(await levers(page), order);
  assert.deepEqual([...problems], []);
  await context.close();

  // A fresh browser (a context of its own) opened on the link, in the workshop view (the query
  // holds the view, the fragment the state): the same choices and the same ranking, without a
  // click, in the page's panel (under the workshop); then the workshop's « Où agir ? » screen
  // (key 0), French and English, 1366 × 768 and 1920 × 1080: one page a language, opened at the
  // first size and then resized (the chart is drawn again at its new size), so that the
  // analysis runs once a language.
  for (const lang of ['fr', 'en']) {
    const ws = await f.open(`${url}?lang=${lang}&mode=atelier${link}`, { viewport: { width: 1366, height: 768 } });
    await ws.page.waitForSelector('#workshop');
    await ranked(ws.page);
    assert.equal(await ws.page.inputValue('#marginal-rank-by'), 'cost');
    assert.equal(await ws.page.inputValue('#marginal-replications'), '20');
    if (lang === 'fr') assert.equal(await ws.page.textContent('#marginal-sentence'), sentence);
    assert.deepEqual(await levers(ws.page), order);
    await ws.page.keyboard.press('0');
    await ws.page.waitForSelector('#workshop[data-screen="analysis"] #workshop-analysis-sentence');
    const said = await ws.page.textContent('#workshop-analysis-sentence');
    if (lang === 'fr') assert.equal(said, sentence);
    else assert.match(said, /^The most useful lever is/);
    for (const [width, height] of [[1366, 768], [1920, 1080]]) {
      await ws.page.setViewportSize({ width, height });
      // The chart is drawn at its size (its bars' blue), its text at the workshop's size.
      await ws.page.waitForFunction(() => {
        const c = document.getElementById('workshop-marginal-chart');
        return c && c.width === Math.round(c.clientWidth * devicePixelRatio);
      });
      await ws.page.waitForTimeout(300);
      const { blue } = await canvasPixels(ws.page, 'workshop-marginal-chart');
      assert.ok(blue > 1000, `workshop chart at ${width}: ${blue} blue pixels`);
      for (const dir of [OUTPUT, SHOTS]) {
        await ws.page.screenshot({ path: `${dir}/carry-workshop-${lang}-${width}.png` }).catch(() => {});
      }
    }
    await ws.page.keyboard.press('1');
    await ws.page.waitForSelector('#workshop[data-screen="scenario"]');
    assert.deepEqual([...ws.problems], []);
    await ws.context.close();
  }
});
