// The till: sell from the event catalogue, keep every sale in IndexedDB with a UUID made here, send each one
// exactly once (Idempotency-Key) when online, on load and from "Kirim sekarang"; one tab sends at a time.
import { openDB } from "../vendor/idb/idb.js";

const cfg = JSON.parse(document.getElementById("till-config").textContent);
const T = cfg.t;
const $ = (id) => document.getElementById(id);
// Rp1.234.567 as shop.money.format_idr writes it, by hand: toLocaleString("id-ID") (or one Intl.NumberFormat)
// loads the locale's data first, which was most of the till's start-up time in a profile (Lighthouse's TBT)
const fmt = (n) => {
  const r = Math.round(n);
  return (r < 0 ? "-" : "") + "Rp" + String(Math.abs(r)).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
};
const fill = (s, vals) => s.replace(/\{(\w+)\}/g, (_m, k) => vals[k]);
const channel = "BroadcastChannel" in self ? new BroadcastChannel("pk-till") : null;
const cart = new Map(); // sku -> qty
let catalogue = { items: [] };
let csrf = cfg.csrf;

const dbp = openDB("pasar-karya-till", 1, {
  upgrade(db) {
    db.createObjectStore("outbox", { keyPath: "key" });  // sales waiting to be sent
    db.createObjectStore("done", { keyPath: "key" });    // answered: recorded, conflict or rejected
    db.createObjectStore("meta");                        // cached catalogue, chosen till
  },
});

function el(tag, props = {}, ...kids) {
  const node = Object.assign(document.createElement(tag), props);
  for (const kid of kids) node.append(kid);
  return node;
}

function bySku(sku) { return catalogue.items.find((i) => i.sku.toLowerCase() === sku.toLowerCase()); }

async function loadCatalogue() {
  const db = await dbp;
  try {
    const r = await fetch(cfg.catalogueUrl, { credentials: "same-origin" });
    if (!r.ok) throw new Error(String(r.status));
    catalogue = await r.json();
    await db.put("meta", catalogue, "catalogue:" + cfg.event);
  } catch (_e) {
    catalogue = (await db.get("meta", "catalogue:" + cfg.event)) || { items: [] };
    $("find-msg").textContent = catalogue.items.length ? "" : T.cached;
  }
  const saved = await db.get("meta", "till:" + cfg.event);
  if (saved) $("till-select").value = String(saved);
  drawerLink();
  renderResults();
}

function drawerLink() {
  $("drawer-link").href = cfg.drawerUrl.replace(/\/0$/, "/" + $("till-select").value);
}

function renderResults() {
  const q = $("q").value.trim().toLowerCase();
  const list = $("results");
  list.replaceChildren();
  const hits = catalogue.items.filter((i) => !q || i.title.toLowerCase().includes(q) ||
    i.group.toLowerCase().includes(q) || i.sku.toLowerCase() === q).slice(0, 30);
  for (const item of hits) {
    const label = item.title + (item.label ? " (" + item.label + ")" : "");
    const b = el("button", { type: "button", className: "item" },
      el("span", {}, label, el("br"), el("small", {}, item.group + " · " + fill(T.left, { n: item.left }))),
      el("strong", {}, fmt(item.price)));
    b.setAttribute("aria-label", T.add + ": " + label + ", " + item.group + ", " + fmt(item.price));
    b.addEventListener("click", () => add(item.sku));
    list.append(el("li", {}, b));
  }
}

function add(sku, n = 1) {
  const item = bySku(sku);
  if (!item) { $("find-msg").textContent = fill(T.notFound, { sku }); return; }
  $("find-msg").textContent = "";
  const q = (cart.get(item.sku) || 0) + n;
  if (q <= 0) cart.delete(item.sku); else cart.set(item.sku, q);
  renderCart();
}

function total() {
  let sum = 0;
  for (const [sku, q] of cart) sum += bySku(sku).price * q;
  return sum;
}

