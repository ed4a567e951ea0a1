package server

import (
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"bilat"
)

// Inviting a delegation's liaison: the desk makes a single-use link that
// expires, sends it by its own means, and sees which invitations were
// used and by which account. The liaison opens the link, chooses a
// username and a password, and is signed in to the portal.
//
// A used, expired or unknown invitation answers 401 (the link is a
// credential that no longer opens anything) and changes nothing.

// inviteData is the data of the desk's invitation page.
type inviteData struct {
	Event       *bilat.Event
	Delegation  *bilat.Delegation
	Partner     *bilat.Partner
	Form        *form
	Link        string // the new invitation's link, shown only once
	Invitations []*inviteRow
}

// inviteRow is one past invitation and the account made from it.
type inviteRow struct {
	*bilat.Invitation
	State    string // open, used or expired
	Username string
}

// inviteDays bounds how long an invitation may stay open.
const (
	inviteDefaultDays = 7
	inviteMaxDays     = 30
)

// inviteFields are the fields of the invitation form.
var inviteFields = []string{"days", "note"}

// inviteForm shows the invitations of a delegation and the form to make one.
func (s *Server) inviteForm(w http.ResponseWriter, r *http.Request, v *view) error {
	f := newForm(nil)
	f.Values.Set("days", strconv.Itoa(inviteDefaultDays))
	return s.renderInvite(w, r, v, http.StatusOK, &inviteData{Form: f})
}

// invite makes an invitation and shows its link once.
func (s *Server) invite(w http.ResponseWriter, r *http.Request, v *view) error {
	if err := r.ParseForm(); err != nil {
		return invalid("form", "cannot be read: %v", err)
	}
	d := &inviteData{Form: newForm(r.PostForm)}
	if err := s.loadInvite(r, v, d); err != nil {
		return err
	}
	inv, err := inviteOf(v, d)
	var secret string
	if err == nil {
		secret, err = s.desk.CreateInvitation(r.Context(), actor(r), inv)
	}
	if err != nil {
		if !d.Form.Fail(v.L, err, inviteFields...) {
			return err
		}
		return s.renderInvite(w, r, v, http.StatusUnprocessableEntity, d)
	}
	d.Link = s.inviteOrigin(r) + "/invite/" + secret
	d.Form = newForm(nil)
	d.Form.Values.Set("days", strconv.Itoa(inviteDefaultDays))
	return s.renderInvite(w, r, v, http.StatusCreated, d)
}

// inviteOf reads the form into an invitation of the delegation.
func inviteOf(v *view, d *inviteData) (*bilat.Invitation, error) {
	p := bilat.NewProblems("")
	days, err := strconv.Atoi(strings.TrimSpace(d.Form.Value("days")))
	p.Check(err == nil && days >= 1 && days <= inviteMaxDays, "days", "%s", v.L.T("portal.invite.days_range", "Max", inviteMaxDays))
	note := strings.TrimSpace(d.Form.Value("note"))
	p.Check(len([]rune(note)) <= 200, "note", "%s", v.L.T("portal.away.long"))
	p.Check(!d.Delegation.IsHost, "note", "%s", v.L.T("portal.invite.host"))
	inv := &bilat.Invitation{EventID: d.Delegation.EventID, DelegationID: d.Delegation.ID, Note: note,
		ExpiresAt: time.Now().Add(time.Duration(days) * 24 * time.Hour)}
	return inv, p.Err("invitation")
}

// loadInvite finds the delegation the path names, its event and partner.
func (s *Server) loadInvite(r *http.Request, v *view, d *inviteData) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	if d.Delegation, err = s.desk.Delegation(ctx, id); err != nil {
		return err
	}
	if d.Event, err = s.desk.Event(ctx, d.Delegation.EventID); err != nil {
		return err
	}
	if d.Partner, err = s.desk.Partner(ctx, d.Delegation.PartnerID); err != nil {
		return err
	}
	v.Event = d.Event
	if zone, err := d.Event.Location(); err == nil {
		v.Zone = zone
	}
	return nil
}

// renderInvite writes the invitation page with the delegation's
// invitations.
func (s *Server) renderInvite(w http.ResponseWriter, r *http.Request, v *view, status int, d *inviteData) error {
	if d.Delegation == nil {
		if err := s.loadInvite(r, v, d); err != nil {
			return err
		}
	}
	ctx := r.Context()
	invs, err := s.desk.ListInvitations(ctx, d.Delegation.ID)
	if err != nil {
		return err
	}
	now := time.Now()
	d.Invitations = nil
	for _, inv := range invs {
		row := &inviteRow{Invitation: inv, State: "open"}
		switch {
		case inv.UsedAt != nil:
			row.State = "used"
			if u, err := s.desk.User(ctx, inv.UserID); err == nil {
				row.Username = u.Username
			}
		case !now.Before(inv.ExpiresAt):
			row.State = "expired"
		}
		d.Invitations = append(d.Invitations, row)
	}
	v.Title, v.Nav, v.Data = v.L.T("portal.invite.title", "Name", v.PartnerName(d.Partner)), "setup", d
	return s.render(w, status, "portal-invite", v)
}

