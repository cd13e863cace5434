// Flowboard's service worker: after the first visit the editor loads and works with no network,
// and loads at once on a slow one.
//
// - The app is one unit, cached whole: the page (navigations), `boot.js`, the workers' files
//   (worker.js, worker_bg.wasm, tasks.js, tasks_bg.wasm, their loaders) and every file the page
//   names. All of it is served from the cache first, so a repeat visit waits for no round trip
//   (on a workshop's 150 ms connection the page and `boot.js`, network first, cost ≥ 300 ms).
// - Each load asks the network for the page in the background. When it differs from the cached
//   one (a new build), every file the new page names and the workers' files are fetched first,
//   and the new page is stored last: the next load gets the new version whole, offline too. An
//   open editor is never reloaded under its user.
// - Trunk's files carry a content hash in their names (app-<hash>.js/.wasm/.css), so they never
//   change: cache first, fetched when missing.
// - At install, the page and every file it names are cached, so the very first visit is enough.
// - embed.json (the host's list of origins allowed to embed the editor, docs/embedding.md) is
//   never served stale: the network's answer whenever there is one (a removed file removes the
//   cached copy too, so a withdrawn permission stays withdrawn), the cached copy only offline.
// - The examples (examples/*.zip, "Try an example") are not fetched at install: only when asked,
//   network first, so the copy kept here opens them offline.
// Nothing but this site's own files is ever cached; other origins are not touched.
const CACHE = 'flowboard-v2';
const FIXED = ['./', './worker_loader.js', './worker.js', './worker_bg.wasm', './tasks_loader.js', './tasks.js', './tasks_bg.wasm', './manifest.webmanifest'];

// Caches `page` (a response for './') and every file it names, plus the workers' files; the page
// last, so a cached page never names a file the cache lacks. `whole`: all or nothing (a new
// build half fetched would mix two versions); else what loads is kept (the first visit).
async function cacheApp(cache, page, whole) {
  const html = await page.clone().text();
  const named = [...html.matchAll(/(?:href|src|module_or_path:)\s*=?\s*["'](\.\/[^"'#?]+)["']/g)].map((m) => m[1]);
  const files = [...new Set([...FIXED.slice(1), ...named])];
  const fetched = await Promise.all(files.map(async (url) => [url, await fetch(url, { cache: 'no-cache' })]));
  if (whole && fetched.some(([, response]) => !response.ok)) throw new Error('a file of the app did not load');
  await Promise.all(fetched.filter(([, response]) => response.ok).map(([url, response]) => cache.put(url, response)));
  await cache.put('./', page);
}

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cacheApp(cache, await fetch('./', { cache: 'no-cache' }), false);
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
    await self.clients.claim();
  })());
});

// The network's answer, else (offline, or no answer in `timeoutMs`) the cached copy; with no
// copy, the network's answer however long it takes. For the examples.
async function networkFirst(request, key, timeoutMs) {
  const cache = await caches.open(CACHE);
  const network = fetch(request).then(async (response) => {
    if (response.ok) await cache.put(key, response.clone());
    return response;
  });
  network.catch(() => {}); // a failure after the cached copy was served is nobody's concern
  const timeout = new Promise((resolve) => setTimeout(() => resolve(null), timeoutMs));
  const first = await Promise.race([network.catch(() => null), timeout]);
  if (first) return first;
  return (await cache.match(key)) ?? network;
}

// Whether a build is being fetched (one at a time: each load asks).
let refreshing = null;

// The page, from the cache (the network's when none is cached); meanwhile the network's page is
// fetched and, when it is a new build, the app is cached anew for the next load.
async function page(request, event) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match('./');
  if (!cached) return networkFirst(request, './', 3000);
  // Read now: the response itself goes to the page, and its body cannot be cloned once read.
  const served = cached.clone().text();
  refreshing ??= (async () => {
    try {
      const fresh = await fetch('./', { cache: 'no-cache' });
      if (!fresh.ok) return;
      if ((await fresh.clone().text()) !== (await served)) await cacheApp(cache, fresh, true);
    } catch {
      // Offline or a stalled connection: the cached build stays, and the next load asks again.
    } finally {
      refreshing = null;
    }
  })();
  event.waitUntil(refreshing);
  return cached;
}

// The host's embedding permission: the network's answer, else (offline) the last one seen.
async function hostFile(request, key) {
  const cache = await caches.open(CACHE);
  let response;
  try {
    response = await fetch(request);
  } catch {
    return (await cache.match(key)) ?? Response.error();
  }
  if (response.ok) await cache.put(key, response.clone());
  else if (response.status === 404 || response.status === 410) await cache.delete(key);
  return response;
}

async function cacheFirst(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request, { ignoreSearch: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== self.location.origin) return;
  const scope = new URL(self.registration.scope);
  if (!url.pathname.startsWith(scope.pathname)) return;
  const path = url.pathname.slice(scope.pathname.length);
  if (path === 'embed.json') {
    event.respondWith(hostFile(request, './embed.json'));
  } else if (request.mode === 'navigate') {
    // Every page of the app is the one index.html (with its query, e.g. ?view=).
    event.respondWith(page(request, event));
  } else if (path.startsWith('examples/')) {
    event.respondWith(networkFirst(request, `./${path}`, 4000));
  } else {
    // Hashed files, boot.js, the workers' files: the cached build's.
    event.respondWith(cacheFirst(request));
  }
});
