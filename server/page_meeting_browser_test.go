package server

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The outcome of a held meeting is saved in place: htmx swaps the form's
// block, the page is not loaded again, and the decisions appear.
func TestMeetingBrowserOutcomeSavesInPlace(t *testing.T) {
	s := newSite(t)
	m := meetingHeldOne(t, s)
	ctx := s.browser(t)
	page := fmt.Sprintf("%s/meetings/%d?lang=en", s.srv.URL, m.ID)
	do(t, ctx, chromedp.Navigate(page), chromedp.WaitVisible(chromedp.CSS(`#f-outcome`)))
	value(t, ctx, chromedp.Poll[bool](`typeof htmx !== "undefined"`, chromedp.WithPollingTimeout(10*time.Second)))
	// A mark on the window survives a swap but not a page load.
	value(t, ctx, chromedp.Evaluate[bool](`window.meetingMark = true`))
	do(t, ctx,
		chromedp.SendKeys(chromedp.CSS(`#f-outcome`), "Agreed to exchange liaison officers."),
		chromedp.SendKeys(chromedp.CSS(`#f-decisions`), "Liaison officers by March\n\nJoint training"),
		chromedp.Click(chromedp.CSS(`#meeting-outcome button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#meeting-outcome .meeting-saved`)),
	)
	if !value(t, ctx, chromedp.Evaluate[bool](`window.meetingMark === true`)) {
		t.Error("saving the outcome loaded the whole page")
	}
	decisions := value(t, ctx, chromedp.Text(chromedp.CSS(`#meeting-outcome .meeting-decisions`)))
	if !strings.Contains(decisions, "Liaison officers by March") || !strings.Contains(decisions, "Joint training") {
		t.Errorf("decisions shown: %q", decisions)
	}
	got := meetingReload(t, s, m.ID)
	if got.Outcome != "Agreed to exchange liaison officers." || len(got.Decisions) != 2 {
		t.Errorf("stored outcome %q, decisions %q", got.Outcome, got.Decisions)
	}
	// The briefing form now carries the new version: saving it works.
	do(t, ctx,
		chromedp.SendKeys(chromedp.CSS(`#f-briefing`), "Thank them for the visit."),
		chromedp.Click(chromedp.CSS(`#meeting-briefing button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#meeting-briefing .meeting-saved`)),
	)
	if b := meetingReload(t, s, m.ID).Briefing; b != "Thank them for the visit." {
		t.Errorf("briefing after the outcome: %q", b)
	}
	screenshot(t, ctx, "meeting-saved-en")
}

// Screenshots of the meeting and partner pages in each language, and at
// a phone's width, for a person to review.
func TestMeetingBrowserScreenshots(t *testing.T) {
	s := newSite(t)
	m := partnerMeetingOf(t, s, "NO")
	ctx := s.browser(t)
	pages := map[string]string{
		"meeting": fmt.Sprintf("/meetings/%d", m.ID),
		"partner": "/partners/NO",
	}
	for _, width := range []string{"", "-phone"} {
		if width != "" {
			do(t, ctx, phone())
		}
		for name, path := range pages {
			for _, lang := range []string{"en", "fr", "ar"} {
				do(t, ctx, chromedp.Navigate(s.srv.URL+path+"?lang="+lang), chromedp.WaitVisible(chromedp.CSS(`main#content h1`)))
				dir := value(t, ctx, chromedp.AttributeValue(chromedp.CSS(`html`), "dir")).Value
				if want := map[bool]string{true: "rtl", false: "ltr"}[lang == "ar"]; dir != want {
					t.Errorf("%s %s: dir=%q, want %q", name, lang, dir, want)
				}
				// Nothing may be wider than the screen on a phone.
				if width != "" {
					if wide := value(t, ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > window.innerWidth + 1`)); wide {
						t.Errorf("%s %s: the page scrolls sideways on a phone", name, lang)
					}
				}
				screenshot(t, ctx, name+"-"+lang+width)
			}
		}
	}
	do(t, ctx, chromedp.Navigate(s.srv.URL+"/partners?active=1&lang=fr"), chromedp.WaitVisible(chromedp.CSS(`main#content h1`)))
	screenshot(t, ctx, "partner-list-fr-phone")
}
