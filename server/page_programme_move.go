package server

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"bilat"
	"bilat/plan"
)

// A meeting moves by hand through the pick-a-slot page (a dialog with
// JavaScript), which offers only the slots plan.Mover finds valid, or by
// dropping its block on the grid. Either way the move is checked again
// against the same rules before it is saved, and a refusal says what is
// in the way; the store refuses a double booking that slips past (two
// desk officers at once) with a conflict.

// progSlotStep is the minutes between the starts the dialog offers: the
// scheduler's 5-minute grid would make a list too long to read.
const progSlotStep = 15

// slotsData is the pick-a-slot page's data.
type slotsData struct {
	Meeting   *bilat.Meeting
	Partner   *bilat.Partner
	Principal string
	Room      string
	Back      progView
	Days      []progDay
	Day       string
	Groups    []slotGroup
	Refusal   []string // why the last move was refused
	Failed    string   // a refusal that is not a clash (a stale version)
}

// slotGroup is the rooms free at one start.
type slotGroup struct {
	Start, End time.Time
	Rooms      []slotRoom
}

// slotRoom is one room of a slot; Value is what the form posts.
type slotRoom struct {
	ID    int64
	Name  string
	Value string
}

// BackURL is the programme the page returns to.
func (d *slotsData) BackURL() string { return "?" + d.Back.query() }

// DayURL is the pick-a-slot page of another day.
func (d *slotsData) DayURL(day string) string {
	q, _ := url.ParseQuery(d.Back.query())
	q.Set("slot_day", day)
	return "?" + q.Encode()
}

// programmeMeeting loads the meeting {id} and puts its event in the view.
func (s *Server) programmeMeeting(r *http.Request, v *view) (*bilat.Meeting, error) {
	m, err := byID(s.desk.Meeting)(r)
	if err != nil {
		return nil, err
	}
	e, err := s.desk.Event(r.Context(), m.EventID)
	if err != nil {
		return nil, err
	}
	v.Event = e
	if zone, err := time.LoadLocation(e.Timezone); err == nil {
		v.Zone = zone
	}
	return m, nil
}

// programmeSlots serves the pick-a-slot page of a meeting for one day.
func (s *Server) programmeSlots(w http.ResponseWriter, r *http.Request, v *view) error {
	m, err := s.programmeMeeting(r, v)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	d, err := s.slotsOf(r.Context(), v, m, progViewOf(q, v.Event, v.Zone), q.Get("slot_day"))
	if err != nil {
		return err
	}
	return s.renderSlots(w, r, v, d, http.StatusOK)
}

// renderSlots writes the pick-a-slot page. A refusal is a 409 for a plain
// form post, but a 200 for htmx, which swaps only successful responses.
func (s *Server) renderSlots(w http.ResponseWriter, r *http.Request, v *view, d *slotsData, status int) error {
	if status != http.StatusOK && r.Header.Get("HX-Request") == "true" {
		status = http.StatusOK
	}
	v.Title, v.Nav, v.Data = v.L.T("programme.slots.title"), "programme", d
	return s.render(w, status, "programme-slots", v)
}

// slotsOf lists the valid slots of meeting m on day (the meeting's own day
// when day is not one of the event's).
func (s *Server) slotsOf(ctx context.Context, v *view, m *bilat.Meeting, back progView, day string) (*slotsData, error) {
	if day < v.Event.FirstDay || day > v.Event.LastDay {
		day = v.Local(m.Start).Format(time.DateOnly)
	}
	pw, err := s.programmeWorld(ctx, v.Event)
	if err != nil {
		return nil, err
	}
	d := &slotsData{Meeting: m, Partner: pw.Counterpart(m), Principal: pw.PrincipalName(m.PrincipalID), Room: pw.RoomName(m.RoomID),
		Back: back, Days: progDays(v.Event, v.Zone, day), Day: day}
	if m.Status != bilat.StatusScheduled {
		return d, nil
	}
	mv, err := plan.NewMover(ctx, s.desk, v.Event.ID, plan.BuildOptions{})
	if err != nil {
		return nil, err
	}
	for _, sl := range mv.Slots(m.ID, day, progSlotStep) {
		start := v.Local(sl.Start)
		if n := len(d.Groups); n == 0 || !d.Groups[n-1].Start.Equal(start) {
			d.Groups = append(d.Groups, slotGroup{Start: start, End: v.Local(sl.End)})
		}
		g := &d.Groups[len(d.Groups)-1]
		g.Rooms = append(g.Rooms, slotRoom{ID: sl.RoomID, Name: pw.RoomName(sl.RoomID), Value: start.Format(progTimeLayout) + "|" + strconv.FormatInt(sl.RoomID, 10)})
	}
	return d, nil
}

