// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", function () {
  // Reflow (WCAG 1.4.10): every table sits in its own scroll area, so a wide table scrolls
  // sideways inside it and the page does not; an area that scrolls gets keyboard focus and a name.
  function scrollableTables(root) {
    root.querySelectorAll("main table").forEach(function (table) {
      var wrap = table.parentElement;
      if (!wrap.classList.contains("table-wrap")) {
        wrap = document.createElement("div");
        wrap.className = "table-wrap";
        table.parentNode.insertBefore(wrap, table);
        wrap.appendChild(table);
      }
      if (wrap.scrollWidth > wrap.clientWidth + 1 && !wrap.hasAttribute("tabindex")) {
        var caption = table.querySelector("caption");
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", caption ? caption.textContent.trim() : (document.body.dataset.tableLabel || "Table"));
      }
    });
  }
  scrollableTables(document);
  document.body.addEventListener("htmx:afterSettle", function (event) { scrollableTables(event.target.ownerDocument || document); });
  window.addEventListener("resize", function () { scrollableTables(document); });
  // Focus the first field with an error so screen readers announce it.
  var invalid = document.querySelector("[aria-invalid='true']");
  if (invalid) { invalid.focus(); }
  // A live region (role=status, e.g. the finder's result count) is announced only when its text
  // changes, never when the page loads with it: after a search (a full reload) the text is put
  // back into the region a moment after the load, so screen readers read it (WCAG 4.1.3). Not the
  // messages after a save: they stay in place for whoever reads them at once.
  if (!invalid && window.location.search) {
    document.querySelectorAll("main [role=status]:not(.messages)").forEach(function (region) {
      if (!region.textContent.trim()) { return; }
      var nodes = Array.prototype.slice.call(region.childNodes);
      nodes.forEach(function (node) { region.removeChild(node); });
      window.setTimeout(function () {
        nodes.forEach(function (node) { region.appendChild(node); });
        region.setAttribute("data-announced", "yes");
      }, 400);
    });
  }
});
