// The list of people of a registration: "Add a person" adds a row here instead of sending the
// form (what was typed, and the chosen credentials file, stay); "Remove" hides a row and marks
// it for removal. Without JavaScript both buttons work by sending the form.
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }
  ready(function () {
    var form = document.getElementById("registration");
    var add = document.getElementById("add-person");
    var template = document.getElementById("person-template");
    var body = document.querySelector("#people tbody");
    if (!form || !add || !template || !body) return;
    var total = form.querySelector("input[name$='-TOTAL_FORMS']");
    var maxRows = parseInt((form.querySelector("input[name$='-MAX_NUM_FORMS']") || {}).value || "100", 10);

    function renumber() {
      var n = 0;
      body.querySelectorAll("tr.person").forEach(function (row) {
        if (row.hidden) return;
        n += 1;
        var cell = row.querySelector("td.number");
        if (cell) cell.textContent = String(n);
      });
    }

    function enhance(row) {
      var box = row.querySelector("input[type=checkbox][name$='-DELETE']");
      if (!box || row.querySelector("button.remove-person")) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "remove-person";
      button.textContent = add.dataset.removeLabel || "×";
      button.setAttribute("aria-label", add.dataset.removeLabel || "Remove");
      button.addEventListener("click", function () {
        box.checked = true;
        row.hidden = true;
        renumber();
      });
      box.closest("label").hidden = true;
      box.parentNode.parentNode.appendChild(button);
    }

    body.querySelectorAll("tr.person").forEach(enhance);
    add.addEventListener("click", function (event) {
      event.preventDefault();
      var index = parseInt(total.value, 10);
      if (index >= maxRows - 1) return;
      var html = template.innerHTML.replace(/__prefix__/g, String(index));
      var holder = document.createElement("tbody");
      holder.innerHTML = html.trim();
      var row = holder.firstElementChild;
      body.appendChild(row);
      total.value = String(index + 1);
      enhance(row);
      renumber();
      var first = row.querySelector("input[type=text]");
      if (first) first.focus();
    });
  });
})();
