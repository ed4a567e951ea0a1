package plan

import (
	"context"
	"errors"
	"fmt"

	"bilat"
	"bilat/schedule"
)

// Run builds the event's problem, solves it and returns the proposal. An
// event with nothing to place gives an empty proposal without solving. A
// problem whose scheduled or pinned meetings cannot all be kept gives an
// *Infeasible; an invalid one the engine's *bilat.Error, its messages in
// names a person reads.
func Run(ctx context.Context, r Records, eventID int64, bo BuildOptions, so schedule.Options) (*bilat.Proposal, error) {
	p, m, err := Build(ctx, r, eventID, bo)
	if err != nil {
		return nil, err
	}
	if len(p.Meetings) == 0 {
		return Propose(p, m, &schedule.Schedule{Format: schedule.ScheduleFormat}), nil
	}
	s, err := schedule.Solve(ctx, p, so)
	var inf *schedule.Infeasible
	switch {
	case errors.As(err, &inf):
		return nil, m.infeasible(inf)
	case err != nil:
		return nil, m.readableError(err)
	}
	return Propose(p, m, s), nil
}

// Infeasible reports that the meetings already promised (scheduled or
// pinned) cannot all be kept, each with what is in the way. It unwraps to
// a conflict, so that it reaches a person like any other refusal.
type Infeasible struct {
	EventID int64
	Gaps    []bilat.ProposalGap
}

func (e *Infeasible) Error() string { return e.Unwrap().Error() }

// Unwrap returns the conflict the infeasibility means for the desk.
func (e *Infeasible) Unwrap() error {
	out := &bilat.Error{Code: bilat.ECONFLICT, Message: "the scheduled and pinned meetings cannot all be kept"}
	for _, g := range e.Gaps {
		msg := fmt.Sprintf("request %d (%s): %s", g.RequestID, g.Delegation, g.Reason)
		if g.Fix != "" {
			msg += " (" + g.Fix + ")"
		}
		out.Problems = append(out.Problems, bilat.Problem{Message: msg})
	}
	return out
}

// infeasible tells the engine's report in the event's terms.
func (m *Mapping) infeasible(inf *schedule.Infeasible) *Infeasible {
	out := &Infeasible{EventID: m.Event.ID}
	for _, u := range inf.Meetings {
		g := bilat.ProposalGap{Code: u.Code, Reason: m.Readable(u.Reason), Fix: m.Readable(u.Fix)}
		if x := m.Requests[u.Meeting]; x != nil {
			g.RequestID, g.Delegation = x.ID, m.Delegation(x)
		}
		out.Gaps = append(out.Gaps, g)
	}
	return out
}

// readableError rewrites the problem identifiers in an error of the
// domain's type; other errors are returned as they are.
func (m *Mapping) readableError(err error) error {
	var e *bilat.Error
	if !errors.As(err, &e) {
		return err
	}
	out := &bilat.Error{Code: e.Code, Message: m.Readable(e.Message)}
	for _, p := range e.Problems {
		out.Problems = append(out.Problems, bilat.Problem{Field: p.Field, Message: m.Readable(p.Message)})
	}
	return out
}