function renderCart() {
  const list = $("cart");
  list.replaceChildren();
  if (!cart.size) list.append(el("li", { className: "meta", textContent: T.empty }));
  for (const [sku, q] of cart) {
    const item = bySku(sku);
    const less = el("button", { type: "button", className: "secondary", textContent: "−" });
    const more = el("button", { type: "button", className: "secondary", textContent: "+" });
    less.setAttribute("aria-label", T.less + ": " + item.title);
    more.setAttribute("aria-label", T.more + ": " + item.title);
    less.addEventListener("click", () => add(sku, -1));
    more.addEventListener("click", () => add(sku, 1));
    list.append(el("li", {}, el("span", { className: "name", textContent: q + " × " + item.title + " · " + item.group }),
      el("span", { textContent: fmt(item.price * q) }), less, more));
  }
  $("total").textContent = fmt(total());
  groupQris();
  showChange();
}

function method() { return document.querySelector("input[name=method]:checked").value; }

// The group's own QRIS: offered only while every item in the sale is from one group that has one.
function groupQris() {
  const gids = new Set([...cart.keys()].map((sku) => String(bySku(sku).gid)));
  const url = gids.size === 1 ? (catalogue.qris || {})[[...gids][0]] : null;
  const option = $("qris-group-option");
  if (!option) return;
  option.hidden = !url;
  if (url) $("qris-group-img").src = url;
  const input = option.querySelector("input");
  if (!url && input.checked) document.querySelector("input[name=method]").checked = true;
}
function cashGiven() { return parseInt(($("cash").value || "").replace(/\D/g, ""), 10) || 0; }

function showChange() {
  const m = method();
  $("cash-field").hidden = m !== "cash";
  $("qris-note").hidden = m !== "qris";
  $("qris-group-note").hidden = m !== "qris_group";
  $("edc-note").hidden = m !== "edc";
  $("change").textContent = m === "cash" && cashGiven() >= total() && cart.size
    ? fill(T.change, { amount: fmt(cashGiven() - total()) }) : "";
}

async function record(ev) {
  ev.preventDefault();
  if (!cart.size) { $("pay-msg").textContent = T.empty; return; }
  const m = method();
  if (m === "cash" && cashGiven() < total()) { $("pay-msg").textContent = T.short; return; }
  const body = { till: parseInt($("till-select").value, 10), method: m,
    lines: [...cart].map(([sku, qty]) => ({ sku, qty })), made_at: new Date().toISOString() };
  if (m === "cash") body.cash = cashGiven();
  const sale = { key: crypto.randomUUID(), body, total: total(), created: Date.now() };
  await (await dbp).put("outbox", sale);
  $("pay-msg").textContent = "";
  $("change").textContent = fill(T.saved, { change: fmt(m === "cash" ? body.cash - sale.total : 0) });
  cart.clear();
  $("cash").value = "";
  renderCart();
  $("change").textContent = fill(T.saved, { change: fmt(m === "cash" ? body.cash - sale.total : 0) });
  await refresh();
  send();
}

async function refresh() {
  const db = await dbp;
  const n = await db.count("outbox");
  $("waiting-text").textContent = fill(T.waiting, { n });
  $("waiting-text").dataset.count = String(n);
  const done = (await db.getAll("done")).sort((a, b) => b.created - a.created).slice(0, 10);
  const list = $("done");
  list.replaceChildren();
  for (const d of done) {
    const li = el("li", {}, el("span", { className: "name", textContent: fmt(d.total) + " · " +
      (d.status === "recorded" ? d.order : d.status === "conflict" ? fill(T.conflict, d) : fill(T.rejected, d)) }));
    if (d.token) li.append(el("a", { className: "button secondary", href: cfg.receiptUrl.replace("TOKEN", d.token),
      textContent: T.receipt }));
    list.append(li);
  }
}

async function withSendLock(fn) {
  if (navigator.locks) return navigator.locks.request("pk-till-send", { ifAvailable: true }, (l) => (l ? fn() : null));
  const now = Date.now();  // fallback: a short lease shared through localStorage, announced on the channel
  if (now - (parseInt(localStorage.getItem("pk-till-lease"), 10) || 0) < 15000) return null;
  localStorage.setItem("pk-till-lease", String(now));
  try { return await fn(); } finally { localStorage.removeItem("pk-till-lease"); }
}

async function freshToken() {
  try {
    const r = await fetch(cfg.tokenUrl, { credentials: "same-origin", cache: "no-store" });
    if (r.ok && (r.headers.get("content-type") || "").includes("json")) csrf = (await r.json()).csrf;
  } catch (_e) { /* offline: keep the page's token */ }
}

