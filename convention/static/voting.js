// Live ballot pages: poll the count every 2.5 s; reload once the ballot changes state.
(function () {
  "use strict";
  var box = document.querySelector("[data-live-url]");
  if (!box) { return; }
  var count = document.getElementById("live-count");
  var countdown = document.getElementById("countdown");
  var closesAt = box.getAttribute("data-closes-at");
  var template = count ? count.textContent.replace(/\d+/, "{n}") : null;
  function tick() {
    if (!countdown || !closesAt) { return; }
    var left = Math.max(0, Math.round((Date.parse(closesAt) - Date.now()) / 1000));
    countdown.textContent = Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
  }
  function poll() {
    fetch(box.getAttribute("data-live-url"), { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        if (data.state !== box.getAttribute("data-state")) { window.location.reload(); return; }
        if (count && template) { count.textContent = template.replace("{n}", data.voted); }
        window.setTimeout(poll, 2500);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  tick();
  window.setInterval(tick, 1000);
  window.setTimeout(poll, 2500);
})();
