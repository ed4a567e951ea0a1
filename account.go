package bilat

import (
	"context"
	"regexp"
	"time"
)

// Role is what a user may do; each route of the server names the roles
// it admits.
type Role string

// The roles.
const (
	// RoleAdmin manages accounts and may do everything.
	RoleAdmin Role = "administrator"
	// RoleDesk does all the event work: requests, programme, set-up.
	RoleDesk Role = "desk_officer"
	// RolePrincipal sees their own programme and briefings.
	RolePrincipal Role = "principal"
	// RoleViewer sees reports and figures only.
	RoleViewer Role = "viewer"
	// RoleLiaison is a visiting delegation's liaison: external, and limited
	// to one delegation of one event through the portal.
	RoleLiaison Role = "liaison"
)

// Roles lists every role.
var Roles = []Role{RoleAdmin, RoleDesk, RolePrincipal, RoleViewer, RoleLiaison}

// Staff reports whether the role is the host's own desk (administrators
// and desk officers), who see restricted notes and every delegation.
func (r Role) Staff() bool { return r == RoleAdmin || r == RoleDesk }

// User is an account.
type User struct {
	Record
	Username string `json:"username"`
	Role     Role   `json:"role"`
	// PersonID links a principal's account to their person.
	PersonID int64 `json:"person_id,omitempty"`
	// EventID and DelegationID bind a liaison to one delegation of one event.
	EventID      int64 `json:"event_id,omitempty"`
	DelegationID int64 `json:"delegation_id,omitempty"`
	Disabled     bool  `json:"disabled,omitempty"`
	// MustChangePassword is set on a one-time password (a new account or an
	// administrator's reset) until the user chooses their own.
	MustChangePassword bool       `json:"must_change_password,omitempty"`
	TOTPEnabled        bool       `json:"totp_enabled,omitempty"`
	LastLogin          *time.Time `json:"last_login,omitempty"`
	// SessionEpoch rises with every new password: a web session begun under
	// an older one is no longer honoured.
	SessionEpoch int `json:"-"`
	// LockedUntil is set while too many wrong passwords keep the account
	// locked (read only: a reset unlocks it).
	LockedUntil *time.Time `json:"locked_until,omitempty"`
}

var usernamePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9._@-]{1,63}$`)

// Validate checks a user's fields.
func (u *User) Validate() error {
	v := NewProblems("")
	v.Required(u.Username, "username")
	v.Check(u.Username == "" || usernamePattern.MatchString(u.Username), "username",
		"must be 2 to 64 lower-case letters, digits, dots, dashes, @ or underscores")
	known := false
	for _, r := range Roles {
		known = known || u.Role == r
	}
	v.Check(known, "role", "must be administrator, desk_officer, principal, viewer or liaison")
	if u.Role == RolePrincipal {
		v.Check(u.PersonID > 0, "person_id", "is required for a principal")
	}
	if u.Role == RoleLiaison {
		v.Check(u.EventID > 0, "event_id", "is required for a liaison")
		v.Check(u.DelegationID > 0, "delegation_id", "is required for a liaison")
	} else {
		v.Check(u.DelegationID == 0, "delegation_id", "is only for a liaison")
	}
	return v.Err("user")
}

// MinPasswordLength is the shortest password accepted.
const MinPasswordLength = 12

// ValidatePassword checks a password a person chose.
func ValidatePassword(password string) error {
	v := NewProblems("")
	v.Check(len([]rune(password)) >= MinPasswordLength, "password", "must be at least 12 characters")
	v.Check(len(password) <= 256, "password", "must be at most 256 bytes")
	return v.Err("password")
}

// UserFilter selects users.
type UserFilter struct {
	Role         Role
	DelegationID int64
	Page
}

// Login is what a person presents to sign in.
type Login struct {
	Username string
	Password string
	Code     string // the TOTP code, when the account has a second factor
	Address  string // where the attempt came from, for the audit trail
}

// Lockout: after MaxFailedLogins wrong passwords in a row an account is
// locked for LockoutPeriod.
const (
	MaxFailedLogins = 5
	LockoutPeriod   = 15 * time.Minute
)

// UserService stores accounts and checks logins. Passwords are stored as
// argon2id hashes and never leave it; TOTP secrets are kept readable,
// since checking a code needs them.
type UserService interface {
	// CreateUser creates an account with a password (hashed before it is
	// stored); mustChange marks a one-time password.
	CreateUser(ctx context.Context, a Actor, u *User, password string, mustChange bool) error
	User(ctx context.Context, id int64) (*User, error)
	UserByName(ctx context.Context, username string) (*User, error)
	ListUsers(ctx context.Context, f UserFilter) ([]*User, int, error)
	// UpdateUser changes the role, bindings and disabled flag.
	UpdateUser(ctx context.Context, a Actor, u *User) error
	// SetPassword replaces a password; mustChange marks a one-time one.
	SetPassword(ctx context.Context, a Actor, id int64, password string, mustChange bool) error
	// Authenticate checks a login, counts failures and locks the account
	// after MaxFailedLogins; a refusal is EUNAUTHORIZED (or EFORBIDDEN when
	// locked or disabled) with a message a person can act on.
	Authenticate(ctx context.Context, l Login) (*User, error)
	// SetTOTP stores (or, with "", removes) an account's TOTP secret.
	SetTOTP(ctx context.Context, a Actor, id int64, secret string) error
}

// TokenScope is what an API token may do.
type TokenScope string

// The scopes: read calls GET routes only; write calls every route the
// user's role admits.
const (
	ScopeRead  TokenScope = "read"
	ScopeWrite TokenScope = "write"
)

// Token is an API token; the secret itself is shown once and stored hashed.
type Token struct {
	ID        int64      `json:"id"`
	UserID    int64      `json:"user_id"`
	Name      string     `json:"name"`
	Scope     TokenScope `json:"scope"`
	ExpiresAt *time.Time `json:"expires_at,omitempty"`
	RevokedAt *time.Time `json:"revoked_at,omitempty"`
	LastUsed  *time.Time `json:"last_used,omitempty"`
	CreatedAt time.Time  `json:"created_at"`
}

// TokenService issues and checks API tokens.
type TokenService interface {
	// CreateToken issues a token and returns its secret, shown only now.
	CreateToken(ctx context.Context, a Actor, t *Token) (secret string, err error)
	// TokenUser returns the user and token a secret belongs to; a wrong,
	// expired or revoked secret is EUNAUTHORIZED.
	TokenUser(ctx context.Context, secret string) (*User, *Token, error)
	ListTokens(ctx context.Context, userID int64) ([]*Token, error)
	RevokeToken(ctx context.Context, a Actor, id int64) error
}

// Invitation lets a delegation's liaison create their account: a link
// carrying a single-use secret that expires.
type Invitation struct {
	ID           int64      `json:"id"`
	EventID      int64      `json:"event_id"`
	DelegationID int64      `json:"delegation_id"`
	Note         string     `json:"note,omitempty"` // to whom it was sent
	ExpiresAt    time.Time  `json:"expires_at"`
	UsedAt       *time.Time `json:"used_at,omitempty"`
	UserID       int64      `json:"user_id,omitempty"`
	CreatedAt    time.Time  `json:"created_at"`
}

// InvitationService invites liaisons.
type InvitationService interface {
	// CreateInvitation issues an invitation and returns its secret.
	CreateInvitation(ctx context.Context, a Actor, inv *Invitation) (secret string, err error)
	// Invitation returns the invitation a secret opens, refusing a used or
	// expired one (EUNAUTHORIZED, saying which).
	Invitation(ctx context.Context, secret string) (*Invitation, error)
	// AcceptInvitation creates the liaison's account and uses the
	// invitation up, all or nothing.
	AcceptInvitation(ctx context.Context, secret, username, password, address string) (*User, error)
	ListInvitations(ctx context.Context, delegationID int64) ([]*Invitation, error)
}