// progTimeLayout is how forms carry a start: local wall-clock time.
const progTimeLayout = "2006-01-02T15:04"

// moveForm is a move as posted: by the dialog (slot = start|room) or by a
// drop on the grid (start and room_id).
type moveForm struct {
	Start   time.Time
	RoomID  int64
	Version int
}

// parseMove reads a posted move, in the event's zone; a room left out
// keeps the meeting's.
func parseMove(f url.Values, zone *time.Location, m *bilat.Meeting) (moveForm, error) {
	start, room := f.Get("start"), f.Get("room_id")
	if slot := f.Get("slot"); slot != "" {
		start, room, _ = strings.Cut(slot, "|")
	}
	v := bilat.NewProblems("")
	var mf moveForm
	var err error
	mf.Start, err = time.ParseInLocation(progTimeLayout, start, zone)
	v.Check(err == nil, "start", "must be a date and time such as 2025-11-24T10:30")
	mf.RoomID = m.RoomID
	if room != "" {
		mf.RoomID, err = strconv.ParseInt(room, 10, 64)
		v.Check(err == nil, "room_id", "must be a room id")
	}
	mf.Version, err = strconv.Atoi(f.Get("version"))
	v.Check(err == nil && mf.Version > 0, "version", "is required")
	return mf, v.Err("move")
}

// programmeMove moves a meeting when the move keeps every rule, and
// otherwise shows the pick-a-slot page with the reasons.
func (s *Server) programmeMove(w http.ResponseWriter, r *http.Request, v *view) error {
	m, err := s.programmeMeeting(r, v)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return err
	}
	back := progViewOf(r.PostForm, v.Event, v.Zone)
	mf, err := parseMove(r.PostForm, v.Zone, m)
	if err != nil {
		return err
	}
	refusal, failed, err := s.tryMove(r.Context(), r, v, m, mf)
	if err != nil {
		return err
	}
	if len(refusal) > 0 || failed != "" {
		d, err := s.slotsOf(r.Context(), v, m, back, v.Local(mf.Start).Format(time.DateOnly))
		if err != nil {
			return err
		}
		d.Refusal, d.Failed = refusal, failed
		return s.renderSlots(w, r, v, d, http.StatusConflict)
	}
	back.Day = v.Local(mf.Start).Format(time.DateOnly)
	return s.backToProgramme(w, r, v, back, "moved")
}

// tryMove checks and saves a move. It returns the reasons a move breaks a
// rule, or a refusal of the store (a stale version, or a double booking
// made meanwhile), or an error of another kind.
func (s *Server) tryMove(ctx context.Context, r *http.Request, v *view, m *bilat.Meeting, mf moveForm) ([]string, string, error) {
	if mf.Version != m.Version {
		return nil, v.L.T("programme.refused.stale"), nil
	}
	mv, err := plan.NewMover(ctx, s.desk, v.Event.ID, plan.BuildOptions{})
	if err != nil {
		return nil, "", err
	}
	if clashes := mv.Check(m.ID, mf.Start, mf.RoomID); len(clashes) > 0 {
		pw, err := s.programmeWorld(ctx, v.Event)
		if err != nil {
			return nil, "", err
		}
		return progClashes(v, pw, m, clashes), "", nil
	}
	length := m.End.Sub(m.Start)
	m.Start, m.End, m.RoomID = mf.Start, mf.Start.Add(length), mf.RoomID
	err = s.desk.UpdateMeeting(ctx, actor(r), m)
	if code := bilat.ErrorCode(err); code == bilat.ECONFLICT || code == bilat.EINVALID {
		return nil, bilat.ErrorMessage(err), nil
	}
	return nil, "", err
}

