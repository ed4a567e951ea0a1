package server

import "bilat"

// route is one line of the table: what the mux matches, what the OpenAPI
// document says, who may call it, and the endpoint that serves it. The API
// is the desk's: its callers are administrators and desk officers with an
// API token; a read-only token calls GET routes only.
type route struct {
	method  string
	pattern string
	summary string
	allow   allow
	endpoint
}

const api = "/api/v1"

// table is every route of the server, in the order of the OpenAPI document.
func (s *Server) table() []route {
	d := s.desk
	routes := []route{
		{"GET", "/healthz", "Check that the database answers (503 when it does not)", anyone, s.healthz()},
		{"GET", api + "/openapi.json", "Get this OpenAPI document", anyone, s.openAPI()},
		{"GET", api + "/resolve", "Find the partners and people a name may mean", staff, s.resolve()},

		{"GET", api + "/partners", "List partners", staff, list(nil, partnerFilter, d.ListPartners)},
		{"POST", api + "/partners", "Create a partner", staff, create(nil, "", d.CreatePartner, at[bilat.Partner](api+"/partners"))},
		{"GET", api + "/partners/{partner}", "Get a partner", staff, get(s.partner)},
		{"PUT", api + "/partners/{partner}", "Update a partner", staff, update(s.partner, d.UpdatePartner)},

		{"GET", api + "/people", "List people", staff, list(nil, personFilter, d.ListPeople)},
		{"POST", api + "/people", "Create a person", staff, create(nil, "", d.CreatePerson, at[bilat.Person](api+"/people"))},
		{"GET", api + "/people/{id}", "Get a person", staff, get(byID(d.Person))},
		{"PUT", api + "/people/{id}", "Update a person", staff, update(byID(d.Person), d.UpdatePerson)},

		{"GET", api + "/topics", "List topics", staff, listAll(d.ListTopics)},
		{"POST", api + "/topics", "Create a topic", staff, create(nil, "", d.CreateTopic, topicLocation)},
		{"GET", api + "/topics/{code}", "Get a topic", staff, get(byName("code", d.Topic))},
		{"PUT", api + "/topics/{code}", "Update a topic", staff, update(byName("code", d.Topic), d.UpdateTopic)},

		{"GET", api + "/schemes", "List region schemes", staff, listAll(d.ListSchemes)},
		{"POST", api + "/schemes", "Create a region scheme", staff, create(nil, "", d.CreateScheme, schemeLocation)},
		{"GET", api + "/schemes/{slug}", "Get a region scheme", staff, get(byName("slug", d.Scheme))},
		{"PUT", api + "/schemes/{slug}", "Update a region scheme", staff, update(byName("slug", d.Scheme), d.UpdateScheme)},

		{"GET", api + "/events", "List events", staff, list(nil, eventFilter, d.ListEvents)},
		{"POST", api + "/events", "Create an event", staff, create(nil, "", d.CreateEvent, at[bilat.Event](api+"/events"))},
		{"GET", api + "/events/{event}", "Get an event", staff, get(s.event)},
		{"PUT", api + "/events/{event}", "Update an event", staff, update(s.event, d.UpdateEvent)},
		{"GET", api + "/events/{event}/export", "Export an event and everything it references", staff, get(s.exportEvent)},
		{"POST", api + "/import", "Import an exported event as a new event", staff, s.importEvent()},

		{"GET", api + "/events/{event}/venues", "List the venues of an event", staff, list(s.eventID, eventPart, d.ListVenues)},
		{"POST", api + "/events/{event}/venues", "Create a venue of an event", staff, create(s.eventID, "event_id", d.CreateVenue, at[bilat.Venue](api+"/venues"))},
		{"GET", api + "/venues/{id}", "Get a venue", staff, get(byID(d.Venue))},
		{"PUT", api + "/venues/{id}", "Update a venue", staff, update(byID(d.Venue), d.UpdateVenue)},

		{"GET", api + "/events/{event}/rooms", "List the rooms of an event", staff, list(s.eventID, eventPart, d.ListRooms)},
		{"POST", api + "/events/{event}/rooms", "Create a room of an event", staff, create(s.eventID, "event_id", d.CreateRoom, at[bilat.Room](api+"/rooms"))},
		{"GET", api + "/rooms/{id}", "Get a room", staff, get(byID(d.Room))},
		{"PUT", api + "/rooms/{id}", "Update a room", staff, update(byID(d.Room), d.UpdateRoom)},

		{"GET", api + "/events/{event}/sessions", "List the programme sessions of an event", staff, list(s.eventID, eventPart, d.ListSessions)},
		{"POST", api + "/events/{event}/sessions", "Create a programme session of an event", staff, create(s.eventID, "event_id", d.CreateSession, at[bilat.ProgrammeSession](api+"/sessions"))},
		{"GET", api + "/sessions/{id}", "Get a programme session", staff, get(byID(d.Session))},
		{"PUT", api + "/sessions/{id}", "Update a programme session", staff, update(byID(d.Session), d.UpdateSession)},

		{"GET", api + "/events/{event}/delegations", "List the delegations at an event", staff, list(s.eventID, delegationFilter, d.ListDelegations)},
		{"POST", api + "/events/{event}/delegations", "Create a delegation at an event", staff, create(s.eventID, "event_id", d.CreateDelegation, at[bilat.Delegation](api+"/delegations"))},
		{"GET", api + "/delegations/{id}", "Get a delegation", staff, get(byID(d.Delegation))},
		{"PUT", api + "/delegations/{id}", "Update a delegation", staff, update(byID(d.Delegation), d.UpdateDelegation)},

		{"GET", api + "/events/{event}/principals", "List the host's principals at an event", staff, list(s.eventID, eventPart, d.ListPrincipals)},
		{"POST", api + "/events/{event}/principals", "Create a principal at an event", staff, create(s.eventID, "event_id", d.CreatePrincipal, at[bilat.Principal](api+"/principals"))},
		{"GET", api + "/principals/{id}", "Get a principal", staff, get(byID(d.Principal))},
		{"PUT", api + "/principals/{id}", "Update a principal", staff, update(byID(d.Principal), d.UpdatePrincipal)},

		{"GET", api + "/events/{event}/requests", "List the meeting requests of an event", staff, list(s.eventID, requestFilter, d.ListRequests)},
		{"POST", api + "/events/{event}/requests", "Create a meeting request at an event", staff, create(s.eventID, "event_id", d.CreateRequest, at[bilat.Request](api+"/requests"))},
		{"GET", api + "/requests/{id}", "Get a meeting request", staff, get(byID(d.Request))},
		{"PUT", api + "/requests/{id}", "Update a meeting request", staff, update(byID(d.Request), d.UpdateRequest)},
		{"POST", api + "/requests/{id}/transitions", "Move a meeting request to another status (scheduling creates its meeting)", staff, transition(d.TransitionRequest)},
		{"POST", api + "/events/{event}/schedule", "Propose a schedule for the accepted requests of an event (changes nothing)", staff, s.scheduleEvent()},
		{"POST", api + "/events/{event}/schedule/apply", "Apply a proposed schedule to an event (all or nothing)", staff, s.applySchedule()},

		{"GET", api + "/events/{event}/meetings", "List the meetings of an event", staff, list(s.eventID, meetingFilter, d.ListMeetings)},
		{"GET", api + "/meetings/{id}", "Get a meeting", staff, get(byID(d.Meeting))},
		{"PUT", api + "/meetings/{id}", "Update a meeting", staff, update(byID(d.Meeting), d.UpdateMeeting)},

		{"GET", api + "/events/{event}/actions", "List the follow-up actions of an event", staff, list(s.eventID, eventActions, d.ListActions)},
		{"GET", api + "/meetings/{id}/actions", "List the follow-up actions of a meeting", staff, list(s.meetingID, meetingActions, d.ListActions)},
		{"POST", api + "/meetings/{id}/actions", "Create a follow-up action of a meeting", staff, create(s.meetingID, "meeting_id", d.CreateAction, at[bilat.Action](api+"/actions"))},
		{"GET", api + "/actions/{id}", "Get a follow-up action", staff, get(byID(d.Action))},
		{"PUT", api + "/actions/{id}", "Update a follow-up action", staff, update(byID(d.Action), d.UpdateAction)},

		{"GET", api + "/agreements", "List agreements", staff, list(nil, agreementFilter, d.ListAgreements)},
		{"POST", api + "/agreements", "Create an agreement", staff, create(nil, "", d.CreateAgreement, at[bilat.Agreement](api+"/agreements"))},
		{"GET", api + "/agreements/{id}", "Get an agreement", staff, get(byID(d.Agreement))},
		{"PUT", api + "/agreements/{id}", "Update an agreement", staff, update(byID(d.Agreement), d.UpdateAgreement)},
		{"POST", api + "/agreements/{id}/transitions", "Move an agreement to another status", staff, transition(d.TransitionAgreement)},

		{"GET", api + "/audit", "List the audit trail", staff, list(nil, auditFilter, d.ListAudit)},
	}
	routes = append(routes, s.reportRoutes()...)
	return append(routes, s.portalRoutes()...)
}

func topicLocation(t *bilat.Topic) string { return api + "/topics/" + t.Code }

func schemeLocation(x *bilat.RegionScheme) string { return api + "/schemes/" + x.Slug }
