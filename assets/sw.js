// Flowboard's service worker: after the first visit the editor loads and works with no network.
//
// - The page (navigations) comes from the network when it answers within 3 s, else from the
//   cache: online, every load gets the newest version; offline or on a stalled connection, the
//   last one seen.
// - Trunk's files carry a content hash in their names (app-<hash>.js/.wasm/.css), so they never
//   change: cache first. The workers' files do not (worker.js, worker_bg.wasm, tasks.js,
//   tasks_bg.wasm): network first, so the page and its workers always come from the same build
//   when online.
// - At install, the page and every file it names are cached, so the very first visit is enough.
// - embed.json (the host's list of origins allowed to embed the editor, docs/embedding.md) is
//   never served stale: the network's answer whenever there is one (a removed file removes the
//   cached copy too, so a withdrawn permission stays withdrawn), the cached copy only offline.
// - The examples (examples/*.zip, "Try an example") are not fetched at install: only when asked,
//   then network first like the workers' files, so the copy kept here opens them offline.
// A new version is picked up by the next load; an open editor is never reloaded under its user.
// Nothing but this site's own files is ever cached; other origins are not touched.
const CACHE = 'flowboard-v2';
const FIXED = ['./', './worker_loader.js', './worker.js', './worker_bg.wasm', './tasks_loader.js', './tasks.js', './tasks_bg.wasm', './manifest.webmanifest'];

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const page = await fetch('./', { cache: 'no-cache' });
    const html = await page.clone().text();
    await cache.put('./', page);
    const named = [...html.matchAll(/(?:href|src|module_or_path:)\s*=?\s*["'](\.\/[^"'#?]+)["']/g)].map((m) => m[1]);
    const files = [...new Set([...FIXED.slice(1), ...named])];
    await Promise.all(files.map(async (url) => {
      const response = await fetch(url, { cache: 'no-cache' });
      if (response.ok) await cache.put(url, response);
    }));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
    await self.clients.claim();
  })());
});

// Trunk's hash is 16 hex digits, 15 when it starts with a zero (Trunk drops it).
const hashed = (path) => /-[0-9a-f]{15,16}(_bg)?\.(js|wasm|css|svg)$/.test(path);

// The network's answer, unless it fails or takes over `timeoutMs` and a copy is cached; with no
// copy, the network's answer however long it takes.
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
  if (url.pathname === `${scope.pathname}embed.json`) {
    event.respondWith(hostFile(request, './embed.json'));
  } else if (request.mode === 'navigate') {
    // Every page of the app is the one index.html (with its query, e.g. a future ?view=).
    event.respondWith(networkFirst(request, './', 3000));
  } else if (hashed(url.pathname)) {
    event.respondWith(cacheFirst(request));
  } else {
    // The workers' files: three load one after another within the page's 20 s start limit.
    event.respondWith(networkFirst(request, url.pathname.slice(scope.pathname.length) ? `./${url.pathname.slice(scope.pathname.length)}` : './', 4000));
  }
});
