// Trunk post_build hook (Trunk.toml): writes the service worker's precache list and version.
//
// Trunk has copied assets/sw.js into the staging directory (index.html, `rel="copy-file"`); this
// replaces its placeholders with every other file of the build (paths relative to the site's
// root, so the app works under any sub-path) and a hash of their names and contents: any change
// to the build gives a different sw.js, which is how browsers find a new version.
//
// Development builds (`trunk serve`, TRUNK_PROFILE=debug) get no offline cache: a service worker
// that clears this app's caches and unregisters itself, so live reload is never served stale.

import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { writePolicy } from './csp.mjs';

const STAGING = process.env.TRUNK_STAGING_DIR;
if (!STAGING) throw new Error('TRUNK_STAGING_DIR is not set: run by Trunk (post_build hook)');
const SW = join(STAGING, 'sw.js');

async function files(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await files(path)));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

// The Content-Security-Policy first: index.html is part of what the version hashes.
await writePolicy(STAGING, process.env.TRUNK_PROFILE === 'release');

const source = await readFile(SW, 'utf8');
if (!source.includes('__PARCOURS_VERSION__') || !source.includes('/* __PARCOURS_PRECACHE__ */ []')) {
  throw new Error(`${SW}: placeholders not found (already processed?)`);
}

if (process.env.TRUNK_PROFILE !== 'release') {
  await writeFile(
    SW,
    `// Development build: no offline cache. Clears this app's caches and unregisters itself.
self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => {
  const prefix = 'parcours:' + new URL(self.registration.scope).pathname + ':';
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith(prefix)).map((n) => caches.delete(n))))
      .then(() => self.registration.unregister()),
  );
});
`,
  );
  console.log('[pwa] development build: sw.js only unregisters itself');
} else {
  const paths = (await files(STAGING))
    .map((file) => relative(STAGING, file).split(sep).join('/'))
    .filter((path) => path !== 'sw.js')
    .sort();
  const hash = createHash('sha256');
  hash.update(source);
  for (const path of paths) {
    hash.update(`\0${path}\0`);
    hash.update(await readFile(join(STAGING, path)));
  }
  const version = hash.digest('hex').slice(0, 16);
  const list = JSON.stringify(paths.map((p) => p.split('/').map(encodeURIComponent).join('/')), null, 2);
  await writeFile(
    SW,
    source
      .replace('__PARCOURS_VERSION__', version)
      .replace('/* __PARCOURS_PRECACHE__ */ []', () => list),
  );
  console.log(`[pwa] sw.js version ${version}: ${paths.length} files precached`);
}
