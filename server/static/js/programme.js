// programme: the pick-a-slot dialog and drag and drop on the timeline.
// Without it the programme still works: "Move…" opens the pick-a-slot
// page and its form posts the move.
(function () {
  "use strict";
  var STEP = 5, COLUMNS = 144, FIRST_HOUR = 8;

  function dialog() { return document.getElementById("prog-dialog"); }

  // The slots fetched by htmx into the dialog's body open the dialog.
  document.addEventListener("htmx:afterSwap", function (e) {
    var d = dialog();
    if (!d || !e.detail.target) { return; }
    if (e.detail.target.id === "prog-dialog-body" && !d.open) {
      d.showModal();
      var first = d.querySelector("input[type=radio], button");
      if (first) { first.focus(); }
    }
    if (e.detail.target.id === "programme" && d.open) { d.close(); }
  });

  document.addEventListener("click", function (e) {
    if (e.target.closest && e.target.closest("[data-close]")) {
      var d = dialog();
      if (d && d.open) { d.close(); }
    }
  });

  // Drag and drop: the block being dragged, and where it is dropped.
  var dragged = null;

  document.addEventListener("dragstart", function (e) {
    var block = e.target.closest && e.target.closest(".prog-meeting[draggable=true]");
    if (!block) { return; }
    dragged = block;
    if (e.dataTransfer) {
      e.dataTransfer.effectAllowed = "move";
      e.dataTransfer.setData("text/plain", block.dataset.meeting);
    }
  });

  document.addEventListener("dragover", function (e) {
    var track = dragged && e.target.closest && e.target.closest(".prog-track[data-row]");
    if (track) { e.preventDefault(); track.classList.add("drop-target"); }
  });

  document.addEventListener("dragleave", function (e) {
    var track = e.target.closest && e.target.closest(".prog-track[data-row]");
    if (track) { track.classList.remove("drop-target"); }
  });

  document.addEventListener("drop", function (e) {
    var track = dragged && e.target.closest && e.target.closest(".prog-track[data-row]");
    if (!track) { return; }
    e.preventDefault();
    track.classList.remove("drop-target");
    move(dragged, track, startAt(track, e.clientX));
    dragged = null;
  });

  // startAt is the wall-clock time ("YYYY-MM-DDTHH:MM") at x on a track;
  // in right-to-left pages time runs from the right edge.
  function startAt(track, x) {
    var rect = track.getBoundingClientRect();
    var frac = (x - rect.left) / rect.width;
    if (getComputedStyle(track).direction === "rtl") { frac = 1 - frac; }
    var col = Math.max(0, Math.min(COLUMNS - 1, Math.floor(frac * COLUMNS)));
    var minutes = FIRST_HOUR * 60 + col * STEP;
    var hh = String(Math.floor(minutes / 60)).padStart(2, "0");
    var mm = String(minutes % 60).padStart(2, "0");
    return programme().dataset.day + "T" + hh + ":" + mm;
  }

  function programme() { return document.getElementById("programme"); }

  // move asks the server to move a block; a refusal is shown in the live
  // region, a success reloads the programme.
  function move(block, track, start) {
    var p = programme();
    var body = new URLSearchParams({ start: start, version: block.dataset.version, day: p.dataset.day, by: p.dataset.by });
    body.set("room_id", p.dataset.by === "room" ? track.dataset.row : block.dataset.room);
    fetch(block.dataset.move, { method: "POST", body: body, headers: { "HX-Request": "true" }, credentials: "same-origin" })
      .then(function (res) {
        var loc = res.headers.get("HX-Location");
        if (loc) { window.location.assign(JSON.parse(loc).path); return null; }
        return res.text();
      })
      .then(function (html) {
        if (html === null) { return; }
        var doc = new DOMParser().parseFromString(html, "text/html");
        var refusal = doc.querySelector(".prog-refusal, [role=alert]");
        var live = document.getElementById("prog-live");
        live.textContent = refusal ? refusal.textContent.replace(/\s+/g, " ").trim() : live.dataset.failed;
        live.hidden = false;
        live.focus();
      });
  }
})();
