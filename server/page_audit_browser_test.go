package server

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// An administrator filters the audit trail in the browser and reads a
// change whose new value carries markup, which stays text.
func TestAuditBrowserFilter(t *testing.T) {
	s := newSite(t)
	s.auditPersonChange(`مستشار <img src=x onerror="window.audited=1">`)
	ctx := newBrowser(t)
	s.signIn(t, ctx, "admin")
	do(t, ctx, chromedp.Navigate(s.srv.URL+"/audit?lang=ar"), chromedp.WaitVisible(chromedp.CSS(`#audit`)))
	screenshot(t, ctx, "audit-ar")
	do(t, ctx,
		chromedp.Navigate(s.srv.URL+"/audit?lang=en"),
		chromedp.WaitVisible(chromedp.CSS(`#f-entity`)),
		chromedp.SendKeys(chromedp.CSS(`#f-entity`), "person"),
		chromedp.SendKeys(chromedp.CSS(`#f-address`), "203.0.113.5"),
	)
	// The unfiltered page has the same elements: mark it, to wait for the
	// filtered one.
	value(t, ctx, chromedp.Evaluate[bool](`document.body.dataset.unfiltered = "yes"; true`))
	do(t, ctx,
		chromedp.Click(chromedp.CSS(`form.audit-filters button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`body:not([data-unfiltered]) #audit-count`)),
	)
	rows := value(t, ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll("#audit > tbody > tr")].map(r => r.textContent)`))
	if len(rows) != 1 || !strings.Contains(rows[0], "person") || !strings.Contains(rows[0], `<img src=x`) {
		t.Errorf("the filtered trail shows %q, want the one change of the person as text", rows)
	}
	if value(t, ctx, chromedp.Evaluate[bool](`window.audited === 1`)) {
		t.Error("markup in an audited value ran a script")
	}
	screenshot(t, ctx, "audit-en")
}
