// Parcours's service worker: the app works offline once it has been loaded with network.
//
// The build (scripts/pwa-precache.mjs, a Trunk post_build hook) replaces the two placeholders
// below with the list of every file of dist/ and a hash of their contents. On install, the
// app's shell (every file but the scenario catalogue's, index.json excepted, and the search
// worker's) is fetched into a cache named after that hash; the rest only when the page asks
// ('PRECACHE_REST', sent by assets/pwa.js once the first figures are shown and the page is idle),
// so that a first visit downloads the territories it does not show and the search worker after
// its figures, not before (issue 14). The app is then served from that cache (the page, its
// script and WebAssembly, the workers', the styles, icons and scenario files; a file the page
// fetches in between is cached on its way), so a reload with no network runs the same version.
// A new build gives a new sw.js; the browser notices it on the next visit with network, installs
// it beside the running one, and the page (assets/pwa.js) offers to reload: only then does the
// new version take over (`skipWaiting` on the page's request) and the old cache is deleted.
//
// Only same-origin GET requests inside this worker's scope are handled; nothing cross-origin,
// opaque or partial is ever cached.

const VERSION = '__PARCOURS_VERSION__';
const PRECACHE = /* __PARCOURS_PRECACHE__ */ [];

// Caches are per origin and shared by every deployment on it: names carry the scope, so a copy
// of the app under another path of the same host keeps its own cache.
const SCOPE = new URL(self.registration.scope);
const PREFIX = `parcours:${SCOPE.pathname}:`;
const CACHE = PREFIX + VERSION;
const INDEX = new URL('index.html', SCOPE).href;
const PRECACHED = new Set(PRECACHE.map((path) => new URL(path, SCOPE).href));
// The shell: what any page needs to start offline. The catalogue's territories and prepared
// scenarios (scenarios/*, but its index) and the search worker (parcours-search*, loaded only
// when a decision question is asked) come later (see 'PRECACHE_REST').
const LATER = (path) =>
  (path.startsWith('scenarios/') && path !== 'scenarios/index.json') || path.startsWith('parcours-search');
const SHELL = PRECACHE.filter((path) => !LATER(path)).map((path) => new URL(path, SCOPE).href);

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      // All or nothing: one missing file and this version is not installed (the browser tries
      // again at the next visit). `no-cache`: revalidate, so a stale HTTP cache cannot mix versions.
      const cache = await caches.open(CACHE);
      await cache.addAll(SHELL.map(fresh));
      // A host that redirects index.html (to ./, say): keep the page without the redirect.
      const index = await cache.match(INDEX);
      if (index?.redirected) await cache.put(INDEX, await unredirected(index));
    })(),
  );
  // No skipWaiting here: a new version waits until the page asks (see 'message').
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(PREFIX) && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('message', (event) => {
  if (event.data?.type === 'SKIP_WAITING') self.skipWaiting();
  if (event.data?.type === 'VERSION') event.ports[0]?.postMessage({ version: VERSION, cache: CACHE });
  if (event.data?.type === 'PRECACHE_REST') event.waitUntil(precacheRest(event.ports[0]));
});

/**
 * Every file of this version not in its cache yet, one after the other (a first visit's network
 * stays free for what the page fetches meanwhile); a file that cannot be fetched now is left to
 * the next request. Answers `{ missing }` (the files still missing) on `port` when done.
 */
async function precacheRest(port) {
  const cache = await caches.open(CACHE);
  let missing = 0;
  for (const url of PRECACHED) {
    if (await cache.match(url)) continue;
    try {
      await cache.add(fresh(url));
    } catch {
      missing += 1;
    }
  }
  port?.postMessage({ missing });
}

/** `no-cache`: revalidate, so a stale HTTP cache cannot mix versions. */
function fresh(url) {
  return new Request(url, { cache: 'no-cache' });
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || request.headers.has('range')) return;
  const url = new URL(request.url);
  if (url.origin !== SCOPE.origin || !url.pathname.startsWith(SCOPE.pathname)) return;

  // The page itself, whatever its query (links carry the scenario): the cached index.html.
  if (request.mode === 'navigate') {
    if (url.pathname === SCOPE.pathname || url.href.split(/[?#]/)[0] === INDEX) {
      event.respondWith(fromCache(INDEX, request));
    }
    return;
  }
  url.search = '';
  url.hash = '';
  if (PRECACHED.has(url.href)) {
    event.respondWith(fromCache(url.href, request));
  } else {
    event.respondWith(networkFirst(request));
  }
});

/** A file of this version: from the cache, or (if it was evicted) from the network. */
async function fromCache(key, request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(key);
  if (hit) return hit;
  const response = await fetch(request.mode === 'navigate' ? key : request);
  if (!cacheable(response)) return response;
  const clean = await unredirected(response);
  await cache.put(key, clean.clone());
  return clean;
}

/**
 * A response that followed a redirect (a host sending index.html to ./, say) cannot answer a
 * navigation: the same body and headers, without the redirect.
 */
async function unredirected(response) {
  if (!response.redirected) return response;
  return new Response(await response.blob(), {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

/** Anything else of the site (not in dist/ at build time): the network, else a cached copy. */
async function networkFirst(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (cacheable(response)) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const hit = await cache.match(request);
    if (hit) return hit;
    throw error;
  }
}

/** Only complete, successful, same-origin responses: never opaque, partial or errors. */
function cacheable(response) {
  return response.ok && response.status === 200 && response.type === 'basic';
}
