package server

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// In Chromium: the desk makes an invitation (its link shown once), then
// Norway's liaison submits a request in Arabic, right to left, and sees it
// listed; screenshots of the invitation page and the portal.
func TestPortalBrowser(t *testing.T) {
	s := newSite(t)
	ctx := s.browser(t)
	cz := s.delegationOf("CZ")
	do(t, ctx,
		chromedp.Navigate(fmt.Sprintf("%s/delegations/%d/invite?lang=en", s.srv.URL, cz.ID)),
		chromedp.WaitVisible(chromedp.CSS(`form.portal-invite`)),
		chromedp.SetValue(chromedp.CSS(`#f-note`), "liaison@mzv.example"),
		chromedp.Click(chromedp.CSS(`form.portal-invite button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#invite-link`)),
	)
	link := value(t, ctx, chromedp.Evaluate[string](`document.querySelector("#invite-link").value`))
	if !strings.Contains(link, "/invite/inv_") {
		t.Errorf("the link shown: %q", link)
	}
	screenshot(t, ctx, "portal-invite-en")

	do(t, ctx, chromedp.Click(chromedp.CSS(`form.logout button`)), chromedp.WaitVisible(chromedp.CSS(`#f-username`)))
	s.signIn(t, ctx, "liaisonA")
	do(t, ctx, chromedp.Navigate(s.srv.URL+"/portal?lang=en"), chromedp.WaitVisible(chromedp.CSS(`form.portal-new`)))
	screenshot(t, ctx, "portal-en")

	do(t, ctx, chromedp.Navigate(s.srv.URL+"/portal?lang=ar"), chromedp.WaitVisible(chromedp.CSS(`form.portal-new`)))
	if dir := value(t, ctx, chromedp.AttributeValue(chromedp.CSS(`html`), "dir")).Value; dir != "rtl" {
		t.Errorf("dir=%q in Arabic", dir)
	}
	rows := value(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("tr[data-request]").length`))
	target := value(t, ctx, chromedp.Evaluate[string](`document.querySelector("#f-target1 option:nth-child(2)").value`))
	do(t, ctx,
		chromedp.SetValue(chromedp.CSS(`#f-target1`), target),
		chromedp.Click(chromedp.CSS(`input[name=topics][value=cybercrime]`)),
		chromedp.SetValue(chromedp.CSS(`#f-duration_min`), "45"),
		chromedp.SendKeys(chromedp.CSS(`#f-notes`), "نرغب في مناقشة التعاون"),
		chromedp.Click(chromedp.CSS(`form.portal-new button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#portal-done`)),
	)
	after := value(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("tr[data-request]").length`))
	if after != rows+1 {
		t.Errorf("%d requests listed after submitting, were %d", after, rows)
	}
	first := value(t, ctx, chromedp.Text(chromedp.CSS(`tr[data-request]`)))
	if !strings.Contains(first, "45") || !strings.Contains(first, "مطلوب") {
		t.Errorf("the new request's row: %q", first)
	}
	screenshot(t, ctx, "portal-ar")
}
