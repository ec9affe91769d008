// Lighthouse (npm `lighthouse`, pinned in package.json) on a served build: the performance score
// and its largest contentful paint, total blocking time and first contentful paint, for the
// mobile (Lighthouse's default: a simulated mid-range phone on a slow 4G network) or the desktop
// preset. Runs the package's own command line, driving Debian's Chromium through CHROME_PATH,
// with the end-to-end tests' flags; nothing is fetched from outside 127.0.0.1.

import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, CHROMIUM_ARGS } from '../../tests/e2e/common.mjs';

const CLI = fileURLToPath(new URL('../../node_modules/lighthouse/cli/index.js', import.meta.url));

/**
 * One Lighthouse run of `url`; `preset` is 'mobile' or 'desktop'; `category` 'performance' (the
 * benchmark's) or 'accessibility' (its score and the audits that failed, measured by hand:
 * ARCHITECTURE.md, « Accessibility »).
 */
export async function lighthouse(url, preset, category = 'performance') {
  const dir = await mkdtemp(join(tmpdir(), 'parcours-lighthouse-'));
  const out = join(dir, 'report.json');
  const args = [
    CLI,
    url,
    '--quiet',
    `--only-categories=${category}`,
    '--output=json',
    `--output-path=${out}`,
    `--chrome-flags=${CHROMIUM_ARGS.join(' ')}`,
    ...(preset === 'desktop' ? ['--preset=desktop'] : []),
  ];
  try {
    await new Promise((ok, fail) =>
      execFile(
        process.execPath,
        args,
        { env: { ...process.env, CHROME_PATH: CHROMIUM }, timeout: 300_000, maxBuffer: 1 << 24 },
        (error, _stdout, stderr) => (error ? fail(new Error(`lighthouse: ${error.message}\n${stderr}`)) : ok()),
      ),
    );
    const report = JSON.parse(await readFile(out, 'utf8'));
    const audit = (id) => report.audits[id]?.numericValue ?? null;
    const score = report.categories[category].score;
    return {
      version: report.lighthouseVersion,
      score: score === null ? null : Math.round(score * 100),
      lcp: audit('largest-contentful-paint'),
      tbt: audit('total-blocking-time'),
      fcp: audit('first-contentful-paint'),
      failed: report.categories[category].auditRefs
        .map((ref) => report.audits[ref.id])
        .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary')
        .map((a) => a.id),
      warnings: report.runWarnings ?? [],
      error: report.runtimeError?.message ?? null,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
