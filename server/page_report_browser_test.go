package server

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestReportBrowser shows the report in three languages, checks that the
// charts are drawn and the Arabic one mirrored, and edits the Arabic
// summary in its textarea: the report then shows the edited text.
func TestReportBrowser(t *testing.T) {
	s := newSite(t)
	ctx := s.browser(t)
	base := s.srv.URL + "/events/" + s.event.Slug + "/report"
	for _, lang := range []string{"en", "fr", "ar"} {
		do(t, ctx, chromedp.Navigate(base+"?lang="+lang), chromedp.WaitVisible(chromedp.CSS(`#report-regions svg`)))
		bars := value(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll("#report-regions svg rect").length`))
		if bars < 5 {
			t.Errorf("%s: %d bars in the region chart", lang, bars)
		}
		screenshot(t, ctx, "report-"+lang)
	}
	// In Arabic, the first bar starts right of the middle and grows leftwards.
	right := value(t, ctx, chromedp.Evaluate[bool](`(() => { const svg = document.querySelector("#report-regions svg");
		const r = svg.querySelector("rect").getBoundingClientRect(), s = svg.getBoundingClientRect();
		return r.right > s.left + s.width / 2; })()`))
	if !right {
		t.Error("the Arabic chart is not mirrored")
	}
	do(t, ctx, chromedp.Navigate(base+"/summary?lang=ar"), chromedp.WaitVisible(chromedp.CSS(`#text-ar`)),
		chromedp.SetValue(chromedp.CSS(`#text-ar`), "بلاغ معدَّل للاختبار."),
		chromedp.Click(chromedp.CSS(`#summary-ar button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#summary-ar [data-state="edited"]`)))
	do(t, ctx, chromedp.Navigate(base+"?lang=ar"), chromedp.WaitVisible(chromedp.CSS(`#report-summary`)))
	text := value(t, ctx, chromedp.Evaluate[string](`document.querySelector("#report-summary").innerText`))
	if !strings.Contains(text, "بلاغ معدَّل للاختبار.") {
		t.Errorf("the report shows %q", text)
	}
	do(t, ctx, phone())
	screenshot(t, ctx, "report-ar-phone")
}
