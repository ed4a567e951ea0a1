// Follow-up actions: a refused change (400 invalid, 409 changed
// meanwhile) answers the form or row again with the problem beside it;
// htmx does not swap error answers by default, so let these in.
document.addEventListener("htmx:beforeSwap", function (e) {
  var status = e.detail.xhr.status;
  var elt = e.detail.elt;
  if ((status === 400 || status === 409) && elt && elt.closest && elt.closest("[data-actions-form]")) {
    e.detail.shouldSwap = true;
    e.detail.isError = false;
  }
});
