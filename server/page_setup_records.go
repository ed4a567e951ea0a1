package server

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"bilat"
)

// The create and edit forms of an event's rooms, venues, programme
// sessions and delegations. Each kind has: its form's values from a record,
// the record from the form, the choices its selects offer, and four
// handlers (show and save, new and edit). An edit starts from the stored
// record so that fields the form does not show (illustrative, the host's
// flag) keep their values.

// setupEditFor starts the form of an event's record: a new one when
// editPath is empty.
func setupEditFor(v *view, kind, editPath string, values url.Values) *setupEdit {
	action := v.EventURL("/setup/" + kind + "s/new")
	if editPath != "" {
		action = editPath
	}
	return newSetupEdit("setup", kind, action, v.EventURL("/setup#"+kind+"s"), v.EventURL("/setup?saved="+kind+"#"+kind+"s"), values)
}

// setupPosted reads a posted form.
func setupPosted(r *http.Request) (url.Values, error) {
	if err := r.ParseForm(); err != nil {
		return nil, bilat.Errorf(bilat.EINVALID, "the form could not be read: %v", err)
	}
	return r.PostForm, nil
}

// setupRecord finds the record of an edit path's {id} and puts its event
// in the view.
func setupRecord[T any](s *Server, r *http.Request, v *view, fetch func(context.Context, int64) (*T, error), eventID func(*T) int64) (*T, error) {
	x, err := byID(fetch)(r)
	if err != nil {
		return nil, err
	}
	return x, s.setupInEvent(r.Context(), v, eventID(x))
}

// Rooms.

var setupRoomFields = []string{"venue_id", "name", "capacity", "features"}

// setupRoomValues is the form of a stored room.
func setupRoomValues(x *bilat.Room) url.Values {
	return url.Values{"venue_id": {setupID(x.VenueID)}, "name": {x.Name}, "capacity": {strconv.Itoa(x.Capacity)},
		"features": {strings.Join(x.Features, ", ")}, "version": {strconv.Itoa(x.Version)}}
}

// room fills a room from the form.
func (d *setupEdit) room(v *view, x *bilat.Room) {
	x.VenueID = d.idField(v, "venue_id")
	x.Name = strings.TrimSpace(d.F.Value("name"))
	x.Capacity = d.intField(v, "capacity")
	x.Features = setupWords(strings.ToLower(d.F.Value("features")))
	x.Version = setupVersion(d.F)
}

// setupVenueChoices offers the event's venues.
func (s *Server) setupVenueChoices(ctx context.Context, v *view, blank bool) ([]option, error) {
	venues, err := all(ctx, pageOf(bilat.EventPart{EventID: v.Event.ID}, s.desk.ListVenues))
	if err != nil {
		return nil, err
	}
	opts := []option{}
	for _, x := range venues {
		opts = append(opts, option{Value: setupID(x.ID), Label: x.Name})
	}
	return setupWithBlank(v, blank, opts), nil
}

// setupRoomOptions loads the choices of the room form.
func (s *Server) setupRoomOptions(r *http.Request, v *view) func(*setupEdit) error {
	return func(d *setupEdit) (err error) {
		d.Options["venue_id"], err = s.setupVenueChoices(r.Context(), v, false)
		return err
	}
}

// setupRoomNew shows the form of a new room.
func (s *Server) setupRoomNew(w http.ResponseWriter, r *http.Request, v *view) error {
	d := setupEditFor(v, "room", "", nil)
	if err := s.setupRoomOptions(r, v)(d); err != nil {
		return err
	}
	return s.setupShow(w, v, d)
}

// setupRoomCreate saves a new room.
func (s *Server) setupRoomCreate(w http.ResponseWriter, r *http.Request, v *view) error {
	values, err := setupPosted(r)
	if err != nil {
		return err
	}
	d := setupEditFor(v, "room", "", values)
	x := &bilat.Room{EventID: v.Event.ID}
	d.room(v, x)
	return s.setupSubmit(w, r, v, d, x.Validate, func() error { return s.desk.CreateRoom(r.Context(), actor(r), x) }, s.setupRoomOptions(r, v), setupRoomFields...)
}

// setupRoomEdit shows the form of a stored room.
func (s *Server) setupRoomEdit(w http.ResponseWriter, r *http.Request, v *view) error {
	x, err := setupRecord(s, r, v, s.desk.Room, func(x *bilat.Room) int64 { return x.EventID })
	if err != nil {
		return err
	}
	d := setupEditFor(v, "room", r.URL.Path, setupRoomValues(x))
	if err := s.setupRoomOptions(r, v)(d); err != nil {
		return err
	}
	return s.setupShow(w, v, d)
}

