// A long form in sections (core/_form_sections.html): the section list works as steps, one
// section shown at a time (the first with an error, else the one in the address or the one the
// page names in data-open, else the first); without JavaScript every section shows and the list
// links to them.
(function () {
  "use strict";
  function init() {
    var nav = document.querySelector("nav.form-sections");
    if (!nav) { return; }
    var links = Array.prototype.slice.call(nav.querySelectorAll("a[href^='#']"));
    var sections = links.map(function (a) { return document.getElementById(a.getAttribute("href").slice(1)); });
    function show(index, focus) {
      sections.forEach(function (section, k) { if (section) { section.hidden = k !== index; } });
      links.forEach(function (a, k) {
        if (k === index) { a.setAttribute("aria-current", "step"); } else { a.removeAttribute("aria-current"); }
      });
      if (focus && sections[index]) {
        sections[index].setAttribute("tabindex", "-1");
        sections[index].focus();
      }
    }
    links.forEach(function (a, k) {
      a.addEventListener("click", function (event) {
        event.preventDefault();
        history.replaceState(null, "", a.getAttribute("href"));
        show(k, true);
      });
    });
    var wanted = location.hash || (nav.getAttribute("data-open") ? "#" + nav.getAttribute("data-open") : "");
    var byHash = links.findIndex(function (a) { return a.getAttribute("href") === wanted; });
    var withError = sections.findIndex(function (s) { return s && s.getAttribute("data-errors") === "true"; });
    show(withError >= 0 ? withError : Math.max(byHash, 0), false);
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
