// End-to-end tests of presenting (issue 6): the workshop mode, the embed mode in a partner's page
// on another origin (with its messages both ways) and the « Intégrer » dialog's snippet.
// The app is served only under SUB_PATH; the partner's pages on other loopback ports (other
// origins). By hand, after `trunk build --release`: `node --test tests/e2e/present.test.mjs`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canvasPixels, figure, fixture, OUTPUT, RUN_TIMEOUT_MS, shortRun, SHORT_REPLICATIONS, SUB_PATH, waitForRun } from './common.mjs';

const f = fixture();

/** The app under SUB_PATH on 127.0.0.1:<port>; resolves to its URL (ending in /). */
const serveApp = async () => (await f.serve({ prefix: SUB_PATH })).url;

/** Opens `url` in a fresh context of the size `viewport`. */
const open = (url, viewport = { width: 1366, height: 768 }) => f.open(url, { viewport });

/** Both runs (baseline and scenario) of a short link, counted together. */
const BOTH = 2 * SHORT_REPLICATIONS;


/** Waits until the workshop's progress says every replication of `total` has arrived. */
async function waitForWorkshop(page, total) {
  await page.waitForFunction(
    (total) => {
      const t = document.getElementById('workshop-progress-text');
      return t && Number(t.dataset.total) === total && t.dataset.done === t.dataset.total;
    },
    total,
    { timeout: RUN_TIMEOUT_MS, polling: 100 },
  );
}

