package server

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// programmeWait polls a JavaScript condition until it holds.
func programmeWait(t *testing.T, ctx context.Context, cond string) {
	t.Helper()
	value(t, ctx, chromedp.Poll[bool](cond, chromedp.WithPollingTimeout(15*time.Second)))
}

// The desk officer opens the programme, moves a meeting through the
// pick-a-slot dialog, then drags it into the afternoon plenary and is told
// why not; in Arabic the timeline runs right to left.
func TestBrowserProgrammeMove(t *testing.T) {
	s := newSite(t)
	m := programmeApplied(t, s)[0]
	ctx := s.browser(t)
	zone, _ := s.event.Location()
	day := m.Start.In(zone).Format(time.DateOnly)
	page := fmt.Sprintf("%s/events/%s/programme?day=%s", s.srv.URL, s.event.Slug, day)
	block := fmt.Sprintf(`.prog-meeting[data-meeting="%d"]`, m.ID)

	do(t, ctx, chromedp.Navigate(page+"&lang=en"), chromedp.WaitVisible(chromedp.CSS(block)))
	programmeWait(t, ctx, `typeof htmx !== "undefined"`)
	screenshot(t, ctx, "programme-en")
	do(t, ctx, chromedp.Click(chromedp.CSS(block+" .prog-move")), chromedp.WaitVisible(chromedp.CSS(`#prog-dialog[open] #prog-slots input[name="slot"]`)))
	screenshot(t, ctx, "programme-slots-en")
	do(t, ctx, chromedp.Click(chromedp.CSS(`#prog-dialog #prog-slots input[name="slot"]`)),
		chromedp.Click(chromedp.CSS(`#prog-dialog #prog-slots button[type="submit"]`)))
	programmeWait(t, ctx, `!!document.querySelector("#programme [role=status]") && !document.getElementById("prog-dialog").open`)
	moved, err := s.db.Meeting(context.Background(), m.ID)
	if err != nil {
		t.Fatal(err)
	}
	if moved.Version == m.Version {
		t.Fatal("the move through the dialog did not change the meeting")
	}

	// Drag the block into the afternoon plenary (15:30) of its own row.
	do(t, ctx, chromedp.Navigate(fmt.Sprintf("%s/events/%s/programme?day=%s&lang=en", s.srv.URL, s.event.Slug, moved.Start.In(zone).Format(time.DateOnly))),
		chromedp.WaitVisible(chromedp.CSS(block)))
	programmeDrop(t, ctx, block, 15*60+30)
	programmeWait(t, ctx, `!document.getElementById("prog-live").hidden`)
	msg := value(t, ctx, chromedp.Text(chromedp.CSS(`#prog-live`)))
	if !strings.Contains(msg, "Plenary session, afternoon") {
		t.Errorf("the refusal says %q, want the plenary named", msg)
	}
	screenshot(t, ctx, "programme-refused-en")
	if after, _ := s.db.Meeting(context.Background(), m.ID); after.Version != moved.Version {
		t.Error("the refused drop changed the meeting")
	}

	// Arabic: right to left, later blocks to the left of earlier ones.
	do(t, ctx, chromedp.Navigate(page+"&lang=ar"), chromedp.WaitVisible(chromedp.CSS(`.prog-grid`)))
	if dir := value(t, ctx, chromedp.AttributeValue(chromedp.CSS(`html`), "dir")).Value; dir != "rtl" {
		t.Errorf("dir=%q, want rtl", dir)
	}
	mirrored := value(t, ctx, chromedp.Evaluate[bool](`(function () {
		var row = document.querySelector(".prog-session.plenary").parentElement;
		var s = row.querySelectorAll(".prog-session");
		var a = s[0].getBoundingClientRect(), b = s[s.length - 1].getBoundingClientRect();
		return s.length > 1 && b.left < a.left;
	})()`))
	if !mirrored {
		t.Error("in Arabic the later session is not left of the earlier one")
	}
	screenshot(t, ctx, "programme-ar")
	do(t, ctx, chromedp.Navigate(page+"&lang=fr"), chromedp.WaitVisible(chromedp.CSS(`.prog-grid`)))
	screenshot(t, ctx, "programme-fr")
	do(t, ctx, phone(), chromedp.Navigate(page+"&lang=ar&view=table"), chromedp.WaitVisible(chromedp.CSS(`.prog-table`)))
	screenshot(t, ctx, "programme-phone-ar")
	do(t, ctx, chromedp.Navigate(page+"&lang=en"), chromedp.WaitVisible(chromedp.CSS(`.prog-grid`)))
	screenshot(t, ctx, "programme-phone-en")
}

// programmeDrop drags a block and drops it on its own row at a minute of
// the day, through the page's own drag and drop handlers.
func programmeDrop(t *testing.T, ctx context.Context, block string, minute int) {
	t.Helper()
	js := fmt.Sprintf(`(function () {
		var block = document.querySelector(%q), track = block.parentElement;
		var rect = track.getBoundingClientRect();
		var frac = (%d - 480 + 2) / 720;
		if (getComputedStyle(track).direction === "rtl") { frac = 1 - frac; }
		var x = rect.left + frac * rect.width, y = rect.top + 4;
		var dt = new DataTransfer();
		block.dispatchEvent(new DragEvent("dragstart", {bubbles: true, dataTransfer: dt}));
		track.dispatchEvent(new DragEvent("dragover", {bubbles: true, cancelable: true, dataTransfer: dt, clientX: x, clientY: y}));
		track.dispatchEvent(new DragEvent("drop", {bubbles: true, cancelable: true, dataTransfer: dt, clientX: x, clientY: y}));
		return true;
	})()`, block, minute)
	value(t, ctx, chromedp.Evaluate[bool](js))
}
