package server

import (
	"bytes"
	"io"
	"net/http"
	"reflect"
	"time"

	"bilat"
	"bilat/plan"
	engine "bilat/schedule" // named so, as this package's tests have a func schedule
)

// maxTimeLimit bounds how long one request may keep the solver busy.
const maxTimeLimit = 60 * time.Second

// scheduleOptions is the optional body of POST /events/{event}/schedule.
type scheduleOptions struct {
	// TimeLimitMS is how long the solver may improve the schedule; 0 means
	// its default (10 s), at most 60 000.
	TimeLimitMS int64 `json:"time_limit_ms,omitempty"`
	// Seed makes the proposal repeatable.
	Seed int64 `json:"seed,omitempty"`
	// Deputies lets a deputy of a principal asked for hold an accepted
	// request, at lower value.
	Deputies bool `json:"deputies,omitempty"`
}

// scheduleEvent proposes a schedule for the event's accepted and scheduled
// requests and serves the proposal. It changes nothing: applying is a
// second call, with the proposal as the body.
func (s *Server) scheduleEvent() endpoint {
	return endpoint{
		body:   reflect.TypeFor[scheduleOptions](),
		reply:  reflect.TypeFor[bilat.Proposal](),
		status: http.StatusOK,
		serve: func(w http.ResponseWriter, r *http.Request) error {
			e, err := s.event(r)
			if err != nil {
				return err
			}
			var opt scheduleOptions
			if err := decodeOptional(r, &opt); err != nil {
				return err
			}
			if opt.TimeLimitMS < 0 || time.Duration(opt.TimeLimitMS)*time.Millisecond > maxTimeLimit {
				return invalid("time_limit_ms", "must be between 0 (the default) and %d", maxTimeLimit.Milliseconds())
			}
			so := engine.Options{TimeLimit: time.Duration(opt.TimeLimitMS) * time.Millisecond, Seed: opt.Seed}
			p, err := plan.Run(r.Context(), s.desk, e.ID, plan.BuildOptions{Deputies: opt.Deputies}, so)
			if err != nil {
				return err
			}
			return writeJSON(w, http.StatusOK, p)
		},
	}
}

// applySchedule applies a proposal served by scheduleEvent to the event
// the path names, all or nothing, and serves what changed. A proposal made
// from records that have changed since is refused with 409.
func (s *Server) applySchedule() endpoint {
	return endpoint{
		body:   reflect.TypeFor[bilat.Proposal](),
		reply:  reflect.TypeFor[bilat.ProposalResult](),
		status: http.StatusOK,
		serve: func(w http.ResponseWriter, r *http.Request) error {
			e, err := s.event(r)
			if err != nil {
				return err
			}
			var p bilat.Proposal
			if err := decode(r, &p); err != nil {
				return err
			}
			if p.EventID != 0 && p.EventID != e.ID {
				return invalid("event_id", "is %d but the path names event %d", p.EventID, e.ID)
			}
			p.EventID = e.ID
			res, err := s.desk.ApplyProposal(r.Context(), actor(r), &p)
			if err != nil {
				return err
			}
			return writeJSON(w, http.StatusOK, res)
		},
	}
}

// decodeOptional decodes a body that may be left out: an empty body
// leaves v as it is.
func decodeOptional(r *http.Request, v any) error {
	data, err := io.ReadAll(r.Body)
	if err != nil {
		return decode(r, v) // reports the read error as decode does
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil
	}
	r.Body = io.NopCloser(bytes.NewReader(data))
	return decode(r, v)
}
