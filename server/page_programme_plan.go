package server

import (
	"encoding/json"
	"net/http"
	"time"

	"bilat"
	"bilat/plan"
	engine "bilat/schedule"
)

// The scheduler runs from the programme: propose shows what it would
// change (new, moved, dropped, and what does not fit, with reasons) and
// carries the proposal itself in a hidden field, so that apply applies
// exactly what was shown. Both call the services the JSON API calls
// (plan.Run and the desk's ProposalService); applying is all or nothing,
// and a proposal made before a record changed is refused.

// progSolveLimit bounds how long a proposal keeps the page waiting.
const progSolveLimit = 3 * time.Second

// proposalData is the proposal page's data.
type proposalData struct {
	Proposal *bilat.Proposal
	JSON     string // the proposal as apply takes it back
	Deputies bool
	Failed   string // why applying was refused
	world    *progWorld
}

// Counterpart is the partner that made request id.
func (d *proposalData) Counterpart(requestID int64) *bilat.Partner {
	if x := d.world.Requests[requestID]; x != nil {
		return d.world.DelegationPartner(x.DelegationID)
	}
	return nil
}

// RoomName is a room's name.
func (d *proposalData) RoomName(id int64) string { return d.world.RoomName(id) }

// PrincipalName is a principal's name.
func (d *proposalData) PrincipalName(id int64) string { return d.world.PrincipalName(id) }

// programmePropose runs the scheduler and shows its proposal.
func (s *Server) programmePropose(w http.ResponseWriter, r *http.Request, v *view) error {
	if err := r.ParseForm(); err != nil {
		return err
	}
	deputies := r.PostForm.Get("deputies") != ""
	p, err := plan.Run(r.Context(), s.desk, v.Event.ID, plan.BuildOptions{Deputies: deputies},
		engine.Options{TimeLimit: progSolveLimit, Seed: 1})
	if err != nil {
		return err
	}
	buf, err := json.Marshal(p)
	if err != nil {
		return err
	}
	return s.renderProposal(w, r, v, &proposalData{Proposal: p, JSON: string(buf), Deputies: deputies}, http.StatusOK)
}

// renderProposal writes the proposal page.
func (s *Server) renderProposal(w http.ResponseWriter, r *http.Request, v *view, d *proposalData, status int) error {
	pw, err := s.programmeWorld(r.Context(), v.Event)
	if err != nil {
		return err
	}
	d.world = pw
	v.Title, v.Nav, v.Data = v.L.T("programme.proposal.title"), "programme", d
	return s.render(w, status, "programme-proposal", v)
}

// programmeApply applies a proposal shown by programmePropose, all or
// nothing, and returns to the programme of the first day it changed.
func (s *Server) programmeApply(w http.ResponseWriter, r *http.Request, v *view) error {
	if err := r.ParseForm(); err != nil {
		return err
	}
	var p bilat.Proposal
	if err := json.Unmarshal([]byte(r.PostForm.Get("proposal")), &p); err != nil {
		return invalid("proposal", "is not a proposal made by this desk")
	}
	p.EventID = v.Event.ID
	_, err := s.desk.ApplyProposal(r.Context(), actor(r), &p)
	if code := bilat.ErrorCode(err); code == bilat.ECONFLICT {
		d := &proposalData{Proposal: &p, Failed: v.L.T("programme.proposal.stale")}
		return s.renderProposal(w, r, v, d, http.StatusConflict)
	} else if err != nil {
		return err
	}
	back := progView{Day: v.Event.FirstDay, By: progBys[0]}
	first := ""
	for _, pm := range append(p.New, p.Moved...) {
		if day := v.Local(pm.Start).Format(time.DateOnly); first == "" || day < first {
			first = day
		}
	}
	if first != "" {
		back.Day = first
	}
	return s.backToProgramme(w, r, v, back, "applied")
}
