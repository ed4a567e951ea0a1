package server

import "bilat"

// The filters of the list routes. Each reads its query parameters and
// receives the id of the parent the path names (0 for top-level lists).

var (
	requestSorts = []string{"created", "priority", "status"}
)

func partnerFilter(q *query, _ int64) bilat.PartnerFilter {
	return bilat.PartnerFilter{
		Kind:   oneOf(q, "kind", "kind of partner", bilat.PartnerKinds),
		Region: q.text("region", "UN M49 continent code, such as 002 for Africa"),
		Query:  q.text("q", "part of a name or code, any case"),
		Page:   q.page(),
	}
}

func personFilter(q *query, _ int64) bilat.PersonFilter {
	return bilat.PersonFilter{
		PartnerID: q.id("partner_id", "the partner the person belongs to"),
		Query:     q.text("q", "part of a name, any case"),
		Page:      q.page(),
	}
}

func eventFilter(q *query, _ int64) bilat.EventFilter {
	return bilat.EventFilter{Query: q.text("q", "part of a name or slug, any case"), Page: q.page()}
}

func eventPart(q *query, event int64) bilat.EventPart {
	return bilat.EventPart{EventID: event, Page: q.page()}
}

func delegationFilter(q *query, event int64) bilat.DelegationFilter {
	return bilat.DelegationFilter{
		EventID:   event,
		PartnerID: q.id("partner_id", "the delegation's partner"),
		Page:      q.page(),
	}
}

func requestFilter(q *query, event int64) bilat.RequestFilter {
	return bilat.RequestFilter{
		EventID:      event,
		Status:       oneOf(q, "status", "status of the request", bilat.RequestStatuses),
		DelegationID: q.id("delegation_id", "the requesting delegation"),
		PrincipalID:  q.id("principal_id", "a principal the request asks to meet"),
		Topic:        q.text("topic", "topic code, such as cybercrime"),
		Priority:     q.number("priority", "priority, 1 (low) to 5 (highest)", 1, 5),
		Region:       q.text("region", "UN M49 continent code of the requesting partner"),
		Sort:         oneOf(q, "sort", "order of the list (default created)", requestSorts),
		Page:         q.page(),
	}
}

func meetingFilter(q *query, event int64) bilat.MeetingFilter {
	return bilat.MeetingFilter{
		EventID:      event,
		PrincipalID:  q.id("principal_id", "the host principal"),
		RoomID:       q.id("room_id", "the room"),
		DelegationID: q.id("delegation_id", "the requesting delegation"),
		Status:       oneOf(q, "status", "status of the meeting", bilat.RequestStatuses),
		Day:          q.day("day", "day in the event's time zone, YYYY-MM-DD"),
		Page:         q.page(),
	}
}

func eventActions(q *query, event int64) bilat.ActionFilter {
	return bilat.ActionFilter{EventID: event, Status: oneOf(q, "status", "status of the action", bilat.ActionStatuses), Page: q.page()}
}

func meetingActions(q *query, meeting int64) bilat.ActionFilter {
	return bilat.ActionFilter{MeetingID: meeting, Status: oneOf(q, "status", "status of the action", bilat.ActionStatuses), Page: q.page()}
}

func agreementFilter(q *query, _ int64) bilat.AgreementFilter {
	return bilat.AgreementFilter{
		EventID:   q.id("event_id", "the event the agreement was concluded at"),
		PartnerID: q.id("partner_id", "a party to the agreement"),
		Status:    oneOf(q, "status", "status of the agreement", bilat.AgreementStatuses),
		Page:      q.page(),
	}
}

func auditFilter(q *query, _ int64) bilat.AuditFilter {
	f := bilat.AuditFilter{
		Entity:   q.text("entity", "kind of record, such as request"),
		EntityID: q.id("entity_id", "id of the record"),
		Actor:    q.text("actor", "who made the change"),
		Action:   q.text("action", "what was done, such as create, update, transition or login"),
		Address:  q.text("address", "the network address the change came from, or local for the command line"),
		Page:     q.page(),
	}
	f.From, f.To = auditDays(q.day("from", "first day, UTC (YYYY-MM-DD)"), q.day("to", "last day, UTC (YYYY-MM-DD), included"))
	return f
}
