package store

import (
	"context"
	"fmt"

	"bilat"
)

// importer writes a checked document in one transaction, mapping local
// numbers to the new database ids as it goes.
type importer struct {
	ctx context.Context
	tx  *Tx
	doc *bilat.EventExport
	ids map[string]map[int64]int64 // kind → local number → database id
}

func (im *importer) set(kind string, local, id int64) {
	if im.ids[kind] == nil {
		im.ids[kind] = map[int64]int64{}
	}
	im.ids[kind][local] = id
}

// id returns the database id of a local number (0 stays 0).
func (im *importer) id(kind string, local int64) int64 { return im.ids[kind][local] }

func (im *importer) all(kind string, locals []int64) []int64 {
	out := make([]int64, len(locals))
	for i, l := range locals {
		out[i] = im.id(kind, l)
	}
	return out
}

func (im *importer) run() error {
	steps := []func() error{im.partners, im.topics, im.people, im.event, im.venues, im.rooms, im.sessions,
		im.delegations, im.principals, im.requests, im.meetings, im.actions, im.agreements}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// partners reuses partners by code; organisations missing here are created.
func (im *importer) partners() error {
	for i, p := range im.doc.Partners {
		path := indexField("partners", i)
		var id int64
		err := im.tx.queryRow(im.ctx, "SELECT id FROM partners WHERE code = ?", p.Code).Scan(&id)
		if err == nil {
			im.set("partners", p.ID, id)
			continue
		}
		if p.Kind.IsGeographic() {
			return invalidAt(path+".code", "%q is not an ISO 3166-1 code known here", p.Code)
		}
		local := p.ID
		p.Record, p.Aliases = bilat.Record{}, list(p.Aliases)
		if err := checkSeat(im.ctx, im.tx.conn, p); err != nil {
			return nested(path, err)
		}
		if err := partners.insert(im.ctx, im.tx, "import", p); err != nil {
			return nested(path, err)
		}
		im.set("partners", local, p.ID)
	}
	return nil
}

func invalidAt(field, format string, args ...any) error {
	return &bilat.Error{Code: bilat.EINVALID, Message: "invalid import", Problems: []bilat.Problem{{Field: field, Message: fmt.Sprintf(format, args...)}}}
}

// topics adds the topics the document uses that this vocabulary lacks.
func (im *importer) topics() error {
	for i, t := range im.doc.Topics {
		var n int
		if err := im.tx.queryRow(im.ctx, "SELECT count(*) FROM topics WHERE code = ?", t.Code).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			continue
		}
		t.Record = bilat.Record{}
		if err := topics.insert(im.ctx, im.tx, "import", t); err != nil {
			return nested(indexField("topics", i), err)
		}
	}
	return nil
}

// people reuses a person of the same partner and name, else creates one.
func (im *importer) people() error {
	for i, p := range im.doc.People {
		local := p.ID
		p.PartnerID = im.id("partners", p.PartnerID)
		var id int64
		err := im.tx.queryRow(im.ctx, "SELECT id FROM people WHERE partner_id = ? AND name = ? ORDER BY id LIMIT 1", p.PartnerID, p.Name).Scan(&id)
		if err == nil {
			im.set("people", local, id)
			continue
		}
		p.Record = bilat.Record{}
		normalizePerson(p)
		if err := people.insert(im.ctx, im.tx, "import", p); err != nil {
			return nested(indexField("people", i), err)
		}
		im.set("people", local, p.ID)
	}
	return nil
}

func (im *importer) event() error {
	e := im.doc.Event
	e.Record, e.HostPartnerID = bilat.Record{}, im.id("partners", e.HostPartnerID)
	return nested("event", createEvent(im.ctx, im.tx, "import", e))
}

// venues are created first without travel times, which refer to venues.
func (im *importer) venues() error {
	for i, x := range im.doc.Venues {
		local, travel := x.ID, x.Travel
		x.Record, x.EventID, x.Travel = bilat.Record{}, im.doc.Event.ID, []bilat.TravelTime{}
		if err := venues.insert(im.ctx, im.tx, "import", x); err != nil {
			return nested(indexField("venues", i), err)
		}
		im.set("venues", local, x.ID)
		x.Travel = travel
	}
	for i, x := range im.doc.Venues {
		for j := range x.Travel {
			x.Travel[j].VenueID = im.id("venues", x.Travel[j].VenueID)
		}
		if err := saveTravel(im.ctx, im.tx, x); err != nil {
			return nested(indexField("venues", i), err)
		}
	}
	return nil
}

func (im *importer) rooms() error {
	for i, x := range im.doc.Rooms {
		local := x.ID
		x.Record, x.EventID, x.VenueID, x.Features = bilat.Record{}, im.doc.Event.ID, im.id("venues", x.VenueID), list(x.Features)
		if err := rooms.insert(im.ctx, im.tx, "import", x); err != nil {
			return nested(indexField("rooms", i), err)
		}
		im.set("rooms", local, x.ID)
	}
	return nil
}

