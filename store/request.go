package store

import (
	"context"
	"strings"
	"time"

	"bilat"
)

var topicList = childList{table: "request_topics", parent: "request_id", item: "topic_code"}

var requests = &table[bilat.Request]{
	entity: "request",
	name:   "requests",
	cols: []string{"event_id", "delegation_id", "requested_by_id", "duration_min", "priority", "earliest", "latest",
		"languages", "interpretation", "notes", "notes_restricted", "status", "decline_reason", "offer", "illustrative"},
	record: func(x *bilat.Request) *bilat.Record { return &x.Record },
	values: func(x *bilat.Request) []any {
		var offer any
		if x.Offer != nil {
			offer = jsonCol{x.Offer}
		}
		return []any{x.EventID, x.DelegationID, nullID(x.RequestedByID), x.DurationMin, x.Priority, nullTS(x.Earliest), nullTS(x.Latest),
			jsonCol{list(x.Languages)}, x.Interpretation, nullStr(x.Notes), x.NotesRestricted, x.Status, nullStr(x.DeclineReason), offer, x.Illustrative}
	},
	dests: func(x *bilat.Request) []any {
		return []any{&x.EventID, &x.DelegationID, idCol{&x.RequestedByID}, &x.DurationMin, &x.Priority, nullTSCol{&x.Earliest}, nullTSCol{&x.Latest},
			jsonCol{&x.Languages}, &x.Interpretation, strCol{&x.Notes}, &x.NotesRestricted, &x.Status, strCol{&x.DeclineReason}, jsonCol{&x.Offer}, &x.Illustrative}
	},
	load: loadRequestLists,
	save: saveRequestLists,
}

func loadRequestLists(ctx context.Context, c conn, xs []*bilat.Request) error {
	ids := idsOf(func(x *bilat.Request) *bilat.Record { return &x.Record }, xs)
	tops, err := loadLists[string](ctx, c, topicList, ids)
	if err != nil {
		return err
	}
	q := "SELECT request_id, principal_id, preference FROM request_targets WHERE request_id IN (" + placeholders(len(ids)) + ") ORDER BY request_id, position"
	rows, err := c.query(ctx, q, anys(ids)...)
	if err != nil {
		return err
	}
	defer rows.Close()
	targets := map[int64][]bilat.Target{}
	for rows.Next() {
		var id int64
		var t bilat.Target
		if err := rows.Scan(&id, &t.PrincipalID, &t.Preference); err != nil {
			return err
		}
		targets[id] = append(targets[id], t)
	}
	for _, x := range xs {
		x.Topics, x.Targets = list(tops[x.ID]), list(targets[x.ID])
	}
	return rows.Err()
}

func saveRequestLists(ctx context.Context, tx *Tx, x *bilat.Request) error {
	if err := saveList(ctx, tx, topicList, x.ID, x.Topics); err != nil {
		return err
	}
	if _, err := tx.exec(ctx, "DELETE FROM request_targets WHERE request_id = ?", x.ID); err != nil {
		return err
	}
	for i, t := range x.Targets {
		q := "INSERT INTO request_targets (request_id, principal_id, preference, position) VALUES (?, ?, ?, ?)"
		if _, err := tx.exec(ctx, q, x.ID, t.PrincipalID, t.Preference, i); err != nil {
			return err
		}
	}
	return nil
}

func normalizeRequest(x *bilat.Request) {
	x.Topics, x.Targets, x.Languages = list(x.Topics), list(x.Targets), list(x.Languages)
	x.SortTargets()
}

// checkRequest checks what the request refers to: its delegation and
// principals belong to the event, its topics are in the vocabulary, and
// its window lies within the event's days.
func checkRequest(ctx context.Context, c conn, x *bilat.Request) error {
	r := refs{ctx: ctx, c: c, v: bilat.NewProblems("")}
	r.need("event_id", "events", "event", x.EventID, 0)
	r.need("delegation_id", "delegations", "delegation", x.DelegationID, x.EventID)
	r.need("requested_by_id", "people", "person", x.RequestedByID, 0)
	for i, t := range x.Targets {
		r.need(indexed("targets", i, "principal_id"), "principals", "principal", t.PrincipalID, x.EventID)
	}
	r.topics("topics", x.Topics)
	return r.done("request")
}

