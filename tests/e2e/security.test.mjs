// End-to-end tests of what the page refuses and how it protects itself (issue 15): a scenario
// beyond the page's budget is refused with its reason, and an embed asks about a long one as the
// page does; a panic in the page leaves a notice and the scenario in the address; the shipped
// Content-Security-Policy is enforced; the full app refuses to be framed by another site; a
// library entry that fails validation never breaks start-up. Served under SUB_PATH like a real
// host. (The tests that time the page against a bound are in runtime.test.mjs.)

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { busyWorkers as busy, hostPage, DIST, fixture, linkOf, runaway, shippedBaseline, shortRun, SUB_PATH, waitForRun } from './common.mjs';

const f = fixture();

test('an embed asks about a long scenario too, and runs it when told to', async () => {
  const { url } = await f.serve({ prefix: SUB_PATH });
  const state = { territory: 'haute-garonne', variant: null, baseline: runaway('arrival-flood'), levers: {}, openings: [], seed: 42, replications: 20 };
  const { page, problems } = await f.tab(`${url}?embed=cards${linkOf(state)}`);
  await page.waitForSelector('#embed #run-ask', { timeout: 60_000 });
  assert.match(await page.textContent('#run-ask-text'), /demanderait environ [\d,]+ millions? d'événements par réplication/);
  assert.equal(await busy(page, 'base'), 0, 'nothing runs before the answer');
  await page.click('#run-anyway');
  await page.waitForFunction(() => Number(document.documentElement.dataset.busyWorkersBase) > 0);
  assert.equal(await page.locator('#run-ask').count(), 0, 'the question is gone once answered');
  assert.deepEqual(problems, []);
});

test('a scenario beyond the page\'s budget is refused with the reason, and the page works', async () => {
  const { url } = await f.serve({ prefix: SUB_PATH });
  const state = { territory: 'haute-garonne', variant: null, baseline: runaway('near-zero-stay-cycle'), levers: {}, openings: [], seed: 42, replications: 20 };
  const { page, problems } = await f.tab(url + linkOf(state));
  const alert = page.locator('.error', { hasText: 'trop lourd' });
  await alert.waitFor({ timeout: 60_000 });
  assert.match(await alert.textContent(), /événements par réplication, plus que les .* que la page accepte/);
  await page.selectOption('#territory', 'ariege');
  await waitForRun(page);
  assert.deepEqual(problems, []);
});

test('a panic in the page itself: a notice in its language, the figures left on screen, and a reload brings the same scenario back', async () => {
  const { url } = await f.serve({ prefix: SUB_PATH });
  for (const [lang, query, said] of [
    ['fr', '', /^La page s'est arrêtée sur une erreur interne \(.*a test of the panic net \(panic_for_test\)\)\. Le scénario est gardé dans l'adresse : rechargez la page pour le retrouver\.$/s],
    ['en', '?lang=en', /^The page stopped on an internal error \(.*a test of the panic net \(panic_for_test\)\)\. The scenario is kept in the address: reload the page to get it back\.$/s],
  ]) {
    const { page, problems } = await f.open(url + query + shortRun({ levers: { 'places:chrs': 600 } }));
    await waitForRun(page);
    const address = page.url();
    const figures = await page.textContent('#card-without_solution');
    // As a bug would: from the page's own event loop, not from the test's call.
    await page.evaluate(() => setTimeout(() => window.wasmBindings.panic_for_test(), 0));
    const notice = page.locator('#page-panic[role="alert"]');
    await notice.waitFor({ timeout: 10_000 });
    assert.match(await notice.locator('p').textContent(), said, lang);
    assert.equal(await page.textContent('#card-without_solution'), figures, 'what was shown stays');
    assert.equal(page.url(), address);

    await Promise.all([page.waitForEvent('load'), page.click('#page-panic-reload')]);
    await waitForRun(page);
    assert.equal(page.url(), address, 'the same scenario, from the address');
    assert.equal(await page.locator('#page-panic').count(), 0);
    assert.equal(await page.textContent('#card-without_solution'), figures, 'the same figures (same seed)');
    // The only problems: the panic, said in the console, and WebAssembly's abort that follows.
    const unexpected = problems.filter((p) => !/a test of the panic net|^page error: unreachable$/.test(p));
    assert.deepEqual(unexpected, [], lang);
  }
});

test('the Content-Security-Policy is shipped, allows the app, and is enforced', async () => {
  const html = readFileSync(`${DIST}index.html`, 'utf8');
  const policy = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)"/)?.[1];
  assert.ok(policy, 'no policy in dist/index.html');
  assert.match(policy, /default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/]+=*';/);
  assert.match(policy, /worker-src 'self' blob:; style-src 'self'; style-src-attr 'unsafe-inline';/);
  assert.doesNotMatch(policy.replace("style-src-attr 'unsafe-inline'", ''), /'unsafe-inline'|'unsafe-eval'|__INLINE_SCRIPTS__/);

  const { url } = await f.serve({ prefix: SUB_PATH });
  const { page, problems } = await f.open();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(url + shortRun());
  await waitForRun(page);
  // The map (small runs in their own pool, once it is scrolled to) and the PNG export's styles
  // work under it too.
  await page.locator('#map-section').scrollIntoViewIfNeeded();
  await page.waitForSelector('.map-legend .sw');
  assert.deepEqual(problems, [], 'the app runs under its policy without a violation');
  assert.deepEqual(requests.filter((u) => !u.startsWith(new URL(url).origin) && !u.startsWith('blob:') && !u.startsWith('data:')), [], 'no external request');
  // It is enforced: a <style> element and an inline script are refused.
  const refused = await page.evaluate(() => {
    const seen = [];
    document.addEventListener('securitypolicyviolation', (e) => seen.push(e.violatedDirective));
    const style = document.createElement('style');
    style.textContent = 'body { outline: 1px solid red }';
    document.head.append(style);
    const script = document.createElement('script');
    script.textContent = 'window.injected = true';
    document.body.append(script);
    return new Promise((resolve) => setTimeout(() => resolve({ seen, injected: Boolean(window.injected) }), 200));
  });
  assert.equal(refused.injected, false);
  assert.ok(refused.seen.some((d) => d.startsWith('style-src-elem')) && refused.seen.some((d) => d.startsWith('script-src')), JSON.stringify(refused));
  // Only expected violations from here on (the two just made).
  problems.length = 0;
});