func (im *importer) sessions() error {
	for i, x := range im.doc.Sessions {
		local := x.ID
		x.Record, x.EventID, x.VenueID, x.Attendees = bilat.Record{}, im.doc.Event.ID, im.id("venues", x.VenueID), im.all("people", x.Attendees)
		if err := sessions.insert(im.ctx, im.tx, "import", x); err != nil {
			return nested(indexField("sessions", i), err)
		}
		im.set("sessions", local, x.ID)
	}
	return nil
}

func (im *importer) delegations() error {
	for i, x := range im.doc.Delegations {
		local := x.ID
		x.Record, x.EventID = bilat.Record{}, im.doc.Event.ID
		x.PartnerID, x.HeadID, x.Members = im.id("partners", x.PartnerID), im.id("people", x.HeadID), im.all("people", x.Members)
		if err := checkDelegation(im.ctx, im.tx.conn, x); err != nil {
			return nested(indexField("delegations", i), err)
		}
		if err := delegations.insert(im.ctx, im.tx, "import", x); err != nil {
			return nested(indexField("delegations", i), err)
		}
		im.set("delegations", local, x.ID)
	}
	return nil
}

// principals are created first without deputy links, which refer to
// principals, then linked.
func (im *importer) principals() error {
	for i, x := range im.doc.Principals {
		local, deputyOf := x.ID, x.DeputyOf
		x.Record, x.EventID, x.PersonID, x.DeputyOf = bilat.Record{}, im.doc.Event.ID, im.id("people", x.PersonID), 0
		if err := principals.insert(im.ctx, im.tx, "import", x); err != nil {
			return nested(indexField("principals", i), err)
		}
		im.set("principals", local, x.ID)
		x.DeputyOf = deputyOf
	}
	for _, x := range im.doc.Principals {
		if x.DeputyOf == 0 {
			continue
		}
		x.DeputyOf = im.id("principals", x.DeputyOf)
		if _, err := im.tx.exec(im.ctx, "UPDATE principals SET deputy_of = ? WHERE id = ?", x.DeputyOf, x.ID); err != nil {
			return err
		}
	}
	return nil
}

func (im *importer) requests() error {
	for i, x := range im.doc.Requests {
		local := x.ID
		x.Record, x.EventID = bilat.Record{}, im.doc.Event.ID
		x.DelegationID, x.RequestedByID = im.id("delegations", x.DelegationID), im.id("people", x.RequestedByID)
		for j := range x.Targets {
			x.Targets[j].PrincipalID = im.id("principals", x.Targets[j].PrincipalID)
		}
		if x.Offer != nil {
			x.Offer.PrincipalID = im.id("principals", x.Offer.PrincipalID)
		}
		normalizeRequest(x)
		if err := checkRequest(im.ctx, im.tx.conn, x); err != nil {
			return nested(indexField("requests", i), err)
		}
		if err := requests.insert(im.ctx, im.tx, "import", x); err != nil {
			return nested(indexField("requests", i), err)
		}
		im.set("requests", local, x.ID)
	}
	return nil
}

// meetings go through the same checks as scheduling: a document that
// double-books a principal or a room is refused.
func (im *importer) meetings() error {
	for i, x := range im.doc.Meetings {
		local, status := x.ID, x.Status
		x.Record, x.EventID = bilat.Record{}, im.doc.Event.ID
		x.RequestID, x.PrincipalID, x.RoomID = im.id("requests", x.RequestID), im.id("principals", x.PrincipalID), im.id("rooms", x.RoomID)
		x.Participants = im.all("people", x.Participants)
		if err := insertMeeting(im.ctx, im.tx, "import", x); err != nil {
			return nested(indexField("meetings", i), err)
		}
		x.Status = status
		im.set("meetings", local, x.ID)
	}
	return nil
}

func (im *importer) actions() error {
	for i, x := range im.doc.Actions {
		local := x.ID
		x.Record, x.MeetingID, x.OwnerID = bilat.Record{}, im.id("meetings", x.MeetingID), im.id("people", x.OwnerID)
		if err := actions.insert(im.ctx, im.tx, "import", x); err != nil {
			return nested(indexField("actions", i), err)
		}
		im.set("actions", local, x.ID)
	}
	return nil
}

func (im *importer) agreements() error {
	for i, x := range im.doc.Agreements {
		local := x.ID
		x.Record, x.EventID = bilat.Record{}, im.doc.Event.ID
		x.MeetingID, x.Parties = im.id("meetings", x.MeetingID), im.all("partners", x.Parties)
		normalizeAgreement(x)
		if err := checkAgreement(im.ctx, im.tx.conn, x); err != nil {
			return nested(indexField("agreements", i), err)
		}
		if err := agreements.insert(im.ctx, im.tx, "import", x); err != nil {
			return nested(indexField("agreements", i), err)
		}
		im.set("agreements", local, x.ID)
	}
	return nil
}
