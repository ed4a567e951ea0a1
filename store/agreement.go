package store

import (
	"context"

	"bilat"
)

var agreements = &table[bilat.Agreement]{
	entity: "agreement",
	name:   "agreements",
	cols: []string{"kind", "title", "topics", "scope", "status", "signed_on", "in_force_on", "expires_on", "next_review_on",
		"place", "event_id", "meeting_id", "notes"},
	record: func(x *bilat.Agreement) *bilat.Record { return &x.Record },
	values: func(x *bilat.Agreement) []any {
		return []any{x.Kind, x.Title, jsonCol{list(x.Topics)}, nullStr(x.Scope), x.Status, nullStr(x.SignedOn), nullStr(x.InForceOn),
			nullStr(x.ExpiresOn), nullStr(x.NextReviewOn), nullStr(x.Place), nullID(x.EventID), nullID(x.MeetingID), nullStr(x.Notes)}
	},
	dests: func(x *bilat.Agreement) []any {
		return []any{&x.Kind, &x.Title, jsonCol{&x.Topics}, strCol{&x.Scope}, &x.Status, strCol{&x.SignedOn}, strCol{&x.InForceOn},
			strCol{&x.ExpiresOn}, strCol{&x.NextReviewOn}, strCol{&x.Place}, idCol{&x.EventID}, idCol{&x.MeetingID}, strCol{&x.Notes}}
	},
}

func init() {
	l := childList{table: "agreement_parties", parent: "agreement_id", item: "partner_id"}
	agreements.load, agreements.save = idList(l, func() *table[bilat.Agreement] { return agreements },
		func(x *bilat.Agreement) *[]int64 { return &x.Parties })
}

func checkAgreement(ctx context.Context, c conn, x *bilat.Agreement) error {
	r := refs{ctx: ctx, c: c, v: bilat.NewProblems("")}
	r.need("event_id", "events", "event", x.EventID, 0)
	r.need("meeting_id", "meetings", "meeting", x.MeetingID, x.EventID)
	for i, p := range x.Parties {
		r.need(indexField("parties", i), "partners", "partner", p, 0)
	}
	r.topics("topics", x.Topics)
	return r.done("agreement")
}

func normalizeAgreement(x *bilat.Agreement) {
	x.Parties, x.Topics = list(x.Parties), list(x.Topics)
	if x.Status == "" {
		x.Status = bilat.AgreementDraft
	}
}

// CreateAgreement adds an agreement to the registry, in any status: an
// agreement signed before bilat was used is registered as it stands.
func (db *DB) CreateAgreement(ctx context.Context, a bilat.Actor, x *bilat.Agreement) error {
	normalizeAgreement(x)
	return create(ctx, db, a, agreements, x, x.Validate, checkAgreement)
}

// Agreement returns the agreement with id.
func (db *DB) Agreement(ctx context.Context, id int64) (*bilat.Agreement, error) {
	return agreements.get(ctx, db.reader(), id)
}

// ListAgreements lists agreements, latest signed first.
func (db *DB) ListAgreements(ctx context.Context, f bilat.AgreementFilter) ([]*bilat.Agreement, int, error) {
	var w where
	if f.EventID != 0 {
		w.add("agreements.event_id = ?", f.EventID)
	}
	if f.PartnerID != 0 {
		w.add("EXISTS (SELECT 1 FROM agreement_parties p WHERE p.agreement_id = agreements.id AND p.partner_id = ?)", f.PartnerID)
	}
	if f.Status != "" {
		w.add("agreements.status = ?", f.Status)
	}
	if f.Kind != "" {
		w.add("agreements.kind = ?", f.Kind)
	}
	// Dates are stored as YYYY-MM-DD text, which sorts as the days do.
	if f.ExpiresFrom != "" {
		w.add("agreements.expires_on >= ?", f.ExpiresFrom)
	}
	if f.ExpiresTo != "" {
		w.add("agreements.expires_on <= ?", f.ExpiresTo)
	}
	if f.ReviewBy != "" {
		w.add("agreements.next_review_on <= ?", f.ReviewBy)
	}
	return agreements.list(ctx, db.reader(), w, "agreements.signed_on DESC, agreements.id", f.Page)
}

// UpdateAgreement changes an agreement's details; its status changes only
// through TransitionAgreement.
func (db *DB) UpdateAgreement(ctx context.Context, a bilat.Actor, x *bilat.Agreement) error {
	normalizeAgreement(x)
	return db.inTx(ctx, a, func(tx *Tx) error {
		cur, err := agreements.get(ctx, tx.conn, x.ID)
		if err != nil {
			return err
		}
		if cur.Status != x.Status {
			return &bilat.Error{Code: bilat.EINVALID, Message: "invalid agreement", Problems: []bilat.Problem{{Field: "status", Message: "changes only through a transition"}}}
		}
		if err := merge(x.Validate(), checkAgreement(ctx, tx.conn, x)); err != nil {
			return err
		}
		return agreements.update(ctx, tx, "update", x)
	})
}

// TransitionAgreement moves an agreement through its life.
func (db *DB) TransitionAgreement(ctx context.Context, a bilat.Actor, id int64, t bilat.AgreementTransition) (*bilat.Agreement, error) {
	var out *bilat.Agreement
	err := db.inTx(ctx, a, func(tx *Tx) error {
		x, err := agreements.get(ctx, tx.conn, id)
		if err != nil {
			return err
		}
		if !x.Status.CanMoveTo(t.To) {
			return bilat.Errorf(bilat.ECONFLICT, "an agreement that is %s cannot become %s", x.Status, t.To)
		}
		if x.Version != t.Version {
			return staleVersion("agreement", id, x.Version, t.Version)
		}
		x.Status = t.To
		x.SignedOn = firstNonEmpty(t.SignedOn, x.SignedOn)
		x.InForceOn = firstNonEmpty(t.InForceOn, x.InForceOn)
		x.ExpiresOn = firstNonEmpty(t.ExpiresOn, x.ExpiresOn)
		if err := x.Validate(); err != nil {
			return err
		}
		out = x
		return agreements.update(ctx, tx, "transition", x)
	})
	return out, err
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
