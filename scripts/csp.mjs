// The page's Content-Security-Policy, kept right at each build (called by the Trunk post_build
// hook scripts/pwa-precache.mjs, before it hashes the build).
//
// index.html carries the policy in a <meta http-equiv="Content-Security-Policy">, with the
// placeholder 'sha256-__INLINE_SCRIPTS__' where the hashes of the inline scripts go: Trunk writes
// one, the loader of the page's WebAssembly (`import init … from './parcours-app-<hash>.js'`),
// whose text changes with every build. This replaces the placeholder with the sha256 of every
// inline <script> of the staged index.html, so the policy allows exactly those.
//
// Development builds (`trunk serve`) drop the meta: the development server sends its own policy
// (Trunk.toml, [serve] csp, with a nonce that also covers its live-reload script).

import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export const PLACEHOLDER = "'sha256-__INLINE_SCRIPTS__'";
const META = /<meta http-equiv="Content-Security-Policy"[^>]*>\s*/;

/** The hashes, as CSP sources, of the inline <script> elements of `html`. */
export function inlineScriptHashes(html) {
  const hashes = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    if (/\bsrc\s*=/.test(m[1])) continue;
    hashes.push(`'sha256-${createHash('sha256').update(m[2], 'utf8').digest('base64')}'`);
  }
  return hashes;
}

/** Writes the policy of the staged index.html (`staging`): its inline scripts' hashes. */
export async function writePolicy(staging, release) {
  const path = join(staging, 'index.html');
  const html = await readFile(path, 'utf8');
  if (!META.test(html)) throw new Error(`${path}: no Content-Security-Policy meta`);
  if (!release) {
    await writeFile(path, html.replace(META, ''));
    console.log('[csp] development build: the server sends the policy');
    return;
  }
  if (!html.includes(PLACEHOLDER)) throw new Error(`${path}: ${PLACEHOLDER} not found (already processed?)`);
  const hashes = inlineScriptHashes(html);
  if (hashes.length === 0) throw new Error(`${path}: no inline script (Trunk's loader) to allow`);
  await writeFile(path, html.replace(PLACEHOLDER, hashes.join(' ')));
  console.log(`[csp] ${hashes.length} inline script(s) allowed by hash`);
}
