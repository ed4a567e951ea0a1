package store_test

import (
	"testing"

	"bilat"
	"bilat/store"
)

// heldMeeting schedules and holds the fixture's first request and returns
// its meeting.
func heldMeeting(t *testing.T, db *store.DB, f *fixture) *bilat.Meeting {
	t.Helper()
	r := f.requests[0]
	transition(t, db, r, bilat.Transition{To: bilat.StatusAccepted})
	at := day(t, "2025-11-25 10:00")
	transition(t, db, r, bilat.Transition{To: bilat.StatusScheduled, Start: &at, RoomID: f.rooms[0].ID})
	transition(t, db, r, bilat.Transition{To: bilat.StatusHeld})
	ms, _, err := db.ListMeetings(ctx, bilat.MeetingFilter{EventID: f.event.ID})
	must(t, err)
	return ms[0]
}

func TestOutcomeRoundTrip(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		m := heldMeeting(t, db, f)
		if m.OutcomeKind != "" || m.TopicsDiscussed == nil || len(m.TopicsDiscussed) != 0 {
			t.Fatalf("new meeting: kind %q, topics discussed %v", m.OutcomeKind, m.TopicsDiscussed)
		}
		m.Outcome, m.Decisions = "Agreed to exchange liaison officers.", []string{"Liaison officers by March"}
		m.OutcomeKind, m.TopicsDiscussed = bilat.OutcomeCooperationAgreed, []string{"terrorism", "cybercrime"}
		before := auditCount(t, db)
		must(t, db.UpdateMeeting(ctx, tester, m))
		if auditCount(t, db) != before+1 {
			t.Error("the outcome was not audited")
		}
		got, err := db.Meeting(ctx, m.ID)
		must(t, err)
		if got.OutcomeKind != bilat.OutcomeCooperationAgreed || len(got.TopicsDiscussed) != 2 || got.TopicsDiscussed[0] != "terrorism" {
			t.Errorf("read back kind %q, topics %v", got.OutcomeKind, got.TopicsDiscussed)
		}

		bad := *got
		bad.OutcomeKind, bad.TopicsDiscussed = "great", []string{"astrology"}
		err = db.UpdateMeeting(ctx, tester, &bad)
		wantCode(t, err, bilat.EINVALID)
		fields := map[string]bool{}
		for _, p := range bilat.ErrorProblems(err) {
			fields[p.Field] = true
		}
		if !fields["outcome_kind"] {
			t.Errorf("problems %v do not name outcome_kind", bilat.ErrorProblems(err))
		}
		bad.OutcomeKind = bilat.OutcomeNoFurtherAction
		err = db.UpdateMeeting(ctx, tester, &bad)
		wantCode(t, err, bilat.EINVALID)
		if ps := bilat.ErrorProblems(err); len(ps) != 1 || ps[0].Field != "topics_discussed[0]" {
			t.Errorf("unknown topic: problems %v", ps)
		}
	})
}

func TestActionsRoundTripAndFilters(t *testing.T) {
	eachDB(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		m := heldMeeting(t, db, f)
		cz, err := db.PartnerByCode(ctx, "CZ")
		must(t, err)
		no, err := db.PartnerByCode(ctx, "NO")
		must(t, err)

		mou := &bilat.Action{MeetingID: m.ID, Description: "  Send the draft MoU ", OwnerID: f.chief.ID, Due: "2025-12-01"}
		must(t, db.CreateAction(ctx, tester, mou))
		if mou.PartnerID != cz.ID || mou.Status != bilat.ActionOpen || mou.Description != "Send the draft MoU" {
			t.Fatalf("defaults: partner %d (want the counterpart %d), status %q, description %q", mou.PartnerID, cz.ID, mou.Status, mou.Description)
		}
		visit := &bilat.Action{MeetingID: m.ID, Description: "Study visit", OwnerName: "Cooperation office", PartnerID: no.ID, Due: "2025-12-10"}
		must(t, db.CreateAction(ctx, tester, visit))
		someday := &bilat.Action{MeetingID: m.ID, Description: "Keep in touch", OwnerName: "Protocol"}
		must(t, db.CreateAction(ctx, tester, someday))

		got, err := db.Action(ctx, visit.ID)
		must(t, err)
		if got.PartnerID != no.ID || got.OwnerName != "Cooperation office" || got.Due != "2025-12-10" {
			t.Errorf("read back %+v", got)
		}
		got.Status = bilat.ActionDone
		must(t, db.UpdateAction(ctx, tester, got))
		stale := *got
		stale.Version--
		wantCode(t, db.UpdateAction(ctx, tester, &stale), bilat.ECONFLICT)

		cases := []struct {
			name string
			f    bilat.ActionFilter
			want []int64
		}{
			{"all, soonest first, undated last", bilat.ActionFilter{}, []int64{mou.ID, visit.ID, someday.ID}},
			{"event", bilat.ActionFilter{EventID: f.event.ID}, []int64{mou.ID, visit.ID, someday.ID}},
			{"partner", bilat.ActionFilter{PartnerID: no.ID}, []int64{visit.ID}},
			{"owner person", bilat.ActionFilter{OwnerID: f.chief.ID}, []int64{mou.ID}},
			{"owner text, person's name", bilat.ActionFilter{Owner: "hammOUCHI"}, []int64{mou.ID}},
			{"owner text, free name", bilat.ActionFilter{Owner: "office"}, []int64{visit.ID}},
			{"owner text, wildcard taken literally", bilat.ActionFilter{Owner: "%"}, nil},
			{"status", bilat.ActionFilter{Status: bilat.ActionOpen}, []int64{mou.ID, someday.ID}},
			{"due window", bilat.ActionFilter{DueFrom: "2025-12-02", DueTo: "2025-12-10"}, []int64{visit.ID}},
			{"overdue on 5 December", bilat.ActionFilter{Status: bilat.ActionOpen, DueTo: "2025-12-04"}, []int64{mou.ID}},
		}
		for _, c := range cases {
			xs, n, err := db.ListActions(ctx, c.f)
			must(t, err)
			var ids []int64
			for _, x := range xs {
				ids = append(ids, x.ID)
			}
			if n != len(c.want) || len(ids) != len(c.want) {
				t.Errorf("%s: got %v (total %d), want %v", c.name, ids, n, c.want)
				continue
			}
			for i := range ids {
				if ids[i] != c.want[i] {
					t.Errorf("%s: got %v, want %v", c.name, ids, c.want)
					break
				}
			}
		}
		_, _, err = db.ListActions(ctx, bilat.ActionFilter{DueTo: "soon"})
		wantCode(t, err, bilat.EINVALID)
		wantCode(t, db.CreateAction(ctx, tester, &bilat.Action{MeetingID: m.ID, Description: "x", OwnerName: "y", PartnerID: 999999}), bilat.EINVALID)
	})
}
