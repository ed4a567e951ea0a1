package bilat

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Error codes. Each maps to one HTTP status and one CLI exit behaviour.
const (
	EINVALID   = "invalid"
	ENOTFOUND  = "not_found"
	ECONFLICT  = "conflict"
	EFORBIDDEN = "forbidden"
	EINTERNAL  = "internal"
	// EUNAUTHORIZED: who is calling is unknown (no login, a wrong password,
	// an expired or revoked token).
	EUNAUTHORIZED = "unauthorized"
)

// Problem is one thing wrong with an input, named by its field path
// (for example "requests[3].earliest").
type Problem struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

func (p Problem) String() string {
	if p.Field == "" {
		return p.Message
	}
	return p.Field + ": " + p.Message
}

// Error is the one error type of the domain. Code is one of the E* codes;
// Message is for a person; Problems lists every invalid field at once.
type Error struct {
	Code     string    `json:"code"`
	Message  string    `json:"message"`
	Problems []Problem `json:"problems,omitempty"`
}

func (e *Error) Error() string {
	if len(e.Problems) == 0 {
		return e.Message
	}
	parts := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		parts[i] = p.String()
	}
	return e.Message + ": " + strings.Join(parts, "; ")
}

// Errorf returns an *Error with the given code and formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of err, EINTERNAL for errors not of our type,
// and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the message of err meant for a person; internal
// errors are not described beyond "internal error".
func ErrorMessage(err error) string {
	var e *Error
	if err == nil {
		return ""
	} else if errors.As(err, &e) {
		return e.Message
	}
	return "internal error"
}

// ErrorProblems returns the field problems carried by err, if any.
func ErrorProblems(err error) []Problem {
	var e *Error
	if errors.As(err, &e) {
		return e.Problems
	}
	return nil
}

// Problems collects validation problems under a field-path prefix.
type Problems struct {
	prefix string
	list   *[]Problem
}

// NewProblems returns an empty collector whose fields are prefixed by prefix
// (which may be empty).
func NewProblems(prefix string) Problems {
	return Problems{prefix: prefix, list: new([]Problem)}
}

// At returns a collector for a nested field, sharing the same list.
func (p Problems) At(field string) Problems {
	return Problems{prefix: p.path(field), list: p.list}
}

// Index returns a collector for element i of a list field.
func (p Problems) Index(field string, i int) Problems {
	return Problems{prefix: p.path(fmt.Sprintf("%s[%d]", field, i)), list: p.list}
}

func (p Problems) path(field string) string {
	switch {
	case p.prefix == "":
		return field
	case field == "":
		return p.prefix
	}
	return p.prefix + "." + field
}

// Add records a problem with field.
func (p Problems) Add(field, format string, args ...any) {
	*p.list = append(*p.list, Problem{Field: p.path(field), Message: fmt.Sprintf(format, args...)})
}

// Check records a problem with field when ok is false.
func (p Problems) Check(ok bool, field, format string, args ...any) {
	if !ok {
		p.Add(field, format, args...)
	}
}

// Required records a problem when s is blank.
func (p Problems) Required(s, field string) {
	p.Check(strings.TrimSpace(s) != "", field, "is required")
}

// MaxLen records a problem when s has more than n characters.
func (p Problems) MaxLen(s, field string, n int) {
	p.Check(len([]rune(s)) <= n, field, "is longer than %d characters", n)
}

// Date records a problem when s is neither empty nor a YYYY-MM-DD day.
func (p Problems) Date(s, field string) {
	if s == "" {
		return
	}
	_, err := ParseDate(s)
	p.Check(err == nil, field, "must be a date written YYYY-MM-DD")
}

// Languages records a problem for each code that is not an ISO 639 code.
func (p Problems) Languages(codes []string, field string) {
	for i, c := range codes {
		p.Check(langPattern.MatchString(c), fmt.Sprintf("%s[%d]", field, i), "must be an ISO 639 language code such as \"fr\"")
	}
}

// Len returns how many problems have been recorded.
func (p Problems) Len() int { return len(*p.list) }

// List returns the problems recorded so far.
func (p Problems) List() []Problem { return *p.list }

// Err returns nil when no problem was recorded, or an EINVALID *Error
// listing all of them.
func (p Problems) Err(what string) error {
	if len(*p.list) == 0 {
		return nil
	}
	return &Error{Code: EINVALID, Message: "invalid " + what, Problems: append([]Problem(nil), *p.list...)}
}

// ParseDate parses a YYYY-MM-DD day.
func ParseDate(s string) (time.Time, error) {
	return time.Parse(DateLayout, s)
}
