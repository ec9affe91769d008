// End-to-end tests that time the page against bounds it promises (issues 13 and 15), run alone
// after the other files (scripts/test.sh) so that no other file's work decides them: a scenario
// the engine estimates long is asked about before it runs, and Cancel stops it within 200 ms;
// « Où agir ? » stops within 200 ms and a new analysis starts at once; workers that fail or stop
// answering (a watch of 500 ms) are replaced and the run completes; thousands of untrusted embed
// messages do not stall the frame; hostile links are named within 1 s with no frame over 200 ms.
// Served under SUB_PATH like a real host.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { busyWorkers as busy, hostPage, fixture, linkOf, moveLever, OUTPUT, runaway, shippedBaseline, shortRun, RUN_TIMEOUT_MS, SUB_PATH, waitForRun } from './common.mjs';

const f = fixture();

/** Starts a requestAnimationFrame probe in `page`: `window.longestGap()` is the longest time
 * between two frames since. */
async function startFrameProbe(page) {
  await page.evaluate(() => {
    let last = performance.now();
    window.frameGaps = [];
    const frame = (now) => {
      window.frameGaps.push(now - last);
      last = now;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    window.longestGap = () => Math.max(0, ...window.frameGaps);
  });
}

test('a long scenario is asked about first; Cancel stops it within 200 ms; a new choice runs at once', async () => {
  const { url } = await f.serve({ prefix: SUB_PATH });
  // 69,000 arrivals a month on a small territory: millions of events a replication.
  const state = { territory: 'haute-garonne', variant: null, baseline: runaway('arrival-flood'), levers: {}, openings: [], seed: 42, replications: 20 };
  const { page, problems } = await f.tab(url + linkOf(state));
  await page.waitForSelector('#run-ask', { timeout: 60_000 });
  const asked = await page.textContent('#run-ask-text');
  assert.match(asked, /demanderait environ [\d,]+ millions? d'événements par réplication/, asked);
  assert.match(asked, /Le lancer quand même/);
  assert.equal(await busy(page, 'base'), 0, 'nothing runs before the answer');

  await page.click('#run-anyway');
  await page.waitForFunction(() => Number(document.documentElement.dataset.busyWorkersBase) > 0);
  await page.waitForTimeout(1500); // deep inside long replications
  assert.ok((await busy(page, 'base')) > 0);

  // From the click to no busy worker (every worker has read the stop), measured in the page.
  const stoppedInMs = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const root = document.documentElement;
        const start = performance.now();
        const check = () => {
          if (root.dataset.busyWorkersBase === '0') {
            observer.disconnect();
            resolve(performance.now() - start);
          }
        };
        const observer = new MutationObserver(check);
        observer.observe(root, { attributes: true, attributeFilter: ['data-busy-workers-base'] });
        document.getElementById('cancel-run').click();
        check();
      }),
  );
  assert.ok(stoppedInMs <= 200, `the workers stopped ${stoppedInMs.toFixed(0)} ms after Cancel`);
  await page.waitForSelector('#run-cancelled');

  // Another territory: its run starts at once on the same workers.
  await page.selectOption('#territory', 'ariege');
  await page.waitForFunction(() => Number(document.getElementById('run-progress-count')?.dataset.done) > 0, null, {
    timeout: 30_000,
  });
  assert.deepEqual(problems, []);
});

/** The first bytes of a `ToWorker::Run` (bincode's variant index 0), and of the summary
 * worker's `ToWorker::Summarise` (index 9). */
const RUN = [0, 0, 0, 0];
const SUMMARISE = [9, 0, 0, 0];

/** What an armed worker does at the turn of its event loop after it has started a run (see
 * `failOnNextRun`): panics, throws an uncaught error (as « unreachable » or an out-of-memory
 * would), or is stuck in a 14-second loop (more than the pool's 10 s of silence), saying so
 * once in its console. */
const FAILURES = ['panic', 'throw', 'hang'];
const STUCK_SAID = 'stuck (test)';

