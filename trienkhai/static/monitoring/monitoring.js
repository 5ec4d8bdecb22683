// Upload progress of an Excel file of figures: htmx reports the XHR's progress on the form.
(function () {
  "use strict";
  function parts(event) {
    var form = event.target.closest ? event.target.closest(".js-progress-form") : null;
    if (!form) { return null; }
    return { bar: form.querySelector(".js-upload-progress"), text: form.querySelector(".js-upload-text") };
  }
  document.addEventListener("htmx:xhr:progress", function (event) {
    var p = parts(event);
    if (!p || !p.bar || !event.detail.lengthComputable) { return; }
    var percent = Math.round((event.detail.loaded / event.detail.total) * 100);
    p.bar.value = percent;
    if (p.text) {
      p.text.textContent = percent < 100 ? "Đang tải lên… " + percent + "%" : "Đã tải lên, đang kiểm tra tệp…";
    }
  });
  document.addEventListener("htmx:beforeRequest", function (event) {
    var p = parts(event);
    if (p && p.bar) { p.bar.value = 0; }
    if (p && p.text) { p.text.textContent = "Đang tải lên… 0%"; }
  });
})();
