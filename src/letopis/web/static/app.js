// Letopis web app: keyboard shortcuts for the common review decisions. No library, nothing from another host.
// Incident page: v verify, r reject, c back to candidate (each asks for the reason first, then Enter decides),
// e edit. Review queue: j / k next / previous pair, m merge, a keep apart. Not while typing in a field
// (Esc leaves it); on a Cyrillic layout the keys in the same places work too.
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
  // The letter a key stands for: its own, or, when the keyboard's layout gives another alphabet (a
  // Ukrainian or Russian layout gives "м" for the key marked V), the Latin letter of the key's place.
  function letter(event) {
    if (event.key.length === 1 && /[a-z]/.test(event.key)) return event.key;
    if (event.shiftKey || event.key.length !== 1 || /[A-Za-z]/.test(event.key)) return "";
    var place = /^Key([A-Z])$/.exec(event.code || "");
    return place ? place[1].toLowerCase() : "";
  }

  var flags = Array.prototype.slice.call(document.querySelectorAll("[data-flag]"));
  var current = 0;
  function markFlag(index) {
    current = index;
    flags.forEach(function (flag, i) { flag.classList.toggle("current", i === current); });
  }
  function focusFlag(index) {
    if (!flags.length) return;
    markFlag(Math.max(0, Math.min(flags.length - 1, index)));
    flags[current].focus();
    flags[current].scrollIntoView({ block: "nearest" });
  }
  if (flags.length) focusFlag(0);
  // Clicking or tabbing into a pair makes it the current one, so that m and a decide the pair in view.
  flags.forEach(function (flag, i) {
    flag.addEventListener("focusin", function () { if (i !== current) markFlag(i); });
  });

  // A form of decisions (the incident's status, a pair's merge or keep apart) is sent only by a decision
  // that was chosen: by its button, or on the incident page by its key and then Enter in the reason field.
  // The browser's own Enter in a text field would press the form's first button (verify, merge).
  var statusForm = document.querySelector("form[data-shortcut-form]");
  document.querySelectorAll("form[data-decisions]").forEach(function (form) {
    form.querySelectorAll('input[type="text"]').forEach(function (field) {
      field.addEventListener("keydown", function (event) {
        if (event.key !== "Enter") return;
        event.preventDefault();
        var chosen = form.dataset.pending;
        if (!chosen) return;
        var button = form.querySelector('button[value="' + chosen + '"]');
        if (form.reportValidity()) form.requestSubmit(button);
      });
    });
  });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (typing(event.target)) {
      // Esc leaves the field (and forgets a chosen decision), so that the keys work again.
      if (event.key === "Escape") {
        if (statusForm && statusForm.contains(event.target)) choose(null);
        event.target.blur();
      }
      return;
    }
    var key = letter(event);
    if (!key) return;
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
      choose(choice);
      statusForm.querySelector('input[name="reason"]').focus();
      event.preventDefault();
      return;
    }
    if (key === "e") {
      var first = document.querySelector(
        '#edit-form input:not([type="hidden"]), #edit-form select, #edit-form textarea');
      if (first) { first.focus(); first.scrollIntoView({ block: "center" }); event.preventDefault(); }
    }
  });
  function choose(choice) {
    if (choice) statusForm.dataset.pending = choice.value;
    else delete statusForm.dataset.pending;
    statusForm.querySelectorAll("button").forEach(function (b) { b.classList.toggle("pending", b === choice); });
  }
})();
