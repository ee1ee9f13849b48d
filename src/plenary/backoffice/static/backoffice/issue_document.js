/* Issuing a document: the next free symbol of the chosen type, shown beside the symbol field and
 * as its placeholder (the select's data-next holds "type=symbol" pairs drawn by the server). */
(function () {
  "use strict";

  function start() {
    var select = document.getElementById("id_doc_type");
    var out = document.getElementById("next-symbol");
    var symbol = document.getElementById("id_symbol");
    if (!select || !out) return;
    var next = {};
    (select.getAttribute("data-next") || "").split(" ").forEach(function (pair) {
      var i = pair.indexOf("=");
      if (i > 0) next[pair.slice(0, i)] = pair.slice(i + 1);
    });
    function show() {
      out.textContent = next[select.value || "-"] || "";
      if (symbol) symbol.placeholder = out.textContent;
    }
    select.addEventListener("change", show);
    show();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