/** Arms (or with `failure` null, disarms) every worker of `page`: on its next run message (or
 * the message that begins with `message`), an armed worker reads it, then fails (FAILURES) at
 * the next turn of its event loop — for a run, mid-run, holding the replications it was just
 * given, so that the run cannot end before. */
async function failOnNextRun(page, failure, message = RUN) {
  assert.ok(failure === null || FAILURES.includes(failure), failure);
  await Promise.all(
    page.workers().map((w) =>
      w.evaluate(
        ({ failure, run, stuckSaid }) => {
          self.failOnNextRun = failure;
          if (self.failTrap) return;
          const handler = self.onmessage;
          const fail = {
            panic: () => wasm_bindgen.panic_for_test(),
            throw: () => {
              throw new Error('boom (test)');
            },
            hang: () => {
              console.info(stuckSaid);
              const end = Date.now() + 14_000;
              while (Date.now() < end);
            },
          };
          self.failTrap = (e) => {
            handler(e);
            const bytes = new Uint8Array(e.data);
            if (self.failOnNextRun && run.every((b, i) => bytes[i] === b)) {
              const now = fail[self.failOnNextRun];
              self.failOnNextRun = null;
              setTimeout(now, 0);
            }
          };
          self.onmessage = self.failTrap;
        },
        { failure, run: message, stuckSaid: STUCK_SAID },
      )
      // A worker that failed may still be listed while it closes: nothing to disarm there.
      .catch((e) => {
        if (failure !== null) throw e;
      }),
    ),
  );
}

/** Opens a page on a short run of the default territory with 600 CHRS places (a scenario: its
 * workers are started) and waits until its runs are over; the map's small runs (workers of their
 * own) have not started, its section being out of view: from then on, a lever move gives a run to
 * the scenario's workers alone. With `clock`, Playwright's clock is installed first. */
async function settledPage(url, { clock = false } = {}) {
  const opened = await f.open();
  if (clock) await opened.page.clock.install();
  await opened.page.goto(url + shortRun({ levers: { 'places:chrs': 600 } }));
  await waitForRun(opened.page);
  assert.equal(await opened.page.getAttribute('#map-status', 'data-started'), 'false', "the map's runs started");
  return opened;
}

/** The run shown is not over yet (else a test of what happens during a run proves nothing). */
async function assertStillRunning(page) {
  const { done, total } = await page.evaluate(() => {
    const count = document.getElementById('run-progress-count');
    return { done: Number(count.dataset.done), total: Number(count.dataset.total) };
  });
  assert.ok(done < total, `the run ended (${done}/${total}) before the workers could be made to fail`);
}

/** Moves the CHRS places by 40 and waits until the scenario's run is given to its workers. */
async function startScenarioRun(page) {
  await moveLever(page, '#lever-places-chrs', Number(await page.inputValue('#lever-places-chrs')) + 40);
  await page.waitForFunction(() => Number(document.documentElement.dataset.busyWorkersScen) > 0);
}

