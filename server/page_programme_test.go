package server

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"bilat"
)

// programmeDayMeetings counts the meetings of a day on the programme.
func programmeDayMeetings(t *testing.T, s *site, day string) int {
	t.Helper()
	list, _, err := s.db.ListMeetings(context.Background(), bilat.MeetingFilter{EventID: s.event.ID, Day: day, Page: bilat.Page{Limit: bilat.MaxLimit}})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, m := range list {
		if progOnProgramme(m) {
			n++
		}
	}
	return n
}

func TestProgrammeRendersForTheDemo(t *testing.T) {
	s := newSite(t)
	base := "/events/" + s.event.Slug + "/programme"
	day := "2025-11-25"
	want := programmeDayMeetings(t, s, day)
	if want == 0 {
		t.Fatal("the demo has no meeting on " + day)
	}
	for _, lang := range []string{"en", "fr", "ar"} {
		for _, by := range progBys {
			doc := s.get(base+"?day="+day+"&by="+by, lang, http.StatusOK)
			must(t, doc, `html[lang="`+lang+`"] #programme[data-day="`+day+`"] .prog-grid`)
			must(t, doc, `.prog-days a[aria-current="page"]`)
			must(t, doc, `.prog-bys a[aria-current="page"][href*="by=`+by+`"]`)
			if got := doc.Find(".prog-meeting").Length(); got != want {
				t.Errorf("%s by %s: %d meeting blocks, want %d", lang, by, got, want)
			}
			if by == "principal" {
				must(t, doc, `.prog-session.plenary`)
			}
		}
		doc := s.get(base+"?day="+day+"&view=table", lang, http.StatusOK)
		must(t, doc, `table.prog-table thead th[scope="col"]`)
		if got := doc.Find(`.prog-table tr[data-meeting] th[scope="row"]`).Length(); got != want {
			t.Errorf("%s table: %d meeting rows, want %d", lang, got, want)
		}
		must(t, doc, `.prog-table tr.prog-blocked`)
	}
}

