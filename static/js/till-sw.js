// The till's service worker (scope /kasir/): the till page, its assets and the event catalogue stay usable
// offline. Pages and the catalogue: network first, the cache when offline. Assets (hashed URLs) and the
// QRIS images (the organiser's and the groups' own): cache first.
// Sales are never sent from here: the page keeps them in IndexedDB and sends them itself.
const CACHE = "pk-till-v1";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("message", (event) => {
  const urls = (event.data && event.data.cache) || [];
  event.waitUntil(caches.open(CACHE).then((cache) => Promise.all(urls.map((url) =>
    fetch(url, { credentials: "same-origin" }).then((r) => (r.ok ? cache.put(url, r) : null)).catch(() => null)))));
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/static/") || url.pathname.startsWith("/media/")) {
    event.respondWith(caches.match(request).then((hit) => hit || fetch(request).then((r) => {
      if (r.ok) { const copy = r.clone(); caches.open(CACHE).then((c) => c.put(request, copy)); }
      return r;
    })));
    return;
  }
  if (!url.pathname.startsWith("/kasir/") || url.pathname.endsWith("/token.json")) return;
  event.respondWith(fetch(request).then((r) => {
    if (r.ok && !r.redirected) { const copy = r.clone(); caches.open(CACHE).then((c) => c.put(request, copy)); }
    return r;
  }).catch(() => caches.match(request, { ignoreSearch: false }).then((hit) => hit || caches.match(url.pathname))
    .then((hit) => hit || Response.error())));
});
