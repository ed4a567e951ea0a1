package server

import (
	"net/http"
	"sort"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"bilat"
)

// setupPages are the event's set-up: its venues (with travel times), rooms,
// programme sessions and delegations, each listed with forms to create and
// edit them.
func (s *Server) setupPages() []pageRoute {
	return []pageRoute{
		{"GET", "/events/{event}/setup", staff, s.setupList},
		{"GET", "/events/{event}/setup/venues/new", staff, s.setupVenueNew},
		{"POST", "/events/{event}/setup/venues/new", staff, s.setupVenueCreate},
		{"GET", "/venues/{id}/edit", staff, s.setupVenueEdit},
		{"POST", "/venues/{id}/edit", staff, s.setupVenueUpdate},
		{"GET", "/events/{event}/setup/rooms/new", staff, s.setupRoomNew},
		{"POST", "/events/{event}/setup/rooms/new", staff, s.setupRoomCreate},
		{"GET", "/rooms/{id}/edit", staff, s.setupRoomEdit},
		{"POST", "/rooms/{id}/edit", staff, s.setupRoomUpdate},
		{"GET", "/events/{event}/setup/sessions/new", staff, s.setupSessionNew},
		{"POST", "/events/{event}/setup/sessions/new", staff, s.setupSessionCreate},
		{"GET", "/sessions/{id}/edit", staff, s.setupSessionEdit},
		{"POST", "/sessions/{id}/edit", staff, s.setupSessionUpdate},
		{"GET", "/events/{event}/setup/delegations/new", staff, s.setupDelegationNew},
		{"POST", "/events/{event}/setup/delegations/new", staff, s.setupDelegationCreate},
		{"GET", "/delegations/{id}/edit", staff, s.setupDelegationEdit},
		{"POST", "/delegations/{id}/edit", staff, s.setupDelegationUpdate},
	}
}

// setupData is the data of the set-up page.
type setupData struct {
	*EventData
	Venues      []*bilat.Venue
	Rooms       []*bilat.Room
	Delegations []*bilat.Delegation
	Saved       string // the kind of record just saved, for the notice
	view        *view
}

// setupList shows every part of the event's set-up.
func (s *Server) setupList(w http.ResponseWriter, r *http.Request, v *view) error {
	d, err := s.loadEvent(r.Context(), v.Event)
	if err != nil {
		return err
	}
	data := &setupData{EventData: d, Saved: r.URL.Query().Get("saved"), view: v}
	data.Venues = setupSortedByID(d.Venues)
	data.Rooms = setupSortedByID(d.Rooms)
	data.Delegations = setupSortedByID(d.Delegations)
	sort.SliceStable(d.Sessions, func(i, j int) bool { return d.Sessions[i].Start.Before(d.Sessions[j].Start) })
	c := collate.New(language.Make(v.L.Lang), collate.IgnoreCase, collate.IgnoreDiacritics)
	sort.SliceStable(data.Delegations, func(i, j int) bool {
		a, b := data.Delegations[i], data.Delegations[j]
		if a.IsHost != b.IsHost {
			return a.IsHost // the host's own delegation first
		}
		return c.CompareString(v.PartnerName(d.Partners[a.PartnerID]), v.PartnerName(d.Partners[b.PartnerID])) < 0
	})
	v.Title, v.Nav, v.Data = v.L.T("setup.title"), "setup", data
	return s.render(w, http.StatusOK, "setup", v)
}

// setupSortedByID lists a map's records in the order they were created.
func setupSortedByID[T any](m map[int64]*T) []*T {
	ids := make([]int64, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	out := make([]*T, len(ids))
	for i, id := range ids {
		out[i] = m[id]
	}
	return out
}

// VenueName is the name of a venue of the event.
func (d *setupData) VenueName(id int64) string {
	if x := d.EventData.Venues[id]; x != nil {
		return x.Name
	}
	return ""
}

// PersonName is the name of a person of the event.
func (d *setupData) PersonName(id int64) string {
	if p := d.People[id]; p != nil {
		return p.Name
	}
	return ""
}

// PartnerOf is the partner a delegation represents.
func (d *setupData) PartnerOf(x *bilat.Delegation) *bilat.Partner { return d.Partners[x.PartnerID] }
