package bilat

import (
	"context"
	"slices"
	"time"
)

// Event is an assembly or summit at which bilateral meetings take place.
type Event struct {
	Record
	Slug   string `json:"slug"`
	NameEN string `json:"name_en"`
	NameFR string `json:"name_fr,omitempty"`
	NameAR string `json:"name_ar,omitempty"`
	City   string `json:"city"`
	// CityFR and CityAR name the city in French and Arabic when it is
	// written otherwise (مراكش); the report and the press summary use them.
	CityFR string `json:"city_fr,omitempty"`
	CityAR string `json:"city_ar,omitempty"`
	// Country is the ISO alpha-2 code of the host country.
	Country string `json:"country"`
	// Timezone is the IANA zone in which the event's times are shown.
	Timezone string `json:"timezone"`
	FirstDay string `json:"first_day"` // YYYY-MM-DD
	LastDay  string `json:"last_day"`  // YYYY-MM-DD
	// HostPartnerID is the partner that hosts the desk (for example DGSN-DGST).
	HostPartnerID int64 `json:"host_partner_id,omitempty"`
	// DelegationsExpected is the number of delegations announced, which may
	// exceed the delegations recorded.
	DelegationsExpected int    `json:"delegations_expected,omitempty"`
	Notes               string `json:"notes,omitempty"`
	// NotesRestricted keeps the notes to administrators and desk officers.
	NotesRestricted bool `json:"notes_restricted,omitempty"`
}

// Location returns the event's time zone.
func (e *Event) Location() (*time.Location, error) {
	return time.LoadLocation(e.Timezone)
}

// Validate checks the event's fields.
func (e *Event) Validate() error {
	v := NewProblems("")
	e.validate(v)
	return v.Err("event")
}

func (e *Event) validate(v Problems) {
	v.Required(e.Slug, "slug")
	v.Check(e.Slug == "" || slugPattern.MatchString(e.Slug), "slug", "must be lower-case words joined by hyphens, such as interpol-ga-2025")
	v.MaxLen(e.Slug, "slug", 64)
	v.Required(e.NameEN, "name_en")
	v.Required(e.City, "city")
	v.Check(len(e.Country) == 2, "country", "must be an ISO alpha-2 code")
	if e.Timezone == "" {
		v.Add("timezone", "is required")
	} else if _, err := time.LoadLocation(e.Timezone); err != nil {
		v.Add("timezone", "%q is not an IANA time zone", e.Timezone)
	}
	v.Required(e.FirstDay, "first_day")
	v.Required(e.LastDay, "last_day")
	v.Date(e.FirstDay, "first_day")
	v.Date(e.LastDay, "last_day")
	if first, err1 := ParseDate(e.FirstDay); err1 == nil {
		if last, err2 := ParseDate(e.LastDay); err2 == nil {
			v.Check(!last.Before(first), "last_day", "is before first_day")
		}
	}
	v.Check(e.DelegationsExpected >= 0, "delegations_expected", "must not be negative")
	v.notes(e.Notes, e.NotesRestricted)
}

// EventFilter selects events.
type EventFilter struct {
	Query string
	Page
}

// EventService stores events. An event is found by id or by slug.
type EventService interface {
	CreateEvent(ctx context.Context, a Actor, e *Event) error
	Event(ctx context.Context, id int64) (*Event, error)
	EventBySlug(ctx context.Context, slug string) (*Event, error)
	ListEvents(ctx context.Context, f EventFilter) ([]*Event, int, error)
	UpdateEvent(ctx context.Context, a Actor, e *Event) error
}

// Venue is a building or site of an event.
type Venue struct {
	Record
	EventID int64  `json:"event_id"`
	Name    string `json:"name"`
	Address string `json:"address,omitempty"`
	// Travel gives the minutes needed to reach other venues of the event.
	Travel       []TravelTime `json:"travel"`
	Illustrative bool         `json:"illustrative,omitempty"`
}

// TravelTime is the time from one venue to another.
type TravelTime struct {
	VenueID int64 `json:"venue_id"`
	Minutes int   `json:"minutes"`
}

