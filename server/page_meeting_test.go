package server

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"bilat"
)

// meetingHeldOne returns a held meeting of the demo.
func meetingHeldOne(t *testing.T, s *site) *bilat.Meeting {
	t.Helper()
	list, _, err := s.db.ListMeetings(context.Background(), bilat.MeetingFilter{EventID: s.event.ID, Status: bilat.StatusHeld, Page: bilat.Page{Limit: 1}})
	if err != nil || len(list) == 0 {
		t.Fatalf("no held meeting in the demo: %v", err)
	}
	return list[0]
}

// meetingScheduleOne schedules one of the demo's accepted requests at the
// first free early-morning slot and returns its meeting: the demo itself
// has only held meetings.
func meetingScheduleOne(t *testing.T, s *site) *bilat.Meeting {
	t.Helper()
	ctx := context.Background()
	reqs, _, err := s.db.ListRequests(ctx, bilat.RequestFilter{EventID: s.event.ID, Status: bilat.StatusAccepted, Page: bilat.Page{Limit: 1}})
	if err != nil || len(reqs) == 0 {
		t.Fatalf("no accepted request in the demo: %v", err)
	}
	rooms, _, err := s.db.ListRooms(ctx, bilat.EventPart{EventID: s.event.ID})
	if err != nil {
		t.Fatal(err)
	}
	zone, _ := s.event.Location()
	first, _ := time.ParseInLocation(bilat.DateLayout, s.event.FirstDay, zone)
	for hour := 6; hour < 22; hour++ {
		start := first.Add(time.Duration(hour) * time.Hour)
		for _, room := range rooms {
			r, err := s.db.TransitionRequest(ctx, bilat.LocalActor, reqs[0].ID, bilat.Transition{
				To: bilat.StatusScheduled, Version: reqs[0].Version, Start: &start, RoomID: room.ID})
			if bilat.ErrorCode(err) == bilat.ECONFLICT {
				continue
			} else if err != nil {
				t.Fatal(err)
			}
			list, _, err := s.db.ListMeetings(ctx, bilat.MeetingFilter{EventID: s.event.ID, DelegationID: r.DelegationID})
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range list {
				if m.RequestID == r.ID {
					return m
				}
			}
		}
	}
	t.Fatal("no free slot to schedule a meeting")
	return nil
}

// meetingExpect is what the page must show of a meeting, read from the store.
type meetingExpect struct {
	room    string
	partner *bilat.Partner
}

// meetingExpected reads the room and counterpart of a meeting from the store.
func meetingExpected(t *testing.T, s *site, m *bilat.Meeting) meetingExpect {
	t.Helper()
	ctx := context.Background()
	room, err := s.db.Room(ctx, m.RoomID)
	if err != nil {
		t.Fatal(err)
	}
	req, err := s.db.Request(ctx, m.RequestID)
	if err != nil {
		t.Fatal(err)
	}
	del, err := s.db.Delegation(ctx, req.DelegationID)
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.db.Partner(ctx, del.PartnerID)
	if err != nil {
		t.Fatal(err)
	}
	return meetingExpect{room: room.Name, partner: p}
}

func TestMeetingPageInEveryLanguage(t *testing.T) {
	s := newSite(t)
	held := meetingHeldOne(t, s)
	scheduled := meetingScheduleOne(t, s)
	for _, m := range []*bilat.Meeting{held, scheduled} {
		want := meetingExpected(t, s, m)
		for _, lang := range []string{"en", "fr", "ar"} {
			doc := s.get(fmt.Sprintf("/meetings/%d", m.ID), lang, http.StatusOK)
			must(t, doc, `html[lang="`+lang+`"]`)
			if got := must(t, doc, ".meeting-room").Text(); !strings.Contains(got, want.room) {
				t.Errorf("%s meeting %d: room %q, want %q", lang, m.ID, got, want.room)
			}
			link := must(t, doc, `.meeting-counterpart a[href="/partners/`+want.partner.Code+`"]`)
			if got := link.Text(); got != want.partner.Name(lang) {
				t.Errorf("%s meeting %d: counterpart %q, want %q", lang, m.ID, got, want.partner.Name(lang))
			}
			must(t, doc, `.meeting-links a[href^="/events/`+s.event.Slug+`/programme?day="]`)
			must(t, doc, `.meeting-topics li`)
			must(t, doc, `#meeting-briefing form[action="/meetings/`+strconv.FormatInt(m.ID, 10)+`/briefing"] textarea[name="briefing"]`)
			must(t, doc, `.badge[data-status="`+string(m.Status)+`"]`)
			outcome := doc.Find(`form[action$="/outcome"]`).Length()
			markHeld := doc.Find(`form[action$="/held"]`).Length()
			if m.Status == bilat.StatusHeld && (outcome != 1 || markHeld != 0) {
				t.Errorf("%s held meeting: %d outcome forms and %d mark-held forms, want 1 and 0", lang, outcome, markHeld)
			}
			if m.Status == bilat.StatusScheduled && (outcome != 0 || markHeld != 1) {
				t.Errorf("%s scheduled meeting: %d outcome forms and %d mark-held forms, want 0 and 1", lang, outcome, markHeld)
			}
		}
	}
}

