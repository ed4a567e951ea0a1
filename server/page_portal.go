package server

import (
	"net/http"
	"sort"
	"strconv"
	"strings"

	"bilat"
)

// The delegation portal: a liaison sees their own delegation's requests,
// confirmed meetings and unavailability, submits and withdraws requests,
// and downloads their calendar. The desk invites liaisons from
// /delegations/{id}/invite (page_portal_invite.go).

func (s *Server) portalPages() []pageRoute {
	return []pageRoute{
		{"GET", "/portal", liaison, s.portalPage},
		{"POST", "/portal/requests", liaison, s.portalSubmit},
		{"POST", "/portal/requests/{id}/withdraw", liaison, s.portalWithdraw},
		{"POST", "/portal/unavailability", liaison, s.portalAwayAdd},
		{"POST", "/portal/unavailability/{id}/remove", liaison, s.portalAwayRemove},
		{"GET", "/portal/calendar.ics", liaison, s.portalCalendarPage},
		{"GET", "/delegations/{id}/invite", staff, s.inviteForm},
		{"POST", "/delegations/{id}/invite", staff, s.invite},
		{"GET", "/invite/{secret}", anyone, s.acceptForm},
		{"POST", "/invite/{secret}", anyone, s.accept},
	}
}

// portalFields are the fields of the request form that show their own
// problems.
var portalFields = []string{"targets", "topics", "duration_min", "earliest", "latest", "languages", "notes"}

// portalData is the data of the portal page.
type portalData struct {
	*portal
	Requests   []*bilat.Request
	Meetings   []*PortalMeeting
	Away       []*bilat.ProgrammeSession
	Form       *form // a new request
	AwayForm   *form // a new unavailability
	Principals []option
	Choices    []string // the preferences of the principals' choices
	Topics     map[string]string
	Done       string // what the last action did: submitted, withdrawn, away, removed
}

// Picked reports whether a topic's box was ticked.
func (d *portalData) Picked(code string) bool { return contains(d.Form.Values["topics"], code) }

// PrincipalName is a principal's name.
func (d *portalData) PrincipalName(id int64) string { return d.principals[id] }

// Withdrawable reports whether the status machine lets the delegation
// withdraw a request.
func (d *portalData) Withdrawable(x *bilat.Request) bool {
	return x.Status.CanMoveTo(bilat.StatusWithdrawn)
}

// DelegationName is the liaison's delegation's name in the reader's
// language.
func (v *view) DelegationName() string {
	if d, ok := v.Data.(*portalData); ok {
		return v.PartnerName(d.Partner)
	}
	return ""
}

// portalPage shows the portal with empty forms.
func (s *Server) portalPage(w http.ResponseWriter, r *http.Request, v *view) error {
	f := newForm(nil)
	f.Values.Set("duration_min", "30")
	f.Values.Set("languages", v.L.Lang)
	d := &portalData{Form: f, AwayForm: newForm(nil), Done: r.URL.Query().Get("done")}
	return s.renderPortal(w, r, v, http.StatusOK, d)
}

// renderPortal loads the delegation's records into d and writes the page.
func (s *Server) renderPortal(w http.ResponseWriter, r *http.Request, v *view, status int, d *portalData) error {
	p, err := s.portalOf(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	if err := s.loadPortalNames(ctx, p); err != nil {
		return err
	}
	d.portal = p
	v.Event, v.Zone = p.Event, p.Zone
	if d.Requests, err = s.ownRequests(ctx, p); err != nil {
		return err
	}
	if d.Meetings, err = s.ownMeetings(ctx, p); err != nil {
		return err
	}
	if d.Away, err = s.ownAway(ctx, p); err != nil {
		return err
	}
	if d.Topics, err = s.topicNames(ctx, v.L.Lang); err != nil {
		return err
	}
	d.Principals, d.Choices = s.portalPrincipals(v, p), []string{"1", "2", "3"}
	v.Title, v.Nav, v.Data = v.L.T("portal.title"), "portal", d
	return s.render(w, status, "portal", v)
}

// portalPrincipals are the choices of principals, the first empty.
func (s *Server) portalPrincipals(v *view, p *portal) []option {
	out := []option{{"", v.L.T("portal.choose")}}
	for id, name := range p.principals {
		out = append(out, option{strconv.FormatInt(id, 10), name})
	}
	rest := out[1:]
	sort.Slice(rest, func(i, j int) bool {
		return rest[i].Label < rest[j].Label || rest[i].Label == rest[j].Label && rest[i].Value < rest[j].Value
	})
	return out
}

// portalSubmit creates a request of the liaison's delegation from the
// form. The delegation, status and priority are the desk's to decide, not
// the form's: a request from the portal always starts as requested, of
// normal priority, for the liaison's own delegation.
func (s *Server) portalSubmit(w http.ResponseWriter, r *http.Request, v *view) error {
	p, err := s.portalOf(r)
	if err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return invalid("form", "cannot be read: %v", err)
	}
	f := newForm(r.PostForm)
	f.Values.Set("priority", "3")
	f.Values.Set("delegation_id", strconv.FormatInt(p.Delegation.ID, 10))
	v.Event, v.Zone = p.Event, p.Zone
	x, err := inboxRequestOf(v, f)
	if err == nil {
		x.DelegationID, x.RequestedByID = p.Delegation.ID, p.Delegation.HeadID
		x.Status = bilat.StatusRequested
		err = s.desk.CreateRequest(r.Context(), actor(r), x)
	}
	if err != nil {
		if !f.Fail(v.L, err, portalFields...) {
			return err
		}
		return s.renderPortal(w, r, v, http.StatusUnprocessableEntity, &portalData{Form: f, AwayForm: newForm(nil)})
	}
	redirect(w, r, "/portal?done=submitted#requests")
	return nil
}

// portalWithdraw withdraws one of the delegation's requests at the
// version the page showed.
func (s *Server) portalWithdraw(w http.ResponseWriter, r *http.Request, v *view) error {
	p, err := s.portalOf(r)
	if err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	x, err := s.ownRequest(r.Context(), p, id)
	if err != nil {
		return err
	}
	version, err := strconv.Atoi(strings.TrimSpace(r.PostFormValue("version")))
	if err != nil {
		version = x.Version
	}
	if _, err := s.desk.TransitionRequest(r.Context(), actor(r), x.ID, bilat.Transition{To: bilat.StatusWithdrawn, Version: version}); err != nil {
		return err
	}
	redirect(w, r, "/portal?done=withdrawn#requests")
	return nil
}