// setupRoomUpdate saves a stored room.
func (s *Server) setupRoomUpdate(w http.ResponseWriter, r *http.Request, v *view) error {
	x, err := setupRecord(s, r, v, s.desk.Room, func(x *bilat.Room) int64 { return x.EventID })
	if err != nil {
		return err
	}
	values, err := setupPosted(r)
	if err != nil {
		return err
	}
	d := setupEditFor(v, "room", r.URL.Path, values)
	d.room(v, x)
	return s.setupSubmit(w, r, v, d, x.Validate, func() error { return s.desk.UpdateRoom(r.Context(), actor(r), x) }, s.setupRoomOptions(r, v), setupRoomFields...)
}

// Venues: the minutes to each other venue of the event are one field per
// venue ("travel-<id>"), blank when not known.

var setupVenueFields = []string{"name", "address"}

// setupTravelRow is one other venue of the event and its field.
type setupTravelRow struct {
	VenueID int64
	Name    string
	Field   string
}

// setupVenueValues is the form of a stored venue.
func setupVenueValues(x *bilat.Venue) url.Values {
	values := url.Values{"name": {x.Name}, "address": {x.Address}, "version": {strconv.Itoa(x.Version)}}
	for _, t := range x.Travel {
		values.Set(setupTravelField(t.VenueID), strconv.Itoa(t.Minutes))
	}
	return values
}

// setupTravelField is the field of the minutes to a venue.
func setupTravelField(venueID int64) string { return "travel-" + strconv.FormatInt(venueID, 10) }

// venue fills a venue from the form; the travel rows are the other venues.
func (d *setupEdit) venue(v *view, x *bilat.Venue) {
	x.Name = strings.TrimSpace(d.F.Value("name"))
	x.Address = strings.TrimSpace(d.F.Value("address"))
	x.Version = setupVersion(d.F)
	x.Travel = []bilat.TravelTime{}
	for _, row := range d.Travel {
		if strings.TrimSpace(d.F.Value(row.Field)) == "" {
			continue
		}
		x.Travel = append(x.Travel, bilat.TravelTime{VenueID: row.VenueID, Minutes: d.intField(v, row.Field)})
	}
}

// setupVenueRows lists the other venues of the event as travel rows.
func (s *Server) setupVenueRows(ctx context.Context, v *view, d *setupEdit, self int64) error {
	venues, err := all(ctx, pageOf(bilat.EventPart{EventID: v.Event.ID}, s.desk.ListVenues))
	if err != nil {
		return err
	}
	d.Travel = nil
	for _, x := range venues {
		if x.ID != self {
			d.Travel = append(d.Travel, setupTravelRow{VenueID: x.ID, Name: x.Name, Field: setupTravelField(x.ID)})
		}
	}
	return nil
}

// setupTravelProblems names each travel problem by its row's field, as the
// store numbers them in the order of the venue's travel list.
func setupTravelProblems(err error, x *bilat.Venue) error {
	problems := bilat.ErrorProblems(err)
	if bilat.ErrorCode(err) != bilat.EINVALID || len(problems) == 0 {
		return err
	}
	out := make([]bilat.Problem, len(problems))
	for i, p := range problems {
		out[i] = p
		for j, t := range x.Travel {
			if strings.HasPrefix(p.Field, fmt.Sprintf("travel[%d].", j)) {
				out[i].Field = setupTravelField(t.VenueID)
			}
		}
	}
	return &bilat.Error{Code: bilat.EINVALID, Message: bilat.ErrorMessage(err), Problems: out}
}

// setupVenueFieldsOf lists the fields of a venue form, travel rows included.
func setupVenueFieldsOf(d *setupEdit) []string {
	fields := append([]string{}, setupVenueFields...)
	for _, row := range d.Travel {
		fields = append(fields, row.Field)
	}
	return fields
}

// setupVenueNew shows the form of a new venue.
func (s *Server) setupVenueNew(w http.ResponseWriter, r *http.Request, v *view) error {
	d := setupEditFor(v, "venue", "", nil)
	if err := s.setupVenueRows(r.Context(), v, d, 0); err != nil {
		return err
	}
	return s.setupShow(w, v, d)
}

// setupVenueCreate saves a new venue.
func (s *Server) setupVenueCreate(w http.ResponseWriter, r *http.Request, v *view) error {
	values, err := setupPosted(r)
	if err != nil {
		return err
	}
	d := setupEditFor(v, "venue", "", values)
	if err := s.setupVenueRows(r.Context(), v, d, 0); err != nil {
		return err
	}
	x := &bilat.Venue{EventID: v.Event.ID}
	d.venue(v, x)
	validate := func() error { return setupTravelProblems(x.Validate(), x) }
	save := func() error { return setupTravelProblems(s.desk.CreateVenue(r.Context(), actor(r), x), x) }
	return s.setupSubmit(w, r, v, d, validate, save, func(*setupEdit) error { return nil }, setupVenueFieldsOf(d)...)
}

