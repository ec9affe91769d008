// « Où agir ? » (issue 13): on Haute-Garonne, with 20 replications per lever, the panel ranks
// every lever with its interval and cost, says which is best, and the best's button applies its
// step to the levers, which makes a scenario the cards compare. The analysis runs in its own
// workers: progressive (a first ranking after the first round of 10), cancellable.
// Screenshots: /work/shots/decision-*.png (and tests/e2e/output/), French and English.
//
// Expected: the reserved social-housing allocations bind in Haute-Garonne (answers.test.mjs,
// the engine's binding test), so +2 of them a month rank first, far ahead of any +10 places
// (parcours marginal on the same file: −6 700 household-days a year against −2 400 for the
// next, intervals apart).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { figure, fixture, OUTPUT, shortRun, waitForRun, RUN_TIMEOUT_MS } from './common.mjs';

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
  const { page, problems } = await f.open(url + shortRun({ territory: 'haute-garonne', replications: 20 }));
  await waitForRun(page);
  await page.selectOption('#marginal-replications', '20');
  await page.click('#marginal-run');
  // Cancellable while it runs, and a first ranking comes before the end.
  await page.waitForSelector('#marginal-cancel');
  await page.waitForSelector('#marginal-sentence', { timeout: RUN_TIMEOUT_MS });
  await page.waitForSelector('#marginal[data-running="false"]', { timeout: RUN_TIMEOUT_MS });
  assert.equal(await page.getAttribute('#marginal', 'data-done'), '20');
  const ranked = await levers(page);
  assert.ok(ranked.length >= 8, JSON.stringify(ranked));
  assert.equal(ranked[0].id, 'lever-alloc-hlm', JSON.stringify(ranked));
  assert.equal(ranked[0].verdict, 'improvement');
  const sentence = await page.textContent('#marginal-sentence');
  assert.match(sentence, /^Le levier le plus utile est « Attributions/);
  assert.match(sentence, /Il devance nettement le deuxième/);
  // The chart is drawn: a canvas of a fair size with the bars' blue.
  const px = await page.evaluate(() => {
    const c = document.getElementById('marginal-chart');
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    let blue = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 2] > data[i] + 25 && data[i + 2] > data[i + 1]) blue += 1;
    return { w: c.width, h: c.height, blue };
  });
  assert.ok(px.w > 300 && px.h > 300 && px.blue > 500, JSON.stringify(px));
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
