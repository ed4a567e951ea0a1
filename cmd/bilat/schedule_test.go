package main

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"strings"
	"testing"

	"bilat"
	"bilat/demo"
	"bilat/store"
)

// TestScheduleCommand proposes a schedule for the demo, prints it for a
// person and as JSON, applies it, and proposes nothing new afterwards.
func TestScheduleCommand(t *testing.T) {
	db := tempDB(t)
	mustRun(t, "--db", db, "seed", "demo")
	out := mustRun(t, "--db", db, "schedule", "--time-limit", "1s", demo.Slug)
	for _, want := range []string{"Proposal for 93rd INTERPOL General Assembly (times in Africa/Casablanca)", "\nNew\n", "\nUnscheduled\n",
		"with Abdellatif Hammouchi", "Bilateral room", "run again with --apply"} {
		if !strings.Contains(out, want) {
			t.Errorf("schedule printed no %q:\n%s", want, out)
		}
	}
	var p bilat.Proposal
	if err := json.Unmarshal([]byte(mustRun(t, "--db", db, "schedule", "--json", "--time-limit", "1s", demo.Slug)), &p); err != nil {
		t.Fatal(err)
	}
	if len(p.New) == 0 || len(p.New)+len(p.Unscheduled) != 9 {
		t.Fatalf("proposal: %d new, %d unscheduled; want some of the 9 accepted requests placed, the rest explained", len(p.New), len(p.Unscheduled))
	}
	code, _, errs := runMain(t, "", "--db", db, "schedule", "--apply", "--time-limit", "1s", demo.Slug)
	if code != 0 || !strings.Contains(errs, "applied: ") {
		t.Fatalf("schedule --apply: exit %d\n%s", code, errs)
	}
	out = mustRun(t, "--db", db, "schedule", "--time-limit", "1s", demo.Slug)
	if !strings.Contains(out, "\n0 new, 0 moved, 0 dropped, ") || strings.Contains(out, "--apply") {
		t.Errorf("scheduling again proposes changes:\n%s", out)
	}
	t.Run("infeasible", func(t *testing.T) { testScheduleInfeasible(t, db) })
}

// testScheduleInfeasible pins a scheduled meeting of db and gives the
// Director General another engagement then: the command fails with the
// reason, and asks for exit status 3.
func testScheduleInfeasible(t *testing.T, dsn string) {
	ctx := context.Background()
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	e, err := db.EventBySlug(ctx, demo.Slug)
	if err != nil {
		t.Fatal(err)
	}
	list, _, err := db.ListMeetings(ctx, bilat.MeetingFilter{EventID: e.ID, Status: bilat.StatusScheduled})
	if err != nil || len(list) == 0 {
		t.Fatalf("scheduled meetings: %v %v", list, err)
	}
	m := list[0]
	m.Pinned = true
	pr, err := db.Principal(ctx, m.PrincipalID)
	if err == nil {
		err = db.UpdateMeeting(ctx, bilat.LocalActor, m)
	}
	if err == nil {
		err = db.CreateSession(ctx, bilat.LocalActor, &bilat.ProgrammeSession{EventID: e.ID, Kind: bilat.SessionEngagement,
			Title: "Audience", Start: m.Start, End: m.End, Attendees: []int64{pr.PersonID}})
	}
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	code, out, errs := runMain(t, "", "--db", dsn, "schedule", "--time-limit", "1s", demo.Slug)
	if code == 0 || out != "" || !strings.Contains(errs, "cannot all be kept") || !strings.Contains(errs, "Audience") {
		t.Errorf("infeasible: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	main := &Main{Stdout: io.Discard, Stderr: io.Discard, Getenv: func(string) string { return "" }}
	defer main.Close()
	if err := main.ParseFlags([]string{"--db", dsn, "schedule", "--time-limit", "1s", demo.Slug}); err != nil {
		t.Fatal(err)
	}
	var exit interface{ ExitCode() int }
	if err := main.Run(ctx); !errors.As(err, &exit) || exit.ExitCode() != exitInfeasible {
		t.Errorf("Run: %v, want an error asking for exit status %d", err, exitInfeasible)
	}
}

func TestScheduleUsage(t *testing.T) {
	for _, args := range [][]string{{"schedule"}, {"schedule", "--time-limit", "0s", demo.Slug}, {"schedule", "a", "b"}} {
		code, out, errs := runMain(t, "", append([]string{"--db", tempDB(t)}, args...)...)
		if code != 2 || out != "" || !strings.Contains(errs, "Usage: bilat schedule") {
			t.Errorf("bilat %v: exit %d, stdout %q, stderr %q; want 2 and the usage", args, code, out, errs)
		}
	}
	if code, _, errs := runMain(t, "", "--db", tempDB(t), "schedule", "no-such-event"); code != 1 || !strings.Contains(errs, "not found") {
		t.Errorf("an unknown event: exit %d, stderr %q", code, errs)
	}
}