test('workers that fail or stop answering are replaced, and the run completes', async () => {
  const { url } = await f.serve({ prefix: SUB_PATH });
  // Every worker of the scenario's run throws an uncaught error mid-run (as « unreachable » or an
  // out-of-memory would): armed before the lever moves, each fails as soon as it has started
  // its share, so a short run is enough to be caught going.
  const { context, page, problems } = await settledPage(url);
  assert.ok(page.workers().length >= 2, `${page.workers().length} workers`);
  await failOnNextRun(page, 'throw');
  await startScenarioRun(page);
  await assertStillRunning(page);
  const replaced = page.locator('.worker-replaced').first();
  await replaced.waitFor({ timeout: 30_000 });
  assert.match(await replaced.textContent(), /Un processus de calcul s'est arrêté \(erreur : .*boom \(test\).*\) ; il a été remplacé/);
  await waitForRun(page);
  await failOnNextRun(page, null); // workers that received no run (the baseline's) are disarmed
  await context.close();

  // A worker stuck (here in a 14-second loop: more than the pool's 10 s) is found out and
  // replaced too. The page's clock is Playwright's (it flows as the real one until the workers
  // are stuck): the pool's watchdog then lives its 10 s of silence in the page's time, tick by
  // tick (`runFor` fires every 250 ms look on the way, so none is taken for a page too busy to
  // judge), while the workers, whose clocks are real, stay stuck in their loops. The pool's
  // threshold is unchanged; the test does not wait it out.
  const { context: context2, page: page2, problems: problems2 } = await settledPage(url, { clock: true });
  const stuck = Promise.any(
    page2.workers().map((w) => w.waitForEvent('console', { predicate: (m) => m.text() === STUCK_SAID, timeout: 60_000 })),
  );
  await failOnNextRun(page2, 'hang');
  await startScenarioRun(page2);
  await assertStillRunning(page2);
  await stuck; // a worker has acknowledged its share and says nothing from now on
  // Paused a little ahead (a time the page's clock cannot have passed yet, however slow this
  // machine's round trips): that jump is a look too late to judge by (a page that was busy), so
  // the silence counts from there, 250 ms look by 250 ms look.
  await page2.clock.pauseAt(await page2.evaluate(() => Date.now() + 20_000));
  await page2.clock.runFor(10_500);
  await page2.clock.resume();
  const stalled = page2.locator('.worker-replaced', { hasText: 'ne répondait plus' }).first();
  await stalled.waitFor({ timeout: 40_000 });
  await waitForRun(page2);
  await failOnNextRun(page2, null);

  // The only problems: the workers' own errors and the replacements said in the console.
  const unexpected = [...problems, ...problems2].filter((p) => !/boom \(test\)|simulation worker replaced/.test(p));
  assert.deepEqual(unexpected, []);
  await context2.close();
});

test('the summary worker fails mid-run: the run stops with a message, the baseline stays, and the next run completes', async () => {
  const { url } = await f.serve({ prefix: SUB_PATH });
  const { page, problems } = await settledPage(url);
  const baseFigure = await page.textContent('#card-without_solution .kpi-base');
  // The summary worker (the simulation binary's second role) throws at its next request for
  // summaries: the scenario's first figures.
  await failOnNextRun(page, 'throw', SUMMARISE);
  await startScenarioRun(page);
  const error = page.locator('p.error', { hasText: 'résume les réplications' });
  await error.waitFor({ timeout: 30_000 });
  assert.match(
    await error.textContent(),
    /le processus qui résume les réplications s'est arrêté \(.*boom \(test\).*\) : le calcul est arrêté\./,
  );
  assert.equal(await page.textContent('#card-without_solution .kpi-base'), baseFigure);
  // The run's workers are stopped (nothing would summarise what they simulate).
  await page.waitForFunction(() => document.documentElement.dataset.busyWorkersScen === '0', null, { timeout: 10_000 });
  // The next move starts a new summary worker (not armed): its run completes, the message goes.
  await failOnNextRun(page, null, SUMMARISE);
  await startScenarioRun(page);
  await waitForRun(page);
  assert.equal(await error.count(), 0);
  assert.match(await page.textContent('#card-without_solution .kpi-scen'), /\d/);
  const unexpected = problems.filter((p) => !/boom \(test\)|summary worker/.test(p));
  assert.deepEqual(unexpected, []);
});

// ---- The panic nets (issue 15: « a panic becomes a message, not a dead tab »). No known input
// panics (each one found was fixed), so the tests make one with `panic_for_test`, an export of
// the page's and the workers' WebAssembly that nothing a user gives the page can reach
// (src/web/panic.rs says why).

test('a worker that panics mid-run: the page says so, keeps its figures and scenario, replaces it, and the next run completes', async () => {
  const { url } = await f.serve({ prefix: SUB_PATH });
  const lever = '#lever-places-chrs';
  // No map's small runs (not started), the workers are counted like with like below.
  const { page, problems } = await settledPage(url);
  const baseFigure = await page.textContent('#card-without_solution .kpi-base');
  const territory = await page.inputValue('#territory');
  const workers = page.workers().length;

  // The lever moves: the scenario's workers receive the new run, and each panics in it.
  await failOnNextRun(page, 'panic');
  const moved = Number(await page.inputValue(lever)) + 40;
  await moveLever(page, lever, moved);
  const replaced = page.locator('.worker-replaced', { hasText: 'erreur interne' }).first();
  await replaced.waitFor({ timeout: 30_000 });
  assert.match(
    await replaced.textContent(),
    /^Un processus de calcul s'est arrêté \(erreur interne : .*a test of the panic net \(panic_for_test\)\) ; il a été remplacé et le calcul a continué sans perte\.$/s,
  );
  // The run goes on with new workers and completes; what was shown stays: the baseline's figures
  // (not run again), the territory, the lever where it was put.
  await waitForRun(page);
  await failOnNextRun(page, null); // workers that received no run (the baseline's) are disarmed
  assert.equal(await page.textContent('#card-without_solution .kpi-base'), baseFigure);
  assert.match(await page.textContent('#card-without_solution .kpi-scen'), /\d/);
  assert.equal(await page.inputValue('#territory'), territory);
  assert.equal(Number(await page.inputValue(lever)), moved);
  // Each worker lost was replaced (the lost ones leave the list as they close).
  for (let i = 0; i < 50 && page.workers().length !== workers; i += 1) await page.waitForTimeout(100);
  assert.equal(page.workers().length, workers, 'each worker lost was replaced');
  await page.click('#lang-en');
  await page.waitForSelector('html[lang="en"]');
  assert.match(
    await page.locator('.worker-replaced').first().textContent(),
    /^A computing worker stopped \(internal error: .*a test of the panic net \(panic_for_test\)\); it was replaced and the run went on without loss\.$/s,
  );

  // The next run, on the replacements, completes.
  const run = await page.getAttribute('.app', 'data-scenario-run');
  await moveLever(page, lever, moved + 40);
  await page.waitForFunction((run) => document.querySelector('.app').dataset.scenarioRun !== run, run);
  await waitForRun(page);
  assert.match(await page.textContent('#card-without_solution .kpi-scen'), /\d/);
  // The only problems: the panics said in the console (the worker's last words, the replacement).
  const unexpected = problems.filter((p) => !/a test of the panic net|simulation worker replaced/.test(p));
  assert.deepEqual(unexpected, []);
});

test('10,000 messages from an untrusted origin are ignored without stalling the frame', async () => {
  const { url, port } = await f.serve({ prefix: SUB_PATH });
  const appOrigin = `http://127.0.0.1:${port}`;
  const frameUrl = `${url}?embed=diagram&trust=${encodeURIComponent('https://partner.example.org')}${shortRun()}`;
  const hostOrigin = await f.servePages({
    '/host.html': hostPage(frameUrl, { height: 560 }),
  });
  const { page, problems } = await f.open(`${hostOrigin}/host.html`);
  const frame = page.frameLocator('#app');
  await frame.locator('#embed').waitFor({ timeout: 60_000 });
  const app = page.frames().find((fr) => fr.url().startsWith(appOrigin));
  await app.waitForFunction(() => Number(document.getElementById('run-progress-count')?.dataset.done) > 0, null, {
    timeout: 60_000,
  });
  await startFrameProbe(app);
  // The host (untrusted: not in trust=) posts 10,000 messages, valid and malformed, in bursts of
  // 500 (the host and the frame share a thread here, loopback origins being one site: the
  // host's own loop must not be what the probe measures).
  await page.evaluate(async () => {
    const target = document.getElementById('app').contentWindow;
    for (let burst = 0; burst < 20; burst += 1) {
      for (let i = burst * 500; i < (burst + 1) * 500; i += 1) {
        target.postMessage(i % 2 ? { type: 'parcours:set-lever', lever: 'lever-places-chrs', value: i } : 'x'.repeat(i % 100), '*');
      }
      await new Promise((ok) => setTimeout(ok, 0));
    }
  });
  await app.waitForFunction(() => Number(document.getElementById('embed').dataset.ignoredMessages) === 10_000, null, {
    timeout: 30_000,
  });
  await app.waitForTimeout(300);
  const gap = await app.evaluate(() => window.longestGap());
  assert.ok(gap <= 200, `the frame stalled ${gap.toFixed(0)} ms`);
  assert.deepEqual(problems, []);
});

test('hostile links pasted into the page: each says what is wrong within 1 s, the page keeps working, no frame over 200 ms', async () => {
  const { url } = await f.serve({ prefix: SUB_PATH });
  const { deflateSync } = await import('node:zlib');
  const raw = (text) => `#v=2&s=${deflateSync(Buffer.from(text)).toString('base64url')}`;
  const state = (baseline, extra = {}) => ({ territory: 'haute-garonne', variant: null, baseline, levers: {}, openings: [], seed: 42, replications: 20, ...extra });
  const good = linkOf(state(shippedBaseline()));
  const withName = (name) => {
    const b = shippedBaseline();
    b.name = { fr: name, en: name };
    return b;
  };
  const hugeStages = shippedBaseline();
  hugeStages.stages = Array.from({ length: 20_000 }, (_, i) => ({ ...hugeStages.stages[0], id: `s${i}` }));
  const farFuture = shippedBaseline();
  farFuture.format_version = 99;
  const HOSTILE = [
    ['bad base64', '#v=2&s=ab$cd!!', /base64url invalides/],
    ['truncated', good.slice(0, Math.floor(good.length / 2 / 4) * 4 + 2), /abîmé ou tronqué/],
    ['zlib bomb', `#v=2&s=${deflateSync(Buffer.alloc(64 << 20, 32), { level: 9 }).toString('base64url')}`, /trop grand/],
    ['deep nesting', raw(`${'['.repeat(100_000)}${']'.repeat(100_000)}`), /JSON invalide dans le lien/],
    ['huge arrays', linkOf(state(hugeStages)), /n'est pas valide|trop/],
    ['extreme number', raw(JSON.stringify(state(shippedBaseline())).replace('"seed":42', '"seed":1e999')), /JSON invalide dans le lien|seed/],
    ['unknown field', linkOf(state(shippedBaseline(), { evil: '<script>' })), /evil/],
    ['future link version', '#v=9&s=abc', /version de lien inconnue « 9 »/],
    ['future scenario format', linkOf(state(farFuture)), /format_version|version/],
  ];
  const { page, problems } = await f.tab(url + shortRun());
  await waitForRun(page);
  // Each link is tried up to three times and the least stall kept: a decode that stalls the page
  // does so every time, while this machine's other work (its cores are shared) comes and goes.
  const tryLink = async (link) => {
    await startFrameProbe(page);
    const shownInMs = await page.evaluate(
      (link) =>
        new Promise((resolve) => {
          const start = performance.now();
          const look = () => {
            const notice = document.querySelector('#notices .notice-error');
            if (notice) return resolve(performance.now() - start);
            if (performance.now() - start > 5000) return resolve(Infinity);
            requestAnimationFrame(look);
          };
          location.hash = link;
          requestAnimationFrame(look);
        }),
      link,
    );
    const message = await page.textContent('#notices .notice-error');
    await page.waitForTimeout(300);
    const gap = await page.evaluate(() => window.longestGap());
    await page.click('#notices .notice-error button');
    return { shownInMs, message, gap };
  };
  for (const [what, link, expected] of HOSTILE) {
    const tries = [];
    for (let n = 0; n < 3 && !tries.some((t) => t.gap <= 200 && t.shownInMs <= 1000); n += 1) {
      // A different address each time (a parameter links ignore), so that the hash changes.
      tries.push(await tryLink(`${link}&try=${n}`));
    }
    const shownInMs = Math.min(...tries.map((t) => t.shownInMs));
    const gap = Math.min(...tries.map((t) => t.gap));
    const { message } = tries[0];
    assert.ok(shownInMs <= 1000, `${what}: message after ${shownInMs} ms`);
    assert.match(message, expected, `${what}: ${message}`);
    assert.ok(gap <= 200, `${what}: the page stalled ${gap.toFixed(0)} ms`);
    // The page still works: the scenario shown before is kept, its figures on the cards.
    assert.match(await page.textContent('#card-without_solution'), /\d/);
  }
  // Markup in a name is shown as text, never as markup.
  await page.evaluate((link) => (location.hash = link), linkOf(state(withName('<img src=x onerror="window.pwned=1">Rue'))));
  await page.waitForFunction(() => document.body.textContent.includes('<img src=x'), null, { timeout: 10_000 });
  assert.equal(await page.evaluate(() => [document.querySelectorAll('img[src=x]').length, window.pwned ?? 0].join()), '0,0');
  assert.deepEqual(problems, []);
});

/** The ranked levers of « Où agir ? » (id and verdict), best first. */
const rankedLevers = (page) =>
  page.$$eval('#marginal .marginal-list li', (els) => els.map((e) => ({ id: e.dataset.lever, verdict: e.dataset.verdict })));

// Clicks button `id` in the page and resolves, on the page's clock, with the milliseconds from
// the click to the first animation frame where the panel's `data-running` is `running` and the
// « interrompue » note is shown (`cancelled`) or not, with the replications counted then.
function clickUntil(page, id, { running, cancelled }) {
  return page.evaluate(
    ({ id, running, cancelled }) =>
      new Promise((resolve) => {
        const start = performance.now();
        document.getElementById(id).click();
        const frame = () => {
          const panel = document.getElementById('marginal');
          const note = document.getElementById('marginal-cancelled');
          if (panel.dataset.running === String(running) && Boolean(note) === cancelled)
            resolve({ ms: performance.now() - start, done: Number(panel.dataset.done), note: note?.textContent ?? null });
          else requestAnimationFrame(frame);
        };
        requestAnimationFrame(frame);
      }),
    { id, running, cancelled },
  );
}

test('Où agir ? stops within 200 ms when cancelled, and a new analysis then starts at once and completes', async () => {
  const { url } = await f.serve();
  const { page, problems } = await f.tab(url + shortRun({ territory: 'haute-garonne', replications: 20 }));
  await waitForRun(page);
  // 200 replications per lever: minutes of work, cancelled once its first ranking is shown.
  await page.selectOption('#marginal-replications', '200');
  await page.click('#marginal-run');
  await page.waitForSelector('#marginal-sentence', { timeout: RUN_TIMEOUT_MS });
  const stop = await clickUntil(page, 'marginal-cancel', { running: false, cancelled: true });
  assert.ok(stop.ms <= 200, `stopped ${stop.ms.toFixed(0)} ms after the click`);
  assert.equal(stop.note, 'Simulation interrompue : résultats partiels.');
  assert.ok(stop.done >= 10 && stop.done < 200, JSON.stringify(stop));
  // Its progress no longer says it runs; it has ids of its own beside the page's run bar.
  assert.equal(await page.$('#marginal .run-progress-status'), null);
  assert.equal(await page.getAttribute('#marginal #marginal-progress-count', 'data-done'), String(stop.done));
  assert.equal(await page.locator('#run-progress-count').count(), 1, 'one page run count');
  // The progress stops there: no replication is counted after the click, the ranking so far stays.
  await page.waitForTimeout(1500);
  assert.equal(Number(await page.getAttribute('#marginal', 'data-done')), stop.done);
  assert.ok((await rankedLevers(page)).length >= 8);
  await page.screenshot({ path: `${OUTPUT}/decision-cancelled.png` }).catch(() => {});

  // A new analysis starts at once (running, from 0 replications, the note gone) and completes.
  await page.selectOption('#marginal-replications', '20');
  const start = await clickUntil(page, 'marginal-run', { running: true, cancelled: false });
  assert.ok(start.ms <= 200, `started ${start.ms.toFixed(0)} ms after the click`);
  assert.equal(start.done, 0);
  await page.waitForSelector('#marginal[data-running="false"]', { timeout: RUN_TIMEOUT_MS });
  assert.equal(await page.getAttribute('#marginal', 'data-done'), '20');
  assert.equal(await page.$('#marginal-cancelled'), null);
  assert.equal((await rankedLevers(page))[0].id, 'lever-alloc-hlm');
  assert.deepEqual(problems, []);
});

