// Order page: while a QRIS code or virtual account waits, ask the status endpoint now and then and reload the page
// once the order is no longer waiting for payment. Without JavaScript the page's reload link does the same.
(function () {
  "use strict";
  var box = document.querySelector("[data-status-url]");
  if (!box || !window.fetch) { return; }
  var url = box.getAttribute("data-status-url");
  var initial = box.getAttribute("data-status");
  var delay = 4000;
  var stopAt = Date.now() + 30 * 60 * 1000;  // a forgotten tab stops asking after half an hour
  function check() {
    fetch(url, {headers: {"Accept": "application/json"}, cache: "no-store", credentials: "same-origin"})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (data && data.status !== initial) { window.location.reload(); return; }
        schedule();
      })
      .catch(schedule);
  }
  function schedule() {
    if (Date.now() > stopAt) { return; }
    delay = Math.min(delay * 1.2, 15000);
    window.setTimeout(check, delay);
  }
  schedule();
})();
