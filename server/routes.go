package server

import "bilat"

// access is what a route needs of its caller once accounts exist: reading
// the desk's records or changing them.
type access int

const (
	read access = iota
	write
)

// route is one line of the table: what the mux matches, what the OpenAPI
// document says, what the caller needs, and the endpoint that serves it.
type route struct {
	method  string
	pattern string
	summary string
	access  access
	endpoint
}

const api = "/api/v1"

// table is every route of the server, in the order of the OpenAPI document.
func (s *Server) table() []route {
	d := s.desk
	return []route{
		{"GET", "/healthz", "Check that the database answers (503 when it does not)", read, s.healthz()},
		{"GET", api + "/openapi.json", "Get this OpenAPI document", read, s.openAPI()},
		{"GET", api + "/resolve", "Find the partners and people a name may mean", read, s.resolve()},

		{"GET", api + "/partners", "List partners", read, list(nil, partnerFilter, d.ListPartners)},
		{"POST", api + "/partners", "Create a partner", write, create(nil, "", d.CreatePartner, at[bilat.Partner](api+"/partners"))},
		{"GET", api + "/partners/{partner}", "Get a partner", read, get(s.partner)},
		{"PUT", api + "/partners/{partner}", "Update a partner", write, update(s.partner, d.UpdatePartner)},

		{"GET", api + "/people", "List people", read, list(nil, personFilter, d.ListPeople)},
		{"POST", api + "/people", "Create a person", write, create(nil, "", d.CreatePerson, at[bilat.Person](api+"/people"))},
		{"GET", api + "/people/{id}", "Get a person", read, get(byID(d.Person))},
		{"PUT", api + "/people/{id}", "Update a person", write, update(byID(d.Person), d.UpdatePerson)},

		{"GET", api + "/topics", "List topics", read, listAll(d.ListTopics)},
		{"POST", api + "/topics", "Create a topic", write, create(nil, "", d.CreateTopic, topicLocation)},
		{"GET", api + "/topics/{code}", "Get a topic", read, get(byName("code", d.Topic))},
		{"PUT", api + "/topics/{code}", "Update a topic", write, update(byName("code", d.Topic), d.UpdateTopic)},

		{"GET", api + "/schemes", "List region schemes", read, listAll(d.ListSchemes)},
		{"POST", api + "/schemes", "Create a region scheme", write, create(nil, "", d.CreateScheme, schemeLocation)},
		{"GET", api + "/schemes/{slug}", "Get a region scheme", read, get(byName("slug", d.Scheme))},
		{"PUT", api + "/schemes/{slug}", "Update a region scheme", write, update(byName("slug", d.Scheme), d.UpdateScheme)},

		{"GET", api + "/events", "List events", read, list(nil, eventFilter, d.ListEvents)},
		{"POST", api + "/events", "Create an event", write, create(nil, "", d.CreateEvent, at[bilat.Event](api+"/events"))},
		{"GET", api + "/events/{event}", "Get an event", read, get(s.event)},
		{"PUT", api + "/events/{event}", "Update an event", write, update(s.event, d.UpdateEvent)},
		{"GET", api + "/events/{event}/export", "Export an event and everything it references", read, get(s.exportEvent)},
		{"POST", api + "/import", "Import an exported event as a new event", write, s.importEvent()},

		{"GET", api + "/events/{event}/venues", "List the venues of an event", read, list(s.eventID, eventPart, d.ListVenues)},
		{"POST", api + "/events/{event}/venues", "Create a venue of an event", write, create(s.eventID, "event_id", d.CreateVenue, at[bilat.Venue](api+"/venues"))},
		{"GET", api + "/venues/{id}", "Get a venue", read, get(byID(d.Venue))},
		{"PUT", api + "/venues/{id}", "Update a venue", write, update(byID(d.Venue), d.UpdateVenue)},

		{"GET", api + "/events/{event}/rooms", "List the rooms of an event", read, list(s.eventID, eventPart, d.ListRooms)},
		{"POST", api + "/events/{event}/rooms", "Create a room of an event", write, create(s.eventID, "event_id", d.CreateRoom, at[bilat.Room](api+"/rooms"))},
		{"GET", api + "/rooms/{id}", "Get a room", read, get(byID(d.Room))},
		{"PUT", api + "/rooms/{id}", "Update a room", write, update(byID(d.Room), d.UpdateRoom)},

		{"GET", api + "/events/{event}/sessions", "List the programme sessions of an event", read, list(s.eventID, eventPart, d.ListSessions)},
		{"POST", api + "/events/{event}/sessions", "Create a programme session of an event", write, create(s.eventID, "event_id", d.CreateSession, at[bilat.ProgrammeSession](api+"/sessions"))},
		{"GET", api + "/sessions/{id}", "Get a programme session", read, get(byID(d.Session))},
		{"PUT", api + "/sessions/{id}", "Update a programme session", write, update(byID(d.Session), d.UpdateSession)},

		{"GET", api + "/events/{event}/delegations", "List the delegations at an event", read, list(s.eventID, delegationFilter, d.ListDelegations)},
		{"POST", api + "/events/{event}/delegations", "Create a delegation at an event", write, create(s.eventID, "event_id", d.CreateDelegation, at[bilat.Delegation](api+"/delegations"))},
		{"GET", api + "/delegations/{id}", "Get a delegation", read, get(byID(d.Delegation))},
		{"PUT", api + "/delegations/{id}", "Update a delegation", write, update(byID(d.Delegation), d.UpdateDelegation)},

		{"GET", api + "/events/{event}/principals", "List the host's principals at an event", read, list(s.eventID, eventPart, d.ListPrincipals)},
		{"POST", api + "/events/{event}/principals", "Create a principal at an event", write, create(s.eventID, "event_id", d.CreatePrincipal, at[bilat.Principal](api+"/principals"))},
		{"GET", api + "/principals/{id}", "Get a principal", read, get(byID(d.Principal))},
		{"PUT", api + "/principals/{id}", "Update a principal", write, update(byID(d.Principal), d.UpdatePrincipal)},

		{"GET", api + "/events/{event}/requests", "List the meeting requests of an event", read, list(s.eventID, requestFilter, d.ListRequests)},
		{"POST", api + "/events/{event}/requests", "Create a meeting request at an event", write, create(s.eventID, "event_id", d.CreateRequest, at[bilat.Request](api+"/requests"))},
		{"GET", api + "/requests/{id}", "Get a meeting request", read, get(byID(d.Request))},
		{"PUT", api + "/requests/{id}", "Update a meeting request", write, update(byID(d.Request), d.UpdateRequest)},
		{"POST", api + "/requests/{id}/transitions", "Move a meeting request to another status (scheduling creates its meeting)", write, transition(d.TransitionRequest)},
		{"POST", api + "/events/{event}/schedule", "Propose a schedule for the accepted requests of an event (changes nothing)", write, s.scheduleEvent()},
		{"POST", api + "/events/{event}/schedule/apply", "Apply a proposed schedule to an event (all or nothing)", write, s.applySchedule()},

		{"GET", api + "/events/{event}/meetings", "List the meetings of an event", read, list(s.eventID, meetingFilter, d.ListMeetings)},
		{"GET", api + "/meetings/{id}", "Get a meeting", read, get(byID(d.Meeting))},
		{"PUT", api + "/meetings/{id}", "Update a meeting", write, update(byID(d.Meeting), d.UpdateMeeting)},

		{"GET", api + "/events/{event}/actions", "List the follow-up actions of an event", read, list(s.eventID, eventActions, d.ListActions)},
		{"GET", api + "/meetings/{id}/actions", "List the follow-up actions of a meeting", read, list(s.meetingID, meetingActions, d.ListActions)},
		{"POST", api + "/meetings/{id}/actions", "Create a follow-up action of a meeting", write, create(s.meetingID, "meeting_id", d.CreateAction, at[bilat.Action](api+"/actions"))},
		{"GET", api + "/actions/{id}", "Get a follow-up action", read, get(byID(d.Action))},
		{"PUT", api + "/actions/{id}", "Update a follow-up action", write, update(byID(d.Action), d.UpdateAction)},

		{"GET", api + "/agreements", "List agreements", read, list(nil, agreementFilter, d.ListAgreements)},
		{"POST", api + "/agreements", "Create an agreement", write, create(nil, "", d.CreateAgreement, at[bilat.Agreement](api+"/agreements"))},
		{"GET", api + "/agreements/{id}", "Get an agreement", read, get(byID(d.Agreement))},
		{"PUT", api + "/agreements/{id}", "Update an agreement", write, update(byID(d.Agreement), d.UpdateAgreement)},
		{"POST", api + "/agreements/{id}/transitions", "Move an agreement to another status", write, transition(d.TransitionAgreement)},

		{"GET", api + "/audit", "List the audit trail", read, list(nil, auditFilter, d.ListAudit)},
	}
}

func topicLocation(t *bilat.Topic) string { return api + "/topics/" + t.Code }

func schemeLocation(x *bilat.RegionScheme) string { return api + "/schemes/" + x.Slug }
