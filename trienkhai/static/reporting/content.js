// Báo cáo của đơn vị: the note of a figure is asked for as soon as the figure typed differs
// from the system's count or moves more than half from the last period, the same checks
// the server makes (reporting/content.py). Without this script the server asks on sending.
(function () {
  "use strict";

  // A number typed the Vietnamese way: "1.250" (thousands), "15,5" (decimal comma).
  function parse(text) {
    var t = String(text || "").replace(/[\s\u00a0]/g, "");
    if (!t) { return null; }
    if (t.indexOf(",") >= 0) {
      t = t.replace(/\./g, "").replace(",", ".");
    } else if (/^-?\d{1,3}(\.\d{3})+$/.test(t)) {
      t = t.replace(/\./g, "");
    }
    return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : null;
  }

  function swings(previous, value) {
    return previous !== null && previous !== 0 &&
      Math.abs(value - previous) > 0.5 * Math.abs(previous);
  }

  document.querySelectorAll("[data-figure]").forEach(function (row) {
    var input = row.querySelector(".req-fig-value");
    var details = row.querySelector("details.req-fig-note");
    var note = details && details.querySelector("input, textarea");
    if (!input || !note) { return; }
    var system = parse(row.getAttribute("data-system"));
    var previous = parse(row.getAttribute("data-previous"));

    function update() {
      var value = parse(input.value);
      var ask = value !== null && (value !== system || swings(previous, value));
      note.required = ask;
      if (ask) { details.open = true; }
    }

    input.addEventListener("input", update);
  });
})();