test('the full app refuses to be framed by another site; its embed mode is framed', async () => {
  const { url } = await f.serve({ prefix: SUB_PATH });
  const hostOrigin = await f.servePages({
    '/host.html': hostPage(url),
  });
  const { page, problems } = await f.open(`${hostOrigin}/host.html`);
  const frame = page.frameLocator('#app');
  await frame.locator('#framed-refused').waitFor({ timeout: 60_000 });
  assert.match(await frame.locator('#framed-refused').textContent(), /ne s'affiche pas dans le cadre d'un autre site/);
  assert.equal(await frame.locator('#run-progress-count').count(), 0, 'nothing runs');
  assert.equal(await frame.locator('#framed-refused a[target="_blank"]').count(), 1);
  assert.deepEqual(problems, []);
});

test('the library: an entry that fails validation is listed apart and start-up works; another tab follows changes', async () => {
  const { url } = await f.serve({ prefix: SUB_PATH });
  const { context, page, problems } = await f.open(url + shortRun());
  await page.click('#library summary');
  // Another tab of the same site writes an entry whose scenario the engine refuses (a household
  // type id repeated, which once made the page panic at every start-up), then a readable one.
  const { page: other } = await f.open(url + shortRun(), { context });
  const bad = shippedBaseline();
  bad.household_types.push({ ...bad.household_types[0] });
  const entry = (name, state) => JSON.stringify({ kind: 'parcours-library-entry', name, saved: '2026-12-07T00:00:00Z', link: linkOf(state).slice(1) });
  const state = (baseline) => ({ territory: 'haute-garonne', variant: null, baseline, levers: {}, openings: [], seed: 42, replications: 20 });
  await other.evaluate(([a, b]) => {
    localStorage.setItem('parcours.library.zz-invalid', a);
    localStorage.setItem('parcours.library.zz-good', b);
  }, [entry('Doublon', state(bad)), entry('Référence', state(shippedBaseline()))]);
  // The first tab's list follows without a reload.
  await page.waitForSelector('.library-entry.unreadable', { timeout: 10_000 });
  await page.waitForSelector('.library-entry[data-name="Référence"]', { timeout: 10_000 });
  assert.match(await page.textContent('.library-entry.unreadable'), /household_types|type/);
  // A fresh start with that entry in the storage: the page starts and runs.
  const { page: third, problems: problems3 } = await f.open(url + shortRun(), { context });
  await waitForRun(third);
  assert.deepEqual([...problems, ...problems3], []);
});
