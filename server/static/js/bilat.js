// bilat: behaviour shared by every page. Pages work without it; it only
// makes htmx swaps keep the keyboard focus somewhere sensible.
document.addEventListener("htmx:afterSwap", function (e) {
  var target = e.detail.target;
  if (target && target.querySelector) {
    var focus = target.querySelector("[autofocus], [data-focus]");
    if (focus) { focus.focus(); }
  }
});
