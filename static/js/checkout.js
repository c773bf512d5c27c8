// Checkout: keep the total (shipping included) up to date as the buyer types the address and picks delivery.
// Without this script the "Hitung total" button shows the same figure from the server.
(function () {
  var out = document.getElementById("checkout-total");
  if (!out || !window.fetch) { return; }
  var form = out.closest("form");
  var timer = null;
  function refresh() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      if (key !== "csrf_token" && typeof value === "string") { params.append(key, value); }
    });
    fetch(out.dataset.url + "?" + params.toString(), { headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        var mark = data.complete ? "" : "*";
        out.textContent = data.text;
        document.getElementById("checkout-shipping").textContent = data.shipping_text + mark;
        document.getElementById("checkout-grand").textContent = data.total_text + mark;
      })
      .catch(function () { /* offline: the button still works */ });
  }
  form.addEventListener("change", refresh);
  form.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(refresh, 400); });
}());
