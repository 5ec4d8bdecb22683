// Small behaviours of the UI shell; everything is attached here because the CSP forbids inline script.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var target = event.target.closest(".js-print");
    if (target) {
      event.preventDefault();
      window.print();
    }
    var confirmEl = event.target.closest("[data-confirm]");
    if (confirmEl && !window.confirm(confirmEl.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });
  // htmx sends the CSRF token with every request.
  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.querySelector("input[name=csrfmiddlewaretoken]");
    var cookie = document.cookie.match(/csrftoken=([^;]+)/);
    var value = token ? token.value : cookie ? cookie[1] : null;
    if (value) { event.detail.headers["X-CSRFToken"] = value; }
  });
  // Upload progress of a large plan file (htmx reports the XHR's progress).
  document.addEventListener("htmx:xhr:progress", function (event) {
    var bar = document.getElementById("upload-progress");
    if (bar && event.detail.lengthComputable) {
      bar.value = Math.round((event.detail.loaded / event.detail.total) * 100);
    }
  });
  document.documentElement.classList.add("js");
})();