// setupVenueEdit shows the form of a stored venue.
func (s *Server) setupVenueEdit(w http.ResponseWriter, r *http.Request, v *view) error {
	x, err := setupRecord(s, r, v, s.desk.Venue, func(x *bilat.Venue) int64 { return x.EventID })
	if err != nil {
		return err
	}
	d := setupEditFor(v, "venue", r.URL.Path, setupVenueValues(x))
	if err := s.setupVenueRows(r.Context(), v, d, x.ID); err != nil {
		return err
	}
	return s.setupShow(w, v, d)
}

// setupVenueUpdate saves a stored venue.
func (s *Server) setupVenueUpdate(w http.ResponseWriter, r *http.Request, v *view) error {
	x, err := setupRecord(s, r, v, s.desk.Venue, func(x *bilat.Venue) int64 { return x.EventID })
	if err != nil {
		return err
	}
	values, err := setupPosted(r)
	if err != nil {
		return err
	}
	d := setupEditFor(v, "venue", r.URL.Path, values)
	if err := s.setupVenueRows(r.Context(), v, d, x.ID); err != nil {
		return err
	}
	d.venue(v, x)
	validate := func() error { return setupTravelProblems(x.Validate(), x) }
	save := func() error { return setupTravelProblems(s.desk.UpdateVenue(r.Context(), actor(r), x), x) }
	return s.setupSubmit(w, r, v, d, validate, save, func(*setupEdit) error { return nil }, setupVenueFieldsOf(d)...)
}

// Programme sessions: start and end are typed in the event's time zone.

var setupSessionFields = []string{"kind", "title", "start", "end", "venue_id", "attendees"}

// setupSessionValues is the form of a stored session, its times in the event's zone.
func setupSessionValues(v *view, x *bilat.ProgrammeSession) url.Values {
	values := url.Values{"kind": {string(x.Kind)}, "title": {x.Title}, "start": {setupLocalInput(v, x.Start)},
		"end": {setupLocalInput(v, x.End)}, "venue_id": {setupID(x.VenueID)}, "version": {strconv.Itoa(x.Version)}}
	for _, p := range x.Attendees {
		values.Add("attendees", setupID(p))
	}
	return values
}

// session fills a programme session from the form.
func (d *setupEdit) session(v *view, x *bilat.ProgrammeSession) {
	x.Kind = bilat.SessionKind(d.F.Value("kind"))
	x.Title = strings.TrimSpace(d.F.Value("title"))
	x.Start = d.timeField(v, "start")
	x.End = d.timeField(v, "end")
	x.VenueID = d.idField(v, "venue_id")
	x.Attendees = d.idsField(v, "attendees")
	x.Version = setupVersion(d.F)
}

// setupSessionOptions loads the choices of the session form.
func (s *Server) setupSessionOptions(r *http.Request, v *view) func(*setupEdit) error {
	return func(d *setupEdit) (err error) {
		for _, k := range bilat.SessionKinds {
			d.Options["kind"] = append(d.Options["kind"], option{Value: string(k), Label: v.L.T("setup.kind." + string(k))})
		}
		if d.Options["venue_id"], err = s.setupVenueChoices(r.Context(), v, true); err != nil {
			return err
		}
		d.Options["attendees"], err = s.setupPeopleOptions(r.Context(), v, false)
		return err
	}
}

// setupSessionNew shows the form of a new programme session.
func (s *Server) setupSessionNew(w http.ResponseWriter, r *http.Request, v *view) error {
	d := setupEditFor(v, "session", "", url.Values{"kind": {string(bilat.SessionPlenary)}})
	if err := s.setupSessionOptions(r, v)(d); err != nil {
		return err
	}
	return s.setupShow(w, v, d)
}

// setupSessionCreate saves a new programme session.
func (s *Server) setupSessionCreate(w http.ResponseWriter, r *http.Request, v *view) error {
	values, err := setupPosted(r)
	if err != nil {
		return err
	}
	d := setupEditFor(v, "session", "", values)
	x := &bilat.ProgrammeSession{EventID: v.Event.ID}
	d.session(v, x)
	save := func() error { return s.desk.CreateSession(r.Context(), actor(r), x) }
	return s.setupSubmit(w, r, v, d, x.Validate, save, s.setupSessionOptions(r, v), setupSessionFields...)
}

// setupSessionEdit shows the form of a stored programme session.
func (s *Server) setupSessionEdit(w http.ResponseWriter, r *http.Request, v *view) error {
	x, err := setupRecord(s, r, v, s.desk.Session, func(x *bilat.ProgrammeSession) int64 { return x.EventID })
	if err != nil {
		return err
	}
	d := setupEditFor(v, "session", r.URL.Path, setupSessionValues(v, x))
	if err := s.setupSessionOptions(r, v)(d); err != nil {
		return err
	}
	return s.setupShow(w, v, d)
}

