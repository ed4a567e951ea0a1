package bilat

import (
	"context"
	"sort"
	"time"
)

// RequestStatus is where a meeting request stands.
type RequestStatus string

// Request statuses.
const (
	StatusRequested RequestStatus = "requested"
	StatusAccepted  RequestStatus = "accepted"
	StatusDeclined  RequestStatus = "declined"
	StatusWithdrawn RequestStatus = "withdrawn"
	StatusScheduled RequestStatus = "scheduled"
	StatusHeld      RequestStatus = "held"
	StatusCancelled RequestStatus = "cancelled"
	StatusNoShow    RequestStatus = "no_show"
)

// requestMoves is the status machine of requests. Withdrawal and
// cancellation after acceptance are allowed because delegations change
// plans; terminal statuses have no moves.
var requestMoves = map[RequestStatus][]RequestStatus{
	StatusRequested: {StatusAccepted, StatusDeclined, StatusWithdrawn},
	StatusAccepted:  {StatusScheduled, StatusWithdrawn, StatusCancelled},
	StatusScheduled: {StatusHeld, StatusCancelled, StatusNoShow},
}

// RequestStatuses lists every status in the order of the machine.
var RequestStatuses = []RequestStatus{StatusRequested, StatusAccepted, StatusDeclined, StatusWithdrawn, StatusScheduled, StatusHeld, StatusCancelled, StatusNoShow}

// Valid reports whether s is a known status.
func (s RequestStatus) Valid() bool {
	for _, x := range RequestStatuses {
		if s == x {
			return true
		}
	}
	return false
}

// CanMoveTo reports whether the machine allows from → to.
func (s RequestStatus) CanMoveTo(to RequestStatus) bool {
	for _, x := range requestMoves[s] {
		if x == to {
			return true
		}
	}
	return false
}

// Moves returns the statuses reachable from s in one step.
func (s RequestStatus) Moves() []RequestStatus { return requestMoves[s] }

// Target is one host principal a request asks to meet; Preference 1 is
// the first choice.
type Target struct {
	PrincipalID int64 `json:"principal_id"`
	Preference  int   `json:"preference"`
}

// Offer is what the host proposes when it declines: another time, or a
// deputy instead of the principal asked for.
type Offer struct {
	Kind        string     `json:"kind"` // "time" or "deputy"
	Start       *time.Time `json:"start,omitempty"`
	PrincipalID int64      `json:"principal_id,omitempty"`
	Note        string     `json:"note,omitempty"`
}

// Request is a delegation's request for a bilateral meeting.
type Request struct {
	Record
	EventID int64 `json:"event_id"`
	// DelegationID is the requesting delegation.
	DelegationID  int64 `json:"delegation_id"`
	RequestedByID int64 `json:"requested_by_id,omitempty"`
	// Targets are the principals asked for, in order of preference.
	Targets []Target `json:"targets"`
	// Topics are codes of the topic vocabulary.
	Topics         []string   `json:"topics"`
	DurationMin    int        `json:"duration_min"`
	Priority       int        `json:"priority"` // 1 (low) to 5 (highest)
	Earliest       *time.Time `json:"earliest,omitempty"`
	Latest         *time.Time `json:"latest,omitempty"`
	Languages      []string   `json:"languages"`
	Interpretation bool       `json:"interpretation"`
	Notes          string     `json:"notes,omitempty"`
	// NotesRestricted keeps the notes to administrators and desk officers.
	NotesRestricted bool          `json:"notes_restricted,omitempty"`
	Status          RequestStatus `json:"status"`
	DeclineReason   string        `json:"decline_reason,omitempty"`
	Offer           *Offer        `json:"offer,omitempty"`
	Illustrative    bool          `json:"illustrative,omitempty"`
}

// Validate checks the request's own fields (references are checked by the
// store, which knows what exists).
func (r *Request) Validate() error {
	v := NewProblems("")
	r.validate(v)
	return v.Err("request")
}

