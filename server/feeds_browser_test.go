package server

import (
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// In Chromium, the desk makes a principal's feed from the feeds page,
// reads its address once, fetches it as a calendar application would,
// and revokes it with the row's button; screenshots of the page in every
// language and on a phone, for a person to review.
func TestFeedsBrowser(t *testing.T) {
	s := newSite(t)
	w := newRolesWorld(t, s)
	ctx := s.browser(t)
	do(t, ctx,
		chromedp.Navigate(s.srv.URL+"/feeds?lang=en"),
		chromedp.WaitVisible(chromedp.CSS(`#f-subject`)),
		chromedp.SetValue(chromedp.CSS(`#f-subject`), "principal:"+itoa(w.dg.ID)),
		chromedp.SendKeys(chromedp.CSS(`#f-name`), "DG's tablet"),
		chromedp.Click(chromedp.CSS(`form.feeds-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`#feed-url`)),
	)
	addr := strings.TrimSpace(value(t, ctx, chromedp.Text(chromedp.CSS(`#feed-url`))))
	webcal := value(t, ctx, chromedp.AttributeValue(chromedp.CSS(`#feed-subscribe`), "href")).Value
	if !strings.HasPrefix(addr, s.srv.URL+"/feeds/feed_") || webcal != "webcal://"+strings.TrimPrefix(addr, "http://") {
		t.Fatalf("the feed's address %q, subscription %q", addr, webcal)
	}
	screenshot(t, ctx, "feeds-created-en")
	path := strings.TrimPrefix(addr, s.srv.URL)
	if st, body := s.feedsFetch(path); st != http.StatusOK || !strings.Contains(body, w.dgCounterpart) {
		t.Errorf("the new feed: %d, %d bytes", st, len(body))
	}
	for _, lang := range []string{"fr", "ar"} {
		do(t, ctx, chromedp.Navigate(s.srv.URL+"/feeds?lang="+lang), chromedp.WaitVisible(chromedp.CSS(`#feeds`)))
		if strings.Contains(value(t, ctx, chromedp.Text(chromedp.CSS(`main#content`))), "feed_") {
			t.Errorf("%s: the list shows a feed's secret", lang)
		}
		screenshot(t, ctx, "feeds-"+lang)
	}
	do(t, ctx, phone(), chromedp.Navigate(s.srv.URL+"/feeds?lang=ar"), chromedp.WaitVisible(chromedp.CSS(`#feeds`)))
	if wide := value(t, ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > innerWidth`)); wide {
		t.Error("the feeds page is wider than a phone")
	}
	screenshot(t, ctx, "feeds-phone")
	do(t, ctx,
		chromedp.Click(chromedp.CSS(`form.feeds-revoke button`)),
		chromedp.WaitVisible(chromedp.CSS(`tr.feed-revoked`)),
	)
	if st, _ := s.feedsFetch(path); st != http.StatusNotFound {
		t.Errorf("the revoked feed: %d", st)
	}
}
