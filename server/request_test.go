package server

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"bilat"
)

// move posts a transition of a request and returns the request after it.
func move(c client, r *bilat.Request, t bilat.Transition, status int) *bilat.Request {
	c.t.Helper()
	t.Version = r.Version
	out := new(bilat.Request)
	path := fmt.Sprintf("/api/v1/requests/%d/transitions", r.ID)
	if status != http.StatusOK {
		c.fail("POST", path, t, status)
		return r
	}
	c.call("POST", path, t, status, out)
	return out
}

func schedule(start time.Time, room *bilat.Room) bilat.Transition {
	return bilat.Transition{To: bilat.StatusScheduled, Start: &start, RoomID: room.ID}
}

func TestRequestTransitions(t *testing.T) {
	c := newClient(t)
	w := newWorld(c)
	requests := "/api/v1/events/" + w.event.Slug + "/requests"
	r := post[bilat.Request](c, requests, w.request(0, 0, 3))
	if r.Status != bilat.StatusRequested || r.EventID != w.event.ID {
		t.Fatalf("new request: status %q event %d", r.Status, r.EventID)
	}

	move(c, r, bilat.Transition{To: bilat.StatusHeld}, http.StatusConflict)
	move(c, r, schedule(day(10, 0), w.rooms[0]), http.StatusConflict) // not accepted yet
	stale := *r
	r = move(c, r, bilat.Transition{To: bilat.StatusAccepted}, http.StatusOK)
	if r.Status != bilat.StatusAccepted || r.Version != 2 {
		t.Fatalf("accepted: status %q version %d", r.Status, r.Version)
	}
	move(c, &stale, bilat.Transition{To: bilat.StatusDeclined, Reason: "full"}, http.StatusConflict)
	r = move(c, r, schedule(day(10, 0), w.rooms[0]), http.StatusOK)
	if r.Status != bilat.StatusScheduled {
		t.Fatalf("scheduled: status %q", r.Status)
	}
	meetings := listOf[bilat.Meeting](c, fmt.Sprintf("/api/v1/events/%s/meetings?principal_id=%d", w.event.Slug, w.principals[0].ID))
	if meetings.Total != 1 || meetings.Items[0].RequestID != r.ID || !meetings.Items[0].Start.Equal(day(10, 0)) {
		t.Fatalf("meetings of the principal: %+v", meetings)
	}

	// The same principal at an overlapping time, in another room.
	other := post[bilat.Request](c, requests, w.request(1, 0, 2))
	other = move(c, other, bilat.Transition{To: bilat.StatusAccepted}, http.StatusOK)
	move(c, other, schedule(day(10, 15), w.rooms[1]), http.StatusConflict)
	// Another principal in the same room at an overlapping time.
	third := post[bilat.Request](c, requests, w.request(1, 1, 2))
	third = move(c, third, bilat.Transition{To: bilat.StatusAccepted}, http.StatusOK)
	move(c, third, schedule(day(10, 29), w.rooms[0]), http.StatusConflict)
	// Right after is fine.
	move(c, third, schedule(day(10, 30), w.rooms[0]), http.StatusOK)

	declined := post[bilat.Request](c, requests, w.request(0, 1, 1))
	e := c.fail("POST", fmt.Sprintf("/api/v1/requests/%d/transitions", declined.ID), bilat.Transition{To: bilat.StatusDeclined, Version: 1}, http.StatusBadRequest)
	if !hasProblem(e, "reason", "required") {
		t.Errorf("declining without a reason: %+v", e)
	}
}

func TestMeetingsAndActions(t *testing.T) {
	c := newClient(t)
	w := newWorld(c)
	r := post[bilat.Request](c, "/api/v1/events/"+w.event.Slug+"/requests", w.request(0, 0, 3))
	r = move(c, r, bilat.Transition{To: bilat.StatusAccepted}, http.StatusOK)
	move(c, r, schedule(day(10, 0), w.rooms[0]), http.StatusOK)
	list := listOf[bilat.Meeting](c, "/api/v1/events/"+w.event.Slug+"/meetings?day=2025-11-25&status=scheduled")
	if list.Total != 1 {
		t.Fatalf("meetings on 2025-11-25: %d", list.Total)
	}
	if other := listOf[bilat.Meeting](c, "/api/v1/events/"+w.event.Slug+"/meetings?day=2025-11-26"); other.Total != 0 {
		t.Errorf("meetings on 2025-11-26: %d", other.Total)
	}
	where := fmt.Sprintf("/api/v1/meetings/%d", list.Items[0].ID)
	m := fetch[bilat.Meeting](c, where)
	m.Outcome = "agreed to exchange liaison officers"
	m.Decisions = []string{"draft an MoU"}
	c.call("PUT", where, m, http.StatusOK, m)
	if m.Version != 2 || m.Outcome == "" {
		t.Errorf("updated meeting: version %d outcome %q", m.Version, m.Outcome)
	}
	stale := *m
	stale.Version = 1
	c.fail("PUT", where, stale, http.StatusConflict)

	a := post[bilat.Action](c, where+"/actions", bilat.Action{Description: "send the draft", OwnerName: "Legal office", Due: "2025-12-15", Status: bilat.ActionOpen})
	if a.MeetingID != m.ID {
		t.Errorf("action of meeting %d, want %d", a.MeetingID, m.ID)
	}
	a.Status = bilat.ActionDone
	c.call("PUT", fmt.Sprintf("/api/v1/actions/%d", a.ID), a, http.StatusOK, a)
	if got := listOf[bilat.Action](c, where+"/actions"); got.Total != 1 {
		t.Errorf("actions of the meeting: %d", got.Total)
	}
	if got := listOf[bilat.Action](c, "/api/v1/events/"+w.event.Slug+"/actions?status=open"); got.Total != 0 {
		t.Errorf("open actions: %d, want 0", got.Total)
	}
	if got := listOf[bilat.Action](c, "/api/v1/events/"+w.event.Slug+"/actions?status=done"); got.Total != 1 {
		t.Errorf("done actions: %d, want 1", got.Total)
	}
}

