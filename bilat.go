// Package bilat is the domain of the bilateral-meetings desk: partners,
// people, events, meeting requests, meetings, agreements and the audit trail,
// with their validation rules and the service interfaces that store/
// implements and server/ and cmd/bilat consume.
//
// The package imports nothing of ours: storage, HTTP and formats live in
// packages named after them.
package bilat

import (
	"context"
	"encoding/json"
	"regexp"
	"time"
)

// Actor names who performs a change, and from where; both are recorded in
// the audit trail.
type Actor struct {
	Name    string
	UserID  int64
	Role    Role
	Address string // the caller's network address, for the audit trail
}

// LocalActor is the command line's actor: whoever runs bilat on the
// database's machine.
var LocalActor = Actor{Name: "local", Role: RoleAdmin}

// Page limits a list: Offset rows are skipped, at most Limit are returned.
type Page struct {
	Offset int `json:"offset"`
	Limit  int `json:"limit"`
}

// DefaultLimit and MaxLimit bound list pages.
const (
	DefaultLimit = 50
	MaxLimit     = 1000
)

// Normalize returns the page with defaults applied and bounds enforced.
func (p Page) Normalize() Page {
	if p.Offset < 0 {
		p.Offset = 0
	}
	if p.Limit <= 0 {
		p.Limit = DefaultLimit
	}
	if p.Limit > MaxLimit {
		p.Limit = MaxLimit
	}
	return p
}

// Record holds the fields every mutable record carries.
type Record struct {
	ID int64 `json:"id"`
	// Version increases by one on every change; an update must name the
	// version it read, and a stale one is refused with a conflict.
	Version   int       `json:"version,omitzero"`
	CreatedAt time.Time `json:"created_at,omitzero"`
	UpdatedAt time.Time `json:"updated_at,omitzero"`
}

// AuditEntry is one append-only line of the audit trail.
type AuditEntry struct {
	ID       int64           `json:"id"`
	At       time.Time       `json:"at"`
	Actor    string          `json:"actor"`
	Action   string          `json:"action"` // create, update, transition, import
	Entity   string          `json:"entity"`
	EntityID int64           `json:"entity_id"`
	Before   json.RawMessage `json:"before,omitempty"`
	After    json.RawMessage `json:"after,omitempty"`
	// Address is where the change came from: the caller's network address,
	// or "local" for the command line on the database's machine.
	Address string `json:"address"`
	// Hash chains the entry to the one before it (PrevHash): SHA-256 over
	// PrevHash and the entry's fields. Entries written before the chain
	// existed have neither.
	PrevHash string `json:"prev_hash,omitempty"`
	Hash     string `json:"hash,omitempty"`
}

// AuditFilter selects audit entries.
type AuditFilter struct {
	Entity   string
	EntityID int64
	Actor    string
	Action   string
	Address  string
	// From and To bound the entries' time: From included, To excluded;
	// zero means unbounded.
	From, To time.Time
	Page
}

// AuditService reads the audit trail; entries are written by the other
// services in the transaction of the change they record.
type AuditService interface {
	ListAudit(ctx context.Context, f AuditFilter) ([]*AuditEntry, int, error)
	// VerifyAudit walks the hash chain from the oldest entry and reports
	// the first broken link; a broken chain is a result, not an error.
	VerifyAudit(ctx context.Context) (*AuditCheck, error)
}

// AuditCheck is what walking the audit trail's hash chain found.
type AuditCheck struct {
	Entries   int // entries read
	Unchained int // entries written before the chain began, without a hash
	Head      string
	Broken    *AuditBreak // nil when the chain is whole
}

// AuditBreak is the first broken link of the audit chain.
type AuditBreak struct {
	ID     int64  // the entry where the chain breaks
	Kind   string // one of the AuditBreak kinds below
	Detail string // what differs, for a person
}

// The kinds of broken link.
const (
	// AuditEdited: the entry's fields no longer give its hash.
	AuditEdited = "edited"
	// AuditDeleted: the entry links to a hash that no entry has.
	AuditDeleted = "deleted"
	// AuditReordered: the entry links to an entry that is not just before it.
	AuditReordered = "reordered"
	// AuditTruncated: the newest entries named by the chain's head are gone.
	AuditTruncated = "truncated"
)

var (
	slugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	codePattern = regexp.MustCompile(`^[A-Z0-9]+([-_][A-Z0-9]+)*$`)
	langPattern = regexp.MustCompile(`^[a-z]{2,3}$`)
)

// DateLayout is the layout of calendar days (event dates, due dates).
const DateLayout = "2006-01-02"
