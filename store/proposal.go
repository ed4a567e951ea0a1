package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"bilat"
)

var _ bilat.ProposalService = (*DB)(nil)

// ApplyProposal applies a proposal in one transaction, all or nothing. It
// is refused with a conflict when any request or meeting it read has
// changed since (nothing is applied; make a new proposal), and when it
// would drop a scheduled meeting, which is a promise to a delegation that
// only a person cancels. New meetings go through the same path as
// scheduling a request by hand; moves are checked like UpdateMeeting,
// except that double booking is checked once every move is made, so that
// two meetings may swap places.
func (db *DB) ApplyProposal(ctx context.Context, a bilat.Actor, p *bilat.Proposal) (*bilat.ProposalResult, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if len(p.Dropped) > 0 {
		return nil, refuseDrops(p.Dropped)
	}
	out := &bilat.ProposalResult{EventID: p.EventID, Scheduled: []*bilat.Request{}, Moved: []*bilat.Meeting{}}
	err := db.inTx(ctx, a, func(tx *Tx) error {
		if err := checkProposalVersions(ctx, tx.conn, p); err != nil {
			return err
		}
		for i, pm := range p.Moved {
			m, err := moveMeeting(ctx, tx, pm)
			if err != nil {
				return nested(fmt.Sprintf("moved[%d]", i), err)
			}
			out.Moved = append(out.Moved, m)
		}
		for i, pm := range p.New {
			x, err := scheduleProposed(ctx, tx, pm)
			if err != nil {
				return nested(fmt.Sprintf("new[%d]", i), err)
			}
			out.Scheduled = append(out.Scheduled, x)
		}
		for i, m := range out.Moved {
			if err := checkDoubleBooking(ctx, tx.conn, m); err != nil {
				return nested(fmt.Sprintf("moved[%d]", i), err)
			}
		}
		return auditProposal(ctx, tx, p)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// refuseDrops explains why a proposal that leaves out scheduled meetings
// is not applied.
func refuseDrops(dropped []bilat.ProposedMeeting) error {
	ids := make([]string, len(dropped))
	for i, d := range dropped {
		ids[i] = fmt.Sprint(d.RequestID)
	}
	return bilat.Errorf(bilat.ECONFLICT, "the proposal leaves out %d scheduled meeting(s) (request %s); "+
		"a scheduled meeting is promised to its delegation, so a proposal does not drop it: "+
		"cancel its request first if that is meant, then make a new proposal", len(dropped), strings.Join(ids, ", "))
}

// checkProposalVersions refuses a proposal made from records that have
// changed since, or that belong to another event.
func checkProposalVersions(ctx context.Context, c conn, p *bilat.Proposal) error {
	ok, err := exists(ctx, c, "events", p.EventID, 0)
	if err != nil {
		return err
	} else if !ok {
		return bilat.Errorf(bilat.ENOTFOUND, "event %d not found", p.EventID)
	}
	if err := checkVersions(ctx, c, "request", "requests", p.EventID, p.Versions); err != nil {
		return err
	}
	return checkVersions(ctx, c, "meeting", "meetings", p.EventID, p.MeetingVersions)
}

// checkVersions compares the version of each record of tbl with the one
// the proposal read.
func checkVersions(ctx context.Context, c conn, entity, tbl string, eventID int64, versions map[int64]int) error {
	for _, id := range slices.Sorted(maps.Keys(versions)) {
		var event int64
		var version int
		err := c.queryRow(ctx, "SELECT event_id, version FROM "+tbl+" WHERE id = ?", id).Scan(&event, &version)
		switch {
		case errors.Is(err, sql.ErrNoRows) || (err == nil && event != eventID):
			return bilat.Errorf(bilat.EINVALID, "the proposal names %s %d, which is not of event %d", entity, id, eventID)
		case err != nil:
			return err
		case version != versions[id]:
			return bilat.Errorf(bilat.ECONFLICT, "%s %d has changed since the proposal was made (version %d now, %d then): nothing was applied; make a new proposal",
				entity, id, version, versions[id])
		}
	}
	return nil
}

// moveMeeting moves a scheduled meeting to the place the proposal gives
// it, with every check of UpdateMeeting but double booking, which the
// caller checks once all moves are made.
func moveMeeting(ctx context.Context, tx *Tx, pm bilat.ProposedMeeting) (*bilat.Meeting, error) {
	m, err := meetings.get(ctx, tx.conn, pm.MeetingID)
	if err != nil {
		return nil, err
	}
	switch {
	case m.RequestID != pm.RequestID:
		return nil, bilat.Errorf(bilat.EINVALID, "meeting %d is the meeting of request %d, not %d", m.ID, m.RequestID, pm.RequestID)
	case m.Status != bilat.StatusScheduled:
		return nil, bilat.Errorf(bilat.ECONFLICT, "meeting %d is %s, not scheduled: only scheduled meetings move", m.ID, m.Status)
	case m.Pinned:
		return nil, bilat.Errorf(bilat.ECONFLICT, "meeting %d is pinned: unpin it to let a proposal move it", m.ID)
	}
	x, err := requests.get(ctx, tx.conn, m.RequestID)
	if err != nil {
		return nil, err
	}
	length := m.End.Sub(m.Start)
	m.Start = pm.Start.UTC()
	m.End, m.RoomID, m.PrincipalID = m.Start.Add(length), pm.RoomID, pm.PrincipalID
	v := bilat.NewProblems("")
	v.Check(isTarget(x, m.PrincipalID) || isDeputyOfTarget(ctx, tx.conn, x, m.PrincipalID), "principal_id",
		"is not a principal this request asks for (or a deputy of one)")
	if err := merge(m.Validate(), v.Err("meeting"), checkMeetingRefs(ctx, tx.conn, m)); err != nil {
		return nil, err
	}
	return m, meetings.update(ctx, tx, "update", m)
}

// scheduleProposed schedules an accepted request as the proposal places
// it, exactly as TransitionRequest would.
func scheduleProposed(ctx context.Context, tx *Tx, pm bilat.ProposedMeeting) (*bilat.Request, error) {
	x, err := requests.get(ctx, tx.conn, pm.RequestID)
	if err != nil {
		return nil, err
	}
	start := pm.Start
	t := bilat.Transition{To: bilat.StatusScheduled, Version: x.Version, Start: &start, RoomID: pm.RoomID, PrincipalID: pm.PrincipalID}
	if err := t.Check(x); err != nil {
		return nil, err
	}
	return x, applyTransition(ctx, tx, x, t)
}

// proposalAudit is the audit row of an applied proposal, beside the rows
// of each request and meeting it changed: it ties them together.
type proposalAudit struct {
	New   []int64  `json:"new_requests"`
	Moved []int64  `json:"moved_meetings"`
	Score float64  `json:"score"`
	Bound *float64 `json:"bound,omitempty"`
}

func auditProposal(ctx context.Context, tx *Tx, p *bilat.Proposal) error {
	if p.Changes() == 0 {
		return nil
	}
	s := proposalAudit{New: []int64{}, Moved: []int64{}, Score: p.Score, Bound: p.Bound}
	for _, m := range p.New {
		s.New = append(s.New, m.RequestID)
	}
	for _, m := range p.Moved {
		s.Moved = append(s.Moved, m.MeetingID)
	}
	return audit(ctx, tx, "apply_proposal", "event", p.EventID, nil, s)
}