// CreateRequest records a new request; it starts as requested unless an
// import or the desk says otherwise.
func (db *DB) CreateRequest(ctx context.Context, a bilat.Actor, x *bilat.Request) error {
	if x.Status == "" {
		x.Status = bilat.StatusRequested
	}
	normalizeRequest(x)
	v := bilat.NewProblems("")
	v.Check(x.Status == bilat.StatusRequested, "status", "a new request starts as requested; use a transition to change it")
	v.Check(!x.NotesRestricted || bilat.MayRestrictNotes(a), "notes_restricted", "only the desk may restrict notes")
	return db.inTx(ctx, a, func(tx *Tx) error {
		if err := merge(x.Validate(), v.Err("request"), checkRequest(ctx, tx.conn, x)); err != nil {
			return err
		}
		return requests.insert(ctx, tx, "create", x)
	})
}

// Request returns the request with id.
func (db *DB) Request(ctx context.Context, id int64) (*bilat.Request, error) {
	return requests.get(ctx, db.reader(), id)
}

var requestOrders = map[string]string{
	"":         "requests.created_at, requests.id",
	"created":  "requests.created_at, requests.id",
	"priority": "requests.priority DESC, requests.created_at, requests.id",
	"status":   "requests.status, requests.created_at, requests.id",
}

// ListRequests lists requests with filters.
func (db *DB) ListRequests(ctx context.Context, f bilat.RequestFilter) ([]*bilat.Request, int, error) {
	order, ok := requestOrders[f.Sort]
	if !ok {
		return nil, 0, &bilat.Error{Code: bilat.EINVALID, Message: "invalid filter", Problems: []bilat.Problem{{Field: "sort", Message: "must be created, priority or status"}}}
	}
	var w where
	if f.EventID != 0 {
		w.add("requests.event_id = ?", f.EventID)
	}
	if f.Status != "" {
		w.add("requests.status = ?", f.Status)
	}
	if f.DelegationID != 0 {
		w.add("requests.delegation_id = ?", f.DelegationID)
	}
	if f.Priority != 0 {
		w.add("requests.priority = ?", f.Priority)
	}
	if f.PrincipalID != 0 {
		w.add("EXISTS (SELECT 1 FROM request_targets t WHERE t.request_id = requests.id AND t.principal_id = ?)", f.PrincipalID)
	}
	if f.Topic != "" {
		w.add("EXISTS (SELECT 1 FROM request_topics t WHERE t.request_id = requests.id AND t.topic_code = ?)", f.Topic)
	}
	if f.Region != "" {
		w.add("EXISTS (SELECT 1 FROM delegations d JOIN partners p ON p.id = d.partner_id WHERE d.id = requests.delegation_id AND p.region = ?)", f.Region)
	}
	return requests.list(ctx, db.reader(), w, order, f.Page)
}

// UpdateRequest changes what was asked; the status changes only through
// TransitionRequest.
func (db *DB) UpdateRequest(ctx context.Context, a bilat.Actor, x *bilat.Request) error {
	normalizeRequest(x)
	return db.inTx(ctx, a, func(tx *Tx) error {
		cur, err := requests.get(ctx, tx.conn, x.ID)
		if err != nil {
			return err
		}
		v := bilat.NewProblems("")
		v.Check(cur.Status == x.Status, "status", "changes only through a transition (POST /requests/{id}/transitions)")
		v.Check(cur.EventID == x.EventID, "event_id", "cannot change")
		v.Check(x.NotesRestricted == cur.NotesRestricted || bilat.MayRestrictNotes(a), "notes_restricted", "only the desk may restrict notes")
		if err := merge(x.Validate(), v.Err("request"), checkRequest(ctx, tx.conn, x)); err != nil {
			return err
		}
		return requests.update(ctx, tx, "update", x)
	})
}

