package store

import (
	"context"

	"bilat"
)

var people = &table[bilat.Person]{
	entity: "person",
	name:   "people",
	cols:   []string{"partner_id", "name", "title", "languages", "email", "phone", "aliases", "notes", "notes_restricted"},
	record: func(p *bilat.Person) *bilat.Record { return &p.Record },
	values: func(p *bilat.Person) []any {
		return []any{p.PartnerID, p.Name, nullStr(p.Title), jsonCol{list(p.Languages)}, nullStr(p.Email), nullStr(p.Phone), jsonCol{list(p.Aliases)}, nullStr(p.Notes), p.NotesRestricted}
	},
	dests: func(p *bilat.Person) []any {
		return []any{&p.PartnerID, &p.Name, strCol{&p.Title}, jsonCol{&p.Languages}, strCol{&p.Email}, strCol{&p.Phone}, jsonCol{&p.Aliases}, strCol{&p.Notes}, &p.NotesRestricted}
	},
}

func normalizePerson(p *bilat.Person) {
	p.Languages, p.Aliases = list(p.Languages), list(p.Aliases)
}

// CreatePerson creates a person.
func (db *DB) CreatePerson(ctx context.Context, a bilat.Actor, p *bilat.Person) error {
	normalizePerson(p)
	return create(ctx, db, a, people, p, p.Validate, checkPerson)
}

func checkPerson(ctx context.Context, c conn, p *bilat.Person) error {
	r := refs{ctx: ctx, c: c, v: bilat.NewProblems("")}
	r.need("partner_id", "partners", "partner", p.PartnerID, 0)
	return r.done("person")
}

// Person returns the person with id.
func (db *DB) Person(ctx context.Context, id int64) (*bilat.Person, error) {
	return people.get(ctx, db.reader(), id)
}

// ListPeople lists people by name. Its query never matches notes, which
// may be restricted to the desk.
func (db *DB) ListPeople(ctx context.Context, f bilat.PersonFilter) ([]*bilat.Person, int, error) {
	var w where
	if f.PartnerID != 0 {
		w.add("partner_id = ?", f.PartnerID)
	}
	if f.Query != "" {
		like := contains(f.Query)
		w.add("(lower(name) LIKE ?"+likeEscape+" OR lower(aliases) LIKE ?"+likeEscape+")", like, like)
	}
	return people.list(ctx, db.reader(), w, "name, id", f.Page)
}

// UpdatePerson changes a person.
func (db *DB) UpdatePerson(ctx context.Context, a bilat.Actor, p *bilat.Person) error {
	normalizePerson(p)
	return db.inTx(ctx, a, func(tx *Tx) error {
		if err := merge(p.Validate(), checkPerson(ctx, tx.conn, p)); err != nil {
			return err
		}
		return people.update(ctx, tx, "update", p)
	})
}
