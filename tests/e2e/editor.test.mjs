// End-to-end test of the advanced editor (src/components/editor) on the release build: an invalid
// value shows the engine's message next to the field and keeps the last valid results; a valid
// fix restarts the run. Screenshots in tests/e2e/output/editor-*.png.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, OUTPUT, RUN_TIMEOUT_MS, shortRun, SHORT_REPLICATIONS, waitForRun } from './common.mjs';

const f = fixture();

const chartImage = (page) => page.evaluate(() => document.getElementById('unsheltered-chart').toDataURL());
const progressText = async (page) => (await page.textContent('#run-progress-count')).trim();

test('an invalid editor value shows its message and keeps the previous results; a fix restarts the run', async () => {
  const server = await f.serve();
  const { context, page, problems } = await f.open(server.url + shortRun(), { viewport: { width: 1366, height: 900 } });
  const baselineOnly = `${SHORT_REPLICATIONS} / ${SHORT_REPLICATIONS} réplications`;
  try {
    await waitForRun(page);
    assert.equal(await progressText(page), baselineOnly);

    // Open the editor's tab, then « Étapes du parcours » and the CHRS stage, with the keyboard.
    await page.focus('#tab-1');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#editor');
    assert.equal(await page.getAttribute('#tab-1', 'aria-selected'), 'true');
    assert.equal(await page.getAttribute('#editor-status', 'data-valid'), 'true');
    // The editor widens the sidebar: the chart is redrawn at its new width (ResizeObserver). The
    // picture to keep is that one.
    await page.waitForFunction(() => {
      const c = document.getElementById('unsheltered-chart');
      return c.width === Math.round(c.clientWidth * devicePixelRatio);
    });
    const before = await chartImage(page);
    await page.focus('#ed-sec-stages > summary');
    await page.keyboard.press('Enter');
    await page.focus('#ed-stage-2 > summary');
    await page.keyboard.press('Enter');

    // CHRS, default routes: first destination 0,26 → 0,16: the probabilities sum to 0.9.
    const p0 = '#ed-stages-stages-2-routes-default-0-p';
    const p1 = '#ed-stages-stages-2-routes-default-1-p';
    assert.equal(await page.inputValue(p0), '0,26');
    assert.equal(await page.inputValue(p1), '0,15');
    const label = await page.textContent(`label[for="${p0.slice(1)}"]`);
    assert.match(label, /Probabilité 1/);
    await page.fill(p0, '0,16');
    const errorId = 'ed-stages-stages-2-routes-default-err';
    await page.waitForSelector(`#${errorId}`);
    const message = (await page.textContent(`#${errorId}`)).trim();
    // The engine's message, in the page's language.
    assert.match(message, /les probabilités font 0,9 au total, attendu 1/);
    assert.equal(await page.getAttribute(p0, 'aria-invalid'), 'true');
    assert.ok((await page.getAttribute(p0, 'aria-describedby')).split(' ').includes(errorId));
    assert.equal(await page.getAttribute('#editor-status', 'data-valid'), 'false');
    assert.match(await page.textContent('#ed-stages-stages-2-routes-default-sum'), /Somme : 0,9/);
    assert.match(await page.textContent('#ed-sec-stages > summary'), /1 problème/);

    // The results stay those of the last valid scenario: no new run.
    await page.waitForTimeout(1500);
    assert.equal(await progressText(page), baselineOnly);
    assert.equal(await chartImage(page), before, 'the chart changed although the scenario is invalid');
    await page.$eval(p0, (el) => el.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: `${OUTPUT}editor-invalid-fr.png` });

    // A value that is not a number: the editor's own message, still no run.
    await page.fill(p1, '0,2x');
    await page.waitForSelector('#ed-stages-stages-2-routes-default-1-p-err');
    assert.match(await page.textContent('#ed-stages-stages-2-routes-default-1-p-err'), /« 0,2x » n'est pas un nombre/);
    assert.equal(await progressText(page), baselineOnly);

    // Fixed (0,16 + 0,25 instead of 0,26 + 0,15): valid again, the edited network runs as the
    // scenario against the baseline (both runs counted: twice the link's replications).
    await page.fill(p1, '0,25');
    await page.waitForFunction(() => document.getElementById('editor-status').dataset.valid === 'true');
    assert.equal(await page.$(`#${errorId}`), null);
    assert.equal(await page.getAttribute(p0, 'aria-invalid'), 'false');
    await page.waitForFunction(
      (old) => {
        const count = document.getElementById('run-progress-count');
        const chart = document.getElementById('unsheltered-chart').toDataURL();
        return chart !== old && count.dataset.done === count.dataset.total;
      },
      before,
      { timeout: RUN_TIMEOUT_MS, polling: 200 },
    );
    assert.equal(await progressText(page), `${2 * SHORT_REPLICATIONS} / ${2 * SHORT_REPLICATIONS} réplications`);
    await page.$eval(p0, (el) => el.scrollIntoView({ block: 'center' }));
    await page.screenshot({ path: `${OUTPUT}editor-fixed-fr.png` });

    // Every section open, for a look at all of them.
    for (const summary of await page.$$('#editor details > summary')) {
      await summary.evaluate((el) => { el.parentElement.open = true; });
    }
    for (const section of ['territory', 'arrivals', 'waiting', 'pools', 'initial', 'json']) {
      await page.$eval(`#ed-sec-${section}`, (el) => el.scrollIntoView({ block: 'start' }));
      await page.screenshot({ path: `${OUTPUT}editor-section-${section}-fr.png` });
    }

    // In English: labels switch, numbers are shown with a decimal point.
    await page.click('#lang-en');
    assert.equal((await page.textContent('#editor-title')).trim(), 'Scenario editor');
    assert.equal(await page.inputValue(p0), '0.16');
    assert.match(await page.textContent('#ed-sec-stages > summary'), /Pathway stages/);
    await page.locator('#editor-title').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${OUTPUT}editor-en.png` });

    assert.deepEqual([...problems], []);
  } finally {
    await context.close();
  }
});