// setupSessionUpdate saves a stored programme session.
func (s *Server) setupSessionUpdate(w http.ResponseWriter, r *http.Request, v *view) error {
	x, err := setupRecord(s, r, v, s.desk.Session, func(x *bilat.ProgrammeSession) int64 { return x.EventID })
	if err != nil {
		return err
	}
	values, err := setupPosted(r)
	if err != nil {
		return err
	}
	d := setupEditFor(v, "session", r.URL.Path, values)
	d.session(v, x)
	save := func() error { return s.desk.UpdateSession(r.Context(), actor(r), x) }
	return s.setupSubmit(w, r, v, d, x.Validate, save, s.setupSessionOptions(r, v), setupSessionFields...)
}

// Delegations.

var setupDelegationFields = []string{"partner_id", "head_id", "members", "notes", "notes_restricted"}

// setupDelegationValues is the form of a stored delegation.
func setupDelegationValues(x *bilat.Delegation) url.Values {
	values := url.Values{"partner_id": {setupID(x.PartnerID)}, "head_id": {setupID(x.HeadID)}, "notes": {x.Notes},
		"notes_restricted": restrictedValue(x.NotesRestricted), "version": {strconv.Itoa(x.Version)}}
	for _, p := range x.Members {
		values.Add("members", setupID(p))
	}
	return values
}

// delegation fills a delegation from the form.
func (d *setupEdit) delegation(v *view, x *bilat.Delegation) {
	x.PartnerID = d.idField(v, "partner_id")
	x.HeadID = d.idField(v, "head_id")
	x.Members = d.idsField(v, "members")
	x.Notes = strings.TrimSpace(d.F.Value("notes"))
	x.NotesRestricted = restrictedChecked(d.F)
	x.Version = setupVersion(d.F)
}

// setupDelegationOptions loads the choices of the delegation form.
func (s *Server) setupDelegationOptions(r *http.Request, v *view) func(*setupEdit) error {
	return func(d *setupEdit) (err error) {
		if d.Options["partner_id"], err = s.setupPartnerOptions(r.Context(), v, true); err != nil {
			return err
		}
		if d.Options["head_id"], err = s.setupPeopleOptions(r.Context(), v, true); err != nil {
			return err
		}
		d.Options["members"] = d.Options["head_id"][1:]
		return nil
	}
}

// setupDelegationNew shows the form of a new delegation.
func (s *Server) setupDelegationNew(w http.ResponseWriter, r *http.Request, v *view) error {
	d := setupEditFor(v, "delegation", "", nil)
	if err := s.setupDelegationOptions(r, v)(d); err != nil {
		return err
	}
	return s.setupShow(w, v, d)
}

// setupDelegationCreate saves a new delegation.
func (s *Server) setupDelegationCreate(w http.ResponseWriter, r *http.Request, v *view) error {
	values, err := setupPosted(r)
	if err != nil {
		return err
	}
	d := setupEditFor(v, "delegation", "", values)
	x := &bilat.Delegation{EventID: v.Event.ID}
	d.delegation(v, x)
	save := func() error { return s.desk.CreateDelegation(r.Context(), actor(r), x) }
	return s.setupSubmit(w, r, v, d, x.Validate, save, s.setupDelegationOptions(r, v), setupDelegationFields...)
}

// setupDelegationEdit shows the form of a stored delegation.
func (s *Server) setupDelegationEdit(w http.ResponseWriter, r *http.Request, v *view) error {
	x, err := setupRecord(s, r, v, s.desk.Delegation, func(x *bilat.Delegation) int64 { return x.EventID })
	if err != nil {
		return err
	}
	d := setupEditFor(v, "delegation", r.URL.Path, setupDelegationValues(x))
	if err := s.setupDelegationOptions(r, v)(d); err != nil {
		return err
	}
	return s.setupShow(w, v, d)
}

// setupDelegationUpdate saves a stored delegation.
func (s *Server) setupDelegationUpdate(w http.ResponseWriter, r *http.Request, v *view) error {
	x, err := setupRecord(s, r, v, s.desk.Delegation, func(x *bilat.Delegation) int64 { return x.EventID })
	if err != nil {
		return err
	}
	values, err := setupPosted(r)
	if err != nil {
		return err
	}
	d := setupEditFor(v, "delegation", r.URL.Path, values)
	d.delegation(v, x)
	save := func() error { return s.desk.UpdateDelegation(r.Context(), actor(r), x) }
	return s.setupSubmit(w, r, v, d, x.Validate, save, s.setupDelegationOptions(r, v), setupDelegationFields...)
}
