// The members page's person picker (accounts/members/add.html): without JavaScript the search form
// lists the matches as radio buttons; with it, the list follows the typing (at least 2 characters,
// at most 20 answers from the candidates endpoint) and the number found is announced (aria-live).
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }
  ready(function () {
    var search = document.getElementById("member-search");
    var input = document.getElementById("member-q");
    var results = document.getElementById("member-results");
    var addForm = document.getElementById("member-add");
    if (!search || !input || !results || !addForm) { return; }
    var url = search.getAttribute("data-candidates");
    var min = parseInt(input.getAttribute("minlength") || "2", 10);
    var messages = {none: results.dataset.none, short: results.dataset.short, found: results.dataset.found};
    var timer = null;
    var last = input.value;

    function text(tag, content) {
      var el = document.createElement(tag);
      el.textContent = content;
      return el;
    }

    function render(items) {
      results.textContent = "";
      if (!items.length) { results.appendChild(text("p", messages.none)); return; }
      items.forEach(function (item) {
        var div = document.createElement("div");
        div.className = "field";
        var radio = document.createElement("input");
        radio.type = "radio"; radio.name = "user"; radio.required = true;
        radio.id = "user-" + item.id; radio.value = String(item.id);
        if (items.length === 1) { radio.checked = true; }
        var label = document.createElement("label");
        label.htmlFor = radio.id;
        label.appendChild(radio);
        label.appendChild(document.createTextNode(" " + (item.email ? item.name + " (" + item.email + ")" : item.name)));
        div.appendChild(label);
        results.appendChild(div);
      });
      results.appendChild(text("p", messages.found.replace("%(count)s", String(items.length))));
    }

    function lookup() {
      var q = input.value.trim();
      if (q === last) { return; }
      last = q;
      var hidden = addForm.querySelector("input[name=q]");
      if (hidden) { hidden.value = q; }
      if (q.replace(/\s+/g, "").length < min) { results.textContent = ""; results.appendChild(text("p", messages.short)); return; }
      fetch(url + "?q=" + encodeURIComponent(q), {headers: {"Accept": "application/json"}, credentials: "same-origin"})
        .then(function (r) { return r.ok ? r.json() : {results: []}; })
        .then(function (data) { if (input.value.trim() === q) { render(data.results || []); } })
        .catch(function () { /* the search button still works */ });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(lookup, 250);
    });
  });
})();
