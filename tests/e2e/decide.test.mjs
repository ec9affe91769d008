// « Que faut-il pour… ? » and « Avec ce budget ? » (issue 13, items 2 and 3) on Haute-Garonne,
// with 20 replications: target seeking answers « −50 % de ménages sans solution d'ici décembre
// 2029 dans 80 % des réplications » or says why not; the optimiser with 2 M€ a year shows a
// cost–outcome front, a recommended mix and its verdict; applying either changes the levers. A
// field out of range is named, nothing runs. Screenshots: /work/shots/decide-*.png, French and
// English, 1366×768 and 390×844; the search on the simulation shows its progress, and Cancel stops it.
//
// Expected: the reserved social-housing allocations bind in Haute-Garonne (marginal.test.mjs),
// so the search over them alone moves the objective; whether −50 % is within the slider's bound
// at 80 % of 20 replications is the simulation's answer, and either answer is accepted, said in
// the core's sentences (`seek::sentence`).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { analysisOf, canvasPixels, figure, fixture, OUTPUT, shortRun, waitForRun, RUN_TIMEOUT_MS } from './common.mjs';

const f = fixture();
const SHOTS = process.env.PARCOURS_SHOTS ?? '/work/shots';

/** The window with each of `parts` scrolled to its top in turn (a panel is taller than a
 * window, and on a wide screen it scrolls inside the results' column). */
async function shot(page, parts, name) {
  await mkdir(SHOTS, { recursive: true }).catch(() => {});
  for (const [k, part] of parts.entries()) {
    await page.evaluate((sel) => document.querySelector(sel)?.scrollIntoView({ block: 'start' }), part);
    await page.waitForTimeout(200);
    for (const dir of [OUTPUT, SHOTS]) await page.screenshot({ path: `${dir}/decide-${name}-${k + 1}.png` }).catch(() => {});
  }
}

/** Shots at 1366 and 390 in French, then in English (`english` is a text the panel says once
 * in English). */
async function shots(page, parts, name, english) {
  await shot(page, parts, `${name}-fr-1366`);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(400);
  await shot(page, parts, `${name}-fr-390`);
  await page.click('#lang-en');
  await page.waitForFunction(
    ({ panel, english }) => document.querySelector(panel)?.textContent.includes(english),
    { panel: parts[0], english },
  );
  await page.waitForTimeout(300);
  await shot(page, parts, `${name}-en-390`);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.waitForTimeout(400);
  await shot(page, parts, `${name}-en-1366`);
  await page.click('#lang-fr');
}

const leverValues = (page) =>
  page.$$eval('input.lever-number', (els) => Object.fromEntries(els.map((e) => [e.id, e.value])));

