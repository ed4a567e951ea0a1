package bilat

import (
	"context"
	"slices"
	"time"
)

// Meeting is a scheduled bilateral: the placed form of an accepted request,
// and afterwards the record of what happened.
type Meeting struct {
	Record
	EventID     int64     `json:"event_id"`
	RequestID   int64     `json:"request_id"`
	PrincipalID int64     `json:"principal_id"`
	Start       time.Time `json:"start"`
	End         time.Time `json:"end"`
	RoomID      int64     `json:"room_id"`
	// Status mirrors the request's status; it changes through the request.
	Status       RequestStatus `json:"status"`
	Participants []int64       `json:"participants"`
	Briefing     string        `json:"briefing,omitempty"`
	Outcome      string        `json:"outcome,omitempty"`
	Decisions    []string      `json:"decisions"`
	// OutcomeKind sums up what came of the meeting; empty until recorded.
	OutcomeKind OutcomeKind `json:"outcome_kind,omitempty"`
	// TopicsDiscussed are the topic codes actually discussed, which may
	// differ from those the request named.
	TopicsDiscussed []string `json:"topics_discussed"`
	// Pinned meetings are left alone by the scheduler.
	Pinned       bool `json:"pinned,omitempty"`
	Illustrative bool `json:"illustrative,omitempty"`
}

// Validate checks the meeting's own fields.
func (m *Meeting) Validate() error {
	v := NewProblems("")
	v.Check(m.EventID > 0, "event_id", "is required")
	v.Check(m.RequestID > 0, "request_id", "is required")
	v.Check(m.PrincipalID > 0, "principal_id", "is required")
	v.Check(m.RoomID > 0, "room_id", "is required")
	v.Check(!m.Start.IsZero(), "start", "is required")
	v.Check(m.End.After(m.Start), "end", "is not after start")
	v.MaxLen(m.Outcome, "outcome", 20000)
	for i, d := range m.Decisions {
		v.Required(d, indexField("decisions", i))
	}
	v.Check(m.OutcomeKind == "" || m.OutcomeKind.Valid(), "outcome_kind",
		"must be cooperation_agreed, follow_up_needed, no_further_action or did_not_take_place")
	for i, t := range m.TopicsDiscussed {
		v.Check(topicCode.MatchString(t), indexField("topics_discussed", i), "must be a topic code such as cybercrime")
		v.Check(!slices.Contains(m.TopicsDiscussed[:i], t), indexField("topics_discussed", i), "is listed twice")
	}
	return v.Err("meeting")
}

// OutcomeKind sums up what came of a meeting.
type OutcomeKind string

// Outcome kinds.
const (
	OutcomeCooperationAgreed OutcomeKind = "cooperation_agreed"
	OutcomeFollowUpNeeded    OutcomeKind = "follow_up_needed"
	OutcomeNoFurtherAction   OutcomeKind = "no_further_action"
	OutcomeDidNotTakePlace   OutcomeKind = "did_not_take_place"
)

// OutcomeKinds lists every outcome kind.
var OutcomeKinds = []OutcomeKind{OutcomeCooperationAgreed, OutcomeFollowUpNeeded, OutcomeNoFurtherAction, OutcomeDidNotTakePlace}

// Valid reports whether k is a known outcome kind.
func (k OutcomeKind) Valid() bool { return slices.Contains(OutcomeKinds, k) }

// MeetingFilter selects meetings.
type MeetingFilter struct {
	EventID      int64
	PrincipalID  int64
	RoomID       int64
	DelegationID int64
	Status       RequestStatus
	Day          string // YYYY-MM-DD in the event's time zone
	Page
}

// MeetingService stores meetings. Meetings are created by scheduling a
// request; updates move them (refused when the room or principal is
// already taken) or record what happened.
type MeetingService interface {
	Meeting(ctx context.Context, id int64) (*Meeting, error)
	ListMeetings(ctx context.Context, f MeetingFilter) ([]*Meeting, int, error)
	UpdateMeeting(ctx context.Context, a Actor, m *Meeting) error
}

// ActionStatus is where a follow-up action stands.
type ActionStatus string

// Action statuses.
const (
	ActionOpen      ActionStatus = "open"
	ActionDone      ActionStatus = "done"
	ActionCancelled ActionStatus = "cancelled"
)

// ActionStatuses lists every action status.
var ActionStatuses = []ActionStatus{ActionOpen, ActionDone, ActionCancelled}

// Action is a follow-up promised at a meeting.
type Action struct {
	Record
	MeetingID   int64  `json:"meeting_id"`
	Description string `json:"description"`
	OwnerID     int64  `json:"owner_id,omitempty"`
	OwnerName   string `json:"owner_name,omitempty"`
	// PartnerID is the partner the action concerns; it defaults to the
	// meeting's counterpart.
	PartnerID int64        `json:"partner_id,omitempty"`
	Due       string       `json:"due,omitempty"` // YYYY-MM-DD
	Status    ActionStatus `json:"status"`
}

// Validate checks the action's fields.
func (x *Action) Validate() error {
	v := NewProblems("")
	v.Check(x.MeetingID > 0, "meeting_id", "is required")
	v.Required(x.Description, "description")
	v.Check(x.OwnerID > 0 || x.OwnerName != "", "owner_id", "an owner (owner_id or owner_name) is required")
	v.MaxLen(x.Description, "description", 2000)
	v.MaxLen(x.OwnerName, "owner_name", 200)
	v.Date(x.Due, "due")
	v.Check(slices.Contains(ActionStatuses, x.Status), "status", "must be open, done or cancelled")
	return v.Err("action")
}

// ActionFilter selects actions. Dates are YYYY-MM-DD and inclusive.
type ActionFilter struct {
	EventID   int64
	MeetingID int64
	PartnerID int64
	OwnerID   int64
	// Owner matches, ignoring case, part of the owner's name: the free
	// text one or the owning person's.
	Owner   string
	Status  ActionStatus
	DueFrom string
	DueTo   string
	Page
}

// Overdue reports whether an open action's due date is before today
// (YYYY-MM-DD).
func (x *Action) Overdue(today string) bool {
	return x.Status == ActionOpen && x.Due != "" && x.Due < today
}

// ActionService stores follow-up actions.
type ActionService interface {
	CreateAction(ctx context.Context, a Actor, x *Action) error
	Action(ctx context.Context, id int64) (*Action, error)
	ListActions(ctx context.Context, f ActionFilter) ([]*Action, int, error)
	UpdateAction(ctx context.Context, a Actor, x *Action) error
}
