package server

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"bilat"
	"bilat/demo"
)

// demoClient serves a fresh store holding the Marrakech demo.
func demoClient(t *testing.T) client {
	db := MustOpenDB(t)
	if _, err := demo.Build(context.Background(), db, bilat.LocalActor); err != nil {
		t.Fatal(err)
	}
	return apiClient(t, db)
}

const demoEvent = "/api/v1/events/" + demo.Slug

// TestScheduleEndpoints proposes a schedule for the demo, applies the
// proposal as served, and refuses to apply it twice.
func TestScheduleEndpoints(t *testing.T) {
	c := demoClient(t)
	var p bilat.Proposal
	c.call("POST", demoEvent+"/schedule", map[string]any{"time_limit_ms": 1000, "seed": 1}, http.StatusOK, &p)
	if len(p.New) == 0 || len(p.New)+len(p.Unscheduled) != 9 || p.EventID == 0 || len(p.Versions) != 9 {
		t.Fatalf("proposal: %d new, %d unscheduled, event %d, %d versions", len(p.New), len(p.Unscheduled), p.EventID, len(p.Versions))
	}
	before := listOf[bilat.AuditEntry](c, "/api/v1/audit").Total

	var res bilat.ProposalResult
	c.call("POST", demoEvent+"/schedule/apply", p, http.StatusOK, &res)
	if len(res.Scheduled) != len(p.New) || res.Scheduled[0].Status != bilat.StatusScheduled {
		t.Fatalf("result: %+v", res)
	}
	if after := listOf[bilat.AuditEntry](c, "/api/v1/audit").Total; after <= before+2*len(p.New) {
		t.Errorf("audit rows %d → %d: want a transition and a meeting per request, and the proposal's row", before, after)
	}
	e := c.fail("POST", demoEvent+"/schedule/apply", p, http.StatusConflict)
	if !strings.Contains(e.Message, "make a new proposal") {
		t.Errorf("applying twice: %+v", e)
	}
	t.Run("infeasible", func(t *testing.T) { testScheduleInfeasible(t, c, res.Scheduled[0]) })
}

// testScheduleInfeasible pins a scheduled meeting and gives its principal
// another engagement then: proposing answers 409 with the reason.
func testScheduleInfeasible(t *testing.T, c client, r *bilat.Request) {
	list := listOf[bilat.Meeting](c, fmt.Sprintf("%s/meetings?delegation_id=%d&status=scheduled", demoEvent, r.DelegationID))
	m := list.Items[0]
	m.Pinned = true
	c.call("PUT", fmt.Sprintf("/api/v1/meetings/%d", m.ID), m, http.StatusOK, nil)
	pr := fetch[bilat.Principal](c, fmt.Sprintf("/api/v1/principals/%d", m.PrincipalID))
	post[bilat.ProgrammeSession](c, demoEvent+"/sessions", bilat.ProgrammeSession{Kind: bilat.SessionEngagement, Title: "Audience",
		Start: m.Start, End: m.End, Attendees: []int64{pr.PersonID}})
	e := c.fail("POST", demoEvent+"/schedule", `{"time_limit_ms": 500}`, http.StatusConflict)
	if !strings.Contains(e.Message, "cannot all be kept") || len(e.Problems) != 1 || !strings.Contains(e.Problems[0].Message, "Audience") {
		t.Errorf("infeasible: %+v", e)
	}
}

// TestScheduleRefusals checks the answers to bad calls.
func TestScheduleRefusals(t *testing.T) {
	c := newClient(t)
	w := newWorld(c)
	events := "/api/v1/events/" + w.event.Slug
	var p bilat.Proposal
	c.call("POST", events+"/schedule", nil, http.StatusOK, &p)
	if p.EventID != w.event.ID || p.Changes() != 0 || p.Versions == nil {
		t.Errorf("an event with nothing to place, no body: %+v", p)
	}
	checks := []struct {
		path, body string
		status     int
		field      string
	}{
		{"/schedule", `{"time_limit_ms": 600000}`, http.StatusBadRequest, "time_limit_ms"},
		{"/schedule", `{"limit": 5}`, http.StatusBadRequest, "limit"},
		{"/schedule/apply", `{}`, http.StatusBadRequest, "versions"},
		{"/schedule/apply", fmt.Sprintf(`{"event_id": %d, "versions": {}}`, w.event.ID+1), http.StatusBadRequest, "event_id"},
	}
	for _, ch := range checks {
		e := c.fail("POST", events+ch.path, ch.body, ch.status)
		if !hasProblem(e, ch.field, "") {
			t.Errorf("POST %s %s: %+v, want a problem with %s", ch.path, ch.body, e, ch.field)
		}
	}
	c.fail("POST", "/api/v1/events/no-such-event/schedule", nil, http.StatusNotFound)
	var res bilat.ProposalResult
	c.call("POST", events+"/schedule/apply", p, http.StatusOK, &res)
	if len(res.Scheduled) != 0 || len(res.Moved) != 0 {
		t.Errorf("applying an empty proposal: %+v", res)
	}
}