test('Que faut-il pour… ? answers −50 % by December 2029 in 80 % of the runs, or says why not', async () => {
  const { url } = await f.serve();
  const { page, problems } = await f.tab(url + shortRun({ territory: 'haute-garonne', replications: 20 }));
  await waitForRun(page);
  // The defaults: −50 % of households without a solution by December 2029 in 80 %.
  assert.equal(await page.inputValue('#seek-by'), '12');
  assert.equal(figure(await page.inputValue('#seek-by-year')), 2029);
  assert.equal(figure(await page.inputValue('#seek-goal')), -50);
  assert.equal(figure(await page.inputValue('#seek-probability')), 80);
  assert.equal(await page.inputValue('#seek-objective'), 'without_solution');
  // A probability out of range is named, and nothing runs.
  await page.fill('#seek-probability', '150');
  await page.press('#seek-probability', 'Enter');
  await page.click('#seek-run');
  await page.waitForSelector('#seek-error');
  assert.match(await page.textContent('#seek-error'), /probabilité/);
  assert.equal(await page.getAttribute('#seek', 'data-runs'), '0');
  await page.fill('#seek-probability', '80');
  await page.press('#seek-probability', 'Enter');

  // The allocations alone, 20 replications an amount.
  await page.uncheck('#seek-lever-places-hu');
  await page.click('#seek-run');
  await page.waitForSelector('#seek-cancel');
  await page.waitForSelector('#seek[data-running="false"]', { timeout: RUN_TIMEOUT_MS });
  assert.equal(await page.$('#seek-error'), null);
  const sentence = await page.textContent('#seek-sentence');
  assert.match(sentence, /^Cible : Ménages sans solution −50\s% par rapport au scénario de base, en décembre 2029, dans au moins 80\s% des réplications\./);
  // The scenario's run, then at least the lever's upper bound.
  assert.ok(Number(await page.getAttribute('#seek', 'data-runs')) >= 2, sentence);
  const answered = (await page.getAttribute('#seek', 'data-answered')) === 'true';
  if (answered) assert.match(sentence, /il faut au moins|déjà atteinte/, sentence);
  else assert.match(sentence, /ne suffit pas/, sentence);
  await shots(page, ['#seek', '#seek-sentence'], 'seek', 'Target: Households without a solution');

  // A target within reach (−10 %: the allocations at their bound move the objective by about
  // −29 %, the sentence above): the least amount is found, and applied to the levers.
  await page.fill('#seek-goal', '-10');
  await page.press('#seek-goal', 'Enter');
  // Run's click does not hold the main thread 50 ms (issue 13, item 5): the fluid guesses are
  // the search worker's. Five levers are allowed for it: the allocations' guess is a bisection
  // of about ten fluid evaluations, each other lever's two (25 and 5 ms natively). Read from the
  // long animation frames' script attribution (the click's own work, not a frame's painting nor
  // a task queued behind it), the least of up to three clicks each cancelled at once, so that
  // the machine's load does not decide (the first under 50 ms settles it): under 50 ms on 2
  // cores at load averages of 3 to 7 (mostly no long frame at all), 57–91 ms when the click
  // computed the guesses (main before this test, same five levers). Cancel while the guesses
  // are computed leaves the panel ready.
  const others = ['places-hu', 'places-chrs', 'prevention', 'slots-asll_avdl'].map((l) => `#seek-lever-${l}`);
  for (const lever of others) await page.check(lever);
  await page.evaluate(() => {
    window.clickScripts = [];
    new PerformanceObserver((list) => {
      for (const frame of list.getEntries()) {
        for (const s of frame.scripts) if (s.invoker.endsWith('onclick')) window.clickScripts.push(s.duration);
      }
    }).observe({ type: 'long-animation-frame' });
  });
  const clicks = [];
  for (let i = 0; i < 3 && !clicks.some((ms) => ms < 50); i++) {
    await page.evaluate(() => { window.clickScripts = []; });
    await page.click('#seek-run');
    await page.waitForSelector('#seek-cancel');
    // Long frames are reported up to a second or so later on a loaded machine.
    await page.waitForTimeout(1500);
    clicks.push(Math.max(0, ...(await page.evaluate(() => window.clickScripts))));
    await page.click('#seek-cancel');
    await page.waitForSelector('#seek[data-running="false"] #seek-run');
  }
  console.log(`seek: Run's click held the main thread ${JSON.stringify(clicks)} ms (0: under a long frame's 50 ms)`);
  assert.ok(Math.min(...clicks) < 50, `Run's click held the main thread: ${clicks} ms`);
  for (const lever of others) await page.uncheck(lever);
  await page.click('#seek-run');
  await page.waitForSelector('#seek[data-running="false"][data-answered="true"]', { timeout: RUN_TIMEOUT_MS });
  const reached = await page.textContent('#seek-sentence');
  assert.match(reached, /il faut au moins [\d,\s\u202f]+ logements \/ mois, qui atteignent la cible dans/, reached);
  await page.evaluate(() => document.querySelector('#seek-sentence').scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: `${SHOTS}/decide-seek-reached-fr-1366.png` }).catch(() => {});
  // The question travels (issue 13: « Links … carry the analysis »): the address holds it, and
  // a fresh page opened on it answers again, unasked, with the same sentence.
  let carried;
  for (let i = 0; i < 40 && carried?.kind !== 'seek'; i++) {
    carried = await analysisOf(page);
    if (carried?.kind !== 'seek') await page.waitForTimeout(100);
  }
  assert.equal(carried?.kind, 'seek');
  assert.deepEqual(carried.goal, { change: -0.1 });
  const fresh = await f.open(url + (await page.evaluate(() => location.hash)));
  await fresh.page.waitForSelector('#seek[data-running="false"][data-answered="true"]', { timeout: RUN_TIMEOUT_MS });
  assert.equal(await fresh.page.textContent('#seek-sentence'), reached);
  assert.deepEqual([...fresh.problems], []);
  await fresh.context.close();
  await page.evaluate(() => { window.print = () => {}; });
  await page.click('#open-report');
  const report = await page.locator('#report-analysis-seek').textContent();
  assert.match(report, /Que faut-il pour… \?/, report);
  assert.match(report, /Ménages sans solution −10\s%.*il faut au moins [\d,\s\u202f]+ logements \/ mois/, report);
  await page.click('#report-close');
  const before = await page.inputValue('#lever-alloc-hlm-number');
  await page.click('#seek-apply');
  await page.waitForFunction((b) => document.getElementById('lever-alloc-hlm-number')?.value !== b, before);
  assert.ok(figure(await page.inputValue('#lever-alloc-hlm-number')) > figure(before));

  // « Oublier cette analyse »: the link written afterwards no longer carries the question, the
  // answer and its report section are gone, the levers applied stay.
  assert.equal(await page.$('#marginal-forget'), null);
  assert.equal(await page.$('#optimise-forget'), null);
  await page.click('#seek-forget');
  await page.waitForFunction(() => !document.getElementById('seek-forget'));
  let left = { kind: 'seek' };
  for (let i = 0; i < 40 && left !== undefined; i++) {
    left = await analysisOf(page);
    if (left !== undefined) await page.waitForTimeout(100);
  }
  assert.equal(left, undefined);
  assert.equal(await page.$('#seek-sentence'), null);
  assert.ok(figure(await page.inputValue('#lever-alloc-hlm-number')) > figure(before));
  await page.click('#open-report');
  await page.waitForSelector('#report-close');
  assert.equal(await page.$('#report-analysis-seek'), null);
  await page.click('#report-close');
  assert.deepEqual(problems, []);
});