func TestAgreementTransitions(t *testing.T) {
	c := newClient(t)
	w := newWorld(c)
	a := post[bilat.Agreement](c, "/api/v1/agreements", bilat.Agreement{Kind: "agreement", Title: "Police cooperation", Parties: []int64{w.host.ID, w.cz.ID}, Status: bilat.AgreementDraft, EventID: w.event.ID})
	path := fmt.Sprintf("/api/v1/agreements/%d/transitions", a.ID)
	c.fail("POST", path, bilat.AgreementTransition{To: bilat.AgreementInForce, Version: a.Version}, http.StatusConflict)
	c.call("POST", path, bilat.AgreementTransition{To: bilat.AgreementNegotiating, Version: a.Version}, http.StatusOK, a)
	c.call("POST", path, bilat.AgreementTransition{To: bilat.AgreementSigned, Version: a.Version, SignedOn: "2025-11-26"}, http.StatusOK, a)
	if a.Status != bilat.AgreementSigned || a.SignedOn != "2025-11-26" {
		t.Errorf("signed agreement: %+v", a)
	}
	if got := listOf[bilat.Agreement](c, fmt.Sprintf("/api/v1/agreements?event_id=%d&status=signed", w.event.ID)); got.Total != 1 {
		t.Errorf("signed agreements of the event: %d", got.Total)
	}
	if got := listOf[bilat.Agreement](c, "/api/v1/agreements?status=draft"); got.Total != 0 {
		t.Errorf("draft agreements: %d", got.Total)
	}
}

func TestListFiltersAndPaging(t *testing.T) {
	c := newClient(t)
	w := newWorld(c)
	requests := "/api/v1/events/" + w.event.Slug + "/requests"
	for i := range 6 {
		post[bilat.Request](c, requests, w.request(i%2, i%2, i%5+1))
	}
	checks := []struct {
		query string
		total int
	}{
		{"", 6},
		{"?priority=1", 2},
		{fmt.Sprintf("?delegation_id=%d", w.delegations[1].ID), 3},
		{fmt.Sprintf("?principal_id=%d", w.principals[0].ID), 3},
		{"?topic=cybercrime", 6},
		{"?topic=terrorism", 0},
		{"?region=150", 6}, // Europe
		{"?region=002", 0}, // Africa
		{"?status=accepted", 0},
	}
	for _, ch := range checks {
		if got := listOf[bilat.Request](c, requests+ch.query); got.Total != ch.total {
			t.Errorf("requests%s: total %d, want %d", ch.query, got.Total, ch.total)
		}
	}
	byPriority := listOf[bilat.Request](c, requests+"?sort=priority")
	for i := 1; i < len(byPriority.Items); i++ {
		if byPriority.Items[i-1].Priority < byPriority.Items[i].Priority {
			t.Errorf("sort=priority: %d before %d", byPriority.Items[i-1].Priority, byPriority.Items[i].Priority)
		}
	}
	p := listOf[bilat.Request](c, requests+"?offset=4&limit=3")
	if len(p.Items) != 2 || p.Total != 6 || p.Offset != 4 || p.Limit != 3 {
		t.Errorf("offset=4&limit=3: %d items, total %d, offset %d, limit %d", len(p.Items), p.Total, p.Offset, p.Limit)
	}

	partners := listOf[bilat.Partner](c, "/api/v1/partners?kind=country&limit=10&offset=20")
	if len(partners.Items) != 10 || partners.Total < 190 || partners.Limit != 10 || partners.Offset != 20 {
		t.Errorf("countries page: %d items of %d", len(partners.Items), partners.Total)
	}
	if got := listOf[bilat.Partner](c, "/api/v1/partners?q=czech"); got.Total != 1 || got.Items[0].Code != "CZ" {
		t.Errorf("partners q=czech: %+v", got)
	}
	if got := listOf[bilat.Partner](c, "/api/v1/partners?limit=1"); got.Total < 249 || len(got.Items) != 1 {
		t.Errorf("partners limit=1: %d items of %d", len(got.Items), got.Total)
	}
	if got := listOf[bilat.Topic](c, "/api/v1/topics?offset=10&limit=5"); len(got.Items) != len(bilat.DefaultTopics)-10 || got.Total != len(bilat.DefaultTopics) {
		t.Errorf("topics page: %d items of %d", len(got.Items), got.Total)
	}
	if got := listOf[bilat.Delegation](c, fmt.Sprintf("/api/v1/events/%d/delegations?partner_id=%d", w.event.ID, w.cz.ID)); got.Total != 1 {
		t.Errorf("delegations of CZ: %d", got.Total)
	}
}