// TransitionRequest moves a request through its status machine. Scheduling
// creates the meeting (refused if the principal or the room is taken);
// cancelling, holding or no-show update the meeting's status with it.
func (db *DB) TransitionRequest(ctx context.Context, a bilat.Actor, id int64, t bilat.Transition) (*bilat.Request, error) {
	var out *bilat.Request
	err := db.inTx(ctx, a, func(tx *Tx) error {
		x, err := requests.get(ctx, tx.conn, id)
		if err != nil {
			return err
		}
		if err := t.Check(x); err != nil {
			return err
		}
		if x.Version != t.Version {
			return staleVersion("request", id, x.Version, t.Version)
		}
		if err := applyTransition(ctx, tx, x, t); err != nil {
			return err
		}
		out = x
		return nil
	})
	return out, err
}

func applyTransition(ctx context.Context, tx *Tx, x *bilat.Request, t bilat.Transition) error {
	before := *x
	x.Status = t.To
	switch t.To {
	case bilat.StatusDeclined:
		x.DeclineReason, x.Offer = strings.TrimSpace(t.Reason), t.Offer
		if err := checkOffer(ctx, tx.conn, x); err != nil {
			return err
		}
	case bilat.StatusScheduled:
		if err := scheduleMeeting(ctx, tx, x, t); err != nil {
			return err
		}
	}
	if err := writeStatus(ctx, tx, x); err != nil {
		return err
	}
	return audit(ctx, tx, "transition", "request", x.ID, &before, x)
}

func checkOffer(ctx context.Context, c conn, x *bilat.Request) error {
	if x.Offer == nil {
		return nil
	}
	r := refs{ctx: ctx, c: c, v: bilat.NewProblems("")}
	r.need("offer.principal_id", "principals", "principal", x.Offer.PrincipalID, x.EventID)
	return r.done("transition")
}

func writeStatus(ctx context.Context, tx *Tx, x *bilat.Request) error {
	var offer any
	if x.Offer != nil {
		offer = jsonCol{x.Offer}
	}
	res, err := tx.exec(ctx, "UPDATE requests SET status = ?, decline_reason = ?, offer = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
		x.Status, nullStr(x.DeclineReason), offer, ts(tx.now), x.ID, x.Version)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n != 1 {
		return staleVersion("request", x.ID, x.Version+1, x.Version)
	}
	x.Version++
	x.UpdatedAt = tx.now
	return nil
}

// scheduleMeeting creates the meeting of a request being scheduled.
func scheduleMeeting(ctx context.Context, tx *Tx, x *bilat.Request, t bilat.Transition) error {
	principal := t.PrincipalID
	if principal == 0 {
		principal = x.Targets[0].PrincipalID
	}
	m := &bilat.Meeting{EventID: x.EventID, RequestID: x.ID, PrincipalID: principal, RoomID: t.RoomID,
		Start: t.Start.UTC(), End: t.Start.UTC().Add(time.Duration(x.DurationMin) * time.Minute),
		Status: bilat.StatusScheduled, Participants: []int64{}, Decisions: []string{}, Illustrative: x.Illustrative}
	v := bilat.NewProblems("")
	v.Check(isTarget(x, principal) || isDeputyOfTarget(ctx, tx.conn, x, principal), "principal_id", "is not a principal this request asks for (or a deputy of one)")
	if err := v.Err("transition"); err != nil {
		return err
	}
	return insertMeeting(ctx, tx, "create", m)
}

func isTarget(x *bilat.Request, principal int64) bool {
	for _, t := range x.Targets {
		if t.PrincipalID == principal {
			return true
		}
	}
	return false
}

// isDeputyOfTarget allows a request to be met by a deputy of a principal
// it asked for: the usual "fits with the deputy" answer.
func isDeputyOfTarget(ctx context.Context, c conn, x *bilat.Request, principal int64) bool {
	var deputyOf int64
	if err := c.queryRow(ctx, "SELECT deputy_of FROM principals WHERE id = ? AND event_id = ?", principal, x.EventID).Scan(idCol{&deputyOf}); err != nil {
		return false
	}
	return deputyOf != 0 && isTarget(x, deputyOf)
}
