// inbox: keyboard triage of the request inbox. The page works without
// it; it adds j/k to move between rows, a/d/o/x to act on the current
// one and ? to list the keys, and lets htmx show refused triages (409,
// 422), whose answer is the row with its message.
(function () {
  "use strict";

  var current = null; // the id of the row the keys act on

  function rows() { return Array.prototype.slice.call(document.querySelectorAll("tr.inbox-row")); }

  function rowOf(id) { return id === null ? null : document.getElementById("request-" + id); }

  // select makes a row the current one and gives it the focus.
  function select(row) {
    rows().forEach(function (r) { r.classList.remove("inbox-current"); });
    if (!row) { return; }
    row.classList.add("inbox-current");
    current = row.dataset.id;
    row.focus();
  }

  function move(step) {
    var all = rows();
    if (all.length === 0) { return; }
    var i = all.indexOf(rowOf(current));
    var next = i < 0 ? 0 : Math.min(all.length - 1, Math.max(0, i + step));
    select(all[next]);
  }

  // open unfolds a row's decline or offer form and focuses its first field.
  function open(row, which) {
    var summary = row.querySelector('[data-inbox="' + which + '"]');
    if (!summary) { return; }
    var details = summary.parentElement;
    details.open = true;
    var field = details.querySelector("input:not([type=hidden]), select, textarea");
    if (field) { field.focus(); }
  }

  function typing(el) {
    return el && (el.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(el.tagName));
  }

  function showKeys() {
    var dialog = document.getElementById("inbox-keys");
    if (dialog && !dialog.open) { dialog.showModal(); }
  }

  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) { return; }
    var dialog = document.getElementById("inbox-keys");
    if (dialog && dialog.open) { return; }
    var row = rowOf(current);
    switch (e.key) {
    case "j": move(1); break;
    case "k": move(-1); break;
    case "?": showKeys(); break;
    case "a":
      var accept = row && row.querySelector('[data-inbox="accept"]');
      if (accept) { accept.click(); }
      break;
    case "d": if (row) { open(row, "decline"); } break;
    case "o": if (row) { open(row, "offer"); } break;
    case "x":
      var pick = row && row.querySelector("[data-pick]");
      if (pick) { pick.checked = !pick.checked; }
      break;
    default: return;
    }
    e.preventDefault();
  });

  // A click in a row makes it the current one.
  document.addEventListener("focusin", function (e) {
    var row = e.target.closest && e.target.closest("tr.inbox-row");
    if (row) {
      rows().forEach(function (r) { r.classList.toggle("inbox-current", r === row); });
      current = row.dataset.id;
    }
  });

  // A refused triage answers with the row and its message: show it.
  document.addEventListener("htmx:beforeSwap", function (e) {
    var status = e.detail.xhr.status;
    if (status === 409 || status === 422) {
      e.detail.shouldSwap = true;
      e.detail.isError = false;
    }
  });

  // After a triage the new row keeps the keyboard focus.
  document.addEventListener("htmx:afterSettle", function () {
    var row = document.querySelector("tr.inbox-row.inbox-current");
    if (row) { current = row.dataset.id; row.focus(); }
  });

  document.addEventListener("DOMContentLoaded", function () {
    var button = document.querySelector("[data-inbox-keys]");
    if (button) {
      button.hidden = false;
      button.addEventListener("click", showKeys);
    }
    var marked = document.querySelector("tr.inbox-row.inbox-current") || rowOf(location.hash.replace("#request-", ""));
    if (marked) { select(marked); }
  });
})();
