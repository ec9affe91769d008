// Measures two builds side by side and prints a Markdown report (scripts/bench.sh builds them and
// calls this; see BENCHMARKS.md). Every figure is measured on both builds in the same run, the
// two in turn (A B, B A, A B, …) so that a change of the machine's load touches both alike; each
// cell is the median of the rounds with [min–max], and the ratio column is the median and range
// of the ratios round by round (paired).
//
// node scripts/bench/bench.mjs --this DIR --this-label L --base DIR --base-label L --chain FILE
//     [--only engine,native,page,lighthouse] [--rounds 7] [--native-rounds 3] [--page-rounds 3]
//     [--lighthouse-rounds 3] [--moves 5] [--raw FILE]
// A build DIR holds bench_run (crates/engine/examples/bench_run.rs), parcours (the command
// line), default.json (its default territory's scenario file) and dist/ (`trunk build --release`).

import { execFile, execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { CHROMIUM, launchBrowser } from '../../tests/e2e/common.mjs';
import { serveDist } from '../../tests/e2e/server.mjs';
import { lighthouse } from './lighthouse.mjs';
import { firstVisit, linkWithReplications, thousandReplications, whereToAct } from './page.mjs';

const { values: opt } = parseArgs({
  options: {
    this: { type: 'string' },
    'this-label': { type: 'string', default: 'this tree' },
    base: { type: 'string' },
    'base-label': { type: 'string', default: 'base' },
    chain: { type: 'string' },
    only: { type: 'string', default: 'engine,native,page,lighthouse,marginal' },
    rounds: { type: 'string', default: '7' },
    'native-rounds': { type: 'string', default: '3' },
    'page-rounds': { type: 'string', default: '3' },
    'lighthouse-rounds': { type: 'string', default: '3' },
    moves: { type: 'string', default: '5' },
    raw: { type: 'string' },
  },
});
const only = new Set(opt.only.split(','));
const A = { dir: opt.this, label: opt['this-label'] };
const B = { dir: opt.base, label: opt['base-label'] };
const builds = [A, B];
const int = (name) => {
  const n = Number(opt[name]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name}: a whole number ≥ 1, not ${opt[name]}`);
  return n;
};
/** The order of the two builds in round `r`: A B, B A, A B, … */
const order = (r) => (r % 2 === 0 ? [A, B] : [B, A]);

// ---- statistics and formatting -----------------------------------------------------------------

const sorted = (xs) => xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
function median(xs) {
  const s = sorted(xs);
  if (!s.length) return NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
function num(x, digits) {
  if (!Number.isFinite(x)) return '–';
  return x.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
/** « median [min–max] » of `xs` (just the value when they are all equal or there is one). */
function cell(xs, digits = 0) {
  const s = sorted(xs);
  if (!s.length) return 'n/a';
  const [lo, mid, hi] = [s[0], median(s), s.at(-1)];
  return num(lo, digits) === num(hi, digits)
    ? num(mid, digits)
    : `${num(mid, digits)} [${num(lo, digits)}–${num(hi, digits)}]`;
}
/** Paired ratios a[i] / b[i], as a cell. */
function ratio(a, b, digits = 2) {
  return cell(a.map((x, i) => x / b[i]), digits);
}
const table = (head, rows) =>
  [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`]
    .concat(rows.map((r) => `| ${r.join(' | ')} |`))
    .join('\n');

const out = [];
const say = (text = '') => {
  out.push(text);
  console.log(text);
};
const progress = (text) => process.stderr.write(`[bench] ${text}\n`);

function run(cmd, args, { timeout = 900_000 } = {}) {
  return new Promise((ok, fail) => {
    const t0 = process.hrtime.bigint();
    execFile(cmd, args, { timeout, maxBuffer: 1 << 26 }, (error, stdout, stderr) => {
      const wall = Number(process.hrtime.bigint() - t0) / 1e9;
      if (error) fail(new Error(`${basename(cmd)} ${args.join(' ')}: ${error.message}\n${stderr}`));
      else ok({ stdout, stderr, wall });
    });
  });
}
const shell = (cmd) => {
  try {
    return execFileSync('sh', ['-c', cmd], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'n/a';
  }
};

const raw = { date: new Date().toISOString(), builds: builds.map((b) => b.label), results: {} };

// ---- header: what, where, under which load -----------------------------------------------------

say(`# Benchmark: ${A.label} vs ${B.label}`);
say();
say(`${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC. Cells: median [min–max] over the rounds; ratios ${A.label} ÷ ${B.label}, paired round by round.`);
say();
say('| machine | |');
say('|---|---|');
say(`| CPU | ${cpus()[0]?.model ?? '?'} × ${cpus().length} (\`nproc\` ${shell('nproc')}) |`);
say(`| memory | ${(totalmem() / 2 ** 30).toFixed(1)} GiB |`);
say(`| kernel | ${shell('uname -sr')} |`);
say(`| Rust | ${shell('rustc --version')} |`);
say(`| Chromium | ${shell(`${CHROMIUM} --version`)} |`);
say(`| Node | ${process.version} |`);
say(`| load before | \`${shell('uptime')}\` |`);
say();

// ---- 1, 2: the engine, one thread --------------------------------------------------------------

const CASES = [
  // n: replications per timed block (≈ 0.5–1 s of one core at the speed of the engine of issue 14).
  { id: 'default', title: 'default territory (Haute-Garonne), 5 years', arg: 'default', n: 50, k: 3 },
  { id: 'chain', title: 'four-stage chain with blocking, 5 years', arg: opt.chain, n: 500, k: 20 },
];

async function engine() {
  const rounds = int('rounds');
  const rows = [];
  for (const c of CASES) {
    const samples = new Map(builds.map((b) => [b, []]));
    for (let r = 0; r < rounds; r += 1) {
      for (const b of order(r)) {
        progress(`engine ${c.id}, round ${r + 1}/${rounds}: ${b.label}`);
        const { stdout } = await run(join(b.dir, 'bench_run'), [c.arg, String(c.n), '0']);
        samples.get(b).push(JSON.parse(stdout));
      }
    }
    // Instructions per replication (load-independent): callgrind over 1 and 1 + k replications.
    const instructions = new Map();
    if (shell('command -v valgrind') !== 'n/a') {
      for (const b of builds) {
        progress(`engine ${c.id}: instruction count of ${b.label} (callgrind)`);
        const count = async (n) => {
          const { stderr } = await run('valgrind', [
            '--tool=callgrind',
            '--callgrind-out-file=/dev/null',
            join(b.dir, 'bench_run'),
            c.arg,
            String(n),
            '0',
          ]);
          return Number(/Collected\s*:\s*(\d+)/.exec(stderr)?.[1]);
        };
        instructions.set(b, ((await count(1 + c.k)) - (await count(1))) / c.k);
      }
    }
    const per = (b, f) => samples.get(b).map(f);
    const figures = [
      ['replications/s (wall clock)', (s) => s.replications / s.wall_s, 1],
      ['replications per CPU-second', (s) => s.replications / s.cpu_s, 1],
      ['events/replication', (s) => s.events / s.replications, 0],
      ['M events per CPU-second', (s) => s.events / s.cpu_s / 1e6, 2],
    ];
    for (const [i, [name, f, digits]] of figures.entries()) {
      const [a, b] = [per(A, f), per(B, f)];
      rows.push([i === 0 ? c.title : '', name, cell(a, digits), cell(b, digits), ratio(a, b)]);
    }
    if (instructions.size) {
      const [a, b] = [instructions.get(A), instructions.get(B)];
      rows.push(['', 'M instructions/replication (callgrind)', num(a / 1e6, 1), num(b / 1e6, 1), num(a / b, 3)]);
    }
    raw.results[`engine_${c.id}`] = {
      n: c.n,
      samples: Object.fromEntries(builds.map((b) => [b.label, samples.get(b)])),
      instructions: Object.fromEntries([...instructions].map(([b, x]) => [b.label, x])),
    };
  }
  say(`## 1–2. Engine, one thread (\`bench_run\`: ${rounds} round${rounds > 1 ? 's' : ''} of one process per build, 50 replications of the default territory or 500 of the chain a block, after a warm-up replication)`);
  say();
  say(table(['case', 'figure', A.label, B.label, 'ratio'], rows));
  say();
  say('Issue 14 asks for ≥ 2× on replications per second, against a build of the main it was filed on. Replications per CPU-second (the thread\'s own scheduler time) are less sensitive to the machine\'s other work than wall-clock ones; the instruction count does not depend on it at all (but is not time: a cache miss costs more than an add).');
  say();
}

// ---- 3 (native side): 1,000 replications on two threads ----------------------------------------

const native = new Map(builds.map((b) => [b, []]));
async function nativeTwoThreads() {
  const rounds = int('native-rounds');
  for (let r = 0; r < rounds; r += 1) {
    for (const b of order(r)) {
      progress(`native 1,000 replications on 2 threads, round ${r + 1}/${rounds}: ${b.label}`);
      const args = ['--quiet', '--threads', '2', 'run', join(b.dir, 'default.json'), '-n', '1000', '-o', '/dev/null'];
      native.get(b).push((await run(join(b.dir, 'parcours'), args)).wall);
    }
  }
  raw.results.native = Object.fromEntries(builds.map((b) => [b.label, native.get(b)]));
}

/** Section 3's native line alone, when the page is not measured. */
function nativeAlone() {
  if (!native.get(A).length) return;
  say('## 3. 1,000 replications of the default territory natively on 2 threads (`parcours run -n 1000 --threads 2`, s)');
  say();
  say(table(['figure', A.label, B.label, 'ratio'], [['whole process', cell(native.get(A), 2), cell(native.get(B), 2), ratio(native.get(A), native.get(B))]]));
  say();
}

// ---- 3–6: the page -----------------------------------------------------------------------------

/** A file's name without Trunk's content hash, to match the two builds' files. */
const unhashed = (path) => path.replace(/-[0-9a-f]{16}(?=[._])/, '-…');

async function page(servers) {
  const rounds = int('page-rounds');
  const moves = int('moves');
  const visits = new Map(builds.map((b) => [b, []]));
  const thousands = new Map(builds.map((b) => [b, []]));
  const browser = await launchBrowser();
  try {
    for (let r = 0; r < rounds; r += 1) {
      for (const b of order(r)) {
        // A measure that fails (a timeout on a very busy machine) is reported, not fatal.
        const attempt = (what) => what.catch((error) => ({ errors: [error.message.split('\n')[0]] }));
        progress(`page, round ${r + 1}/${rounds}: first visit of ${b.label}, then ${moves} lever moves`);
        const visit = await attempt(firstVisit(browser, servers.get(b), { moves }));
        visits.get(b).push(visit);
        progress(`page, round ${r + 1}/${rounds}: 1,000 replications in ${b.label}`);
        thousands
          .get(b)
          .push(
            visit.link
              ? await attempt(thousandReplications(browser, servers.get(b), linkWithReplications(visit.link, 1000)))
              : { errors: ['no link: the first visit failed'] },
          );
      }
    }
  } finally {
    await browser.close();
  }
  raw.results.page = Object.fromEntries(builds.map((b) => [b.label, { visits: visits.get(b), thousands: thousands.get(b) }]));
  const v = (b, f) => visits.get(b).map(f);
  const t = (b, f) => thousands.get(b).map(f);
  const row = (name, f, { digits = 0, target = '', of = v } = {}) => {
    const [a, b] = [of(A, f), of(B, f)];
    return [name, cell(a, digits), cell(b, digits), ratio(a, b), target];
  };
  const head = ['figure', A.label, B.label, 'ratio', 'target (issue 14)'];

  const nat = (b) => native.get(b);
  const rows3 = [
    row('page: baseline run, from the navigation to all replications back (s)', (x) => x.baselineFromNavigation / 1000, { digits: 2, of: t, target: '≤ 5 s' }),
    row('page: the same, from its progress first shown (s)', (x) => x.baselineFromShown / 1000, { digits: 2, of: t }),
    row('page: scenario run after a lever move, from the move to all replications back (s)', (x) => x.scenario / 1000, { digits: 2, of: t }),
  ];
  if (nat(A).length) {
    rows3.push(['native: `parcours run -n 1000 --threads 2` (s, whole process)', cell(nat(A), 2), cell(nat(B), 2), ratio(nat(A), nat(B)), '']);
    // Page ÷ native within each build (medians: the two are not run in pairs).
    const pn = (b, f) => median(t(b, f)) / median(nat(b));
    rows3.push(['page baseline (from the navigation) ÷ native', num(pn(A, (x) => x.baselineFromNavigation / 1000), 2), num(pn(B, (x) => x.baselineFromNavigation / 1000), 2), '', '≤ 1.2']);
    rows3.push(['page scenario run ÷ native', num(pn(A, (x) => x.scenario / 1000), 2), num(pn(B, (x) => x.scenario / 1000), 2), '', '≤ 1.2']);
  }
  say(`## 3. 1,000 replications of the default territory (${rounds} round${rounds > 1 ? 's' : ''}; the page in headless Chromium with its ${shell('nproc')} cores, natively on 2 threads)`);
  say();
  say(table(head, rows3));
  say();

  const lt = (which, f) => (x) => (x[which] ? f(x[which]) : NaN);
  const longRows = (which, title) => [
    row(`${title}: long tasks (count)`, lt(which, (l) => l.count), { of: t, target: 'none over 50 ms' }),
    row(`${title}: long tasks, total (ms)`, lt(which, (l) => l.total), { of: t }),
    row(`${title}: longest task (ms)`, lt(which, (l) => l.longest), { of: t, target: '≤ 50 ms' }),
    row(`${title}: blocking time, Σ (task − 50 ms) (ms)`, lt(which, (l) => l.blocking), { of: t }),
  ];
  say('## 4. The main thread during the runs of 1,000 replications (PerformanceObserver `longtask`: its tasks over 50 ms)');
  say();
  say(
    table(head, [
      ...longRows('scenarioLongtasks', 'scenario run (lever move → all back)'),
      ...longRows('baselineLongtasks', 'baseline run (navigation → all back)'),
    ]),
  );
  say();

  say(`## 5. Time to first figures (first visit of the plain address: 200 replications; then a round's ${moves} lever moves of each kind: each once the previous run is complete, each while the previous run is going, ${moves} drags; the moves of tests/e2e/workspace.test.mjs)`);
  say();
  const med = (f) => (x) => median(f(x) ?? []);
  say(
    table(head, [
      row('cold start: navigation → first frame with the baseline\'s figures (ms)', (x) => x.firstFigures),
      row('cold start: first contentful paint (ms)', (x) => x.fcp ?? NaN),
      row('cold start: navigation → the 200 replications back (ms)', (x) => x.runDone ?? NaN),
      ...[
        ['lever move, the previous run complete', 'idle'],
        ['lever move while the previous scenario run is going', 'busy'],
        ['end of a drag (14 moves, then the debounce)', 'drag'],
      ].flatMap(([what, kind]) => [
        row(`${what} → first frame with the scenario's cards (ms, median of the round's moves)`, med((x) => x.latency?.[kind]?.cards), kind === 'idle' ? { target: '≤ 150 ms' } : {}),
        row(`${what} → the app's stamp: cards, diagram and charts drawn (ms, median)`, med((x) => x.latency?.[kind]?.drawn)),
      ]),
    ]),
  );
  say();

  // 6: bytes by file (one visit is enough: the same bytes every round).
  const files = new Map();
  for (const b of builds) {
    for (const [path, e] of Object.entries(visits.get(b).find((x) => x.transfer)?.transfer ?? {})) {
      const key = unhashed(path);
      files.set(key, { ...files.get(key), [b.label]: e });
    }
  }
  const kb = (e) => (e ? `${num(e.bytes / 1000, 1)}${e.requests > 1 ? ` (${e.requests} requests)` : ''}` : '–');
  const total = (b, pick = () => true) =>
    [...files].filter(([p]) => pick(p)).reduce((n, [, e]) => n + (e[b.label]?.bytes ?? 0), 0);
  const totalRow = (name, pick, target = '') => [
    name,
    `**${num(total(A, pick) / 1000, 1)}**`,
    `**${num(total(B, pick) / 1000, 1)}**`,
    num(total(A, pick) / total(B, pick), 2),
    target,
  ];
  const isWasm = (p) => p.endsWith('.wasm') && !p.includes('worker');
  const isWorker = (p) => p.includes('worker');
  const fileRows = [...files]
    .sort(([, x], [, y]) => Math.max(...Object.values(y).map((e) => e.bytes)) - Math.max(...Object.values(x).map((e) => e.bytes)))
    .map(([path, e]) => [`\`${path}\``, kb(e[A.label]), kb(e[B.label]), e[A.label] && e[B.label] ? num(e[A.label].bytes / e[B.label].bytes, 2) : '', '']);
  say('## 6. Transfer of a first visit (kB = 1,000 bytes of gzip-compressed body, served with ETag and `no-cache`; the service worker\'s precache of the build included: its revalidations of files the page already has are 304s of no body)');
  say();
  say(
    table(head, [
      totalRow('everything', () => true, '≤ 400 KB'),
      totalRow('the page\'s WebAssembly', isWasm),
      totalRow('the worker (script and WebAssembly)', isWorker),
      ...fileRows,
    ]),
  );
  say();
  const errors = builds.flatMap((b) =>
    [...visits.get(b), ...thousands.get(b)].flatMap((x) => (x.errors ?? []).map((e) => `${b.label}: ${e}`)),
  );
  if (errors.length) {
    say(`Errors in the pages (their figures are left out): ${[...new Set(errors)].join('; ')}`);
    say();
  }
}

// ---- 7: Lighthouse -----------------------------------------------------------------------------

async function lighthouses(servers) {
  const rounds = int('lighthouse-rounds');
  const results = {};
  for (const preset of ['mobile', 'desktop']) {
    results[preset] = new Map(builds.map((b) => [b, []]));
    for (let r = 0; r < rounds; r += 1) {
      for (const b of order(r)) {
        progress(`Lighthouse ${preset}, round ${r + 1}/${rounds}: ${b.label}`);
        try {
          results[preset].get(b).push(await lighthouse(servers.get(b).url, preset));
        } catch (error) {
          results[preset].get(b).push({ error: error.message });
        }
      }
    }
  }
  raw.results.lighthouse = Object.fromEntries(
    Object.entries(results).map(([p, m]) => [p, Object.fromEntries(builds.map((b) => [b.label, m.get(b)]))]),
  );
  const head = ['figure', A.label, B.label, 'ratio', 'target (issue 14)'];
  const rows = [];
  for (const [preset, m] of Object.entries(results)) {
    const f = (b, g) => m.get(b).map((x) => (x.error || x[g] == null ? NaN : x[g]));
    const row = (name, g, scale, digits, target = '') => {
      const [a, b] = [f(A, g).map((x) => x / scale), f(B, g).map((x) => x / scale)];
      rows.push([`${preset}: ${name}`, cell(a, digits), cell(b, digits), ratio(a, b), target]);
    };
    row('performance score', 'score', 1, 0, preset === 'mobile' ? '≥ 90' : '≥ 95');
    row('largest contentful paint (s)', 'lcp', 1000, 2);
    row('total blocking time (ms)', 'tbt', 1, 0);
    row('first contentful paint (s)', 'fcp', 1000, 2);
  }
  const any = Object.values(results).flatMap((m) => [...m.values()].flat());
  const version = any.find((x) => x.version)?.version ?? '?';
  say(`## 7. Lighthouse ${version}, performance (${rounds} runs per build and preset; mobile = Lighthouse's default simulated phone and slow 4G, desktop = \`--preset=desktop\`)`);
  say();
  say(table(head, rows));
  say();
  // Its warnings, without their Markdown links (the text says enough).
  const problems = [...new Set(any.flatMap((x) => [x.error, ...(x.warnings ?? [])].filter(Boolean)))].map((p) =>
    p.replace(/\[([^\]]+)\]\([^)]*\)/g, '$1').replace(/\s+/g, ' '),
  );
  if (problems.length) {
    say(`Lighthouse said: ${problems.join(' / ')}`);
    say();
  }
}

