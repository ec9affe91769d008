// End-to-end test of the exports (crates/core/src/result_tables.rs, src/components/export_bar.rs,
// printable_report.rs) on the release build served under a sub-path: CSV downloads in both
// dialects whose figures equal the cards', formula-like text neutralised, PNG images of the
// charts, and the printable report as a PDF (tests/e2e/output/report.pdf, its first pages as
// report-N.png through pdftoppm).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { figure, fixture, OUTPUT, PAGE_OPTIONS, shortRun, SHORT_REPLICATIONS, SUB_PATH, waitForRun } from './common.mjs';

const f = fixture();

const SERIES_COLUMNS = 'run,series,label,period,month,mean,p5,p25,p50,p75,p95'.split(',');
const HEADLINE_COLUMNS = ('indicator,label,unit,baseline,baseline_ci_low,baseline_ci_high,scenario,'
  + 'scenario_ci_low,scenario_ci_high,difference,difference_ci_low,difference_ci_high,pairs,significant,verdict').split(',');

/** RFC 4180 records of `text` (quotes, doubled quotes, separators and line breaks inside). */
function parseCsv(text, sep) {
  const records = [];
  let record = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 1; } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === sep) { record.push(field); field = ''; }
    else if (c === '\r' && text[i + 1] === '\n') { record.push(field); records.push(record); record = []; field = ''; i += 1; }
    else field += c;
  }
  if (field !== '' || record.length) { record.push(field); records.push(record); }
  return records;
}

/** Clicks `selector`, returns the download's suggested name and bytes. */
async function download(page, selector) {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: d.suggestedFilename(), bytes: await readFile(await d.path()) };
}

/** A CSV download: checks the BOM, returns its records as objects keyed by the header. */
async function csv(page, selector, sep, columns) {
  const { name, bytes } = await download(page, selector);
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], `${name}: no UTF-8 byte-order mark`);
  const text = bytes.subarray(3).toString('utf8');
  const [header, ...rows] = parseCsv(text, sep);
  assert.deepEqual(header, columns, `${name}: header`);
  assert.ok(text.endsWith('\r\n'), `${name}: records end with CRLF`);
  for (const r of rows) assert.equal(r.length, columns.length, `${name}: ${r}`);
  return { name, text, rows: rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i]]))) };
}

const num = (text, mark) => Number(mark === ',' ? text.replace(',', '.') : text);
// What a card shows (insight / i18n::format_num): integers from 100 up, one decimal below.
/** `x` as a card writes it: rounded to three significant digits of `base` (`insight::card_text`). */
const asCard = (x, base = x) => {
  const exponent = Math.floor(Math.log10(Math.abs(base))) - 2;
  const step = 10 ** exponent;
  return Number((Math.round(x / step) * step).toFixed(Math.max(0, -exponent)));
};

/** PNG signature and IHDR size. */
function pngSize(bytes) {
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'not a PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Decodes a PNG in the page: its top-left pixel and its share of coloured (blue) and dark pixels. */
async function pngPixels(page, bytes) {
  return page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.naturalWidth;
    c.height = img.naturalHeight;
    const ctx = c.getContext('2d', { willReadFrequently: true });
    ctx.drawImage(img, 0, 0);
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    let blue = 0;
    let dark = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 2] > data[i] + 25 && data[i + 2] > data[i + 1]) blue += 1;
      if (data[i] < 40 && data[i + 1] < 40 && data[i + 2] < 40) dark += 1;
    }
    const n = data.length / 4;
    return { corner: [...data.subarray(0, 4)], blue: blue / n, dark: dark / n };
  }, bytes.toString('base64'));
}

