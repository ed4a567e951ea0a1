package server

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"bilat"
)

// A refused room keeps what was typed and says why beside the field; once
// corrected it is saved and the list says so. htmx swaps the form in place.
func TestSetupBrowserFixAndSaveARoom(t *testing.T) {
	s := newSite(t)
	ctx := s.browser(t)
	rooms := setupTotals(t, s)["rooms"]
	do(t, ctx, chromedp.Navigate(s.srv.URL+"/events/"+s.event.Slug+"/setup/rooms/new?lang=en"),
		chromedp.WaitVisible(chromedp.CSS(`#f-name`)))
	value(t, ctx, chromedp.Poll[bool](`typeof htmx !== "undefined"`, chromedp.WithPollingTimeout(10*time.Second)))
	do(t, ctx,
		chromedp.SendKeys(chromedp.CSS(`#f-name`), "Salon Atlas"),
		chromedp.SendKeys(chromedp.CSS(`#f-capacity`), "-1"),
		chromedp.SendKeys(chromedp.CSS(`#f-features`), "interpretation"),
		chromedp.Click(chromedp.CSS(`#setup-form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#e-capacity`)))
	if msg := value(t, ctx, chromedp.Text(chromedp.CSS(`#e-capacity`))); !strings.Contains(msg, "at least 1") {
		t.Errorf("capacity message %q", msg)
	}
	if got := value(t, ctx, chromedp.Value(chromedp.CSS(`#f-name`))); got != "Salon Atlas" {
		t.Errorf("the typed name became %q", got)
	}
	if invalid := value(t, ctx, chromedp.AttributeValue(chromedp.CSS(`#f-capacity`), "aria-invalid")).Value; invalid != "true" {
		t.Errorf("capacity aria-invalid=%q", invalid)
	}
	// The focus moves to the field to correct.
	if focused := value(t, ctx, chromedp.Evaluate[string](`document.activeElement.id`)); focused != "f-capacity" {
		t.Errorf("focus on %q, want f-capacity", focused)
	}
	if setupTotals(t, s)["rooms"] != rooms {
		t.Fatal("a refused room was stored")
	}
	screenshot(t, ctx, "setup-room-refused-en")
	do(t, ctx,
		chromedp.SetValue(chromedp.CSS(`#f-capacity`), "6"),
		chromedp.Click(chromedp.CSS(`#setup-form button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`[role="status"][data-saved="room"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#rooms-table`)))
	stored, _, err := s.db.ListRooms(context.Background(), bilat.EventPart{EventID: s.event.ID})
	if err != nil {
		t.Fatal(err)
	}
	if last := stored[len(stored)-1]; last.Name != "Salon Atlas" || last.Capacity != 6 {
		t.Errorf("stored %+v", last)
	}
}

// The lists and a form, in each language and on a phone, for a person to
// review.
func TestSetupBrowserScreenshots(t *testing.T) {
	s := newSite(t)
	ctx := s.browser(t)
	pages := map[string]string{
		"setup":            "/events/" + s.event.Slug + "/setup",
		"setup-venue":      "/venues/1/edit",
		"setup-session":    "/sessions/1/edit",
		"directory":        "/directory",
		"directory-no":     "/partners/NO/edit",
		"directory-person": "/people/1/edit",
	}
	for _, lang := range []string{"en", "fr", "ar"} {
		for name, path := range pages {
			do(t, ctx, chromedp.Navigate(s.srv.URL+path+"?lang="+lang), chromedp.WaitVisible(chromedp.CSS(`main#content h1`)))
			if dir := value(t, ctx, chromedp.AttributeValue(chromedp.CSS(`html`), "dir")).Value; (dir == "rtl") != (lang == "ar") {
				t.Errorf("%s %s: dir=%q", name, lang, dir)
			}
			screenshot(t, ctx, name+"-"+lang)
		}
	}
	do(t, ctx, phone())
	for _, name := range []string{"setup", "directory", "setup-session"} {
		for _, lang := range []string{"en", "ar"} {
			do(t, ctx, chromedp.Navigate(s.srv.URL+pages[name]+"?lang="+lang), chromedp.WaitVisible(chromedp.CSS(`main#content h1`)))
			// Nothing may be wider than the phone: no sideways scrolling.
			if wide := value(t, ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`)); wide {
				t.Errorf("%s %s is wider than a 390-pixel phone", name, lang)
			}
			screenshot(t, ctx, name+"-phone-"+lang)
		}
	}
}
