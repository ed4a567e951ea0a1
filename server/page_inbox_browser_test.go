package server

import (
	"fmt"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Triage with the keyboard: j picks the first row, a accepts it, and the
// row changes in place (htmx), without loading the page again.
func TestBrowserInboxKeyboardTriage(t *testing.T) {
	s := newSite(t)
	first, second := inboxRequested(t, s), inboxRequested(t, s)
	ctx := s.browser(t)
	do(t, ctx, chromedp.Navigate(s.srv.URL+inboxURL(s, "?status=requested&lang=en")), chromedp.WaitVisible(chromedp.CSS(`table.inbox-table`)))
	value(t, ctx, chromedp.Poll[bool](`typeof htmx !== "undefined" && !document.querySelector("[data-inbox-keys]").hidden`, chromedp.WithPollingTimeout(10*time.Second)))
	// A page load would forget this mark.
	value(t, ctx, chromedp.Evaluate[bool](`window.inboxMark = true`))
	do(t, ctx, chromedp.KeyEvent("j"))
	row := fmt.Sprintf(`tr#request-%d`, first.ID)
	value(t, ctx, chromedp.Poll[bool](`document.activeElement.matches(`+"`"+row+"`"+`) && !document.querySelector(".htmx-settling, .htmx-swapping, .htmx-added, .htmx-request")`, chromedp.WithPollingTimeout(5*time.Second)))
	do(t, ctx, chromedp.KeyEvent("a"))
	value(t, ctx, chromedp.Poll[bool](`!!document.querySelector(`+"`"+row+`[data-status="accepted"]`+"`"+`)`, chromedp.WithPollingTimeout(10*time.Second)))
	if !value(t, ctx, chromedp.Evaluate[bool](`window.inboxMark === true`)) {
		t.Error("accepting loaded the page again")
	}
	if msg := value(t, ctx, chromedp.Text(chromedp.CSS(`#inbox-status`))); msg == "" {
		t.Error("no status message after the triage")
	}
	if st := inboxStored(t, s, first.ID).Status; st != "accepted" {
		t.Errorf("the store has the request %s", st)
	}
	// The new row keeps the focus once htmx has settled it; then d on
	// the next row opens its decline form with the focus in the reason.
	value(t, ctx, chromedp.Poll[bool](`document.activeElement.matches(`+"`"+row+"`"+`) && !document.querySelector(".htmx-settling, .htmx-swapping, .htmx-added, .htmx-request")`, chromedp.WithPollingTimeout(5*time.Second)))
	do(t, ctx, chromedp.KeyEvent("j"), chromedp.KeyEvent("d"))
	value(t, ctx, chromedp.Poll[bool](fmt.Sprintf(`document.activeElement.id === "reason-%d"`, second.ID), chromedp.WithPollingTimeout(5*time.Second)))
	screenshot(t, ctx, "inbox-triage-en")

	for _, lang := range []string{"en", "fr", "ar"} {
		do(t, ctx, chromedp.Navigate(s.srv.URL+inboxURL(s, "?lang="+lang)), chromedp.WaitVisible(chromedp.CSS(`table.inbox-table`)))
		screenshot(t, ctx, "inbox-"+lang)
	}
	do(t, ctx, phone(), chromedp.Navigate(s.srv.URL+inboxURL(s, "?status=requested&lang=ar")), chromedp.WaitVisible(chromedp.CSS(`main#content`)))
	screenshot(t, ctx, "inbox-phone-ar")
	do(t, ctx, chromedp.Navigate(s.srv.URL+"/events/"+s.event.Slug+"/requests/new?lang=fr"), chromedp.WaitVisible(chromedp.CSS(`form.inbox-new`)))
	screenshot(t, ctx, "inbox-new-phone-fr")
}
