/* Record pickers (core/pickers.py): a <select data-picker-url> becomes a Tom Select combobox
   that asks the server for matches as the user types (at least two characters). Without
   JavaScript the select keeps its chosen options; short lists are never pickers. */
(function () {
  "use strict";
  function escape(text) {
    var div = document.createElement("div");
    div.textContent = text;
    return div.innerHTML;
  }
  function adopt(select) {
    if (select.tomselect || typeof TomSelect === "undefined") { return; }
    var url = select.dataset.pickerUrl, model = select.dataset.pickerModel;
    var label = select.id ? document.querySelector("label[for='" + select.id + "']") : null;
    if (label) {  // Tom Select points the label at its combobox: the hidden select keeps its name
      label.id = label.id || select.id + "-label";
      select.setAttribute("aria-labelledby", label.id);
    }
    var everywhere = document.createElement("input");
    everywhere.type = "checkbox";
    everywhere.id = (select.id || select.name) + "-everywhere";
    var tom = new TomSelect(select, {
      valueField: "value",
      labelField: "text",
      searchField: [],
      maxOptions: 50,
      closeAfterSelect: true,  // an open, emptied listbox would name a removed option (axe)
      loadThrottle: 250,
      plugins: select.multiple ? ["remove_button"] : [],
      score: function () { return function () { return 1; }; },  // the server has matched already
      shouldLoad: function (query) { return query.trim().length >= 2; },
      load: function (query, callback) {
        var address = url + "?model=" + encodeURIComponent(model) + "&q=" + encodeURIComponent(query) +
          (everywhere.checked ? "&scope=all" : "");
        fetch(address, {credentials: "same-origin", headers: {"Accept": "application/json"}})
          .then(function (response) { return response.json(); })
          .then(function (data) { callback(data.results || []); })
          .catch(function () { callback(); });
      },
      render: {
        no_results: function () { return '<div class="no-results">' + escape(select.dataset.pickerNone) + "</div>"; },
        not_loading: function () { return '<div class="no-results">' + escape(select.dataset.pickerHint) + "</div>"; }
      }
    });
    // the search is limited to the user's own area; this widens it to all of Finland
    var scope = document.createElement("label");
    scope.className = "picker-scope";
    scope.htmlFor = everywhere.id;
    scope.appendChild(everywhere);
    scope.appendChild(document.createTextNode(" " + select.dataset.pickerEverywhere));
    tom.wrapper.insertAdjacentElement("afterend", scope);
    everywhere.addEventListener("change", function () {
      tom.clearOptions();
      if (tom.inputValue()) { tom.load(tom.inputValue()); }
    });
  }
  function adoptAll(root) {
    (root || document).querySelectorAll("select[data-picker-url]").forEach(adopt);
  }
  document.addEventListener("DOMContentLoaded", function () { adoptAll(document); });
  document.addEventListener("htmx:afterSwap", function (event) { adoptAll(event.target); });
}());
