// Học tập, quán triệt: filters that submit on change, and the session form's draft.
//
// On a weak connection a secretary may lose what was typed when the page fails to send.
// The session form keeps a draft in localStorage on every keystroke and restores it when the
// page opens again; the draft is dropped only when the server confirms the session is saved
// (the next page carries data-draft-clear with the same key).
(function () {
  "use strict";

  function storage() {
    try {
      var probe = "__tk_probe__";
      window.localStorage.setItem(probe, "1");
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch (e) {
      return null;
    }
  }

  // Selects of the filter forms submit themselves (no inline handlers under the CSP).
  document.querySelectorAll("form.js-autosubmit select").forEach(function (select) {
    select.addEventListener("change", function () { select.form.submit(); });
  });

  var store = storage();
  if (!store) { return; }

  // A saved session: forget its draft.
  document.querySelectorAll("[data-draft-clear]").forEach(function (el) {
    store.removeItem(el.getAttribute("data-draft-clear"));
  });

  var form = document.querySelector("form[data-draft-key]");
  if (!form) { return; }
  var key = form.getAttribute("data-draft-key");

  function fields() {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.name !== "csrfmiddlewaretoken" && el.type !== "file" &&
        el.type !== "submit" && el.type !== "button" && el.type !== "hidden";
    });
  }

  function save() {
    var data = {};
    fields().forEach(function (el) {
      data[el.name] = el.type === "checkbox" ? el.checked : el.value;
    });
    try {
      store.setItem(key, JSON.stringify({ saved: Date.now(), data: data }));
    } catch (e) { /* storage full: nothing more to do */ }
  }

  function restore() {
    var raw = store.getItem(key);
    if (!raw) { return false; }
    var draft;
    try { draft = JSON.parse(raw); } catch (e) { store.removeItem(key); return false; }
    if (!draft || !draft.data) { return false; }
    fields().forEach(function (el) {
      if (!(el.name in draft.data)) { return; }
      if (el.type === "checkbox") { el.checked = !!draft.data[el.name]; }
      else { el.value = draft.data[el.name]; }
    });
    return true;
  }

  // After a refused submission the server shows what was typed: keep it, do not restore.
  if (form.getAttribute("data-bound") !== "1" && restore()) {
    var notice = document.getElementById("draft-notice");
    if (notice) { notice.classList.remove("d-none"); }
  }

  form.addEventListener("input", save);
  form.addEventListener("change", save);

  var discard = document.querySelector(".js-draft-discard");
  if (discard) {
    discard.addEventListener("click", function () {
      store.removeItem(key);
      window.location.reload();
    });
  }

  form.addEventListener("submit", function (event) {
    save();
    if (navigator.onLine === false) {
      // No network: keep the draft and say so, rather than losing the page.
      event.preventDefault();
      var offline = document.getElementById("offline-notice");
      if (offline) { offline.classList.remove("d-none"); offline.scrollIntoView(); }
    }
  });
  window.addEventListener("online", function () {
    var offline = document.getElementById("offline-notice");
    if (offline) { offline.classList.add("d-none"); }
  });
})();
