package store

import "bilat"

// renumber rewrites every id of the document, and every reference to one,
// as local numbers, and drops versions and timestamps.
func renumber(doc *bilat.EventExport) {
	n := struct{ partner, person, venue, room, session, delegation, principal, request, meeting, action, agreement numbering }{
		number(doc.Partners, func(x *bilat.Partner) *bilat.Record { return &x.Record }),
		number(doc.People, func(x *bilat.Person) *bilat.Record { return &x.Record }),
		number(doc.Venues, func(x *bilat.Venue) *bilat.Record { return &x.Record }),
		number(doc.Rooms, func(x *bilat.Room) *bilat.Record { return &x.Record }),
		number(doc.Sessions, func(x *bilat.ProgrammeSession) *bilat.Record { return &x.Record }),
		number(doc.Delegations, func(x *bilat.Delegation) *bilat.Record { return &x.Record }),
		number(doc.Principals, func(x *bilat.Principal) *bilat.Record { return &x.Record }),
		number(doc.Requests, func(x *bilat.Request) *bilat.Record { return &x.Record }),
		number(doc.Meetings, func(x *bilat.Meeting) *bilat.Record { return &x.Record }),
		number(doc.Actions, func(x *bilat.Action) *bilat.Record { return &x.Record }),
		number(doc.Agreements, func(x *bilat.Agreement) *bilat.Record { return &x.Record }),
	}
	e := doc.Event
	e.Record, e.HostPartnerID = bilat.Record{ID: 1}, n.partner.of(e.HostPartnerID)
	for _, x := range doc.Partners {
		local(&x.Record, n.partner)
	}
	for _, x := range doc.Topics {
		x.Record = bilat.Record{}
	}
	for _, x := range doc.People {
		local(&x.Record, n.person)
		x.PartnerID = n.partner.of(x.PartnerID)
	}
	for _, x := range doc.Venues {
		local(&x.Record, n.venue)
		x.EventID = 1
		for i := range x.Travel {
			x.Travel[i].VenueID = n.venue.of(x.Travel[i].VenueID)
		}
	}
	for _, x := range doc.Rooms {
		local(&x.Record, n.room)
		x.EventID, x.VenueID = 1, n.venue.of(x.VenueID)
	}
	for _, x := range doc.Sessions {
		local(&x.Record, n.session)
		x.EventID, x.VenueID, x.Attendees = 1, n.venue.of(x.VenueID), n.person.all(x.Attendees)
	}
	for _, x := range doc.Delegations {
		local(&x.Record, n.delegation)
		x.EventID, x.PartnerID, x.HeadID, x.Members = 1, n.partner.of(x.PartnerID), n.person.of(x.HeadID), n.person.all(x.Members)
	}
	for _, x := range doc.Principals {
		local(&x.Record, n.principal)
		x.EventID, x.PersonID, x.DeputyOf = 1, n.person.of(x.PersonID), n.principal.of(x.DeputyOf)
	}
	for _, x := range doc.Requests {
		local(&x.Record, n.request)
		x.EventID, x.DelegationID, x.RequestedByID = 1, n.delegation.of(x.DelegationID), n.person.of(x.RequestedByID)
		for i := range x.Targets {
			x.Targets[i].PrincipalID = n.principal.of(x.Targets[i].PrincipalID)
		}
		if x.Offer != nil {
			x.Offer.PrincipalID = n.principal.of(x.Offer.PrincipalID)
		}
	}
	for _, x := range doc.Meetings {
		local(&x.Record, n.meeting)
		x.EventID, x.RequestID, x.PrincipalID, x.RoomID = 1, n.request.of(x.RequestID), n.principal.of(x.PrincipalID), n.room.of(x.RoomID)
		x.Participants = n.person.all(x.Participants)
	}
	for _, x := range doc.Actions {
		local(&x.Record, n.action)
		x.MeetingID, x.OwnerID = n.meeting.of(x.MeetingID), n.person.of(x.OwnerID)
	}
	for _, x := range doc.Agreements {
		local(&x.Record, n.agreement)
		x.EventID, x.MeetingID, x.Parties = 1, n.meeting.of(x.MeetingID), n.partner.all(x.Parties)
	}
}