func TestMeetingPageTimesInTheEventZone(t *testing.T) {
	s := newSite(t)
	m := meetingHeldOne(t, s)
	zone, _ := s.event.Location()
	doc := s.get(fmt.Sprintf("/meetings/%d", m.ID), "ar", http.StatusOK)
	want := m.Start.In(zone).Format("15:04")
	if got := must(t, doc, ".meeting-when bdi").First().Text(); !strings.HasPrefix(got, want) {
		t.Errorf("time %q, want it to start with %s (the event's zone)", got, want)
	}
}

func TestMeetingUnknownIsNotFound(t *testing.T) {
	s := newSite(t)
	doc := s.get("/meetings/99999", "en", http.StatusNotFound)
	must(t, doc, `[role="alert"][data-code="not_found"]`)
}

func TestMeetingBriefingSaves(t *testing.T) {
	s := newSite(t)
	m := meetingHeldOne(t, s)
	path := fmt.Sprintf("/meetings/%d/briefing", m.ID)
	res, _ := s.post(path, url.Values{"briefing": {"  Thank Norway for the MoU.  "}, "version": {strconv.Itoa(m.Version)}}, false)
	if res.StatusCode != http.StatusSeeOther || !strings.Contains(res.Header.Get("Location"), "saved=briefing") {
		t.Fatalf("no-JS save: %d to %q, want 303 back to the page", res.StatusCode, res.Header.Get("Location"))
	}
	got := meetingReload(t, s, m.ID)
	if got.Briefing != "Thank Norway for the MoU." {
		t.Errorf("briefing %q", got.Briefing)
	}
	doc := s.get(res.Header.Get("Location"), "en", http.StatusOK)
	must(t, doc, "#meeting-briefing .meeting-saved")

	res, doc = s.post(path, url.Values{"briefing": {"Second thoughts."}, "version": {strconv.Itoa(got.Version)}}, true)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("htmx save: %d", res.StatusCode)
	}
	must(t, doc, "section#meeting-briefing .meeting-saved")
	if doc.Find("html header.top").Length() != 0 {
		t.Error("htmx save answered a whole page, want the briefing block")
	}
	// The outcome form's version follows, out of band, as both forms save
	// the same record.
	must(t, doc, `input#meeting-version-outcome[hx-swap-oob][value="`+strconv.Itoa(got.Version+1)+`"]`)
	if meetingReload(t, s, m.ID).Briefing != "Second thoughts." {
		t.Error("htmx save did not save")
	}
}

func TestMeetingBriefingStaleVersionIsRefused(t *testing.T) {
	s := newSite(t)
	m := meetingHeldOne(t, s)
	path := fmt.Sprintf("/meetings/%d/briefing", m.ID)
	old := strconv.Itoa(m.Version)
	if res, _ := s.post(path, url.Values{"briefing": {"Colleague's text."}, "version": {old}}, false); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("first save: %d", res.StatusCode)
	}
	for _, htmx := range []bool{false, true} {
		before := s.auditCount()
		res, doc := s.post(path, url.Values{"briefing": {"My text."}, "version": {old}}, htmx)
		if res.StatusCode != http.StatusConflict {
			t.Fatalf("stale save (htmx %v): %d, want 409", htmx, res.StatusCode)
		}
		if msg := must(t, doc, "#e-briefing").Text(); !strings.Contains(msg, "Someone else saved") {
			t.Errorf("stale save message %q", msg)
		}
		must(t, doc, `textarea[name="briefing"][aria-invalid="true"]`)
		if typed := doc.Find(`textarea[name="briefing"]`).Text(); typed != "My text." {
			t.Errorf("the typed text was not kept: %q", typed)
		}
		if shown := must(t, doc, ".meeting-stale").Text(); !strings.Contains(shown, "Colleague's text.") {
			t.Errorf("the saved text is not shown: %q", shown)
		}
		if got := meetingReload(t, s, m.ID).Briefing; got != "Colleague's text." || s.auditCount() != before {
			t.Errorf("a stale save changed the meeting: briefing %q", got)
		}
	}
}

func TestMeetingOutcomeSavesDecisions(t *testing.T) {
	s := newSite(t)
	m := meetingHeldOne(t, s)
	form := url.Values{"outcome": {"Agreed to step up cooperation."}, "decisions": {"Exchange liaison officers\r\n\r\n   \r\n  Joint training in 2026  \n"},
		"version": {strconv.Itoa(m.Version)}}
	res, _ := s.post(fmt.Sprintf("/meetings/%d/outcome", m.ID), form, false)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("save outcome: %d", res.StatusCode)
	}
	got := meetingReload(t, s, m.ID)
	if got.Outcome != "Agreed to step up cooperation." || !slices.Equal(got.Decisions, []string{"Exchange liaison officers", "Joint training in 2026"}) {
		t.Errorf("outcome %q, decisions %q", got.Outcome, got.Decisions)
	}
	doc := s.get(fmt.Sprintf("/meetings/%d", m.ID), "fr", http.StatusOK)
	if n := must(t, doc, ".meeting-decisions li").Length(); n != 2 {
		t.Errorf("%d decisions shown, want 2", n)
	}
}

