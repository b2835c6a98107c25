// Show people where they are on a small screen; every page works without this, it only helps.
(function () {
  "use strict";
  var each = function (list, f) { Array.prototype.forEach.call(list, f); };

  // After a failed submit the page lands at the form (its action's anchor): focus its errors,
  // once loaded, as landing on an anchor first moves the focus to the anchor's element or the page.
  function focusErrors() {
    var summary = document.querySelector(".error-summary");
    if (summary) {
      window.addEventListener("load", function () { window.setTimeout(function () { summary.focus(); }, 0); });
    }
    return Boolean(summary);
  }

  // After a change the address names what changed: show the confirmation there, not at the top.
  function placeConfirmation() {
    var flashes = document.querySelector(".flashes");
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id && document.getElementById(id);
    // Only into the page's own content, and never into a table, whose rows hold only cells.
    if (!flashes || !flashes.children.length || !target || !target.closest("main") || target.closest("table")) {
      return;
    }
    // Inside a list item (a list holds only items), before anything else (a heading keeps its name).
    if (target.tagName === "LI") {
      target.insertBefore(flashes, target.firstChild);
    } else {
      target.parentNode.insertBefore(flashes, target);
    }
  }

  // Name each cell by its column, so app.css can show a table one row at a time on a phone.
  function labelTables() {
    each(document.querySelectorAll("main table"), function (table) {
      var heads = table.querySelectorAll("thead th");
      if (!heads.length || table.querySelector("thead [colspan], thead tr + tr")) { return; }
      each(table.querySelectorAll("tbody tr"), function (row) {
        if (row.querySelector("[colspan]")) { return; }
        each(row.children, function (cell, i) {
          var name = heads[i] ? heads[i].textContent.trim() : "";
          if (cell.tagName === "TD" && name) { cell.setAttribute("data-label", name); }
        });
      });
      table.classList.add("stacked");
    });
  }

  labelTables();
  if (!focusErrors()) { placeConfirmation(); }
})();
