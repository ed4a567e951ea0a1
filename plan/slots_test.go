package plan_test

import (
	"slices"
	"testing"
	"time"

	"bilat"
	"bilat/plan"
	"bilat/schedule"
)

// slotsSmall is the small event with Norway scheduled too, at 14:00 on day
// 0 in Salon B, and a mover over it.
func slotsSmall(t *testing.T) (*small, *bilat.Meeting, *plan.Mover) {
	t.Helper()
	db := mustOpen(t)
	s := newSmall(t, db)
	start := at(t, 0, 14, 0)
	s.move(t, db, "NO", bilat.Transition{To: bilat.StatusScheduled, Start: &start, RoomID: s.rooms[1].ID})
	list, _, err := db.ListMeetings(ctx, bilat.MeetingFilter{EventID: s.event.ID, DelegationID: s.requests["NO"].DelegationID})
	must(t, err)
	mv, err := plan.NewMover(ctx, db, s.event.ID, plan.BuildOptions{})
	must(t, err)
	return s, list[0], mv
}

// kinds returns the kinds of clashes, in order.
func kinds(clashes []plan.Clash) []plan.ClashKind {
	var out []plan.ClashKind
	for _, c := range clashes {
		out = append(out, c.Kind)
	}
	return out
}

func TestMoveCheck(t *testing.T) {
	s, norway, mv := slotsSmall(t)
	et := s.meeting.ID
	for name, c := range map[string]struct {
		id    int64
		start time.Time
		room  int64
		want  []plan.ClashKind
	}{
		"free":                 {et, at(t, 1, 9, 0), s.rooms[0].ID, nil},
		"in the opening":       {et, at(t, 0, 10, 0), s.rooms[0].ID, []plan.ClashKind{plan.ClashSession, plan.ClashSession}},
		"room and DG taken":    {norway.ID, at(t, 0, 12, 0), s.rooms[0].ID, []plan.ClashKind{plan.ClashRoom, plan.ClashMeeting}},
		"no interpretation":    {et, at(t, 1, 9, 0), s.rooms[2].ID, []plan.ClashKind{plan.ClashFeatures}},
		"no time to travel":    {norway.ID, at(t, 0, 12, 40), s.rooms[2].ID, []plan.ClashKind{plan.ClashGap}},
		"before the day opens": {et, at(t, 1, 7, 0), s.rooms[0].ID, []plan.ClashKind{plan.ClashWindow}},
		"off the grid":         {et, at(t, 1, 9, 2), s.rooms[0].ID, []plan.ClashKind{plan.ClashWindow}},
	} {
		got := kinds(mv.Check(c.id, c.start, c.room))
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: clashes %v, want %v", name, got, c.want)
		}
	}
	clash := mv.Check(norway.ID, at(t, 0, 12, 0), s.rooms[0].ID)[0]
	if clash.MeetingID != et || !clash.Start.Equal(at(t, 0, 12, 0)) || !clash.End.Equal(at(t, 0, 12, 30)) {
		t.Errorf("the room clash names %+v, want Ethiopia's meeting 12:00–12:30", clash)
	}
}

// Every slot offered keeps every rule of the engine's own checker, and a
// slot known to clash is not offered.
func TestSlotsAreValid(t *testing.T) {
	s, norway, mv := slotsSmall(t)
	for _, id := range []int64{s.meeting.ID, norway.ID} {
		for _, day := range []string{"2025-11-24", "2025-11-25"} {
			slots := mv.Slots(id, day, 15)
			if len(slots) == 0 {
				t.Fatalf("meeting %d: no slot on %s", id, day)
			}
			for _, sl := range slots {
				p, sch := mv.Schedule(id, sl.Start, sl.RoomID)
				if r := schedule.Check(p, sch); !r.Valid() {
					t.Errorf("meeting %d offered %s in room %d: %v", id, sl.Start, sl.RoomID, r.Violations)
				}
				if sl.Start.Format(time.DateOnly) != day {
					t.Errorf("slot %s is not on %s", sl.Start, day)
				}
			}
		}
	}
	for _, sl := range mv.Slots(s.meeting.ID, "2025-11-24", 15) {
		if sl.Start.Before(at(t, 0, 11, 10)) && sl.End.After(at(t, 0, 9, 50)) {
			t.Errorf("a slot during the opening is offered: %s", sl.Start)
		}
	}
}

func TestMoveOnlyScheduled(t *testing.T) {
	_, _, mv := slotsSmall(t)
	if got := kinds(mv.Check(999999, at(t, 1, 9, 0), 1)); !slices.Equal(got, []plan.ClashKind{plan.ClashUnknown}) {
		t.Errorf("an unknown meeting: %v", got)
	}
}
