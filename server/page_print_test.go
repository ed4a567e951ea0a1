package server

import (
	"context"
	"net/http"
	"strconv"
	"testing"

	"bilat"
)

// printFirst returns the event's head principal (no deputy) and a room.
func printFirst(t *testing.T, s *site) (*bilat.Principal, *bilat.Room) {
	t.Helper()
	ctx := context.Background()
	part := bilat.EventPart{EventID: s.event.ID, Page: bilat.Page{Limit: bilat.MaxLimit}}
	principals, _, err := s.db.ListPrincipals(ctx, part)
	if err != nil {
		t.Fatal(err)
	}
	rooms, _, err := s.db.ListRooms(ctx, part)
	if err != nil || len(rooms) == 0 {
		t.Fatal("no rooms", err)
	}
	for _, p := range principals {
		if p.DeputyOf == 0 {
			return p, rooms[0]
		}
	}
	t.Fatal("no principal")
	return nil, nil
}

// printMeetings counts the store's meetings of a day that a filter selects.
func printMeetings(t *testing.T, s *site, f bilat.MeetingFilter) int {
	t.Helper()
	f.EventID, f.Day, f.Page = s.event.ID, dashboardTestDay, bilat.Page{Limit: bilat.MaxLimit}
	ms, _, err := s.db.ListMeetings(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	return len(ms)
}

func TestPrintAPrincipalsAndARoomsDay(t *testing.T) {
	s := newSite(t)
	p, room := printFirst(t, s)
	base := "/events/" + s.event.Slug + "/print"
	for _, lang := range []string{"en", "fr", "ar"} {
		doc := s.get(base+"?by=principal&id="+strconv.FormatInt(p.ID, 10)+"&day="+dashboardTestDay, lang, http.StatusOK)
		must(t, doc, `link[rel="stylesheet"][href="/static/css/print.css"]`)
		must(t, doc, `article.print-sheet h1`)
		if got, want := doc.Find(`tr.print-meeting`).Length(), printMeetings(t, s, bilat.MeetingFilter{PrincipalID: p.ID}); got != want {
			t.Errorf("%s: %d meetings on the principal's sheet, want %d", lang, got, want)
		}
		// The demo's Director General attends a plenary every day.
		must(t, doc, `tr.print-blocked td[colspan="4"]`)
		must(t, doc, `tr.print-meeting td.print-counterpart a[href^="/meetings/"]`)
		must(t, doc, `form.print-form[data-by="principal"] select[name="id"] option[selected][value="`+strconv.FormatInt(p.ID, 10)+`"]`)

		doc = s.get(base+"?by=room&id="+strconv.FormatInt(room.ID, 10)+"&day="+dashboardTestDay, lang, http.StatusOK)
		if got, want := doc.Find(`tr.print-meeting`).Length(), printMeetings(t, s, bilat.MeetingFilter{RoomID: room.ID}); got != want {
			t.Errorf("%s: %d meetings on the room's sheet, want %d", lang, got, want)
		}
		if doc.Find(`tr.print-blocked`).Length() != 0 {
			t.Errorf("%s: a room's sheet shows a principal's sessions", lang)
		}
	}
}

func TestPrintChoiceAndBadQueries(t *testing.T) {
	s := newSite(t)
	base := "/events/" + s.event.Slug + "/print"
	_, principals, err := s.db.ListPrincipals(context.Background(), bilat.EventPart{EventID: s.event.ID, Page: bilat.Page{Limit: 1}})
	if err != nil {
		t.Fatal(err)
	}
	doc := s.get(base, "ar", http.StatusOK)
	must(t, doc, `html[dir="rtl"]`)
	if got := doc.Find(`form.print-form[data-by="principal"] select[name="id"] option`).Length(); got != principals {
		t.Errorf("%d principals to choose from, want %d", got, principals)
	}
	must(t, doc, `form.print-form[data-by="room"][method="get"] label[for="print-room-day"]`)
	if doc.Find(`article.print-sheet`).Length() != 0 {
		t.Error("a sheet without a choice")
	}
	s.get(base+"?by=principal&id=99999", "en", http.StatusNotFound)
	s.get(base+"?by=room&id=abc", "en", http.StatusBadRequest)
	s.get(base+"?by=delegation&id=1", "en", http.StatusBadRequest)
	s.get(base+"?by=room&id=1&day=2030-01-01", "en", http.StatusBadRequest)
}
