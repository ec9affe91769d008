// End-to-end tests of the screens (issue 16, layout): each user's screen at the sizes they use.
// - The planner (main page) at 390 × 844, 1366 × 768 and 1920 × 1080, French and English: a lever
//   and the twelve headline cards in view together, in the levers and in the advanced editor;
//   nothing wider than the window.
// - The workshop (a projector): every text at least 24 px at 1366 × 768, the diagram's labels
//   measured once the drawing is scaled into its box; nothing cut, hidden or scrolled at
//   1280 × 720, 1366 × 768 and 1920 × 1080; the same on its « Où agir ? » screen (key 0).
// - Each embed view at the size the « Intégrer » dialog proposes (everything in the frame, no
//   scroll) and at 400 px wide (no horizontal overflow); no text under 12 px.
// The main page and embed tests each open a new document in the file's one tab (`f.tab`), on a
// server of their own. Screenshots in tests/e2e/output/screens-*.png. By hand, after `trunk build --release`:
// `node --test tests/e2e/screens.test.mjs`.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { fixture, OUTPUT, RUN_TIMEOUT_MS, shortRun, SHORT_MARGINAL, waitForRun } from './common.mjs';

const f = fixture();

const SIZES = [
  { width: 390, height: 844 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];

/** 300 more CHRS places: a scenario is compared, so the cards show both figures and a verdict. */
const COMPARED = shortRun({ levers: { 'places:chrs': 751 } });

/**
 * Whether `selector`'s element is on screen and not covered: its centre is inside the window
 * and the element found there is it (or inside it).
 */
const uncovered = (page, selector) =>
  page.$eval(selector, (el) => {
    const r = el.getBoundingClientRect();
    const x = r.left + r.width / 2;
    const y = r.top + r.height / 2;
    if (r.width === 0 || x < 0 || y < 0 || x > innerWidth || y > innerHeight) return false;
    const hit = document.elementFromPoint(x, y);
    return hit !== null && (hit === el || el.contains(hit));
  });

/** The cards not wholly inside the window, or covered; [] when all are in view. */
const cardsOutOfView = (page) =>
  page.$$eval('article.kpi', (cards) =>
    cards
      .filter((card) => {
        const r = card.getBoundingClientRect();
        // Inside the window and inside the summary, which may scroll (a card clipped by it is hidden).
        const box = card.closest('.summary')?.getBoundingClientRect() ?? { top: 0, bottom: innerHeight };
        const inside =
          r.top >= Math.max(0, box.top) - 0.5 && r.left >= 0 && r.bottom <= Math.min(innerHeight, box.bottom) + 0.5 && r.right <= innerWidth + 0.5;
        const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return !inside || !hit || !card.contains(hit);
      })
      .map((card) => card.id),
  );

/** Scrolls `selector`'s element into view as a reader would: its bottom at the bottom of what
 * scrolls (the sidebar on a wide screen, the page on a phone, under the sticky summary). */
const reach = (page, selector) => page.$eval(selector, (el) => el.scrollIntoView({ block: 'end' }));

const horizontalOverflow = (page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

for (const lang of ['fr', 'en']) {
  for (const size of SIZES) {
    const name = `${size.width}x${size.height}-${lang}`;
    test(`main page ${name}: a lever and the twelve cards in view together, in the levers and the editor`, async () => {
      const { url } = await f.serve();
      const { page, problems } = await f.tab(`${url}?lang=${lang}${COMPARED}`, { viewport: size });
      await waitForRun(page);
      await page.waitForSelector('#card-without_solution .kpi-scen');
      assert.equal(await page.$$eval('article.kpi', (els) => els.length), 12);
      // The first screen shows results: the summary starts in the first half of the window.
      const summaryTop = await page.$eval('#results-summary', (e) => e.getBoundingClientRect().top);
      assert.ok(summaryTop < size.height / 2, `the results start at y = ${summaryTop}`);
      assert.deepEqual(await cardsOutOfView(page), [], 'cards out of view on the first screen');
      await page.screenshot({ path: `${OUTPUT}screens-main-${name}.png` });
      // Every card's name whole (its short name on a compact card), and its « ? » clear of its figures.
      const cut = await page.$$eval('article.kpi h3', (els) =>
        els.filter((h) => h.scrollWidth > h.clientWidth + 0.5 || h.scrollHeight > h.clientHeight + 0.5).map((h) => h.innerText),
      );
      assert.deepEqual(cut, [], 'card names cut');
      const touching = await page.$$eval('article.kpi', (cards) =>
        cards
          .filter((card) => {
            const help = card.querySelector('.kpi-help summary').getBoundingClientRect();
            return [...card.querySelectorAll('.kpi-pair dd, .kpi-value')].some((figure) => {
              const r = figure.getBoundingClientRect();
              const inside = [...figure.childNodes].length > 0 && r.width > 0;
              return inside && r.left < help.right && help.left < r.right && r.top < help.bottom && help.top < r.bottom;
            });
          })
          .map((card) => card.id),
      );
      assert.deepEqual(touching, [], 'a card\'s « ? » over its figures');

      // The CHRS lever (far down the list) and the cards, together.
      await reach(page, '#lever-places-chrs');
      assert.ok(await uncovered(page, '#lever-places-chrs'), 'the CHRS lever is hidden');
      assert.ok(await uncovered(page, '#lever-places-chrs-number'), 'its number field is hidden');
      assert.deepEqual(await cardsOutOfView(page), [], 'cards out of view beside the CHRS lever');
      assert.ok(await uncovered(page, '#summary-bottleneck'), 'the bottleneck sentence is hidden');
      // On a phone the summary in view above the settings leaves them more than half the screen.
      if (size.width < 500) {
        const shown = await page.$eval('#results-summary', (e) => {
          const r = e.getBoundingClientRect();
          return Math.min(r.bottom, innerHeight) - Math.max(r.top, 0);
        });
        assert.ok(shown <= 0.45 * size.height + 1, `the summary takes ${shown} px of ${size.height}`);
      }
      await page.screenshot({ path: `${OUTPUT}screens-levers-${name}.png` });

      // The advanced editor: its first section opened, its first field and the cards, together.
      await reach(page, '#tab-1');
      await page.click('#tab-1');
      await page.waitForSelector('#editor');
      await reach(page, '#editor details > summary');
      await page.click('#editor details > summary');
      const field = await page.$$eval('#editor input, #editor select', (els) => {
        const first = els.find((e) => e.checkVisibility());
        first.id ||= 'screens-editor-field';
        return `#${CSS.escape(first.id)}`;
      });
      await reach(page, field);
      assert.ok(await uncovered(page, field), `the editor's field ${field} is hidden`);
      assert.deepEqual(await cardsOutOfView(page), [], 'cards out of view beside the editor');
      await page.screenshot({ path: `${OUTPUT}screens-editor-${name}.png` });

      assert.equal(await horizontalOverflow(page), 0, 'the page is wider than the window');
      // On a phone every control of the settings is a touch target (44 × 44 px at least).
      if (size.width < 500) {
        await page.click('#tab-0');
        const small = await page.$$eval(
          '.sidebar button, .sidebar select, .sidebar input, .sidebar .variant label, .lang-button, #cards-details',
          (els) =>
            els
              .filter((e) => e.offsetParent !== null && !(e.type === 'radio'))
              .map((e) => [e.id || e.className || e.tagName, e.getBoundingClientRect()])
              .filter(([, r]) => r.height < 44 - 0.5)
              .map(([n, r]) => `${n} ${Math.round(r.width)}×${Math.round(r.height)}`),
        );
        assert.deepEqual(small, [], 'touch targets under 44 px');
        const lang = await page.$eval('.lang-switch', (e) => e.getBoundingClientRect().right);
        assert.ok(lang <= size.width, `the language switch ends at x = ${lang}`);
        // The map takes the card's width, its legend and notes under it (beside them it was
        // about 160 px wide, its labels unreadable).
        const [map, body] = await page.$eval('#map-section .map-body', (e) =>
          [e.querySelector('.map-svg').getBoundingClientRect().width, e.getBoundingClientRect().width]);
        assert.ok(map >= 0.9 * body, `the map is ${Math.round(map)} px wide in ${Math.round(body)}`);
      }
      assert.deepEqual([...problems], []);
    });
  }
}

/** Every text the scenario files carry in both languages (`Label`s: { fr, en }), walked. */
function labels(value, found = []) {
  if (Array.isArray(value)) value.forEach((v) => labels(v, found));
  else if (value && typeof value === 'object') {
    if (typeof value.fr === 'string' && typeof value.en === 'string') found.push(value);
    else Object.values(value).forEach((v) => labels(v, found));
  }
  return found;
}

/** The French of the shipped scenarios' labels that the English page must not show: those
 * whose English differs and which no English label contains (« DALO » is both). */
function frenchDataLabels() {
  const dir = new URL('../../assets/scenarios/', import.meta.url);
  const files = ['index.json', ...readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'index.json'),
    ...readdirSync(new URL('variants/', dir)).map((f) => `variants/${f}`)];
  const all = files.flatMap((file) => labels(JSON.parse(readFileSync(new URL(file, dir), 'utf8'))));
  assert.ok(all.length > 100, `${all.length} labels read`);
  const english = all.map((l) => l.en).join('\n');
  return [...new Set(all.filter((l) => l.en && l.fr !== l.en && !english.includes(l.fr)).map((l) => l.fr))];
}

test('English page: no French text carried by the scenarios (names, stages, prepared scenarios)', async () => {
  // And French names left inside the English text (« Accord collectif at its target… »).
  const french = [...frenchDataLabels(), 'Accord collectif'];
  const { url } = await f.serve();
  const { context, page, problems } = await f.open(`${url}?lang=en${COMPARED}`, { viewport: SIZES[1] });
  try {
    await waitForRun(page);
    // Everything the page holds, shown or not (data tables, help, the diagram's titles, options).
    const text = () => page.evaluate(() => {
      const clone = document.body.cloneNode(true);
      clone.querySelectorAll('script, style').forEach((e) => e.remove());
      return clone.textContent;
    });
    const left = (body) => french.filter((fr) => body.includes(fr));
    assert.deepEqual(left(await text()), [], 'French labels on the English page');
    // A prepared scenario (its own network, name and description) and the Sources dialog.
    await page.click('label[for="variant-allocations-plus"]');
    await waitForRun(page);
    await page.click('#sources-open');
    assert.deepEqual(left(await text()), [], 'French labels on the English page, a prepared scenario shown');
    await page.screenshot({ path: `${OUTPUT}screens-english-labels.png` });
    await page.click('#sources-close');
    // The printable report (printing itself stubbed) and the workshop.
    await page.evaluate(() => { window.print = () => {}; });
    await page.click('#open-report');
    await page.waitForSelector('#report-title');
    assert.deepEqual(left(await text()), [], 'French labels in the English report');
    await page.click('#report-close');
    await page.goto(`${url}?lang=en&mode=atelier${COMPARED}`);
    await page.waitForSelector('#workshop');
    await page.keyboard.press('3');
    await waitForRun(page);
    assert.deepEqual(left(await text()), [], 'French labels in the English workshop');
    assert.deepEqual([...problems], []);
  } finally {
    await context.close();
  }
});

/**
 * In `root` (a selector): the texts under `min` px — HTML text by its computed size, SVG text by
 * its size times the drawing's scale on screen — and the elements that spill out of their box
 * or of the window; `{ smallest, small, spills, scrolls }`.
 */
function measureTexts(page, root, min) {
  return page.$eval(
    root,
    (root, min) => {
      const visible = (e) => {
        const s = getComputedStyle(e);
        const r = e.getBoundingClientRect();
        return s.visibility !== 'hidden' && s.display !== 'none' && r.width > 0 && r.height > 0;
      };
      const small = [];
      const spills = [];
      let smallest = Infinity;
      for (const e of root.querySelectorAll('*')) {
        if (!visible(e)) continue;
        // Text for screen readers only (clipped to a pixel on purpose) is not laid out for the room.
        if (e.closest('.visually-hidden')) continue;
        const ownText = [...e.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
        if (!ownText) continue;
        let px = parseFloat(getComputedStyle(e).fontSize);
        if (e instanceof SVGElement) px *= e.getScreenCTM().a;
        smallest = Math.min(smallest, px);
        const label = `${e.tagName.toLowerCase()}.${e.getAttribute('class') ?? ''} « ${e.textContent.trim().slice(0, 30)} »`;
        if (px < min - 0.05) small.push(`${label} ${px.toFixed(1)} px`);
        const r = e.getBoundingClientRect();
        const cut = !(e instanceof SVGElement) && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1) && getComputedStyle(e).overflow !== 'visible';
        if (r.left < -0.5 || r.top < -0.5 || r.right > innerWidth + 0.5 || r.bottom > innerHeight + 0.5 || cut) {
          spills.push(`${label} [${Math.round(r.left)}, ${Math.round(r.top)}, ${Math.round(r.right)}, ${Math.round(r.bottom)}]${cut ? ' cut' : ''}`);
        }
      }
      const scrolls = root.scrollHeight > root.clientHeight + 1 || root.scrollWidth > root.clientWidth + 1;
      return { smallest, small, spills, scrolls };
    },
    min,
  );
}

// The workshop at each size: one page, opened at the first size and then resized (the
// workshop is sized by its window alone), so that its scenario and its « Où agir ? » run once.
const WORKSHOP_SIZES = [
  { width: 1280, height: 720 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];

/** Waits until every chart of the workshop is drawn at its size (after a resize). */
const chartsAtSize = (page) =>
  page.waitForFunction(() =>
    [...document.querySelectorAll('#workshop canvas')].every((c) => c.width === Math.round(c.clientWidth * devicePixelRatio)),
  );

test(`workshop ${WORKSHOP_SIZES.map((s) => `${s.width}x${s.height}`).join(', ')}: every text at least 24 px (at 1366 × 768), nothing cut or hidden`, async () => {
  const { url } = await f.serve();
  // The link asks « Où agir ? » too (20 replications per lever): its screen is checked after.
  const link = shortRun({ analysis: SHORT_MARGINAL });
  const { context, page, problems } = await f.open(`${url}?mode=atelier${link}`, { viewport: WORKSHOP_SIZES[0] });
  try {
    await page.waitForSelector('#workshop');
    // The scenario with the longest name, compared: the fullest screen.
    const longest = await page.$$eval('.ws-pick', (els) =>
      els.map((e, i) => [e.textContent.length, i]).sort((a, b) => b[0] - a[0])[0][1],
    );
    for (const size of WORKSHOP_SIZES) {
      const name = `${size.width}x${size.height}`;
      await page.setViewportSize(size);
      await page.keyboard.press(String(longest + 1));
      await page.waitForFunction(
        () => {
          const t = document.getElementById('workshop-progress-text');
          return t && Number(t.dataset.total) > 20 && t.dataset.done === t.dataset.total;
        },
        null,
        { timeout: RUN_TIMEOUT_MS, polling: 200 },
      );
      await page.waitForSelector('#workshop-why-it-moved');
      await page.waitForSelector('#workshop .diagram-svg text');
      await chartsAtSize(page);
      const m = await measureTexts(page, '#workshop', size.width === 1366 ? 24 : 0);
      await page.screenshot({ path: `${OUTPUT}screens-workshop-${name}.png` });
      assert.deepEqual(m.small, [], `${name}: texts under 24 px (smallest ${m.smallest.toFixed(1)} px)`);
      assert.deepEqual(m.spills, [], `${name}: texts out of their box or of the screen`);
      assert.equal(m.scrolls, false, `${name}: the workshop scrolls`);
      assert.equal(await page.$('#workshop button.export-button'), null, `${name}: a tool button on the projection`);
      assert.doesNotMatch(await page.textContent('#workshop'), /\([^()]*\([^()]*\)\)/, `${name}: doubled brackets`);
      // The « Où agir ? » screen (key 0): the ranking of the baseline's levers, said to be of the
      // scenario before (a scenario was chosen since), with its button: its fullest state.
      await page.keyboard.press('0');
      await page.waitForSelector('#workshop-analysis[data-running="false"][data-done="20"]', { timeout: RUN_TIMEOUT_MS });
      await page.waitForSelector('#workshop-analysis-sentence');
      await chartsAtSize(page);
      const a = await measureTexts(page, '#workshop', size.width === 1366 ? 24 : 0);
      await page.screenshot({ path: `${OUTPUT}screens-workshop-analysis-${name}.png` });
      assert.deepEqual(a.small, [], `${name}: analysis screen: texts under 24 px (smallest ${a.smallest.toFixed(1)} px)`);
      assert.deepEqual(a.spills, [], `${name}: analysis screen: texts out of their box or of the screen`);
      assert.equal(a.scrolls, false, `${name}: the analysis screen scrolls`);
    }
    assert.deepEqual([...problems], []);
  } finally {
    await context.close();
  }
});

/** The « Intégrer » dialog's proposed frame sizes (embed_dialog.rs, `default_size`). */
const EMBEDS = [
  { view: 'diagram', width: 800, height: 720 },
  { view: 'cards', width: 800, height: 660 },
  { view: 'chart', width: 800, height: 540 },
  { view: 'simulator', width: 960, height: 1500 },
];

for (const { view, width, height } of EMBEDS) {
  for (const w of [width, 400]) {
    const name = `${view}-${w}`;
    test(`embed ${view} at ${w} × ${height}: ${w === width ? 'fits its proposed frame' : 'reads at 400 px'}, no text under 12 px`, async () => {
      const { url } = await f.serve();
      const { page, problems } = await f.tab(`${url}?embed=${view}${COMPARED}`, { viewport: { width: w, height } });
      await page.waitForSelector('#embed');
      await waitForRun(page);
      if (view !== 'chart' && view !== 'diagram') await page.waitForSelector('#card-without_solution .kpi-scen');
      await page.waitForTimeout(300); // the chart is drawn after the figures
      await page.screenshot({ path: `${OUTPUT}screens-embed-${name}.png` });
      assert.equal(await horizontalOverflow(page), 0, 'horizontal overflow');
      const m = await measureTexts(page, '#embed', 12);
      assert.deepEqual(m.small, [], `texts under 12 px (smallest ${m.smallest.toFixed(1)} px)`);
      if (w === width) {
        const over = await page.evaluate(() => document.documentElement.scrollHeight - innerHeight);
        assert.ok(over <= 0, `the ${view} is ${over} px taller than its frame`);
        assert.ok(await uncovered(page, '#embed-credit'), 'the credit is hidden');
      }
      // The chart has a title (the canvas alone says nothing to a reader of the partner's page).
      if (view === 'chart') assert.match(await page.textContent('#embed-chart-title'), /sans solution/i);
      assert.deepEqual([...problems], []);
    });
  }
}
