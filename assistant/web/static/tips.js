// The tip box: what the agent types goes to POST /v1/tips 300 ms after they
// stop typing; the answer fills the box. A later answer never overwrites a
// newer one. The page's session cookie signs the request in, with the
// page's CSRF token beside it, since no script may read the token itself.
(function () {
  "use strict";
  var box = document.getElementById("tip-text");
  if (!box) { return; }
  var csrf = document.querySelector('meta[name="csrf-token"]').content;
  var stance = document.getElementById("tip-stance");
  var plainer = document.getElementById("tip-plainer");
  var tip = document.getElementById("tip-tip");
  var out = document.getElementById("tip-out");
  var octants = JSON.parse(out.dataset.octants || "{}");
  // The page's one placeholder for nothing to show.
  var missing = out.dataset.missing;
  var timer = null;
  var seq = 0;
  function ask() {
    var text = box.value.trim();
    var mine = ++seq;
    if (!text) { stance.textContent = plainer.textContent = tip.textContent = missing; return; }
    fetch("/v1/tips", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify({ text: text })
    }).then(function (res) {
      if (!res.ok) { throw new Error("tip " + res.status); }
      return res.json();
    }).then(function (a) {
      if (mine !== seq) { return; }
      stance.textContent = octants[a.stance.octant] || a.stance.octant;
      plainer.textContent = a.suggested || missing;
      tip.textContent = (a.tip && a.tip.text) || missing;
      out.dataset.updated = String(mine);
      // Which text the box answers: a pause while typing can bring an
      // answer for the first words only.
      out.dataset.answered = text;
    }).catch(function () {
      if (mine === seq) { tip.textContent = "…"; }
    });
  }
  box.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(ask, 300);
  });
}());