// backToProgramme ends a change: a plain form post is redirected to the
// programme (Post/Redirect/Get); htmx is told to load the programme in
// place of the current one.
func (s *Server) backToProgramme(w http.ResponseWriter, r *http.Request, v *view, back progView, done string) error {
	target := v.EventURL("/programme") + "?" + back.query() + "&done=" + done
	if r.Header.Get("HX-Request") == "true" {
		loc, err := json.Marshal(map[string]string{"path": target, "target": "#programme", "select": "#programme", "swap": "outerHTML"})
		if err != nil {
			return err
		}
		w.Header().Set("HX-Location", string(loc))
		w.WriteHeader(http.StatusNoContent)
		return nil
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
	return nil
}

// programmePin pins a scheduled meeting, so that the scheduler leaves it
// where it is, or unpins it.
func (s *Server) programmePin(w http.ResponseWriter, r *http.Request, v *view) error {
	m, err := s.programmeMeeting(r, v)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return err
	}
	version, err := strconv.Atoi(r.PostForm.Get("version"))
	if err != nil || version != m.Version {
		return bilat.Errorf(bilat.ECONFLICT, "%s", v.L.T("programme.refused.stale"))
	}
	if m.Status != bilat.StatusScheduled {
		return bilat.Errorf(bilat.ECONFLICT, "%s", v.L.T("programme.refused.not_scheduled"))
	}
	m.Pinned = !m.Pinned
	if err := s.desk.UpdateMeeting(r.Context(), actor(r), m); err != nil {
		return err
	}
	done := "unpinned"
	if m.Pinned {
		done = "pinned"
	}
	back := progViewOf(r.PostForm, v.Event, v.Zone)
	return s.backToProgramme(w, r, v, back, done)
}

// progClashes tells each clash as a sentence in the reader's language.
// Names and times are isolated (U+2068 … U+2069, the plain-text <bdi>) so
// that Latin names and times read right inside Arabic.
func progClashes(v *view, pw *progWorld, m *bilat.Meeting, clashes []plan.Clash) []string {
	out := make([]string, 0, len(clashes))
	for _, c := range clashes {
		out = append(out, progClash(v, pw, m, c))
	}
	return out
}

// isolate wraps text in the Unicode first-strong isolate.
func isolate(s string) string { return "\u2068" + s + "\u2069" }

// progClash tells one clash.
func progClash(v *view, pw *progWorld, m *bilat.Meeting, c plan.Clash) string {
	args := []any{
		"Start", isolate(v.L.Clock(v.Local(c.Start))),
		"End", isolate(v.L.Clock(v.Local(c.End))),
		"Room", isolate(pw.RoomName(c.RoomID)),
		"Person", progPersonName(v, pw, c.PersonID),
		"Session", isolate(progSessionTitle(pw, c.SessionID)),
		"Status", v.L.T("status." + string(m.Status)),
	}
	if x := pw.Requests[c.RequestID]; x != nil {
		args = append(args, "Other", isolate(v.PartnerName(pw.DelegationPartner(x.DelegationID))))
	}
	id := "programme.clash." + string(c.Kind)
	switch c.Kind {
	case plan.ClashEarliest:
		return v.L.T(id, "Time", isolate(v.L.Day(v.Local(c.Start))+" "+v.L.Clock(v.Local(c.Start))))
	case plan.ClashLatest:
		return v.L.T(id, "Time", isolate(v.L.Day(v.Local(c.End))+" "+v.L.Clock(v.Local(c.End))))
	case plan.ClashGap, plan.ClashPerDay, plan.ClashSeats, plan.ClashWindow:
		return v.L.N(id, c.Need, args...)
	}
	return v.L.T(id, args...)
}

// progPersonName is a person's name, isolated, or "someone".
func progPersonName(v *view, pw *progWorld, id int64) string {
	if p := pw.People[id]; p != nil {
		return isolate(p.Name)
	}
	return v.L.T("programme.clash.someone")
}

// progSessionTitle is the title of session id, or "".
func progSessionTitle(pw *progWorld, id int64) string {
	for _, x := range pw.Sessions {
		if x.ID == id {
			return x.Title
		}
	}
	return ""
}
