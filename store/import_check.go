package store

import (
	"fmt"

	"bilat"
)

// checkRecords validates every record of the document and its references.
func checkRecords(d *docRefs, v bilat.Problems) {
	doc := d.doc
	d.ref("event.host_partner_id", "partners", doc.Event.HostPartnerID)
	each(v, "partners", doc.Partners, func(p string, x *bilat.Partner) { collect(v, p, x.Validate()) })
	each(v, "topics", doc.Topics, func(p string, x *bilat.Topic) { collect(v, p, x.Validate()) })
	each(v, "people", doc.People, func(p string, x *bilat.Person) {
		collect(v, p, x.Validate())
		d.ref(p+".partner_id", "partners", x.PartnerID)
	})
	each(v, "venues", doc.Venues, func(p string, x *bilat.Venue) {
		collect(v, p, x.Validate())
		for i, t := range x.Travel {
			d.ref(indexed(p+".travel", i, "venue_id"), "venues", t.VenueID)
		}
	})
	each(v, "rooms", doc.Rooms, func(p string, x *bilat.Room) {
		collect(v, p, x.Validate())
		d.ref(p+".venue_id", "venues", x.VenueID)
	})
	each(v, "sessions", doc.Sessions, func(p string, x *bilat.ProgrammeSession) {
		collect(v, p, x.Validate())
		d.ref(p+".venue_id", "venues", x.VenueID)
		d.refs(p+".attendees", "people", x.Attendees)
	})
	checkEventParts(d, v, doc)
}

func checkEventParts(d *docRefs, v bilat.Problems, doc *bilat.EventExport) {
	each(v, "delegations", doc.Delegations, func(p string, x *bilat.Delegation) {
		collect(v, p, x.Validate())
		d.ref(p+".partner_id", "partners", x.PartnerID)
		d.ref(p+".head_id", "people", x.HeadID)
		d.refs(p+".members", "people", x.Members)
	})
	each(v, "principals", doc.Principals, func(p string, x *bilat.Principal) {
		collect(v, p, x.Validate())
		d.ref(p+".person_id", "people", x.PersonID)
		d.ref(p+".deputy_of", "principals", x.DeputyOf)
	})
	each(v, "requests", doc.Requests, func(p string, x *bilat.Request) {
		collect(v, p, x.Validate())
		d.ref(p+".delegation_id", "delegations", x.DelegationID)
		d.ref(p+".requested_by_id", "people", x.RequestedByID)
		for i, t := range x.Targets {
			d.ref(indexed(p+".targets", i, "principal_id"), "principals", t.PrincipalID)
		}
	})
	each(v, "meetings", doc.Meetings, func(p string, x *bilat.Meeting) {
		collect(v, p, x.Validate())
		d.ref(p+".request_id", "requests", x.RequestID)
		d.ref(p+".principal_id", "principals", x.PrincipalID)
		d.ref(p+".room_id", "rooms", x.RoomID)
		d.refs(p+".participants", "people", x.Participants)
	})
	each(v, "actions", doc.Actions, func(p string, x *bilat.Action) {
		collect(v, p, x.Validate())
		d.ref(p+".meeting_id", "meetings", x.MeetingID)
		d.ref(p+".owner_id", "people", x.OwnerID)
	})
	each(v, "agreements", doc.Agreements, func(p string, x *bilat.Agreement) {
		collect(v, p, x.Validate())
		d.ref(p+".meeting_id", "meetings", x.MeetingID)
		d.refs(p+".parties", "partners", x.Parties)
	})
	checkMeetingStatuses(v, doc)
}

// each calls fn for every record of a list with its path, and reports
// null entries.
func each[T any](v bilat.Problems, field string, xs []*T, fn func(path string, x *T)) {
	for i, x := range xs {
		path := fmt.Sprintf("%s[%d]", field, i)
		if x == nil {
			v.Add(path, "is null")
			continue
		}
		fn(path, x)
	}
}

// checkMeetingStatuses checks that requests which reached a meeting have
// exactly one, and that no other request has one.
func checkMeetingStatuses(v bilat.Problems, doc *bilat.EventExport) {
	meetingsOf := map[int64]int{}
	for _, m := range doc.Meetings {
		if m != nil {
			meetingsOf[m.RequestID]++
		}
	}
	for i, r := range doc.Requests {
		if r == nil {
			continue
		}
		placed := r.Status == bilat.StatusScheduled || r.Status == bilat.StatusHeld || r.Status == bilat.StatusNoShow
		n := meetingsOf[r.ID]
		v.Check(n <= 1, indexed("requests", i, "status"), "has %d meetings; a request has at most one", n)
		v.Check(!placed || n == 1, indexed("requests", i, "status"), "is %s but the document has no meeting for it", r.Status)
		v.Check(n == 0 || placed || r.Status == bilat.StatusCancelled, indexed("requests", i, "status"), "is %s but the document has a meeting for it", r.Status)
	}
}