test('CSV in both dialects, formulas neutralised, PNG of each chart, printable report as PDF', async () => {
  const server = await f.serve({ prefix: SUB_PATH });
  const context = await f.browser.newContext({ ...PAGE_OPTIONS, acceptDownloads: true });
  // The print dialog is counted, not opened (headless Chromium has none).
  await context.addInitScript(() => {
    window.print = () => { window.printCalls = (window.printCalls ?? 0) + 1; };
  });
  const { page, problems } = await f.open(server.url + shortRun(), { context });
  try {
    await waitForRun(page);

    // A scenario: +300 CHRS places.
    const chrs = Number(await page.inputValue('#lever-places-chrs'));
    // Set and committed in one step: a re-render (a batch of the run arriving) between typing and Enter
    // would put the displayed value back.
    await page.$eval('#lever-places-chrs-number', (el, v) => {
      el.value = v;
      el.dispatchEvent(new Event('change', { bubbles: true }));
    }, String(chrs + 300));
    await page.waitForFunction(
      (total) => Number(document.getElementById('run-progress-count').dataset.total) === total,
      2 * SHORT_REPLICATIONS,
    );
    await waitForRun(page);
    await page.locator('.export-bar').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${OUTPUT}exports-bar-fr.png` });

    // French dialect by default in French: `;` and decimal commas.
    assert.equal(await page.inputValue('#export-dialect'), 'fr');
    const fr = await csv(page, '#export-headlines', ';', HEADLINE_COLUMNS);
    assert.equal(fr.name, 'parcours-haute-garonne-headlines.csv');
    assert.equal(fr.rows.length, 12);
    const u = fr.rows.find((r) => r.indicator === 'without_solution');
    assert.equal(u.label, 'Ménages sans solution');
    for (const key of ['baseline', 'scenario', 'difference', 'difference_ci_low', 'difference_ci_high']) {
      assert.match(u[key], /^-?\d+(,\d+)?$/, `${key} is a number with a decimal comma: ${u[key]}`);
    }
    assert.ok(fr.text.includes(',') && /\d,\d/.test(fr.text), 'no decimal comma');
    assert.equal(asCard(num(u.baseline, ',')), figure(await page.textContent('#card-without_solution .kpi-base')));
    assert.equal(asCard(num(u.scenario, ','), num(u.baseline, ',')), figure(await page.textContent('#card-without_solution .kpi-scen')));
    // The difference is negative and stays a number (no apostrophe): more places, fewer without a solution.
    assert.ok(num(u.difference, ',') < 0, `difference ${u.difference}`);
    assert.equal(u.pairs, String(SHORT_REPLICATIONS));
    assert.match(u.significant, /^(oui|non)$/);
    assert.ok(u.verdict.length > 0);

    const series = await csv(page, '#export-series', ';', SERIES_COLUMNS);
    assert.equal(series.name, 'parcours-haute-garonne-series.csv');
    const runs = new Set(series.rows.map((r) => r.run));
    assert.deepEqual([...runs], ['baseline', 'scenario']);
    const first = series.rows[0];
    assert.equal(first.series, 'unsheltered');
    assert.equal(first.label, "Ménages sans solution (liste d'attente SIAO)");
    assert.equal(first.month, '2026-01-01');
    assert.ok(series.rows.some((r) => r.month === '2030-12-01'), 'the fifth year is there');
    const values = series.rows.flatMap((r) => SERIES_COLUMNS.slice(5).map((c) => r[c]));
    assert.ok(values.every((v) => v === '' || /^-?\d+(,\d+)?$/.test(v)), 'a number is not in the French form');
    assert.ok(values.some((v) => v.includes(',')));
    console.log(`# series CSV: ${series.rows.length} rows, ${(series.text.length / 1024).toFixed(0)} kB`);

    // International dialect: `,` and `.`, the same figures.
    await page.selectOption('#export-dialect', 'intl');
    const intl = await csv(page, '#export-headlines', ',', HEADLINE_COLUMNS);
    const ui = intl.rows.find((r) => r.indicator === 'without_solution');
    assert.match(ui.baseline, /^\d+(\.\d+)?$/);
    assert.equal(Number(ui.baseline), num(u.baseline, ','));
    assert.equal(Number(ui.difference), num(u.difference, ','));
    assert.ok(!/\d,\d/.test(intl.rows.map((r) => r.baseline).join(' ')));

    // A stage renamed to a formula in the advanced editor: the exported label is neutralised.
    const formula = "=cmd|' /C calc'!A0";
    await page.click('#tab-1');
    await page.waitForSelector('#editor');
    await page.click('#ed-sec-stages > summary');
    await page.click('#ed-stage-2 > summary');
    const labelField = 'input[data-path="stages[2].label.fr"]';
    assert.match(await page.inputValue(labelField), /CHRS/);
    const runBefore = await page.$eval('.app', (app) => app.dataset.scenarioRun ?? '');
    await page.fill(labelField, formula);
    await page.waitForFunction(() => document.getElementById('editor-status').dataset.valid === 'true');
    // After the debounce, the edited scenario's run starts (the page shows its id).
    await page.waitForFunction((before) => (document.querySelector('.app').dataset.scenarioRun ?? '') !== before, runBefore);
    await waitForRun(page);
    await page.click('#tab-0');
    const edited = await csv(page, '#export-series', ',', SERIES_COLUMNS);
    const renamed = edited.rows.find((r) => r.run === 'scenario' && r.series === 'stage.chrs.occupancy');
    assert.equal(renamed.label, `'${formula} — ménages présents`);
    assert.ok(edited.rows.every((r) => !/^[=+\-@\t\r]/.test(r.label)), 'a label starts like a formula');

    // PNG of the fan chart: PNG signature, the canvas's width, its height plus the title band,
    // opaque white background.
    const canvas = await page.$eval('#unsheltered-chart', (c) => ({ width: c.width, height: c.height }));
    const fan = await download(page, '#export-png-fan');
    assert.equal(fan.name, 'parcours-haute-garonne-unsheltered.png');
    const fanSize = pngSize(fan.bytes);
    assert.equal(fanSize.width, canvas.width);
    assert.ok(fanSize.height > canvas.height && fanSize.height <= canvas.height + 70, JSON.stringify({ fanSize, canvas }));
    const fanPx = await pngPixels(page, fan.bytes);
    assert.deepEqual(fanPx.corner, [255, 255, 255, 255], 'background not opaque white');
    assert.ok(fanPx.blue > 0.02, `no bands in the image: ${JSON.stringify(fanPx)}`);
    const tth = await download(page, '#export-png-tth');
    const tthCanvas = await page.$eval('#tth-chart', (c) => ({ width: c.width, height: c.height }));
    assert.equal(pngSize(tth.bytes).width, tthCanvas.width);

    // The diagram (SVG) as a PNG: twice its drawing size, drawn with the page's colours (the
    // styles are inlined: without them the bars would be black).
    const viewBox = (await page.getAttribute('#diagram-svg', 'viewBox')).split(' ').map(Number);
    const diagram = await download(page, '#export-png-diagram');
    assert.equal(diagram.name, 'parcours-haute-garonne-pathway.png');
    const diagramSize = pngSize(diagram.bytes);
    assert.equal(diagramSize.width, viewBox[2] * 2);
    assert.ok(diagramSize.height > viewBox[3] * 2, JSON.stringify(diagramSize));
    const diagramPx = await pngPixels(page, diagram.bytes);
    assert.deepEqual(diagramPx.corner, [255, 255, 255, 255]);
    assert.ok(diagramPx.blue > 0.03, `diagram image not coloured: ${JSON.stringify(diagramPx)}`);
    assert.ok(diagramPx.dark < 0.05, `diagram image mostly black: ${JSON.stringify(diagramPx)}`);
    for (const [name, bytes] of [['fan', fan.bytes], ['tth', tth.bytes], ['diagram', diagram.bytes]]) {
      await writeFile(`${OUTPUT}export-${name}.png`, bytes);
    }

    // The printable report: on screen over the app, then alone in print media.
    await page.click('#open-report');
    await page.waitForSelector('#report');
    await page.waitForFunction(() => {
      const imgs = [...document.querySelectorAll('.report-figure img')];
      return imgs.length === 3 && imgs.every((i) => i.complete && i.naturalWidth > 0);
    });
    await page.waitForFunction(() => window.printCalls === 1);
    await page.screenshot({ path: `${OUTPUT}report-screen-fr.png` });
    await page.emulateMedia({ media: 'print' });
    const print = await page.evaluate(() => {
      const shown = (sel) => {
        const el = document.querySelector(sel);
        return !!el && getComputedStyle(el).display !== 'none' && el.getClientRects().length > 0;
      };
      return {
        layout: shown('.layout'),
        header: shown('.topbar'),
        toolbar: shown('.report-toolbar'),
        report: shown('.report'),
        title: document.getElementById('report-title')?.innerText,
        rows: [...document.querySelectorAll('#report-headlines tbody tr')].map((tr) => tr.innerText),
        bottleneck: document.getElementById('report-bottlenecks')?.innerText ?? '',
        levers: document.getElementById('report-lever-list')?.innerText ?? '',
        replications: document.getElementById('report-replications')?.innerText ?? '',
        edits: [...document.querySelectorAll('.report-edits td')].map((td) => td.innerText),
      };
    });
    assert.deepEqual([print.layout, print.header, print.toolbar, print.report], [false, false, false, true]);
    assert.equal(print.title, 'Haute-Garonne : scénario comparé à la référence');
    assert.equal(print.rows.length, 12);
    assert.match(print.rows[0], /Ménages sans solution/);
    assert.match(print.rows[0], /IC 95 %/);
    assert.match(print.bottleneck, /Référence : (Goulot|Pas de goulot)/);
    assert.match(print.bottleneck, /Scénario : /);
    assert.match(print.levers, new RegExp(`Places — CHRS.* : ${chrs} → ${chrs + 300} places`));
    const n = SHORT_REPLICATIONS;
    assert.match(print.replications, new RegExp(`Graine 42 · référence : ${n} / ${n} réplications · scénario : ${n} / ${n}`));
    assert.ok(print.edits.includes('stages[chrs].label.fr'), `edits: ${print.edits}`);
    // The sources' notes in French (assets/i18n/sources-fr.json), with no « untranslated » line.
    const sourcesFr = await page.textContent('.report-sources');
    assert.match(sourcesFr, /lits par place en ménages/);
    assert.doesNotMatch(sourcesFr, /beds per household place|assumption/);
    assert.doesNotMatch(await page.textContent('#report'), /sans traduction/);
    const pdfPath = `${OUTPUT}report.pdf`;
    await page.pdf({ path: pdfPath, format: 'A4', printBackground: true, preferCSSPageSize: true });
    const pdf = await readFile(pdfPath);
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    // At most 16 pages: the report now lists its sources grouped by kind, in French (issue 16).
    assert.ok(pages >= 3 && pages <= 16, `${pages} pages`);
    for (const f of await readdir(OUTPUT)) if (/^report-\d+\.png$/.test(f)) await rm(`${OUTPUT}${f}`);
    execFileSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '4', pdfPath, `${OUTPUT}report`]);
    const images = (await readdir(OUTPUT)).filter((f) => /^report-\d+\.png$/.test(f));
    assert.ok(images.length >= 3, `pdftoppm wrote ${images}`);
    console.log(`# report: ${pages} A4 pages, ${(pdf.length / 1024).toFixed(0)} kB; ${images.join(', ')}`);
    await page.emulateMedia({ media: 'screen' });

    // In English: the report's texts switch; closing it brings the app back.
    await page.click('#report-close');
    await page.waitForSelector('#report', { state: 'detached' });
    await page.click('#lang-en');
    assert.equal(await page.inputValue('#export-dialect'), 'intl', 'the chosen dialect is kept');
    await page.click('#open-report');
    await page.waitForSelector('#report');
    assert.equal((await page.textContent('#report-figures')).trim(), 'Key figures');
    assert.match(await page.textContent('#report-bottlenecks'), /Baseline: (Bottleneck|No bottleneck)/);
    assert.match(await page.textContent('.report-sources'), /beds per household place/);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'report-print', 'focus is not in the report');
    await page.keyboard.press('Escape');
    await page.waitForSelector('#report', { state: 'detached' });
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'open-report', 'focus not given back');

    assert.deepEqual([...problems], []);
  } finally {
    await context.close();
  }
});