test('Avec ce budget ? shows a front and a recommended mix for 2 M€ a year, and applies it', async () => {
  const { url } = await f.serve();
  const { page, problems } = await f.tab(url + shortRun({ territory: 'haute-garonne', replications: 20 }));
  await waitForRun(page);
  assert.equal(figure(await page.inputValue('#optimise-budget')), 2000000);
  // A budget below 0 is named, and nothing runs.
  await page.fill('#optimise-budget', '-5');
  await page.press('#optimise-budget', 'Enter');
  await page.click('#optimise-run');
  await page.waitForSelector('#optimise-error');
  assert.match(await page.textContent('#optimise-error'), /budget/);
  await page.fill('#optimise-budget', '2 000 000');
  await page.press('#optimise-budget', 'Enter');

  // The finalists' progress, however brief: its first text, recorded as it appears.
  await page.evaluate(() => {
    window.__finals = null;
    new MutationObserver(() => {
      const count = document.getElementById('optimise-progress-count');
      if (count && window.__finals === null) window.__finals = count.textContent.trim();
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.click('#optimise-run');
  await page.waitForSelector('#optimise-cancel');
  await page.waitForSelector('#optimise:not([data-verdict=""])', { timeout: RUN_TIMEOUT_MS });
  // It counts finalists (whole runs), not replications.
  const finals = await page.evaluate(() => window.__finals);
  assert.ok(finals === null || /^\d+ \/ \d+ finalistes?$/.test(finals), finals);
  assert.equal(await page.$('#optimise-error'), null);
  const verdict = await page.getAttribute('#optimise', 'data-verdict');
  assert.match(verdict, /^(single|distinguishable|equivalent|more_replications)$/);
  const answer = await page.textContent('#optimise-answer');
  assert.match(answer, /Recherche sur l'approximation fluide/, answer);
  assert.match(answer, /Combinaison recommandée : .+, pour [\d\s\u202f]+ € par an \(budget : 2\s000\s000 €\)/, answer);
  // The front is drawn: a canvas of a fair size with the points' blue.
  const px = await canvasPixels(page, 'optimise-front');
  assert.ok(px.width > 300 && px.height > 200 && px.blue > 100, JSON.stringify(px));
  await shots(page, ['#optimise', '#optimise-front', '#optimise-answer'], 'optimise', 'Recommended mix');
  // The printable report carries both answers (issue 13: « the printable report … carry the
  // analysis »): the target's sentence and the recommended mix, each in its section.
  await page.evaluate(() => { window.print = () => {}; });
  await page.click('#open-report');
  const report = await page.locator('#report-analysis-optimise').textContent();
  assert.match(report, /Avec ce budget \?/, report);
  assert.match(report, /Combinaison recommandée : .+ \(budget : 2\s000\s000 €\)/, report);
  assert.match(report, /2\s000\s000/, report);
  await page.click('#report-close');

  const before = await leverValues(page);
  await page.click('#optimise-apply');
  await page.waitForFunction(
    (b) => [...document.querySelectorAll('input.lever-number')].some((e) => e.value !== b[e.id]),
    before,
  );
  assert.deepEqual(problems, []);
});

// The share housed within 12 months is not computed by the fluid approximation, so the search
// runs on the simulation from its start (minutes on a large territory): the panel says how far
// it has gone, the mixes simulated of those an exhaustive search plans (4 allocation values ×
// 5 CHRS values within their bounds), and Cancel stops it, the worker terminated.
test('Avec ce budget ? shows the search’s progress on the simulation, and Cancel stops it', async () => {
  const { url } = await f.serve();
  const analysis = {
    kind: 'optimise',
    objective: 'share_housed_12m_after_first_request',
    budget: 2000000,
    levers: [
      { lever: 'lever-alloc-hlm', min: 44.2, max: 50 },
      { lever: 'lever-places-chrs', min: 451, max: 491 },
    ],
    replications: 20,
  };
  const { page, problems } = await f.tab(url + shortRun({ territory: 'haute-garonne', replications: 20, analysis }));
  await waitForRun(page);
  await page.waitForSelector('#optimise-search-progress', { timeout: RUN_TIMEOUT_MS });
  // It moves: a second mix simulated after the scenario's own values.
  await page.waitForFunction(() => Number(document.getElementById('optimise-search-progress')?.value) >= 2, null, {
    timeout: RUN_TIMEOUT_MS,
  });
  const text = await page.textContent('#optimise-searching');
  assert.match(text, /^Recherche sur la simulation \(10 réplications par combinaison\) : [2-9] \/ \d+ combinaisons simulées$/, text);
  const planned = Number(await page.getAttribute('#optimise-search-progress', 'max'));
  assert.ok(planned >= 2 && planned <= 20, `${planned} mixes planned`);
  await shot(page, ['#optimise .marginal-actions'], 'optimise-searching-fr-1366');
  await page.click('#optimise-cancel');
  await page.waitForSelector('#optimise[data-running="false"]');
  assert.equal(await page.$('#optimise-search-progress'), null);
  assert.equal(await page.$('#optimise-error'), null);
  assert.deepEqual(problems, []);
});