// inviteOrigin is the scheme and host the request reached, for links to send:
// https when served over TLS, behind a proxy for secure cookies, or when a
// trusted proxy says so.
func (s *Server) inviteOrigin(r *http.Request) string {
	scheme := "http"
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	if r.TLS != nil || s.cfg.SecureCookies || (s.trusted(host) && r.Header.Get("X-Forwarded-Proto") == "https") {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// acceptData is the data of the page that opens an invitation.
type acceptData struct {
	Event     *bilat.Event
	Partner   *bilat.Partner
	Form      *form
	Refusal   string // why the invitation opens nothing
	SignedIn  bool   // someone is signed in: they must sign out first
	Secret    string
	EventName string
}

// acceptFields are the fields of the account form.
var acceptFields = []string{"username", "password", "password2"}

// acceptForm says which event and delegation an invitation is for and
// asks for a username and password.
func (s *Server) acceptForm(w http.ResponseWriter, r *http.Request, v *view) error {
	return s.renderAccept(w, r, v, http.StatusOK, newForm(nil))
}

// accept creates the liaison's account from the invitation, all or
// nothing, and signs them in with a new session.
func (s *Server) accept(w http.ResponseWriter, r *http.Request, v *view) error {
	if userOf(r) != nil {
		return s.renderAccept(w, r, v, http.StatusConflict, newForm(nil))
	}
	if err := r.ParseForm(); err != nil {
		return invalid("form", "cannot be read: %v", err)
	}
	username := strings.ToLower(strings.TrimSpace(r.PostFormValue("username")))
	password, again := r.PostFormValue("password"), r.PostFormValue("password2")
	f := newForm(url.Values{"username": {username}}) // passwords are never shown again
	if password != again {
		f.Problems["password2"] = v.L.T("portal.accept.mismatch")
		return s.renderAccept(w, r, v, http.StatusUnprocessableEntity, f)
	}
	u, err := s.desk.AcceptInvitation(r.Context(), r.PathValue("secret"), username, password, callerOf(r).address)
	switch code := bilat.ErrorCode(err); {
	case code == bilat.ECONFLICT:
		f.Problems["username"] = v.L.T("portal.accept.taken")
		return s.renderAccept(w, r, v, http.StatusConflict, f)
	case code == bilat.EINVALID:
		f.Fail(v.L, err, acceptFields...)
		return s.renderAccept(w, r, v, http.StatusUnprocessableEntity, f)
	case err != nil:
		return s.renderAccept(w, r, v, portalStatus(err), f)
	}
	if err := s.sessions.RenewToken(r.Context()); err != nil {
		return err
	}
	s.sessions.Put(r.Context(), sessionUserKey, u.ID)
	s.sessions.Put(r.Context(), sessionEpochKey, u.SessionEpoch)
	redirect(w, r, "/portal")
	return nil
}

// portalStatus is the HTTP status of an error.
func portalStatus(err error) int {
	if status, ok := statuses[bilat.ErrorCode(err)]; ok {
		return status
	}
	return http.StatusInternalServerError
}

// renderAccept writes the invitation's page: its event and delegation and
// the form, or why it opens nothing.
func (s *Server) renderAccept(w http.ResponseWriter, r *http.Request, v *view, status int, f *form) error {
	d := &acceptData{Form: f, Secret: r.PathValue("secret"), SignedIn: userOf(r) != nil}
	v.Title, v.Data = v.L.T("portal.accept.title"), d
	if d.SignedIn {
		return s.render(w, status, "portal-accept", v)
	}
	ctx := r.Context()
	inv, err := s.desk.Invitation(ctx, d.Secret)
	if err != nil {
		if bilat.ErrorCode(err) != bilat.EUNAUTHORIZED {
			return err
		}
		d.Refusal = invitationRefusal(v, err)
		return s.render(w, http.StatusUnauthorized, "portal-accept", v)
	}
	if d.Event, err = s.desk.Event(ctx, inv.EventID); err != nil {
		return err
	}
	dl, err := s.desk.Delegation(ctx, inv.DelegationID)
	if err != nil {
		return err
	}
	if d.Partner, err = s.desk.Partner(ctx, dl.PartnerID); err != nil {
		return err
	}
	d.EventName = eventName(d.Event, v.L.Lang)
	return s.render(w, status, "portal-accept", v)
}

// invitationRefusal says, in the reader's language, why an invitation
// opens nothing.
func invitationRefusal(v *view, err error) string {
	msg := bilat.ErrorMessage(err)
	switch {
	case strings.Contains(msg, "used"):
		return v.L.T("portal.accept.used")
	case strings.Contains(msg, "expired"):
		return v.L.T("portal.accept.expired")
	}
	return v.L.T("portal.accept.invalid")
}
