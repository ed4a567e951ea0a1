package server

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"bilat"
)

// A principal guessing the id of a meeting that is not theirs gets the
// same 404 as for a meeting that does not exist.
func TestRolesPrincipalSeesOnlyOwnMeetings(t *testing.T) {
	s := newSite(t)
	w := newRolesWorld(t, s)
	mine := "/meetings/" + itoa(w.dgMeeting.ID)
	if status, _, body := w.call(t, "principal", "GET", mine, false); status != http.StatusOK || strings.Contains(body, "<form method=\"post\" action=\"/meetings") {
		t.Errorf("GET %s as its principal: %d, or a form that changes the desk", mine, status)
	}
	_, _, missing := w.call(t, "principal", "GET", "/meetings/999999", false)
	other := "/meetings/" + itoa(w.otherMeeting.ID)
	status, _, body := w.call(t, "principal", "GET", other, false)
	if status != http.StatusNotFound {
		t.Fatalf("GET %s as another principal: %d, want 404", other, status)
	}
	if strings.Contains(body, w.otherCounterpart) {
		t.Errorf("the refusal names the counterpart %s", w.otherCounterpart)
	}
	if strings.Count(body, "not found") != strings.Count(missing, "not found") {
		t.Error("the refusal differs from the answer for a meeting that does not exist")
	}
}

// A principal prints their own day only: another principal's id is
// unknown to them, and a room's day (everyone's meetings) is refused.
func TestRolesPrincipalPrintsOnlyOwnDay(t *testing.T) {
	s := newSite(t)
	w := newRolesWorld(t, s)
	print := "/events/" + s.event.Slug + "/print"
	for _, c := range []struct {
		query string
		want  int
	}{
		{"", http.StatusOK},
		{"?by=principal&id=" + itoa(w.dg.ID), http.StatusOK},
		{"?by=principal&id=" + itoa(w.otherMeeting.PrincipalID), http.StatusNotFound},
		{"?by=principal&id=999999", http.StatusNotFound},
		{"?by=room&id=" + itoa(w.otherMeeting.RoomID), http.StatusForbidden},
	} {
		status, _, body := w.call(t, "principal", "GET", print+c.query, false)
		if status != c.want {
			t.Errorf("GET print%s as a principal: %d, want %d", c.query, status, c.want)
		}
		if strings.Contains(body, w.otherCounterpart) {
			t.Errorf("GET print%s as a principal shows %s", c.query, w.otherCounterpart)
		}
	}
}

// The liaison of Norway asking for Ethiopia's requests and meetings by id
// through the desk's pages and the API is refused, and learns nothing.
func TestRolesLiaisonCannotReachAnotherDelegation(t *testing.T) {
	s := newSite(t)
	w := newRolesWorld(t, s)
	ctx := context.Background()
	theirs, _, err := s.db.ListRequests(ctx, bilat.RequestFilter{EventID: s.event.ID, DelegationID: s.users["liaisonB"].DelegationID})
	if err != nil || len(theirs) == 0 {
		t.Fatalf("Ethiopia's requests: %v", err)
	}
	meetings, _, err := s.db.ListMeetings(ctx, bilat.MeetingFilter{EventID: s.event.ID, Page: bilat.Page{Limit: bilat.MaxLimit}})
	if err != nil {
		t.Fatal(err)
	}
	req := strconv.FormatInt(theirs[0].ID, 10)
	paths := []string{"/requests/" + req, "/events/" + s.event.Slug + "/requests?delegation=" + itoa(theirs[0].DelegationID)}
	for _, m := range meetings {
		if m.RequestID == theirs[0].ID {
			paths = append(paths, "/meetings/"+itoa(m.ID))
		}
	}
	if len(paths) < 3 {
		t.Fatal("Ethiopia's request has no meeting in the demo")
	}
	s.as("liaisonA") // signing in is audited: before the count
	before := s.auditCount()
	for _, p := range paths[1:] {
		if status, _, body := w.call(t, "liaisonA", "GET", p, false); status != http.StatusForbidden || strings.Contains(body, "Ethiopia") {
			t.Errorf("GET %s as Norway's liaison: %d, want 403 without Ethiopia's name", p, status)
		}
	}
	for _, p := range []string{"/requests/" + req + "/accept", "/requests/" + req + "/decline"} {
		if status, _, _ := w.call(t, "liaisonA", "POST", p, false); status != http.StatusForbidden {
			t.Errorf("POST %s as Norway's liaison: %d, want 403", p, status)
		}
	}
	for _, p := range paths {
		p = api + strings.Replace(p, "/events/"+s.event.Slug+"/requests?delegation=", "/events/"+s.event.Slug+"/requests?delegation_id=", 1)
		for name, want := range map[string]int{"liaisonA": http.StatusForbidden, "anonymous": http.StatusUnauthorized} {
			if status, _, body := w.call(t, name, "GET", p, true); status != want || strings.Contains(body, "Ethiopia") {
				t.Errorf("GET %s as %s: %d, want %d without Ethiopia's name", p, name, status, want)
			}
		}
	}
	if status, _, _ := w.call(t, "liaisonA", "PUT", api+"/requests/"+req, true); status != http.StatusForbidden {
		t.Errorf("PUT %s/requests/%s as Norway's liaison: %d, want 403", api, req, status)
	}
	if after := s.auditCount(); after != before {
		t.Errorf("refused requests changed the desk: %d audit rows added", after-before)
	}
}

// A page of another site cannot make a signed-in desk officer's browser
// change a meeting a principal reads: refused, nothing changed.
func TestRolesCrossSiteBriefingRefused(t *testing.T) {
	s := newSite(t)
	w := newRolesWorld(t, s)
	before := s.auditCount()
	if status := s.crossSitePost("/meetings/"+itoa(w.dgMeeting.ID)+"/briefing", map[string][]string{"briefing": {"forged"}}); status != http.StatusForbidden {
		t.Errorf("cross-site briefing: %d, want 403", status)
	}
	if after := s.auditCount(); after != before {
		t.Errorf("a cross-site post changed the desk: %d audit rows added", after-before)
	}
}
