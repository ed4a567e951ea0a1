package server

import (
	"net/http"

	"bilat"
)

// meFiguresData is an event's figures as a viewer sees them: counts only.
// It is built from the dashboard's counts but carries no name of a
// counterpart, no alert and no programme, so that a report reader learns
// how the desk is doing without learning who meets whom.
type meFiguresData struct {
	Statuses  []dashboardStatus
	Requests  int
	Scheduled int
	Held      int
	Regions   []dashboardRegion
}

// meFigures serves an event's figures.
func (s *Server) meFigures(w http.ResponseWriter, r *http.Request, v *view) error {
	d, requests, meetings, err := s.loadDesk(r.Context(), v.Event)
	if err != nil {
		return err
	}
	b := &dashboardBuilder{v: v, d: d, requests: map[int64]*bilat.Request{}}
	for _, x := range requests {
		b.requests[x.ID] = x
	}
	out := &meFiguresData{Statuses: dashboardStatusCounts(requests), Requests: len(requests), Regions: b.regions(requests, meetings)}
	for _, m := range meetings {
		switch m.Status {
		case bilat.StatusScheduled:
			out.Scheduled++
		case bilat.StatusHeld:
			out.Held++
		}
	}
	v.Title, v.Nav, v.Data = v.L.T("me.figures.title"), "figures", out
	return s.render(w, http.StatusOK, "me-figures", v)
}
