// The drawer page: a drawer cannot be closed while sales made on this device still wait to be sent.
import { openDB } from "../vendor/idb/idb.js";

const form = document.getElementById("close-drawer");
if (form) {
  const db = await openDB("pasar-karya-till", 1, {
    upgrade(d) { d.createObjectStore("outbox", { keyPath: "key" }); d.createObjectStore("done", { keyPath: "key" });
      d.createObjectStore("meta"); },
  });
  const n = await db.count("outbox");
  form.querySelector("input[name=waiting]").value = String(n);
  const note = document.getElementById("waiting-note");
  if (n) {
    note.hidden = false;
    note.textContent = note.dataset.text.replace("{n}", n);
    form.querySelector("button[type=submit]").disabled = true;
  }
}