test('workshop mode: full screen, keys 1–4 and arrows choose the prepared scenarios, Escape leaves', async () => {
  const url = await serveApp();
  const { page, problems } = await f.tab(url + shortRun());
  await waitForRun(page);
  const labels = await page.$$eval('.variants li label strong', (els) => els.map((e) => e.textContent.trim()));
  assert.ok(labels.length >= 5, `prepared scenarios: ${labels}`); // « Aucun » and at least four
  const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);

  // More than four prepared scenarios: a chooser first, the first four checked, at most four.
  await page.click('#workshop-enter');
  await page.waitForSelector('#workshop-dialog[open]');
  const boxes = await page.$$eval('#workshop-dialog input[type="checkbox"]', (els) => els.map((e) => [e.checked, e.disabled]));
  assert.ok(boxes.length > 4, `only ${boxes.length} prepared scenarios`);
  assert.deepEqual(boxes.slice(0, 5), [[true, false], [true, false], [true, false], [true, false], [false, true]]);
  await page.click('#workshop-start');
  await page.waitForSelector('#workshop', { state: 'visible' });
  assert.equal(await page.evaluate(() => document.querySelector('.app').inert), true, 'the page underneath is not inert');
  assert.equal((await page.textContent('#workshop-active')).trim(), 'Situation de référence');
  assert.match(await page.textContent('#workshop-description'), /Appuyez sur 1 à 4/);
  assert.equal(await page.$$eval('.ws-pick', (els) => els.length), 4);
  assert.equal(await page.$$eval('.ws-card', (els) => els.length), 3);
  // Large type: the figures are at least 30 px high on a 1366 × 768 projector.
  const size = await page.$eval('#ws-card-without_solution .ws-base', (e) => parseFloat(getComputedStyle(e).fontSize));
  assert.ok(size >= 30, `figures ${size}px`);
  await page.screenshot({ path: `${OUTPUT}workshop-baseline.png` });

  // Key 2: the second prepared scenario, exactly as if chosen in the sidebar.
  await page.keyboard.press('2');
  await page.waitForFunction(() => document.getElementById('workshop-position')?.textContent.trim() === '2 / 4');
  assert.equal((await page.textContent('#workshop-active')).trim(), cap(labels[2]));
  assert.ok(await page.isChecked('#variant-accompaniment-plus'), 'the sidebar does not show the scenario chosen');
  // The scenario runs: the large progress bar counts both runs while the replications arrive.
  await page.waitForFunction(
    (total) => Number(document.getElementById('workshop-progress-text')?.dataset.total) === total,
    BOTH,
    { timeout: 10_000 },
  );
  assert.ok(await page.isVisible('#workshop-progress'));
  const progressHeight = await page.$eval('#workshop-progress', (e) => e.getBoundingClientRect().height);
  assert.ok(progressHeight >= 24, `progress bar ${progressHeight}px high`);
  await waitForWorkshop(page, BOTH);
  const base = figure(await page.textContent('#ws-card-without_solution .ws-base'));
  const scen = figure(await page.textContent('#ws-card-without_solution .ws-scen'));
  assert.ok(Number.isFinite(base) && Number.isFinite(scen), `figures: ${base}, ${scen}`);
  assert.match(await page.textContent('#ws-card-without_solution .ws-diff'), /IC 95 %/);
  assert.ok((await page.textContent('#ws-card-without_solution .ws-verdict')).trim().length > 0);
  assert.ok((await page.$$('#workshop g.stage')).length >= 5, 'no diagram in the workshop');
  // Every label of the diagram reads from the back of the room: 24 px or more as drawn.
  const labelSizes = await page.$$eval('#workshop text', (els) =>
    els.map((e) => parseFloat(getComputedStyle(e).fontSize) * e.ownerSVGElement.getScreenCTM().a));
  assert.ok(labelSizes.length >= 5 && Math.min(...labelSizes) >= 24, `diagram labels ${labelSizes.map(Math.round)} px`);
  // The same sentences as the page: the bottleneck, and why it moved.
  assert.match(await page.textContent('#ws-bottleneck-sentence'), /^Goulot/);
  assert.ok((await page.textContent('#workshop-why-it-moved')).length > 20);
  // Everything on one screen: nothing to scroll, the figures above the scenarios' buttons.
  const fits = () =>
    page.evaluate(() => {
      const w = document.getElementById('workshop');
      const cards = document.querySelector('.ws-card:last-child').getBoundingClientRect();
      const foot = document.querySelector('.ws-foot').getBoundingClientRect();
      return { scroll: w.scrollHeight - w.clientHeight, gap: foot.top - cards.bottom };
    });
  await page.screenshot({ path: `${OUTPUT}workshop-scenario-2.png` });
  let fit = await fits();
  assert.ok(fit.scroll <= 1 && fit.gap >= 0, `the workshop does not fit 1366 × 768: ${JSON.stringify(fit)}`);
  await page.setViewportSize({ width: 1920, height: 1080 }); // a projector
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${OUTPUT}workshop-1080p.png` });
  fit = await fits();
  assert.ok(fit.scroll <= 1 && fit.gap >= 0, `the workshop does not fit 1920 × 1080: ${JSON.stringify(fit)}`);
  await page.setViewportSize({ width: 1366, height: 768 });

  // → and ←: the next, then the previous one.
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.getElementById('workshop-position')?.textContent.trim() === '3 / 4');
  assert.equal((await page.textContent('#workshop-active')).trim(), cap(labels[3]));
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction(() => document.getElementById('workshop-position')?.textContent.trim() === '2 / 4');
  assert.ok(await page.isChecked('#variant-accompaniment-plus'));

  // Escape: back to the page, as it was (the scenario chosen stays chosen), not full screen.
  await page.keyboard.press('Escape');
  await page.waitForSelector('#workshop', { state: 'detached' });
  assert.equal(await page.evaluate(() => document.querySelector('.app').inert), false);
  assert.equal(await page.evaluate(() => document.fullscreenElement), null);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'workshop-enter');
  assert.ok(await page.isVisible('#territory'));
  assert.deepEqual([...problems], []);
});

test('workshop mode from the address (?mode=atelier), left with its button', async () => {
  const url = await serveApp();
  const { page, problems } = await f.tab(`${url}?mode=atelier${shortRun()}`);
  await page.waitForSelector('#workshop', { state: 'visible' });
  // No user gesture: no full screen, but the mode's layout, with a button to ask for it.
  assert.ok(await page.isVisible('#workshop-fullscreen'));
  await page.click('#ws-pick-1');
  await page.waitForFunction(() => document.getElementById('workshop-position')?.textContent.trim() === '1 / 4');
  await page.click('#workshop-exit');
  await page.waitForSelector('#workshop', { state: 'detached' });
  assert.ok(!page.url().includes('mode='), `the address still asks for the workshop: ${page.url()}`);
  assert.ok(await page.isChecked('#variant-chrs-plus'));
  assert.deepEqual([...problems], []);
});

/** A partner's page on `hostOrigin` framing the app; a third origin's frame beside it. */
function hostPage(appUrl, appOrigin, thirdOrigin, width = 820, height = 560) {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Partner</title>
<script>
  window.received = [];
  window.addEventListener('message', (e) => {
    if (e.source === document.getElementById('app').contentWindow) window.received.push({ origin: e.origin, data: e.data });
  });
  window.send = (message) => document.getElementById('app').contentWindow.postMessage(message, ${JSON.stringify(appOrigin)});
</script></head>
<body style="margin:0;font-family:sans-serif">
<p style="margin:4px 8px">A partner's page</p>
<iframe id="app" name="app" src="${appUrl}" width="${width}" height="${height}" title="Parcours" style="border:1px solid #888"></iframe>
<iframe id="third" name="third" src="${thirdOrigin}/third.html" width="40" height="40" title="Third"></iframe>
</body></html>`;
}

