// setup: after htmx swaps in a refused form, move the keyboard focus to
// its first field marked invalid, as a browser does for its own checks.
// The forms work without this file.
document.addEventListener("htmx:afterSwap", function () {
  var form = document.getElementById("setup-form");
  var bad = form && form.querySelector("[aria-invalid=\"true\"]");
  if (bad) { bad.focus(); }
});
