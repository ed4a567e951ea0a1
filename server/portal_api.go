package server

import (
	"net/http"
	"reflect"

	"bilat"
)

// portalRoutes are the API routes of the delegation portal: a liaison's
// token reaches their own delegation's requests, meetings and calendar,
// and nothing else.
func (s *Server) portalRoutes() []route {
	p := api + "/portal"
	return []route{
		{"GET", p + "/requests", "List the meeting requests of the liaison's delegation", liaison, s.portalListRequests()},
		{"POST", p + "/requests", "Submit a meeting request for the liaison's delegation", liaison, s.portalCreateRequest()},
		{"POST", p + "/requests/{id}/withdraw", "Withdraw a meeting request of the liaison's delegation", liaison, s.portalWithdrawRequest()},
		{"GET", p + "/meetings", "List the confirmed meetings of the liaison's delegation", liaison, s.portalListMeetings()},
		{"GET", p + "/calendar.ics", "Get the liaison's delegation's meetings as an iCalendar file (text/calendar)", liaison, s.portalCalendarAPI()},
	}
}

// portalListRequests serves the delegation's requests, newest first,
// optionally of one status.
func (s *Server) portalListRequests() endpoint {
	filter := func(q *query) (bilat.RequestStatus, bilat.Page) {
		return oneOf(q, "status", "status of the request", bilat.RequestStatuses), q.page()
	}
	return endpoint{
		reply:  reflect.TypeFor[page[bilat.Request]](),
		status: http.StatusOK,
		query:  func(q *query) { filter(q) },
		serve: func(w http.ResponseWriter, r *http.Request) error {
			q := newQuery(r)
			status, pg := filter(q)
			if err := q.err(); err != nil {
				return err
			}
			p, err := s.portalOf(r)
			if err != nil {
				return err
			}
			all, err := s.ownRequests(r.Context(), p)
			if err != nil {
				return err
			}
			var items []*bilat.Request
			for _, x := range all {
				if status == "" || x.Status == status {
					items = append(items, x)
				}
			}
			pg = pg.Normalize()
			total := len(items)
			items = items[min(pg.Offset, total):min(pg.Offset+pg.Limit, total)]
			return writeJSON(w, http.StatusOK, newPage(items, total, pg))
		},
	}
}

// portalCreateRequest creates a request of the liaison's delegation. The
// body may not name another delegation; the status and priority are the
// desk's (requested, 3), whatever the body says.
func (s *Server) portalCreateRequest() endpoint {
	return endpoint{
		body:   reflect.TypeFor[bilat.Request](),
		reply:  reflect.TypeFor[bilat.Request](),
		status: http.StatusCreated,
		serve: func(w http.ResponseWriter, r *http.Request) error {
			p, err := s.portalOf(r)
			if err != nil {
				return err
			}
			x := &bilat.Request{}
			if err := decode(r, x); err != nil {
				return err
			}
			if x.DelegationID != 0 && x.DelegationID != p.Delegation.ID {
				return invalid("delegation_id", "is not your delegation's (%d)", p.Delegation.ID)
			}
			if x.EventID != 0 && x.EventID != p.Event.ID {
				return invalid("event_id", "is not your delegation's event (%d)", p.Event.ID)
			}
			x.ID, x.EventID, x.DelegationID, x.RequestedByID = 0, p.Event.ID, p.Delegation.ID, p.Delegation.HeadID
			x.Status, x.Priority, x.DeclineReason, x.Offer, x.Illustrative = bilat.StatusRequested, 3, "", nil, false
			if err := s.desk.CreateRequest(r.Context(), actor(r), x); err != nil {
				return err
			}
			w.Header().Set("Location", api+"/portal/requests")
			return writeJSON(w, http.StatusCreated, x)
		},
	}
}

// portalWithdrawal is the body of a withdrawal: the version read.
type portalWithdrawal struct {
	Version int `json:"version"`
}

// portalWithdrawRequest withdraws a request of the liaison's delegation;
// another delegation's is not found.
func (s *Server) portalWithdrawRequest() endpoint {
	return endpoint{
		body:   reflect.TypeFor[portalWithdrawal](),
		reply:  reflect.TypeFor[bilat.Request](),
		status: http.StatusOK,
		serve: func(w http.ResponseWriter, r *http.Request) error {
			p, err := s.portalOf(r)
			if err != nil {
				return err
			}
			id, err := pathID(r)
			if err != nil {
				return err
			}
			if _, err := s.ownRequest(r.Context(), p, id); err != nil {
				return err
			}
			var body portalWithdrawal
			if err := decode(r, &body); err != nil {
				return err
			}
			x, err := s.desk.TransitionRequest(r.Context(), actor(r), id, bilat.Transition{To: bilat.StatusWithdrawn, Version: body.Version})
			if err != nil {
				return err
			}
			return writeJSON(w, http.StatusOK, x)
		},
	}
}

// portalListMeetings serves the delegation's scheduled and held meetings.
func (s *Server) portalListMeetings() endpoint {
	return endpoint{
		reply:  reflect.TypeFor[page[PortalMeeting]](),
		status: http.StatusOK,
		query:  func(q *query) { q.page() },
		serve: func(w http.ResponseWriter, r *http.Request) error {
			q := newQuery(r)
			pg := q.page()
			if err := q.err(); err != nil {
				return err
			}
			p, err := s.portalOf(r)
			if err != nil {
				return err
			}
			if err := s.loadPortalNames(r.Context(), p); err != nil {
				return err
			}
			all, err := s.ownMeetings(r.Context(), p)
			if err != nil {
				return err
			}
			pg = pg.Normalize()
			items := all[min(pg.Offset, len(all)):min(pg.Offset+pg.Limit, len(all))]
			return writeJSON(w, http.StatusOK, newPage(items, len(all), pg))
		},
	}
}

// portalCalendarAPI serves the delegation's calendar to a token.
func (s *Server) portalCalendarAPI() endpoint {
	return endpoint{
		reply:  reflect.TypeFor[string](),
		status: http.StatusOK,
		serve: func(w http.ResponseWriter, r *http.Request) error {
			return s.portalCalendar(w, r, func(name string) string { return "Bilateral meeting with " + name })
		},
	}
}
