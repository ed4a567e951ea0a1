package server

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// In a real browser: the dashboard in each language, a day picked through
// htmx without reloading the page, the phone layout, and the printable
// programme with its print button.
func TestDashboardBrowser(t *testing.T) {
	s := newSite(t)
	ctx := s.browser(t)
	home := s.srv.URL + "/events/" + s.event.Slug + "/"
	for _, lang := range []string{"en", "fr", "ar"} {
		do(t, ctx, chromedp.Navigate(home+"?day=2025-11-24&lang="+lang), chromedp.WaitVisible(chromedp.CSS(`#dashboard-day`)))
		dir := value(t, ctx, chromedp.AttributeValue(chromedp.CSS(`html`), "dir")).Value
		if want := map[bool]string{true: "rtl", false: "ltr"}[lang == "ar"]; dir != want {
			t.Errorf("%s: dir=%q, want %q", lang, dir, want)
		}
		screenshot(t, ctx, "dashboard-"+lang)
	}

	// Pick another day: htmx swaps the day's programme in place (the
	// page is not reloaded: a mark set on the window survives).
	value(t, ctx, chromedp.Poll[bool](`typeof htmx !== "undefined"`, chromedp.WithPollingTimeout(10*time.Second)))
	value(t, ctx, chromedp.Evaluate[bool](`window.dashboardMark = true`))
	do(t, ctx, chromedp.Click(chromedp.CSS(`.dashboard-days a[href$="day=2025-11-26"]`)))
	value(t, ctx, chromedp.Poll[bool](`!!document.querySelector('.dashboard-days a[aria-current][href$="day=2025-11-26"]')`, chromedp.WithPollingTimeout(10*time.Second)))
	if !value(t, ctx, chromedp.Evaluate[bool](`window.dashboardMark === true`)) {
		t.Error("picking a day reloaded the whole page")
	}
	if loc := value(t, ctx, chromedp.Location()); !strings.Contains(loc, "day=2025-11-26") {
		t.Errorf("the address does not follow the day: %s", loc)
	}
	if n := value(t, ctx, chromedp.Evaluate[int](`document.querySelectorAll('tr.dashboard-meeting').length`)); n == 0 {
		t.Error("no meeting on the 26th")
	}

	do(t, ctx, phone(), chromedp.Navigate(home+"?lang=ar"), chromedp.WaitVisible(chromedp.CSS(`#dashboard-day`)))
	if w := value(t, ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`)); w > 390 {
		t.Errorf("the phone page is %d pixels wide", w)
	}
	screenshot(t, ctx, "dashboard-ar-phone")

	p, room := printFirst(t, s)
	do(t, ctx, chromedp.EmulateViewport(1280, 900))
	for _, lang := range []string{"en", "fr", "ar"} {
		do(t, ctx, chromedp.Navigate(s.srv.URL+"/events/"+s.event.Slug+"/print?by=principal&id="+strconv.FormatInt(p.ID, 10)+"&day=2025-11-25&lang="+lang),
			chromedp.WaitVisible(chromedp.CSS(`article.print-sheet`)), chromedp.WaitVisible(chromedp.CSS(`button[data-print]`)))
		screenshot(t, ctx, "print-principal-"+lang)
		if pages := printPDFPages(t, ctx, "print-principal-"+lang); pages != 1 {
			t.Errorf("%s: the principal's day prints on %d A4 pages, want 1", lang, pages)
		}
	}
	do(t, ctx, chromedp.Navigate(s.srv.URL+"/events/"+s.event.Slug+"/print?by=room&id="+strconv.FormatInt(room.ID, 10)+"&day=2025-11-25&lang=ar"),
		chromedp.WaitVisible(chromedp.CSS(`article.print-sheet`)))
	screenshot(t, ctx, "print-room-ar")
}

// printPage matches a page object of a PDF (not the /Pages tree).
var printPage = regexp.MustCompile(`/Type\s*/Page[^s]`)

// printPDFPages prints the tab on A4 with the margins of print.css's
// @page rule, leaves the PDF beside the screenshots, and counts its pages.
func printPDFPages(t *testing.T, ctx context.Context, name string) int {
	t.Helper()
	pdf := value(t, ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFMargin(12/25.4)))
	if err := os.WriteFile(filepath.Join(outDir(t), name+".pdf"), pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	return len(printPage.FindAll(pdf, -1))
}