async function sendAll() {
  const db = await dbp;
  const waiting = (await db.getAll("outbox")).sort((a, b) => a.created - b.created);
  if (!waiting.length) return;
  $("net").textContent = T.sending;
  await freshToken();
  for (const sale of waiting) {
    let r;
    try {
      r = await fetch(cfg.saleUrl, { method: "POST", credentials: "same-origin", body: JSON.stringify(sale.body),
        headers: { "Content-Type": "application/json", "X-CSRFToken": csrf, "Idempotency-Key": sale.key } });
    } catch (_e) { break; }  // offline again: try later
    const json = (r.headers.get("content-type") || "").includes("json") ? await r.json() : null;
    if (!json || r.status === 403 || r.status === 401) { $("pay-msg").textContent = T.relogin; break; }
    const status = r.status === 201 ? "recorded" : r.status === 409 ? "conflict" : "rejected";
    const tx = db.transaction(["outbox", "done"], "readwrite");
    tx.objectStore("done").put({ key: sale.key, total: sale.total, created: sale.created, status,
      order: json.order || "", token: json.token || "", message: json.message || "" });
    tx.objectStore("outbox").delete(sale.key);
    await tx.done;
  }
  channel && channel.postMessage("changed");
}

async function send() {
  if (navigator.onLine) await withSendLock(sendAll);
  status();
  await refresh();
}

function status() {
  const on = navigator.onLine;
  $("net").textContent = on ? T.online : T.offline;
  document.querySelector(".till-status").classList.toggle("off", !on);
}

let stream = null;
async function scan() {
  try {
    let Detector = self.BarcodeDetector;
    if (!Detector) {  // the polyfill (and its large WebAssembly) only when the camera is used without it
      const mod = await import(cfg.polyfill);
      mod.prepareZXingModule({ overrides: { locateFile: (p, prefix) => (p.endsWith(".wasm") ? cfg.wasm : prefix + p) } });
      Detector = mod.BarcodeDetector;
    }
    const detector = new Detector({ formats: ["qr_code"] });
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
    $("camera").hidden = false;
    const video = $("video");
    video.srcObject = stream;
    await video.play();
    while (stream) {
      const codes = await detector.detect(video).catch(() => []);
      if (codes.length) {
        const text = codes[0].rawValue;
        let sku = text;
        try { sku = new URL(text).searchParams.get("sku") || text; } catch (_e) { /* plain SKU */ }
        add(sku.trim());
        stopScan();
        break;
      }
      await new Promise((ok) => setTimeout(ok, 300));
    }
  } catch (_e) {
    stopScan();
    $("find-msg").textContent = T.noCamera;
  }
}

function stopScan() {
  if (stream) stream.getTracks().forEach((t) => t.stop());
  stream = null;
  $("camera").hidden = true;
}

$("q").addEventListener("input", renderResults);
$("find").addEventListener("submit", (ev) => {
  ev.preventDefault();
  const q = $("q").value.trim();
  if (q) add(q);
});
$("scan").addEventListener("click", scan);
$("scan-stop").addEventListener("click", stopScan);
$("pay").addEventListener("submit", record);
$("pay").addEventListener("input", showChange);
$("clear").addEventListener("click", () => { cart.clear(); renderCart(); });
$("send-now").addEventListener("click", send);
$("till-select").addEventListener("change", async () => {
  await (await dbp).put("meta", parseInt($("till-select").value, 10), "till:" + cfg.event);
  drawerLink();
});
$("drawer-link").addEventListener("click", async (ev) => {  // the drawer page must know what still waits here
  const n = await (await dbp).count("outbox");
  ev.currentTarget.href = ev.currentTarget.href.split("?")[0] + "?menunggu=" + n;
});
self.addEventListener("online", send);
self.addEventListener("offline", status);
channel && channel.addEventListener("message", refresh);
setInterval(send, 30000);

if (navigator.storage && navigator.storage.persist) navigator.storage.persist();
if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register(cfg.swUrl, { scope: "/kasir/" }).then(async () => {
    const reg = await navigator.serviceWorker.ready;
    reg.active && reg.active.postMessage({ cache: [location.pathname + location.search, cfg.catalogueUrl, ...cfg.assets] });
  }).catch(() => {});
}
status();
renderCart();
loadCatalogue().then(send);
