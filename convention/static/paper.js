// Paper tally: narrow the members by name as the facilitator types, and count the ticks.
(function () {
  "use strict";
  var list = document.querySelector("[data-tally]");
  if (!list) { return; }
  var filter = document.getElementById("member-filter");
  var count = document.getElementById("ticked-count");
  function plain(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLocaleLowerCase().trim();
  }
  function showCount() {
    var n = list.querySelectorAll("input:checked").length;
    var form = n === 0 ? "zero" : n === 1 ? "one" : "other";
    count.textContent = count.getAttribute("data-" + form).replace("{n}", n);
  }
  function narrow() {
    var wanted = plain(filter.value);
    list.querySelectorAll("li").forEach(function (item) {
      item.hidden = wanted !== "" && plain(item.textContent).indexOf(wanted) === -1;
    });
  }
  filter.parentNode.hidden = false;
  filter.addEventListener("input", narrow);
  // Enter in the filter box picks nothing and must not send the form half filled.
  filter.addEventListener("keydown", function (event) {
    if (event.key === "Enter") { event.preventDefault(); }
  });
  list.addEventListener("change", showCount);
  showCount();
})();
