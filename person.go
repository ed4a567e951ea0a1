package bilat

import (
	"context"
	"fmt"
	"net/mail"
	"strings"
)

// Person is someone who meets or is met: a head of delegation, a host
// principal, a deputy, an interpreter.
type Person struct {
	Record
	PartnerID int64    `json:"partner_id"`
	Name      string   `json:"name"`
	Title     string   `json:"title,omitempty"`
	Languages []string `json:"languages"`
	Email     string   `json:"email,omitempty"`
	Phone     string   `json:"phone,omitempty"`
	// Aliases are other spellings and transliterations of the name.
	Aliases []string `json:"aliases"`
	Notes   string   `json:"notes,omitempty"`
	// NotesRestricted keeps the notes to administrators and desk officers.
	NotesRestricted bool `json:"notes_restricted,omitempty"`
}

// Validate checks the person's fields.
func (p *Person) Validate() error {
	v := NewProblems("")
	p.validate(v)
	return v.Err("person")
}

func (p *Person) validate(v Problems) {
	v.Check(p.PartnerID > 0, "partner_id", "is required")
	v.Required(p.Name, "name")
	v.MaxLen(p.Name, "name", 200)
	v.MaxLen(p.Title, "title", 200)
	v.Languages(p.Languages, "languages")
	if p.Email != "" {
		_, err := mail.ParseAddress(p.Email)
		v.Check(err == nil, "email", "is not an e-mail address")
	}
	for i, a := range p.Aliases {
		v.Check(strings.TrimSpace(a) != "", indexField("aliases", i), "must not be blank")
	}
	v.notes(p.Notes, p.NotesRestricted)
}

func indexField(field string, i int) string { return fmt.Sprintf("%s[%d]", field, i) }

// PersonFilter selects people.
type PersonFilter struct {
	PartnerID int64
	Query     string
	Page
}

// PersonService stores people.
type PersonService interface {
	CreatePerson(ctx context.Context, a Actor, p *Person) error
	Person(ctx context.Context, id int64) (*Person, error)
	ListPeople(ctx context.Context, f PersonFilter) ([]*Person, int, error)
	UpdatePerson(ctx context.Context, a Actor, p *Person) error
}
