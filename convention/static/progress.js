// Poll a computation's progress every 2.5 s; reload the page once it has finished.
(function () {
  "use strict";
  var box = document.querySelector("[data-progress-url]");
  if (!box) { return; }
  var text = document.getElementById("progress-text");
  var bar = document.getElementById("progress-bar");
  function poll() {
    fetch(box.getAttribute("data-progress-url"), { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        if (data.status !== "queued" && data.status !== "running") { window.location.reload(); return; }
        var p = data.progress || {};
        if (bar && p.people) { bar.max = p.people; bar.value = p.fixed; }
        if (text && data.message) { text.textContent = data.message; }
        window.setTimeout(poll, 2500);
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 2500);
})();