const THIRD = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Third</title></head><body>third</body></html>`;

test('embedding: the diagram in a partner page on another origin, messages both ways, trust', async () => {
  const url = await serveApp();
  const appOrigin = new URL(url).origin;
  const thirdOrigin = await f.servePages({ '/third.html': THIRD });
  const pages = {};
  const hostOrigin = await f.servePages(pages);
  // Two trusted origins, the host's and another (a partner's other site): no console error.
  const frameUrl = `${url}?embed=diagram&trust=${encodeURIComponent(`https://partner.example.org,${hostOrigin}`)}${shortRun()}`;
  pages['/host.html'] = hostPage(frameUrl, appOrigin, thirdOrigin);
  assert.notEqual(hostOrigin, appOrigin);
  const { context, page, problems } = await open(`${hostOrigin}/host.html`);
  try {
    const frame = page.frame({ name: 'app' });
    await frame.waitForSelector('#embed[data-view="diagram"]');
    // The diagram only: no header, sidebar, cards, map or footer.
    await frame.waitForSelector('.diagram-svg', { timeout: RUN_TIMEOUT_MS });
    for (const absent of ['.topbar', '.sidebar', '.kpis', '.footer', '#territory', '.map']) {
      assert.equal(await frame.$(absent), null, `${absent} in the embedded diagram`);
    }
    assert.equal(await frame.$('#embed-problems'), null);

    // ready, then results: complete, with numbers.
    const results = () => page.evaluate(() => window.received.filter((m) => m.data?.type === 'parcours:results').map((m) => m.data));
    await page.waitForFunction(() => window.received.some((m) => m.data?.type === 'parcours:results' && m.data.complete), null, {
      timeout: RUN_TIMEOUT_MS,
      polling: 200,
    });
    const all = await page.evaluate(() => window.received);
    assert.equal(all[0].data.type, 'parcours:ready');
    assert.ok(all.every((m) => m.origin === appOrigin));
    const first = (await results()).at(-1);
    assert.equal(first.version, 2);
    assert.deepEqual(first.replications, { done: SHORT_REPLICATIONS, total: SHORT_REPLICATIONS });
    assert.match(first.scenario.name, /Haute-Garonne/);
    const u0 = first.headlines.without_solution;
    assert.equal(u0.label, 'Ménages sans solution');
    assert.ok(u0.baseline.mean > 0 && u0.baseline.ci_low <= u0.baseline.mean && u0.baseline.mean <= u0.baseline.ci_high, JSON.stringify(u0));
    assert.equal(u0.scenario, null);
    assert.equal(u0.difference, null);
    assert.ok(Object.keys(first.headlines).includes('cost_per_year'));
    const chrsBefore = Number(await frame.getAttribute('g.stage[data-stage="chrs"]', 'data-occupancy'));
    await page.locator('#app').screenshot({ path: `${OUTPUT}embed-diagram.png` });

    // From an untrusted third origin (another frame of the page): ignored, counted, nothing runs.
    const ignoredBefore = Number(await frame.getAttribute('#embed', 'data-ignored-messages'));
    const third = page.frame({ name: 'third' });
    await third.evaluate(() => parent[0].postMessage({ type: 'parcours:set-lever', lever: 'lever-places-chrs', value: 751 }, '*'));
    await frame.waitForFunction((n) => Number(document.getElementById('embed').dataset.ignoredMessages) === n + 1, ignoredBefore);
    await page.waitForTimeout(1200); // more than the 300 ms debounce
    assert.equal(
      await frame.getAttribute('#run-progress-count', 'data-total'),
      String(SHORT_REPLICATIONS),
      'an untrusted message started a run',
    );

    // An unknown lever from the trusted host: an error naming it, back to the host.
    await page.evaluate(() => window.send({ type: 'parcours:set-lever', lever: 'lever-places-nowhere', value: 3 }));
    await page.waitForFunction(() => window.received.some((m) => m.data?.type === 'parcours:error'));
    const error = await page.evaluate(() => window.received.find((m) => m.data?.type === 'parcours:error').data);
    assert.equal(error.error, 'unknown-lever');
    assert.equal(error.detail, 'lever-places-nowhere');
    assert.match(error.message, /lever-places-nowhere/);

    // The same lever message from the trusted host: the figures change.
    const count = (await results()).length;
    await page.evaluate(() => window.send({ type: 'parcours:set-lever', lever: 'lever-places-chrs', value: 751 }));
    await page.waitForFunction(
      (count) => window.received.filter((m) => m.data?.type === 'parcours:results' && m.data.complete).length > count && window.received.at(-1).data.headlines?.without_solution?.scenario,
      count,
      { timeout: RUN_TIMEOUT_MS, polling: 200 },
    );
    const last = (await results()).at(-1);
    const u = last.headlines.without_solution;
    assert.deepEqual(last.replications, { done: BOTH, total: BOTH });
    assert.ok(u.scenario.mean < u.baseline.mean, `300 more CHRS places: ${JSON.stringify(u)}`);
    assert.ok(u.difference.mean < 0 && typeof u.difference.significant === 'boolean', JSON.stringify(u.difference));
    assert.equal(u.baseline.mean, u0.baseline.mean, 'the baseline changed');
    // Version 2: the page's verdict, relative change, the bottleneck and why it moved.
    assert.ok(['improvement', 'within_noise', 'no_notable_effect'].includes(u.difference.verdict), JSON.stringify(u.difference));
    assert.ok(u.difference.relative < 0 && u.difference.verdict_text.length > 0, JSON.stringify(u.difference));
    assert.match(last.bottleneck, /^Goulot/);
    assert.match(last.note, /hasard de la simulation/);
    assert.ok(last.why_it_moved && last.why_it_moved.text.length > 20 && Array.isArray(last.why_it_moved.quotes), JSON.stringify(last.why_it_moved));
    assert.equal(last.headlines.blocked_places.difference.verdict, 'reading');
    const chrsAfter = Number(await frame.getAttribute('g.stage[data-stage="chrs"]', 'data-occupancy'));
    assert.ok(chrsAfter > chrsBefore + 50, `diagram: CHRS occupancy ${chrsBefore} → ${chrsAfter}`);

    // The language, from the host.
    await page.evaluate(() => window.send({ type: 'parcours:set-lang', lang: 'en' }));
    await frame.waitForFunction(() => document.documentElement.lang === 'en');
    assert.match(await frame.textContent('#bottleneck-sentence'), /bottleneck|Bottleneck/);
    await page.locator('#app').screenshot({ path: `${OUTPUT}embed-diagram-scenario-en.png` });

    // The credit opens the full app in a new tab, with the same scenario.
    assert.equal(await frame.getAttribute('#embed-credit', 'target'), '_blank');
    assert.ok((await frame.getAttribute('#embed-credit', 'href')).startsWith(`${url}?lang=`));
    assert.deepEqual([...problems], []);
  } finally {
    await context.close();
  }
});

test('embedding: the simulator fits a 400 px frame; bad parameters are named', async () => {
  const url = await serveApp();
  const appOrigin = new URL(url).origin;
  const thirdOrigin = await f.servePages({ '/third.html': THIRD });
  const frameUrl = `${url}?embed=simulator&lang=en&levers=lever-places-chrs,lever-nope&trust=nonsense${shortRun()}`;
  const hostOrigin = await f.servePages({ '/host.html': hostPage(frameUrl, appOrigin, thirdOrigin, 400, 900) });
  const { context, page, problems } = await open(`${hostOrigin}/host.html`, { width: 500, height: 1000 });
  try {
    const frame = page.frame({ name: 'app' });
    await frame.waitForSelector('#embed[data-view="simulator"]');
    const said = await frame.textContent('#embed-problems');
    assert.match(said, /lever-nope/);
    assert.match(said, /trust: "nonsense"/);
    // Only the lever asked (and known), no openings form; cards and diagram.
    assert.deepEqual(await frame.$$eval('.lever input[type="range"]', (els) => els.map((e) => e.id)), ['lever-places-chrs']);
    assert.equal(await frame.$('#opening-add'), null);
    await frame.waitForSelector('#card-without_solution');
    // Under 500 px the diagram is a list (its figures without the drawing).
    await frame.waitForSelector('#diagram-list li');
    assert.equal(await frame.isVisible('.diagram-svg'), false, 'the drawing in a 400 px frame');
    await waitForRun(frame);
    const overflow = await frame.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0, 'horizontal scroll in a 400 px frame');
    // The lever works in the frame.
    await frame.fill('#lever-places-chrs-number', '751');
    await frame.press('#lever-places-chrs-number', 'Enter');
    await frame.waitForFunction(() => /\d/.test(document.querySelector('#card-without_solution .kpi-scen')?.textContent ?? ''), null, {
      timeout: RUN_TIMEOUT_MS,
    });
    await page.locator('#app').screenshot({ path: `${OUTPUT}embed-simulator-400.png` });

    // An unknown view: said, and the diagram instead (never a blank frame).
    const bad = await frame.evaluate(() => document.body.innerText.length);
    assert.ok(bad > 0);
    await frame.goto(`${url}?embed=foo`);
    await frame.waitForSelector('#embed[data-view="diagram"]');
    assert.match(await frame.textContent('#embed-problems'), /vue inconnue : « foo » \(diagram, cards, chart, simulator\)/);
    await frame.waitForSelector('#diagram-list li'); // 400 px wide: the diagram as its list
    assert.deepEqual([...problems], []);
  } finally {
    await context.close();
  }
});

test('the « Intégrer » dialog writes a snippet whose address opens the same view', async () => {
  const url = await serveApp();
  const { context, page, problems } = await open(url + shortRun());
  try {
    await page.waitForSelector('#embed-open');
    await page.click('#embed-open');
    await page.waitForSelector('#embed-dialog[open]');
    assert.equal(await page.evaluate(() => document.activeElement?.closest('dialog')?.id), 'embed-dialog');
    await page.check('#embed-view-cards');
    // The snippet follows the choice once the dialog has re-rendered.
    await page.waitForFunction(() => document.getElementById('embed-snippet')?.value.includes('embed=cards'));
    const code = await page.inputValue('#embed-snippet');
    assert.match(code, /^<iframe src="[^"]+" title="Parcours — [^"]+" width="800" height="660" loading="lazy"/);
    const src = code.match(/src="([^"]+)"/)[1].replaceAll('&amp;', '&');
    assert.ok(src.startsWith(`${url}?embed=cards&lang=fr`), src);
    await page.screenshot({ path: `${OUTPUT}embed-dialog.png` });

    // A bad size is named, and no snippet is written.
    await page.fill('#embed-width', '50');
    assert.match(await page.textContent('#embed-dialog .error'), /Largeur : « 50 »/);
    assert.equal(await page.inputValue('#embed-snippet'), '');
    assert.ok(await page.isDisabled('#embed-copy'));
    await page.fill('#embed-width', '640');
    assert.match(await page.inputValue('#embed-snippet'), /width="640"/);

    // Escape closes it; the focus goes back to its button.
    await page.keyboard.press('Escape');
    await page.waitForSelector('#embed-dialog:not([open])', { state: 'attached' });
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'embed-open');

    // The snippet's address: the cards, and nothing else of the page.
    const { page: other, problems: otherProblems } = await f.open(src, { context });
    await other.waitForSelector('#embed[data-view="cards"] #card-without_solution');
    assert.equal(await other.$('.sidebar'), null);
    assert.equal(await other.$('.topbar'), null);
    await waitForRun(other);
    assert.match(await other.textContent('#card-without_solution .kpi-base'), /\d/);
    await other.screenshot({ path: `${OUTPUT}embed-cards.png` });
    assert.deepEqual([...problems, ...otherProblems], []);
  } finally {
    await context.close();
  }
});

test('embedding: the fan chart alone, sized by its frame', async () => {
  const url = await serveApp();
  const { page, problems } = await f.tab(`${url}?embed=chart&lang=en${shortRun()}`, { viewport: { width: 640, height: 420 } });
  await page.waitForSelector('#embed[data-view="chart"] #unsheltered-chart');
  await waitForRun(page);
  const px = await canvasPixels(page);
  assert.ok(px.blue > px.pixels * 0.02, `no bands: ${JSON.stringify(px)}`);
  const fits = await page.evaluate(() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]);
  assert.equal(fits[0], fits[1], 'horizontal scroll');
  assert.equal(await page.$('.sidebar'), null);
  await page.screenshot({ path: `${OUTPUT}embed-chart.png` });
  assert.deepEqual([...problems], []);
});
