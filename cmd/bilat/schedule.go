package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"bilat"
	"bilat/plan"
	"bilat/schedule"
)

func scheduleCommand() *command {
	return &command{
		name:    "schedule",
		args:    "EVENT",
		summary: "propose a schedule for an event's accepted requests, and apply it",
		help: "Schedule builds the scheduling problem of the event named by its id or slug\n" +
			"from its accepted and scheduled requests, people, programme and rooms, solves it\n" +
			"and prints the proposal: requests it would schedule, meetings it would move or\n" +
			"drop, and requests it cannot place, with the reason. Times are in the event's\n" +
			"time zone. Nothing changes unless --apply is given; applying is all or nothing.\n" +
			"Exit status 3 means the scheduled or pinned meetings cannot all be kept.",
		minArgs: 1, maxArgs: 1,
		usesDB: true,
		setup: func(m *Main, fs *flag.FlagSet) action {
			apply := fs.Bool("apply", false, "apply the proposal")
			asJSON := fs.Bool("json", false, "print the proposal as JSON")
			deputies := fs.Bool("deputies", false, "let a deputy of a principal asked for hold an accepted request, at lower value")
			limit := fs.Duration("time-limit", schedule.DefaultTimeLimit, "how long the solver may improve the schedule")
			seed := fs.Int64("seed", 1, "the solver's seed: the same seed gives the same proposal")
			return func(ctx context.Context, args []string) error {
				if *limit <= 0 {
					return usagef("--time-limit must be positive")
				}
				so := schedule.Options{TimeLimit: *limit, Seed: *seed}
				return m.schedule(ctx, args[0], plan.BuildOptions{Deputies: *deputies}, so, *apply, *asJSON)
			}
		},
	}
}

// schedule proposes a schedule for the event key, prints it and applies it
// when asked.
func (m *Main) schedule(ctx context.Context, key string, bo plan.BuildOptions, so schedule.Options, apply, asJSON bool) error {
	db, err := m.open(ctx)
	if err != nil {
		return err
	}
	e, err := findEvent(ctx, db, key)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stderr, "bilat: scheduling %s for up to %s\n", e.Slug, so.TimeLimit)
	p, err := plan.Run(ctx, db, e.ID, bo, so)
	var inf *plan.Infeasible
	if errors.As(err, &inf) {
		return &exitError{code: exitInfeasible, err: err}
	} else if err != nil {
		return err
	}
	if asJSON {
		err = writeJSON(m.Stdout, p)
	} else {
		err = printProposal(m.Stdout, e, p, apply)
	}
	if err != nil || !apply {
		return err
	}
	res, err := db.ApplyProposal(ctx, bilat.LocalActor, p)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stderr, "bilat: applied: %d request(s) scheduled, %d meeting(s) moved\n", len(res.Scheduled), len(res.Moved))
	return nil
}

// printProposal writes the proposal for a person: the counts, then one
// line per change and per request left out, times in the event's zone.
func printProposal(w io.Writer, e *bilat.Event, p *bilat.Proposal, applying bool) error {
	loc, err := e.Location()
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "Proposal for %s (times in %s)\n", e.NameEN, e.Timezone)
	fmt.Fprintf(w, "%d new, %d moved, %d dropped, %d unscheduled; score %.1f", len(p.New), len(p.Moved), len(p.Dropped), len(p.Unscheduled), p.Score)
	if p.Bound != nil {
		fmt.Fprintf(w, " (at most %.1f)", *p.Bound)
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	printMeetings(tw, "New", p.New, loc)
	printMeetings(tw, "Moved", p.Moved, loc)
	printMeetings(tw, "Dropped", p.Dropped, loc)
	if err := tw.Flush(); err != nil {
		return err
	}
	printGaps(w, p.Unscheduled)
	if !applying && p.Changes() > 0 {
		fmt.Fprintln(w, "\nNothing is changed yet: run again with --apply to apply the proposal.")
	}
	return nil
}

// printMeetings writes a heading and one line per proposed meeting.
func printMeetings(w io.Writer, heading string, list []bilat.ProposedMeeting, loc *time.Location) {
	if len(list) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%s\n", heading)
	for _, pm := range list {
		fmt.Fprintf(w, "  %s–%s\t%s\t%s (request %d)\twith %s", clock(pm.Start, loc), pm.End.In(loc).Format("15:04"),
			pm.Room, pm.Delegation, pm.RequestID, pm.Principal)
		if pm.FromStart != nil {
			fmt.Fprintf(w, ", from %s in %s", clock(*pm.FromStart, loc), pm.FromRoom)
		}
		fmt.Fprintln(w)
	}
}

// printGaps writes the requests left out, each with its reason and fix.
func printGaps(w io.Writer, gaps []bilat.ProposalGap) {
	if len(gaps) == 0 {
		return
	}
	fmt.Fprint(w, "\nUnscheduled\n")
	for _, g := range gaps {
		fmt.Fprintf(w, "  %s (request %d): %s [%s]\n", g.Delegation, g.RequestID, g.Reason, g.Code)
		if g.Fix != "" {
			fmt.Fprintf(w, "    %s\n", g.Fix)
		}
	}
}

// clock writes an instant as a desk officer reads it: "Tue 25 Nov 10:30".
func clock(t time.Time, loc *time.Location) string {
	return t.In(loc).Format("Mon 02 Jan 15:04")
}
