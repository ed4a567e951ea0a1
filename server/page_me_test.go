package server

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
	"github.com/chromedp/chromedp"

	"bilat"
)

// meGet fetches a page as one of the site's users in a language.
func (w *rolesWorld) meGet(t *testing.T, name, path, lang string, want int) *goquery.Document {
	t.Helper()
	req, err := http.NewRequest("GET", w.s.srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Accept-Language", lang)
	res, err := w.s.as(name).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != want {
		t.Fatalf("GET %s as %s: status %d, want %d", path, name, res.StatusCode, want)
	}
	doc, err := goquery.NewDocumentFromReader(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// The Director General's programme lists their meetings day by day with
// room, counterpart, topics and briefing, and the sessions they attend,
// in every language.
func TestMeShowsOwnProgramme(t *testing.T) {
	s := newSite(t)
	w := newRolesWorld(t, s)
	ctx := context.Background()
	m, err := s.db.Meeting(ctx, w.dgMeeting.ID)
	if err != nil {
		t.Fatal(err)
	}
	m.Briefing = "Raise the exchange of liaison officers."
	if err := s.db.UpdateMeeting(ctx, bilat.LocalActor, m); err != nil {
		t.Fatal(err)
	}
	_, total, err := s.db.ListMeetings(ctx, bilat.MeetingFilter{EventID: s.event.ID, PrincipalID: w.dg.ID, Page: bilat.Page{Limit: 1}})
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"en", "fr", "ar"} {
		doc := w.meGet(t, "principal", "/me", lang, http.StatusOK)
		must(t, doc, `html[lang="`+lang+`"] nav.menu a[href="/me"][aria-current="page"]`)
		if n := doc.Find(`li.me-meeting`).Length(); n != total {
			t.Errorf("%s: %d meetings listed, want the Director General's %d", lang, n, total)
		}
		row := must(t, doc, `li.me-meeting[data-meeting="`+itoa(m.ID)+`"]`)
		must(t, doc, `li.me-meeting[data-meeting="`+itoa(m.ID)+`"] a[href="/meetings/`+itoa(m.ID)+`"]`)
		must(t, doc, `li.me-meeting [data-role="principal"]`)
		if !strings.Contains(row.Find(".me-briefing").Text(), m.Briefing) {
			t.Errorf("%s: the briefing is missing: %q", lang, row.Text())
		}
		must(t, doc, `li.me-session`)
		must(t, doc, `h3.me-day`)
		if doc.Find(`form[method="post"]:not(.logout)`).Length() > 0 {
			t.Errorf("%s: /me has a form that changes the desk", lang)
		}
	}
}

// A deputy sees the meeting they stand in for, and the Director General,
// added as a participant, sees it too, with whom they join.
func TestMeDeputyAndParticipant(t *testing.T) {
	s := newSite(t)
	w := newRolesWorld(t, s)
	ctx := context.Background()
	deputy, err := s.db.Principal(ctx, w.otherMeeting.PrincipalID)
	if err != nil {
		t.Fatal(err)
	}
	u := &bilat.User{Username: "deputy", Role: bilat.RolePrincipal, PersonID: deputy.PersonID}
	if err := s.db.CreateUser(ctx, bilat.LocalActor, u, testPassword, false); err != nil {
		t.Fatal(err)
	}
	s.users["deputy"] = u
	doc := w.meGet(t, "deputy", "/me", "en", http.StatusOK)
	row := must(t, doc, `li.me-meeting[data-meeting="`+itoa(w.otherMeeting.ID)+`"]`)
	if role := row.Find(`[data-role="deputy"]`).Text(); !strings.Contains(role, "standing in for") {
		t.Errorf("the deputy's role: %q", role)
	}
	if n := doc.Find(`li.me-meeting`).Length(); n != 1 {
		t.Errorf("the deputy sees %d meetings, want their 1", n)
	}
	w.meGet(t, "deputy", "/meetings/"+itoa(w.dgMeeting.ID), "en", http.StatusNotFound)

	m, err := s.db.Meeting(ctx, w.otherMeeting.ID)
	if err != nil {
		t.Fatal(err)
	}
	m.Participants = append(m.Participants, w.dg.PersonID)
	if err := s.db.UpdateMeeting(ctx, bilat.LocalActor, m); err != nil {
		t.Fatal(err)
	}
	doc = w.meGet(t, "principal", "/me", "fr", http.StatusOK)
	must(t, doc, `li.me-meeting[data-meeting="`+itoa(m.ID)+`"] [data-role="participant"]`)
	w.meGet(t, "principal", "/meetings/"+itoa(m.ID), "fr", http.StatusOK)
}

// A principal account whose person is no principal of any event has an
// empty programme, not an error.
func TestMeWithoutEvents(t *testing.T) {
	s := newSite(t)
	w := newRolesWorld(t, s)
	ctx := context.Background()
	p, err := s.db.PartnerByCode(ctx, "NO")
	if err != nil {
		t.Fatal(err)
	}
	person := &bilat.Person{Name: "Someone Else", PartnerID: p.ID}
	if err := s.db.CreatePerson(ctx, bilat.LocalActor, person); err != nil {
		t.Fatal(err)
	}
	u := &bilat.User{Username: "nobody", Role: bilat.RolePrincipal, PersonID: person.ID}
	if err := s.db.CreateUser(ctx, bilat.LocalActor, u, testPassword, false); err != nil {
		t.Fatal(err)
	}
	s.users["nobody"] = u
	doc := w.meGet(t, "nobody", "/me", "ar", http.StatusOK)
	must(t, doc, `p.me-none`)
	w.meGet(t, "nobody", "/events/"+s.event.Slug+"/print", "ar", http.StatusNotFound)
	w.meGet(t, "nobody", "/meetings/"+itoa(w.dgMeeting.ID), "ar", http.StatusNotFound)
}

// A viewer's figures are the dashboard's counts, and hold no name of a
// counterpart in any language.
func TestMeFiguresAreTheDashboardsCounts(t *testing.T) {
	s := newSite(t)
	w := newRolesWorld(t, s)
	e := "/events/" + s.event.Slug
	dash := w.meGet(t, "desk", e+"/", "en", http.StatusOK)
	for _, lang := range []string{"en", "fr", "ar"} {
		doc := w.meGet(t, "viewer", e+"/figures", lang, http.StatusOK)
		for _, sel := range []string{`[data-total="requests"]`, `[data-meetings="scheduled"]`, `[data-meetings="held"]`} {
			if got, want := must(t, doc, sel).Text(), must(t, dash, sel).Text(); got != want {
				t.Errorf("%s %s: %s, the dashboard says %s", lang, sel, got, want)
			}
		}
		if got, want := doc.Find(`tr.dashboard-region`).Length(), dash.Find(`tr.dashboard-region`).Length(); got != want || got == 0 {
			t.Errorf("%s: %d regions, the dashboard has %d", lang, got, want)
		}
		text := doc.Find("main").Text()
		for _, name := range []string{"Norway", "Norvège", "النرويج", "Ethiopia", "Czech", "Hammouchi"} {
			if strings.Contains(text, name) {
				t.Errorf("%s: the figures name %s", lang, name)
			}
		}
		if doc.Find(`main a[href*="/requests"], main a[href^="/meetings/"]`).Length() > 0 {
			t.Errorf("%s: the figures link to the desk's pages", lang)
		}
	}
}

// Screenshots of the principal's programme and the viewer's figures in
// every language and on a phone, for a person to review.
func TestMeBrowserScreenshots(t *testing.T) {
	s := newSite(t)
	w := newRolesWorld(t, s)
	for _, c := range []struct{ name, path, shot string }{
		{"principal", "/me", "me"},
		{"principal", "/meetings/" + itoa(w.dgMeeting.ID), "me-meeting"},
		{"viewer", "/events/" + s.event.Slug + "/figures", "me-figures"},
	} {
		ctx := newBrowser(t)
		s.signIn(t, ctx, c.name)
		for _, lang := range []string{"en", "fr", "ar"} {
			do(t, ctx, chromedp.Navigate(s.srv.URL+c.path+"?lang="+lang), chromedp.WaitVisible(chromedp.CSS(`main#content h1`)))
			screenshot(t, ctx, c.shot+"-"+lang)
			if c.shot == "me" { // the whole programme is long: its first screen too
				png := value(t, ctx, chromedp.CaptureScreenshot())
				if err := os.WriteFile(filepath.Join(outDir(t), "me-top-"+lang+".png"), png, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
		do(t, ctx, phone(), chromedp.Navigate(s.srv.URL+c.path+"?lang=ar"), chromedp.WaitVisible(chromedp.CSS(`main#content h1`)))
		if wide := value(t, ctx, chromedp.Evaluate[bool](`document.documentElement.scrollWidth > innerWidth`)); wide {
			t.Errorf("%s is wider than a phone", c.path)
		}
		screenshot(t, ctx, c.shot+"-phone")
	}
}
