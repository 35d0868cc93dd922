// The main menu (core/_main_nav.html): the "Menu" button opens and closes the whole menu on narrow
// screens (aria-expanded tells its state); one group open at a time; Escape closes the open group
// and returns focus to its heading. The group of the current page is marked (not by colour alone).
(function () {
  "use strict";
  function init() {
    var nav = document.getElementById("main-nav");
    if (!nav) { return; }
    var toggle = nav.querySelector(".menu-toggle");
    var groups = Array.prototype.slice.call(nav.querySelectorAll(".nav-group > details"));
    nav.classList.add("js");
    if (toggle) {
      toggle.hidden = false;
      toggle.addEventListener("click", function () {
        var open = toggle.getAttribute("aria-expanded") !== "true";
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
        nav.classList.toggle("open", open);
      });
    }
    groups.forEach(function (details) {
      if (details.querySelector("a[aria-current]")) { details.parentNode.classList.add("current"); }
      details.addEventListener("toggle", function () {
        if (!details.open) { return; }
        groups.forEach(function (other) { if (other !== details) { other.open = false; } });
      });
    });
    nav.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") { return; }
      var open = groups.filter(function (d) { return d.open; })[0];
      if (open) { open.open = false; open.querySelector("summary").focus(); event.preventDefault(); }
      else if (toggle && toggle.getAttribute("aria-expanded") === "true") { toggle.click(); toggle.focus(); }
    });
    document.addEventListener("click", function (event) {
      if (!nav.contains(event.target)) { groups.forEach(function (d) { d.open = false; }); }
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", init); } else { init(); }
})();