func (r *Request) validate(v Problems) {
	v.Check(r.EventID > 0, "event_id", "is required")
	v.Check(r.DelegationID > 0, "delegation_id", "is required")
	v.Check(len(r.Targets) > 0, "targets", "must name at least one principal")
	seen := map[int64]bool{}
	for i, t := range r.Targets {
		tv := v.Index("targets", i)
		tv.Check(t.PrincipalID > 0, "principal_id", "is required")
		tv.Check(!seen[t.PrincipalID], "principal_id", "is listed twice")
		tv.Check(t.Preference >= 1, "preference", "must be 1 or more")
		seen[t.PrincipalID] = true
	}
	v.Check(len(r.Topics) > 0, "topics", "must name at least one topic")
	for i, t := range r.Topics {
		v.Check(topicCode.MatchString(t), indexField("topics", i), "must be a topic code such as cybercrime")
	}
	v.Check(r.DurationMin >= 5 && r.DurationMin <= 480, "duration_min", "must be between 5 and 480 minutes")
	v.Check(r.Priority >= 1 && r.Priority <= 5, "priority", "must be between 1 and 5")
	if r.Earliest != nil && r.Latest != nil {
		v.Check(r.Latest.After(*r.Earliest), "earliest", "is not before latest")
		v.Check(r.Latest.Sub(*r.Earliest) >= time.Duration(r.DurationMin)*time.Minute, "latest", "leaves less than duration_min after earliest")
	}
	v.Languages(r.Languages, "languages")
	v.notes(r.Notes, r.NotesRestricted)
	v.Check(r.Status.Valid(), "status", "is not a request status")
}

// SortTargets orders the targets by preference.
func (r *Request) SortTargets() {
	sort.SliceStable(r.Targets, func(i, j int) bool { return r.Targets[i].Preference < r.Targets[j].Preference })
}

// Transition asks to move a request to another status. Version is the
// version the caller read. Declining needs a Reason and may carry an
// Offer; scheduling needs Start and RoomID, and PrincipalID when the
// request names more than one principal.
type Transition struct {
	To          RequestStatus `json:"to"`
	Version     int           `json:"version"`
	Reason      string        `json:"reason,omitempty"`
	Offer       *Offer        `json:"offer,omitempty"`
	Start       *time.Time    `json:"start,omitempty"`
	RoomID      int64         `json:"room_id,omitempty"`
	PrincipalID int64         `json:"principal_id,omitempty"`
}

// Check validates the transition against a request in status from.
func (t *Transition) Check(r *Request) error {
	v := NewProblems("")
	switch {
	case !t.To.Valid():
		v.Add("to", "%q is not a request status", t.To)
	case !r.Status.CanMoveTo(t.To):
		return Errorf(ECONFLICT, "a request that is %s cannot become %s", r.Status, t.To)
	}
	v.Check(t.Version > 0, "version", "is required")
	switch t.To {
	case StatusDeclined:
		v.Required(t.Reason, "reason")
		if t.Offer != nil {
			t.Offer.validate(v.At("offer"))
		}
	case StatusScheduled:
		v.Check(t.Start != nil, "start", "is required to schedule")
		v.Check(t.RoomID > 0, "room_id", "is required to schedule")
		v.Check(t.PrincipalID > 0 || len(r.Targets) == 1, "principal_id", "is required when the request names several principals")
	}
	return v.Err("transition")
}

func (o *Offer) validate(v Problems) {
	switch o.Kind {
	case "time":
		v.Check(o.Start != nil, "start", "is required for an offer of another time")
	case "deputy":
		v.Check(o.PrincipalID > 0, "principal_id", "is required for an offer of a deputy")
	default:
		v.Add("kind", "must be time or deputy")
	}
}

// RequestFilter selects requests. Zero fields do not filter.
type RequestFilter struct {
	EventID      int64
	Status       RequestStatus
	DelegationID int64
	PrincipalID  int64
	Topic        string
	Priority     int
	Region       string // UN M49 continent code of the requesting partner
	Sort         string // "created" (default), "priority", "status"
	Page
}

// RequestService stores requests and moves them through their statuses.
type RequestService interface {
	CreateRequest(ctx context.Context, a Actor, r *Request) error
	Request(ctx context.Context, id int64) (*Request, error)
	ListRequests(ctx context.Context, f RequestFilter) ([]*Request, int, error)
	UpdateRequest(ctx context.Context, a Actor, r *Request) error
	// TransitionRequest moves the request and returns it as it now is;
	// scheduling creates its meeting.
	TransitionRequest(ctx context.Context, a Actor, id int64, t Transition) (*Request, error)
}
