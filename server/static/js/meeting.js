// The meeting page: a refused save (400 invalid, 409 changed meanwhile)
// answers the form again with the problem beside its field; htmx does not
// swap error answers by default, so let the meeting forms' answers in.
document.addEventListener("htmx:beforeSwap", function (e) {
  var status = e.detail.xhr.status;
  var elt = e.detail.elt;
  if ((status === 400 || status === 409) && elt && elt.closest && elt.closest("[data-meeting-form]")) {
    e.detail.shouldSwap = true;
    e.detail.isError = false;
  }
});