// Validate checks the venue's fields.
func (x *Venue) Validate() error {
	v := NewProblems("")
	v.Check(x.EventID > 0, "event_id", "is required")
	v.Required(x.Name, "name")
	seen := map[int64]bool{}
	for i, t := range x.Travel {
		tv := v.Index("travel", i)
		tv.Check(t.VenueID > 0, "venue_id", "is required")
		tv.Check(t.VenueID != x.ID || x.ID == 0, "venue_id", "is the venue itself")
		tv.Check(!seen[t.VenueID], "venue_id", "is listed twice")
		tv.Check(t.Minutes >= 0 && t.Minutes <= 24*60, "minutes", "must be between 0 and 1440")
		seen[t.VenueID] = true
	}
	return v.Err("venue")
}

// Room is a place where meetings are held.
type Room struct {
	Record
	EventID  int64  `json:"event_id"`
	VenueID  int64  `json:"venue_id"`
	Name     string `json:"name"`
	Capacity int    `json:"capacity"`
	// Features are such things as interpretation, secure, accessible, press.
	Features     []string `json:"features"`
	Illustrative bool     `json:"illustrative,omitempty"`
}

// Validate checks the room's fields.
func (x *Room) Validate() error {
	v := NewProblems("")
	v.Check(x.EventID > 0, "event_id", "is required")
	v.Check(x.VenueID > 0, "venue_id", "is required")
	v.Required(x.Name, "name")
	v.Check(x.Capacity > 0, "capacity", "must be at least 1")
	for i, f := range x.Features {
		v.Check(topicCode.MatchString(f), indexField("features", i), "must be a lower-case word such as interpretation")
	}
	return v.Err("room")
}

// SessionKind says what a programme session is.
type SessionKind string

// Programme session kinds.
const (
	SessionPlenary    SessionKind = "plenary"
	SessionCeremony   SessionKind = "ceremony"
	SessionSideEvent  SessionKind = "side_event"
	SessionReception  SessionKind = "reception"
	SessionEngagement SessionKind = "engagement" // a person's own other engagement
)

// SessionKinds lists every programme session kind.
var SessionKinds = []SessionKind{SessionPlenary, SessionCeremony, SessionSideEvent, SessionReception, SessionEngagement}

// ProgrammeSession is a block of the event's programme that its attendees
// cannot spend in bilateral meetings.
type ProgrammeSession struct {
	Record
	EventID int64       `json:"event_id"`
	Kind    SessionKind `json:"kind"`
	Title   string      `json:"title"`
	Start   time.Time   `json:"start"`
	End     time.Time   `json:"end"`
	VenueID int64       `json:"venue_id,omitempty"`
	// Attendees are the people who attend; empty means all delegations'
	// heads and the host's principals.
	Attendees    []int64 `json:"attendees"`
	Illustrative bool    `json:"illustrative,omitempty"`
}

// Validate checks the session's fields.
func (x *ProgrammeSession) Validate() error {
	v := NewProblems("")
	v.Check(x.EventID > 0, "event_id", "is required")
	v.Check(slices.Contains(SessionKinds, x.Kind), "kind", "must be plenary, ceremony, side_event, reception or engagement")
	v.Required(x.Title, "title")
	v.Check(!x.Start.IsZero(), "start", "is required")
	v.Check(!x.End.IsZero(), "end", "is required")
	v.Check(x.Start.IsZero() || x.End.IsZero() || x.End.After(x.Start), "end", "is not after start")
	return v.Err("programme session")
}

// Delegation is a partner's party at an event.
type Delegation struct {
	Record
	EventID   int64 `json:"event_id"`
	PartnerID int64 `json:"partner_id"`
	// HeadID is the person who leads the delegation.
	HeadID  int64   `json:"head_id,omitempty"`
	Members []int64 `json:"members"`
	// IsHost marks the host's own delegation.
	IsHost bool   `json:"is_host,omitempty"`
	Notes  string `json:"notes,omitempty"`
	// NotesRestricted keeps the notes to administrators and desk officers.
	NotesRestricted bool `json:"notes_restricted,omitempty"`
	Illustrative    bool `json:"illustrative,omitempty"`
}