// ---- 8: « Où agir ? » --------------------------------------------------------------------------

/** Replications of each scenario of « Où agir ? » (issue 13's benchmark). */
const MARGINAL_REPLICATIONS = 200;

async function marginal(servers) {
  const rounds = int('page-rounds');
  const runs = new Map(builds.map((b) => [b, []]));
  const browser = await launchBrowser();
  try {
    for (let r = 0; r < rounds; r += 1) {
      for (const b of order(r)) {
        progress(`« Où agir ? », round ${r + 1}/${rounds}: every lever at ${MARGINAL_REPLICATIONS} replications in ${b.label}`);
        runs.get(b).push(await whereToAct(browser, servers.get(b), MARGINAL_REPLICATIONS).catch((error) => ({ errors: [error.message.split('\n')[0]] })));
      }
    }
  } finally {
    await browser.close();
  }
  raw.results.marginal = Object.fromEntries(builds.map((b) => [b.label, runs.get(b)]));
  const of = (b, f) => runs.get(b).map(f);
  const row = (name, f, digits = 0) => [name, cell(of(A, f), digits), cell(of(B, f), digits), ratio(of(A, f), of(B, f))];
  say(`## 8. « Où agir ? » on the default territory, every lever at ${MARGINAL_REPLICATIONS} replications (${rounds} round${rounds > 1 ? 's' : ''}; headless Chromium with its ${shell('nproc')} cores, once the page's own run of 200 is complete)`);
  say();
  say(
    table(['figure', A.label, B.label, 'ratio'], [
      row('scenarios run (the scenario and one step of each lever)', (x) => x.levers + 1),
      row('first ranking, from the click (s)', (x) => x.first / 1000, 2),
      row('complete ranking, from the click (s)', (x) => x.complete / 1000, 2),
      row('replications a second, whole analysis', (x) => ((x.levers + 1) * MARGINAL_REPLICATIONS) / (x.complete / 1000), 1),
    ]),
  );
  say();
  const errors = builds.flatMap((b) => runs.get(b).flatMap((x) => x.errors ?? []));
  if (errors.length) {
    say(`Errors in the pages (their figures are left out): ${[...new Set(errors)].join('; ')}`);
    say();
  }
}

// ---- run ----------------------------------------------------------------------------------------

const saveRaw = () => opt.raw && writeFileSync(opt.raw, JSON.stringify(raw, null, 1));
if (only.has('engine')) await engine();
saveRaw();
if (only.has('native')) await nativeTwoThreads();
saveRaw();
if (only.has('page') || only.has('lighthouse') || only.has('marginal')) {
  const servers = new Map();
  for (const b of builds) servers.set(b, await serveDist(join(b.dir, 'dist'), { likeAHost: true }));
  try {
    if (only.has('page')) await page(servers);
    else nativeAlone();
    saveRaw();
    if (only.has('lighthouse')) await lighthouses(servers);
    saveRaw();
    if (only.has('marginal')) await marginal(servers);
  } finally {
    for (const s of servers.values()) await s.close();
  }
} else nativeAlone();
say(`Load after: \`${shell('uptime')}\``);
saveRaw();
