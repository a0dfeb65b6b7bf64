// Letopis web app: keyboard shortcuts for the common review decisions. No library, nothing from another host.
// Incident page: v verify, r reject, c back to candidate (each asks for the reason first, then Enter decides),
// e edit. Review queue: j / k next / previous flag, m merge, a keep apart.
// letopis.send(method, url, body): a JSON call to the app's API with the session's CSRF token (every
// state-changing call needs it in the X-CSRF-Token header; the page carries it in <meta name="csrf-token">).
window.letopis = window.letopis || {};
window.letopis.csrfToken = function () {
  var meta = document.querySelector('meta[name="csrf-token"]');
  return meta ? meta.content : "";
};
window.letopis.send = function (method, url, body) {
  return fetch(url, {
    method: method, credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-CSRF-Token": window.letopis.csrfToken() },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
};
(function () {
  "use strict";
  // A form with data-confirm asks first (removing an account).
  document.querySelectorAll("form[data-confirm]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });
  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }
  var flags = Array.prototype.slice.call(document.querySelectorAll("[data-flag]"));
  var current = 0;
  function focusFlag(index) {
    if (!flags.length) return;
    current = Math.max(0, Math.min(flags.length - 1, index));
    flags.forEach(function (flag, i) { flag.classList.toggle("current", i === current); });
    flags[current].focus();
    flags[current].scrollIntoView({ block: "nearest" });
  }
  if (flags.length) focusFlag(0);

  // A status form remembers which decision a shortcut chose; Enter in the reason field submits that one
  // (the browser's own Enter would press the form's first button).
  var statusForm = document.querySelector("form[data-shortcut-form]");
  if (statusForm) {
    statusForm.querySelector('input[name="reason"]').addEventListener("keydown", function (event) {
      var chosen = statusForm.dataset.pending;
      if (event.key !== "Enter" || !chosen) return;
      event.preventDefault();
      var button = statusForm.querySelector('button[value="' + chosen + '"]');
      if (statusForm.reportValidity()) statusForm.requestSubmit(button);
    });
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    var key = event.key;
    if (flags.length && (key === "j" || key === "k")) {
      focusFlag(current + (key === "j" ? 1 : -1));
      event.preventDefault();
      return;
    }
    if (flags.length && (key === "m" || key === "a")) {
      var button = flags[current].querySelector('button[data-key="' + key + '"]');
      if (button) { button.click(); event.preventDefault(); }
      return;
    }
    if (statusForm && (key === "v" || key === "r" || key === "c")) {
      var choice = statusForm.querySelector('button[data-key="' + key + '"]');
      if (!choice || choice.disabled) return;
      statusForm.dataset.pending = choice.value;
      statusForm.querySelectorAll("button").forEach(function (b) { b.classList.toggle("pending", b === choice); });
      var reason = statusForm.querySelector('input[name="reason"]');
      reason.focus();
      event.preventDefault();
      return;
    }
    if (key === "e") {
      var first = document.querySelector("#edit-form input, #edit-form select");
      if (first) { first.focus(); event.preventDefault(); }
    }
  });
})();
