// dashboard: the print button of the printable programme. The page reads
// and prints without it (the browser's own Print command); the button
// only shows where a script can open the print dialogue.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
});