// Validate checks the delegation's fields.
func (x *Delegation) Validate() error {
	v := NewProblems("")
	v.Check(x.EventID > 0, "event_id", "is required")
	v.Check(x.PartnerID > 0, "partner_id", "is required")
	seen := map[int64]bool{}
	for i, m := range x.Members {
		v.Check(m > 0, indexField("members", i), "must be a person id")
		v.Check(!seen[m], indexField("members", i), "is listed twice")
		seen[m] = true
	}
	v.notes(x.Notes, x.NotesRestricted)
	return v.Err("delegation")
}

// Principal is one of the host's people who receives bilateral meetings;
// a deputy names the principal they stand in for.
type Principal struct {
	Record
	EventID  int64 `json:"event_id"`
	PersonID int64 `json:"person_id"`
	// DeputyOf is the principal this one deputises for (0 for a principal).
	DeputyOf int64 `json:"deputy_of,omitempty"`
	// MaxMeetingsPerDay limits the principal's bilaterals (0: no limit).
	MaxMeetingsPerDay int `json:"max_meetings_per_day,omitempty"`
}

// Validate checks the principal's fields.
func (x *Principal) Validate() error {
	v := NewProblems("")
	v.Check(x.EventID > 0, "event_id", "is required")
	v.Check(x.PersonID > 0, "person_id", "is required")
	v.Check(x.DeputyOf == 0 || x.DeputyOf != x.ID, "deputy_of", "is the principal itself")
	v.Check(x.MaxMeetingsPerDay >= 0, "max_meetings_per_day", "must not be negative")
	return v.Err("principal")
}

// EventPart filters the records that belong to an event.
type EventPart struct {
	EventID int64
	Page
}

// DelegationFilter selects delegations.
type DelegationFilter struct {
	EventID   int64
	PartnerID int64
	Page
}

// VenueService, RoomService, SessionService, DelegationService and
// PrincipalService store the parts of an event.
type VenueService interface {
	CreateVenue(ctx context.Context, a Actor, x *Venue) error
	Venue(ctx context.Context, id int64) (*Venue, error)
	ListVenues(ctx context.Context, f EventPart) ([]*Venue, int, error)
	UpdateVenue(ctx context.Context, a Actor, x *Venue) error
}

// RoomService stores rooms.
type RoomService interface {
	CreateRoom(ctx context.Context, a Actor, x *Room) error
	Room(ctx context.Context, id int64) (*Room, error)
	ListRooms(ctx context.Context, f EventPart) ([]*Room, int, error)
	UpdateRoom(ctx context.Context, a Actor, x *Room) error
}

// SessionService stores programme sessions.
type SessionService interface {
	CreateSession(ctx context.Context, a Actor, x *ProgrammeSession) error
	Session(ctx context.Context, id int64) (*ProgrammeSession, error)
	ListSessions(ctx context.Context, f EventPart) ([]*ProgrammeSession, int, error)
	UpdateSession(ctx context.Context, a Actor, x *ProgrammeSession) error
}

// DelegationService stores delegations.
type DelegationService interface {
	CreateDelegation(ctx context.Context, a Actor, x *Delegation) error
	Delegation(ctx context.Context, id int64) (*Delegation, error)
	ListDelegations(ctx context.Context, f DelegationFilter) ([]*Delegation, int, error)
	UpdateDelegation(ctx context.Context, a Actor, x *Delegation) error
}

// PrincipalService stores the host's principals and deputies.
type PrincipalService interface {
	CreatePrincipal(ctx context.Context, a Actor, x *Principal) error
	Principal(ctx context.Context, id int64) (*Principal, error)
	ListPrincipals(ctx context.Context, f EventPart) ([]*Principal, int, error)
	UpdatePrincipal(ctx context.Context, a Actor, x *Principal) error
}
