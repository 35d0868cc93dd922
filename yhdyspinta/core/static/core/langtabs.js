// Language tabs of a translatable text (core/_form_rows.html): the WAI-ARIA tabs pattern. The
// server renders the three fields one after another and the tab list hidden; here the list shows,
// the panels get their roles and only the selected one shows. Arrow keys, Home and End move
// between the tabs (roving tabindex: only the selected tab is in the tab order). The server selects
// the first language with an error, and its tab says so in words.
(function () {
  "use strict";
  function init(root) {
    root.querySelectorAll("[data-langtabs]:not([data-ready])").forEach(function (group) {
      var list = group.querySelector("[role=tablist]");
      if (!list) { return; }
      group.setAttribute("data-ready", "true");
      var tabs = Array.prototype.slice.call(list.querySelectorAll("[role=tab]"));
      var panels = tabs.map(function (tab) { return document.getElementById(tab.getAttribute("aria-controls")); });
      panels.forEach(function (panel, k) {
        panel.setAttribute("role", "tabpanel");
        panel.setAttribute("aria-labelledby", tabs[k].id);
      });
      function select(index, focus) {
        tabs.forEach(function (tab, k) {
          var on = k === index;
          tab.setAttribute("aria-selected", on ? "true" : "false");
          tab.tabIndex = on ? 0 : -1;
          panels[k].hidden = !on;
        });
        if (focus) { tabs[index].focus(); }
      }
      var keys = { ArrowRight: 1, ArrowLeft: -1 };
      tabs.forEach(function (tab, k) {
        tab.addEventListener("click", function () { select(k, true); });
        tab.addEventListener("keydown", function (event) {
          var next = null;
          if (event.key in keys) { next = (k + keys[event.key] + tabs.length) % tabs.length; }
          if (event.key === "Home") { next = 0; }
          if (event.key === "End") { next = tabs.length - 1; }
          if (next !== null) { event.preventDefault(); select(next, true); }
        });
      });
      group.langtabsShow = function (panel) { select(panels.indexOf(panel), false); };
      list.hidden = false;
      select(Math.max(tabs.findIndex(function (tab) { return tab.getAttribute("aria-selected") === "true"; }), 0), false);
    });
  }
  function start() { init(document); }
  // The browser's own check of a required field in a hidden panel (a form without novalidate)
  // could not show its message there: the field's tab is selected first.
  document.addEventListener("invalid", function (event) {
    var panel = event.target.closest && event.target.closest("[role=tabpanel][hidden]");
    var group = panel && panel.closest("[data-langtabs]");
    if (group && group.langtabsShow) { group.langtabsShow(panel); }
  }, true);
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
  document.addEventListener("htmx:afterSettle", function (event) { init(event.target); });
})();