func TestMeetingOutcomeBadInputChangesNothing(t *testing.T) {
	s := newSite(t)
	m := meetingHeldOne(t, s)
	before := s.auditCount()
	form := url.Values{"outcome": {strings.Repeat("x", 20001)}, "decisions": {"kept"}, "version": {strconv.Itoa(m.Version)}}
	res, doc := s.post(fmt.Sprintf("/meetings/%d/outcome", m.ID), form, false)
	if res.StatusCode != http.StatusBadRequest {
		t.Fatalf("too long an outcome: %d, want 400", res.StatusCode)
	}
	must(t, doc, `textarea#f-outcome[aria-invalid="true"]`)
	must(t, doc, "#e-outcome")
	if doc.Find("#f-decisions").Text() != "kept" {
		t.Error("the typed decisions were not kept")
	}
	if s.auditCount() != before || meetingReload(t, s, m.ID).Outcome != "" {
		t.Error("a refused outcome changed the meeting")
	}
}

func TestMeetingOutcomeWaitsUntilHeld(t *testing.T) {
	s := newSite(t)
	m := meetingScheduleOne(t, s)
	before := s.auditCount()
	res, _ := s.post(fmt.Sprintf("/meetings/%d/outcome", m.ID), url.Values{"outcome": {"Too early"}, "version": {strconv.Itoa(m.Version)}}, false)
	if res.StatusCode != http.StatusConflict || s.auditCount() != before {
		t.Errorf("outcome of a scheduled meeting: %d, want 409 and nothing changed", res.StatusCode)
	}
}

func TestMeetingMarkHeld(t *testing.T) {
	s := newSite(t)
	m := meetingScheduleOne(t, s)
	req, err := s.db.Request(context.Background(), m.RequestID)
	if err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("/meetings/%d/held", m.ID)
	before := s.auditCount()
	res, doc := s.post(path, url.Values{"request_version": {strconv.Itoa(req.Version - 1)}}, true)
	if res.StatusCode != http.StatusConflict || s.auditCount() != before {
		t.Fatalf("stale mark held: %d, want 409 and nothing changed", res.StatusCode)
	}
	must(t, doc, `#meeting [role="alert"]`)
	res, doc = s.post(path, url.Values{"request_version": {strconv.Itoa(req.Version)}}, true)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("mark held: %d", res.StatusCode)
	}
	must(t, doc, `#meeting form[action$="/outcome"]`)
	if got := meetingReload(t, s, m.ID); got.Status != bilat.StatusHeld {
		t.Errorf("status %s, want held", got.Status)
	}
	res, doc = s.post(path, url.Values{"request_version": {strconv.Itoa(req.Version + 1)}}, false)
	if res.StatusCode != http.StatusConflict {
		t.Errorf("marking a held meeting held again: %d, want 409", res.StatusCode)
	}
	must(t, doc, `html #meeting [role="alert"]`)
}

func TestMeetingMarkHeldWithoutJavaScript(t *testing.T) {
	s := newSite(t)
	m := meetingScheduleOne(t, s)
	req, _ := s.db.Request(context.Background(), m.RequestID)
	res, _ := s.post(fmt.Sprintf("/meetings/%d/held", m.ID), url.Values{"request_version": {strconv.Itoa(req.Version)}}, false)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("mark held: %d, want 303", res.StatusCode)
	}
	doc := s.get(res.Header.Get("Location"), "ar", http.StatusOK)
	must(t, doc, `html[dir="rtl"] #meeting-outcome form[action$="/outcome"]`)
}

func TestMeetingCrossSitePostsAreRefused(t *testing.T) {
	s := newSite(t)
	m := meetingHeldOne(t, s)
	before := s.auditCount()
	for _, part := range []string{"briefing", "outcome", "held"} {
		path := fmt.Sprintf("/meetings/%d/%s", m.ID, part)
		form := url.Values{"briefing": {"forged"}, "outcome": {"forged"}, "version": {strconv.Itoa(m.Version)}, "request_version": {"1"}}
		if status := s.crossSitePost(path, form); status != http.StatusForbidden {
			t.Errorf("cross-site POST %s: %d, want 403", path, status)
		}
	}
	if s.auditCount() != before {
		t.Error("a cross-site post changed the desk")
	}
}

// meetingReload reads a meeting again from the store.
func meetingReload(t *testing.T, s *site, id int64) *bilat.Meeting {
	t.Helper()
	m, err := s.db.Meeting(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return m
}
