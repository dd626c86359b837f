(function () {
  "use strict";
  var kinds = Array.prototype.slice.call(document.querySelectorAll('input[name="kind"]'));
  var outlet = document.getElementById("outlet");
  var shown = document.getElementById("shown");
  var items = Array.prototype.slice.call(document.querySelectorAll("[data-finding]"));

  function apply() {
    var off = {};
    kinds.forEach(function (k) { off[k.value] = !k.checked; });
    var wanted = outlet ? outlet.value : "";
    var total = 0, visible = 0;
    items.forEach(function (el) {
      var ok = !off[el.getAttribute("data-kind")] &&
        (!wanted || JSON.parse(el.getAttribute("data-outlets")).indexOf(wanted) >= 0);
      el.hidden = !ok;
      if (el.tagName === "ARTICLE") { total += 1; if (ok) { visible += 1; } }
    });
    if (shown) { shown.textContent = visible + " of " + total + " findings shown"; }
  }
  kinds.forEach(function (k) { k.addEventListener("change", apply); });
  if (outlet) { outlet.addEventListener("change", apply); }

  Array.prototype.forEach.call(document.querySelectorAll("th button[data-sort]"), function (btn) {
    btn.addEventListener("click", function () {
      var th = btn.parentNode, table = th.closest("table"), body = table.tBodies[0];
      var col = Array.prototype.indexOf.call(th.parentNode.children, th);
      var asc = th.getAttribute("aria-sort") !== "ascending";
      var numeric = btn.getAttribute("data-type") === "num";
      Array.prototype.forEach.call(table.querySelectorAll("th"), function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", asc ? "ascending" : "descending");
      var rows = Array.prototype.slice.call(body.rows);
      rows.sort(function (a, b) {
        var x = a.cells[col].getAttribute("data-value"), y = b.cells[col].getAttribute("data-value");
        var c = numeric ? Number(x) - Number(y) : x.localeCompare(y);
        return asc ? c : -c;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });

  window.addEventListener("beforeprint", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details"), function (d) { d.open = true; });
  });
}());
