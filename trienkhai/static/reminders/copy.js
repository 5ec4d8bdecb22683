// Nhắc việc: the "Sao chép" buttons put a Zalo text on the clipboard. Where the Clipboard
// API is missing or refused (an old phone browser, a page not served over HTTPS), the text
// is selected and copied the old way; if even that fails it stays selected for a long press.
(function () {
  "use strict";

  function done(button, label) {
    if (!button.hasAttribute("data-label")) { button.setAttribute("data-label", button.innerHTML); }
    button.textContent = label;
    window.setTimeout(function () { button.innerHTML = button.getAttribute("data-label"); }, 2000);
  }

  function fallback(area, button) {
    area.focus();
    area.select();
    area.setSelectionRange(0, area.value.length);
    var copied = false;
    try { copied = document.execCommand("copy"); } catch (e) { copied = false; }
    done(button, copied ? "Đã sao chép" : "Đã chọn, hãy sao chép");
  }

  document.querySelectorAll("[data-copy]").forEach(function (button) {
    button.addEventListener("click", function () {
      var area = document.getElementById(button.getAttribute("data-copy"));
      if (!area) { return; }
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(area.value).then(
          function () { done(button, "Đã sao chép"); },
          function () { fallback(area, button); }
        );
      } else {
        fallback(area, button);
      }
    });
  });
})();
