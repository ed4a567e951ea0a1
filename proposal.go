package bilat

import (
	"context"
	"time"
)

// Proposal is a schedule the scheduler proposes for an event, told as the
// changes it would make: requests it would schedule (New), meetings it
// would move (Moved) or leave out (Dropped), and requests it could not
// place, each with the reason. A desk officer applies it or discards it;
// nothing changes until it is applied.
//
// Versions and MeetingVersions hold the versions the proposal was made
// from; applying a proposal after any of those records changed is refused.
type Proposal struct {
	EventID int64  `json:"event_id"`
	Name    string `json:"name,omitempty"`
	// Timezone is the event's, in which a person reads the times.
	Timezone    string            `json:"timezone,omitempty"`
	New         []ProposedMeeting `json:"new"`
	Moved       []ProposedMeeting `json:"moved"`
	Dropped     []ProposedMeeting `json:"dropped"`
	Unscheduled []ProposalGap     `json:"unscheduled"`
	// Score is the schedule's value; Bound, when known, a proven upper
	// bound on it (see the bilat-schedule/1 format).
	Score float64  `json:"score"`
	Bound *float64 `json:"bound,omitempty"`
	// Versions maps each request the proposal read to its version then.
	Versions map[int64]int `json:"versions"`
	// MeetingVersions maps each scheduled meeting it read to its version.
	MeetingVersions map[int64]int `json:"meeting_versions"`
}

// ProposedMeeting is one request placed by a proposal. A moved meeting is
// named by MeetingID, and its From fields say where it is now; a dropped
// one is shown where it is now. Delegation, Principal, Room and FromRoom
// are names for a reader; applying ignores them.
type ProposedMeeting struct {
	RequestID       int64      `json:"request_id"`
	MeetingID       int64      `json:"meeting_id,omitempty"`
	PrincipalID     int64      `json:"principal_id"`
	Start           time.Time  `json:"start"`
	End             time.Time  `json:"end"`
	RoomID          int64      `json:"room_id"`
	FromStart       *time.Time `json:"from_start,omitempty"`
	FromRoomID      int64      `json:"from_room_id,omitempty"`
	FromPrincipalID int64      `json:"from_principal_id,omitempty"`
	Delegation      string     `json:"delegation,omitempty"`
	Principal       string     `json:"principal,omitempty"`
	Room            string     `json:"room,omitempty"`
	FromRoom        string     `json:"from_room,omitempty"`
}

// ProposalGap is a request the proposal leaves unscheduled: a code a
// program can act on, the reason and, when one was found, the smallest
// change that would let it in.
type ProposalGap struct {
	RequestID  int64  `json:"request_id"`
	Delegation string `json:"delegation,omitempty"`
	Code       string `json:"code"`
	Reason     string `json:"reason"`
	Fix        string `json:"fix,omitempty"`
}

// Changes returns how many records applying the proposal would change.
func (p *Proposal) Changes() int { return len(p.New) + len(p.Moved) + len(p.Dropped) }

// Validate checks that the proposal is complete enough to apply: every
// change names its request, principal, room and times, and the versions
// it was made from.
func (p *Proposal) Validate() error {
	v := NewProblems("")
	v.Check(p.EventID > 0, "event_id", "is required")
	v.Check(p.Versions != nil, "versions", "is required: the versions of the requests the proposal was made from")
	seen := map[int64]bool{}
	for _, list := range []struct {
		field string
		items []ProposedMeeting
	}{{"new", p.New}, {"moved", p.Moved}, {"dropped", p.Dropped}} {
		for i, m := range list.items {
			mv := v.Index(list.field, i)
			m.validate(mv, list.field != "new")
			mv.Check(!seen[m.RequestID], "request_id", "is proposed twice")
			_, ok := p.Versions[m.RequestID]
			mv.Check(m.RequestID == 0 || ok, "request_id", "has no version in versions")
			_, ok = p.MeetingVersions[m.MeetingID]
			mv.Check(m.MeetingID == 0 || ok, "meeting_id", "has no version in meeting_versions")
			seen[m.RequestID] = true
		}
	}
	return v.Err("proposal")
}

func (m *ProposedMeeting) validate(v Problems, existing bool) {
	v.Check(m.RequestID > 0, "request_id", "is required")
	v.Check(m.PrincipalID > 0, "principal_id", "is required")
	v.Check(m.RoomID > 0, "room_id", "is required")
	v.Check(!m.Start.IsZero(), "start", "is required")
	v.Check(m.End.After(m.Start), "end", "is not after start")
	v.Check(!existing || m.MeetingID > 0, "meeting_id", "is required for a meeting that exists")
}

// ProposalResult is what applying a proposal did: the requests it
// scheduled, as they now are, and the meetings it moved.
type ProposalResult struct {
	EventID   int64      `json:"event_id"`
	Scheduled []*Request `json:"scheduled"`
	Moved     []*Meeting `json:"moved"`
}

// ProposalService applies proposals. Applying is all or nothing, in one
// transaction: it is refused with a conflict when a record changed since
// the proposal was made, when it would drop a scheduled meeting, or when a
// principal or room would be double-booked. Each change is audited.
type ProposalService interface {
	ApplyProposal(ctx context.Context, a Actor, p *Proposal) (*ProposalResult, error)
}