// programmeApplied proposes a schedule through the page and applies it,
// and returns the meetings it scheduled.
func programmeApplied(t *testing.T, s *site) []*bilat.Meeting {
	t.Helper()
	base := "/events/" + s.event.Slug + "/programme"
	res, doc := s.post(base+"/propose", url.Values{}, false)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("propose: %d", res.StatusCode)
	}
	must(t, doc, `table.prog-new tbody tr`)
	proposal, _ := must(t, doc, `form.prog-apply input[name="proposal"]`).Attr("value")
	res, _ = s.post(base+"/apply", url.Values{"proposal": {proposal}}, false)
	if res.StatusCode != http.StatusSeeOther || !strings.Contains(res.Header.Get("Location"), "done=applied") {
		t.Fatalf("apply: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	res, doc = s.post(base+"/apply", url.Values{"proposal": {proposal}}, false)
	if res.StatusCode != http.StatusConflict {
		t.Errorf("applying a stale proposal: %d, want 409", res.StatusCode)
	}
	must(t, doc, `.prog-proposal [role="alert"]`)
	list, _, err := s.db.ListMeetings(context.Background(), bilat.MeetingFilter{EventID: s.event.ID, Status: bilat.StatusScheduled})
	if err != nil {
		t.Fatal(err)
	}
	if len(list) == 0 {
		t.Fatal("applying scheduled nothing")
	}
	return list
}

// programmeSlotValues lists the slots the pick-a-slot page offers.
func programmeSlotValues(t *testing.T, s *site, m *bilat.Meeting, day string) []string {
	t.Helper()
	doc := s.get(fmt.Sprintf("/meetings/%d/slots?slot_day=%s", m.ID, day), "en", http.StatusOK)
	var out []string
	doc.Find(`#prog-slots input[name="slot"]`).Each(func(_ int, sel *goquery.Selection) {
		v, _ := sel.Attr("value")
		out = append(out, v)
	})
	return out
}

func TestProgrammeProposeMoveAndPin(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	m := programmeApplied(t, s)[0]
	zone, _ := time.LoadLocation(s.event.Timezone)
	day := m.Start.In(zone).Format(time.DateOnly)

	// Every slot offered is one the move accepts (moving one meeting
	// frees only its own place, so the earlier offers stay valid).
	slots := programmeSlotValues(t, s, m, day)
	if len(slots) == 0 {
		t.Fatal("no slot offered")
	}
	for i := 0; i < len(slots); i += max(len(slots)/6, 1) {
		cur, err := s.db.Meeting(ctx, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		res, _ := s.post(fmt.Sprintf("/meetings/%d/move", m.ID), url.Values{"slot": {slots[i]}, "version": {fmt.Sprint(cur.Version)}}, false)
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("moving to offered slot %s: %d", slots[i], res.StatusCode)
		}
		after, _ := s.db.Meeting(ctx, m.ID)
		if got := after.Start.In(zone).Format(progTimeLayout); !strings.HasPrefix(slots[i], got+"|") {
			t.Errorf("moved to %s, want %s", got, slots[i])
		}
	}

	// A slot during the afternoon plenary is not offered, and posting it
	// is refused with the reason, changing nothing.
	plenary := day + "T15:30"
	for _, v := range slots {
		if strings.HasPrefix(v, plenary) {
			t.Errorf("a slot in the plenary is offered: %s", v)
		}
	}
	cur, _ := s.db.Meeting(ctx, m.ID)
	audit := s.auditCount()
	res, doc := s.post(fmt.Sprintf("/meetings/%d/move", m.ID), url.Values{"start": {plenary}, "room_id": {fmt.Sprint(cur.RoomID)}, "version": {fmt.Sprint(cur.Version)}}, false)
	if res.StatusCode != http.StatusConflict {
		t.Errorf("a move into the plenary: %d, want 409", res.StatusCode)
	}
	if msg := must(t, doc, `.prog-refusal li`).Text(); !strings.Contains(msg, "Plenary session, afternoon") || !strings.Contains(msg, "15:00") {
		t.Errorf("refusal %q does not say why", msg)
	}
	if after, _ := s.db.Meeting(ctx, m.ID); after.Version != cur.Version || s.auditCount() != audit {
		t.Error("a refused move changed the desk")
	}

	// Pin and unpin.
	for _, want := range []bool{true, false} {
		cur, _ := s.db.Meeting(ctx, m.ID)
		res, _ := s.post(fmt.Sprintf("/meetings/%d/pin", m.ID), url.Values{"version": {fmt.Sprint(cur.Version)}, "view": {"table"}}, false)
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("pin: %d", res.StatusCode)
		}
		if after, _ := s.db.Meeting(ctx, m.ID); after.Pinned != want {
			t.Errorf("pinned %v, want %v", after.Pinned, want)
		}
	}
	doc = s.get(fmt.Sprintf("/events/%s/programme?day=%s&view=table", s.event.Slug, day), "ar", http.StatusOK)
	must(t, doc, fmt.Sprintf(`tr[data-meeting="%d"] form[action="/meetings/%d/pin"] button[aria-pressed="false"]`, m.ID, m.ID))
}

// A room taken by another meeting is refused with the counterpart's name.
func TestProgrammeRoomClashIsRefused(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	list := programmeApplied(t, s)
	if len(list) < 2 {
		t.Skip("fewer than two meetings scheduled")
	}
	a, b := list[0], list[1]
	zone, _ := time.LoadLocation(s.event.Timezone)
	res, doc := s.post(fmt.Sprintf("/meetings/%d/move", b.ID), url.Values{
		"start": {a.Start.In(zone).Format(progTimeLayout)}, "room_id": {fmt.Sprint(a.RoomID)}, "version": {fmt.Sprint(b.Version)}}, true)
	if res.StatusCode != http.StatusOK {
		t.Errorf("htmx refusal: %d, want 200 (htmx swaps only successes)", res.StatusCode)
	}
	must(t, doc, `#prog-slots .prog-refusal li`)
	if after, _ := s.db.Meeting(ctx, b.ID); after.Version != b.Version {
		t.Error("a refused move changed the meeting")
	}
}

func TestProgrammeCrossSiteWritesAreRefused(t *testing.T) {
	s := newSite(t)
	before := s.auditCount()
	for _, path := range []string{
		"/events/" + s.event.Slug + "/programme/propose",
		"/events/" + s.event.Slug + "/programme/apply",
		"/meetings/1/move",
		"/meetings/1/pin",
	} {
		if got := s.crossSitePost(path, url.Values{"version": {"1"}, "start": {"2025-11-24T09:00"}}); got != http.StatusForbidden {
			t.Errorf("cross-site POST %s: %d, want 403", path, got)
		}
	}
	if s.auditCount() != before {
		t.Error("a refused cross-site post changed the desk")
	}
}
