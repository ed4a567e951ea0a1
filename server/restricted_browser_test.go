package server

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// A restricted note carrying markup is shown to the desk as text in the
// real browser: no script runs, no element is made of it; the badge and
// the form's checkbox are drawn.
func TestRestrictedBrowserNoteIsInert(t *testing.T) {
	s := newSite(t)
	m := restrictedMeetingOfPrincipal(t, s)
	ctx := s.browser(t)
	do(t, ctx, chromedp.Navigate(fmt.Sprintf("%s/meetings/%d?lang=en", s.srv.URL, m.ID)),
		chromedp.WaitVisible(chromedp.CSS(`.meeting-notes .restricted-badge`)))
	if title := value(t, ctx, chromedp.Evaluate[string](`document.title`)); title == "pwned" {
		t.Fatal("a note's script ran")
	}
	if n := value(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll(".meeting-notes script, .meeting-notes img").length`)); n != 0 {
		t.Errorf("%d elements made of a note's markup", n)
	}
	if text := value(t, ctx, chromedp.Text(chromedp.CSS(`.meeting-notes`))); !strings.Contains(text, `<script>`) {
		t.Errorf("the note is not shown as text: %q", text)
	}
	screenshot(t, ctx, "restricted-meeting-en")
	do(t, ctx, chromedp.Navigate(s.srv.URL+"/partners/NO/edit?lang=ar"), chromedp.WaitVisible(chromedp.CSS(`#f-notes_restricted`)))
	screenshot(t, ctx, "restricted-partner-form-ar")
}
